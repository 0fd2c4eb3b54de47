import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('SetHeadcountInput')
export class SetHeadcountInput {
  @Field(() => ID)
  organizationId!: string;

  @Field({ description: 'Учебный год, например «2025/2026».' })
  academicYear!: string;

  @Field(() => Int)
  pupils!: number;

  @Field(() => Int)
  teachers!: number;
}
