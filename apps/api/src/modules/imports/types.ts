import { Field, Int, ObjectType } from 'type-graphql';
import { ImportFieldEnum } from './inputs.js';

@ObjectType('ImportNote', { description: 'Текст документа, который не удалось отнести к полю, — сохранён как написан, с причиной.' })
export class ImportNoteType {
  @Field({ description: '«строка таблицы 12», «столбец 3 «Примечание»».' })
  where!: string;

  @Field()
  text!: string;

  @Field({ description: '«столбец не распознан», «строка с номерами столбцов пропущена»…' })
  reason!: string;

  @Field(() => Int, { nullable: true, description: 'Номер столбца (с 0), если текст из столбца.' })
  column?: number | null;

  @Field(() => String, { nullable: true, description: 'Заголовок этого столбца.' })
  heading?: string | null;
}

@ObjectType('ImportWarning')
export class ImportWarningType {
  @Field()
  where!: string;

  @Field()
  message!: string;
}

@ObjectType('ImportedColumn', { description: 'Столбец таблицы документа и как он распознан.' })
export class ImportedColumnType {
  @Field(() => Int)
  index!: number;

  @Field()
  heading!: string;

  @Field(() => ImportFieldEnum, { nullable: true })
  mappedTo?: ImportFieldEnum | null;

  @Field()
  reason!: string;
}

@ObjectType('ImportedApproval', { description: 'Гриф «УТВЕРЖДАЮ» / «УТВЕРЖДЕНО» как написан в документе (не решение в платформе).' })
export class ImportedApprovalType {
  @Field()
  heading!: string;

  @Field()
  position!: string;

  @Field()
  organization!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД, если дата распознана.' })
  date?: string | null;

  @Field()
  dateText!: string;

  @Field()
  orderNumber!: string;

  @Field(() => String, { nullable: true })
  orderDate?: string | null;

  @Field()
  orderText!: string;

  @Field({ description: 'Гриф целиком, построчно.' })
  text!: string;
}

@ObjectType('ImportedAgreement', { description: 'Гриф «СОГЛАСОВАНО» как написан в документе.' })
export class ImportedAgreementType {
  @Field()
  heading!: string;

  @Field()
  position!: string;

  @Field()
  authority!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  date?: string | null;

  @Field()
  dateText!: string;

  @Field()
  text!: string;
}

@ObjectType('ImportStats')
export class ImportStatsType {
  @Field(() => Int, { description: 'Строк таблицы под заголовком.' })
  rows!: number;

  @Field(() => Int)
  sections!: number;

  @Field(() => Int)
  items!: number;
}
