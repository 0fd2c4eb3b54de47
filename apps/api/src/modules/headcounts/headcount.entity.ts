import type { Opt } from '@mikro-orm/core';
import { Check, Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * Pupils and teachers of an organisation in one academic year. A tenant entity: it lives in every
 * district schema (`schema: '*'`, resolved by the request's tenant fork). `organizationId` points
 * to `core.organization` without a foreign key (schemas stay independent).
 */
@ObjectType('Headcount')
@Entity({ schema: '*', tableName: 'headcount' })
@Unique({ properties: ['organizationId', 'academicYear'] })
@Check({ name: 'headcount_pupils_check', expression: '"pupils" >= 0' })
@Check({ name: 'headcount_teachers_check', expression: '"teachers" >= 0' })
export class Headcount {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Field()
  @Property({ type: 'string', length: 9 })
  academicYear!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  pupils!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  teachers!: number;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
