import { Field, ID, InputType } from 'type-graphql';
import { SchoolCampaignStatus } from './enums.js';

@InputType('CreateCampaignInput')
export class CreateCampaignInput {
  @Field({ description: '«Дорожные карты на 2025/2026 учебный год»' })
  title!: string;

  @Field({ description: 'Учебный год, «2025/2026».' })
  academicYear!: string;

  @Field({ description: 'Срок представления дорожных карт, ГГГГ-ММ-ДД.' })
  dueDate!: string;

  @Field(() => String, { nullable: true, description: 'Начало периода; по умолчанию 1 сентября учебного года.' })
  periodStart?: string | null;

  @Field(() => String, { nullable: true, description: 'Конец периода; по умолчанию 31 августа учебного года.' })
  periodEnd?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Выбранные организации; не указано или пусто — все организации муниципалитета.' })
  organizationIds?: string[] | null;
}

@InputType('CampaignFilter')
export class CampaignFilter {
  @Field(() => String, { nullable: true })
  academicYear?: string | null;
}

@InputType('CampaignSchoolFilter')
export class CampaignSchoolFilter {
  @Field(() => SchoolCampaignStatus, { nullable: true })
  status?: SchoolCampaignStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Только просрочившие представление (true) или только не просрочившие (false).' })
  overdue?: boolean | null;
}
