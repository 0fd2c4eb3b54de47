import type { ImportField } from '@nastavnik/domain';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';

/** The roadmap fields a column of an imported table can be mapped to (values are packages/domain `IMPORT_FIELDS`). */
export enum ImportFieldEnum {
  NUMBER = 'number',
  ACTIVITY = 'activity',
  CONTENT = 'content',
  DEADLINE = 'deadline',
  RESPONSIBLE = 'responsible',
  EXPECTED_RESULT = 'expectedResult',
  INDICATOR = 'indicator',
  DOCUMENT = 'document',
  STAGE = 'stage',
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _check: Same<`${ImportFieldEnum}`, ImportField> = true;
void _check;

registerEnumType(ImportFieldEnum, { name: 'ImportField', description: 'Поле дорожной карты, которому соответствует столбец импортируемой таблицы' });

@InputType('ImportColumnMappingInput', {
  description: 'Какой столбец какой: номер столбца (с 0) и поле; без поля — столбец не сопоставлять (его текст сохраняется при мероприятиях).',
})
export class ImportColumnMappingInput {
  @Field(() => Int)
  column!: number;

  @Field(() => ImportFieldEnum, { nullable: true })
  field?: ImportFieldEnum | null;
}

@InputType('CreateRoadmapFromImportInput')
export class CreateRoadmapFromImportInput {
  @Field(() => ID, { description: 'uploadId из ответа POST /imports/preview.' })
  uploadId!: string;

  @Field(() => ID, { nullable: true, description: 'Организация; по умолчанию — та, для которой загружен файл, или названная в документе.' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Кампания, в ответ на которую создаётся карта.' })
  campaignId?: string | null;

  @Field(() => [ImportColumnMappingInput], { nullable: true, description: 'Поправки к распознанным столбцам (как в предпросмотре).' })
  columnMapping?: ImportColumnMappingInput[] | null;

  @Field(() => String, { nullable: true, description: 'По умолчанию — из документа.' })
  programmeName?: string | null;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД; по умолчанию — период документа, кампании или учебный год.' })
  periodStart?: string | null;

  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД' })
  periodEnd?: string | null;

  @Field(() => String, { nullable: true, description: 'По умолчанию — заголовок документа.' })
  title?: string | null;
}
