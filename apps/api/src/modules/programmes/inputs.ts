import { Field, ID, InputType } from 'type-graphql';

@InputType('ProgrammeInput')
export class ProgrammeInput {
  @Field(() => ID, { nullable: true, description: 'Организация; по умолчанию — единственная организация пользователя.' })
  organizationId?: string | null;

  @Field({ description: '«Вместе», «Учитель – учитель»…' })
  name!: string;

  @Field(() => [String], {
    description: 'Коды форм: pupil-pupil, teacher-teacher, student-pupil, employer-pupil, employer-student, teacher-pupil, head-teacher.',
  })
  forms!: string[];

  @Field(() => [String], { nullable: true, description: 'Коды видов: traditional, group, virtual, short-term, reverse, situational, speed.' })
  kinds?: string[] | null;

  @Field(() => [String], { nullable: true })
  targetGroups?: string[] | null;

  @Field({ description: 'ГГГГ-ММ-ДД.' })
  periodStart!: string;

  @Field({ description: 'ГГГГ-ММ-ДД.' })
  periodEnd!: string;

  @Field(() => String, { nullable: true })
  curatorName?: string | null;
}
