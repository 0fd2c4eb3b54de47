import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('SwotForm', { description: 'SWOT-анализ программы наставничества организации (мониторинг, этап 1).' })
export class SwotFormGql {
  @Field(() => ID) id!: string;
  @Field(() => ID) organizationId!: string;
  @Field() academicYear!: string;
  @Field(() => ID, { nullable: true, description: 'Программа; null — вся организация.' }) programmeId!: string | null;
  @Field(() => String, { nullable: true }) programmeName!: string | null;
  @Field({ description: 'ГГГГ-ММ-ДД.' }) formDate!: string;
  @Field(() => [String]) strengths!: string[];
  @Field(() => [String]) weaknesses!: string[];
  @Field(() => [String]) opportunities!: string[];
  @Field(() => [String]) threats!: string[];
  @Field({ description: 'Кто заполнил (последним сохранил).' }) authorName!: string;
  @Field(() => Int) version!: number;
  @Field(() => Date) updatedAt!: Date;
}

@InputType('SaveSwotFormInput')
export class SaveSwotFormInput {
  @Field(() => ID) organizationId!: string;
  @Field({ description: '«2025/2026».' }) academicYear!: string;
  @Field(() => ID, { nullable: true, description: 'Программа организации; не указана — вся организация.' }) programmeId?: string | null;
  @Field(() => String, { nullable: true, description: 'ГГГГ-ММ-ДД; по умолчанию сегодня.' }) formDate?: string | null;
  @Field(() => [String]) strengths!: string[];
  @Field(() => [String]) weaknesses!: string[];
  @Field(() => [String]) opportunities!: string[];
  @Field(() => [String]) threats!: string[];
  @Field(() => Int, { nullable: true, description: 'Версия, которую правили (защита от одновременной правки).' }) expectedVersion?: number | null;
}
