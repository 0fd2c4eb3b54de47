import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/** A region (субъект РФ). Shared directory data in the `core` schema. */
@ObjectType('Region')
@Entity({ schema: 'core', tableName: 'region' })
export class Region {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field()
  @Property({ type: 'string', length: 63, unique: true })
  code!: string;

  @Field()
  @Property({ type: 'string', length: 255 })
  name!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
