import { Field, ID, InputType } from 'type-graphql';

@InputType('MarkItemDoneInput', { description: 'Отметка о выполнении мероприятия действующей (согласованной) карты с подтверждением.' })
export class MarkItemDoneInput {
  @Field(() => ID, { description: 'Мероприятие (id строки любой редакции карты).' })
  itemId!: string;

  @Field(() => String, { nullable: true, description: 'Дата выполнения, ГГГГ-ММ-ДД; по умолчанию сегодня.' })
  doneOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Номер документа: «приказ № 336».' })
  documentNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Дата документа, ГГГГ-ММ-ДД.' })
  documentDate?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Ссылка http(s)://…' })
  url?: string | null;

  @Field(() => ID, { nullable: true, description: 'Загруженный файл (POST /attachments).' })
  attachmentId?: string | null;
}
