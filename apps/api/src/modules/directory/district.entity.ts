import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Region } from './region.entity.js';

/**
 * A municipal district (муниципалитет) and its education authority. Each district is a tenant:
 * its organisations' data live in the PostgreSQL schema `schemaName`.
 */
@ObjectType('District')
@Entity({ schema: 'core', tableName: 'district' })
export class District {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field()
  @Property({ type: 'string', length: 63, unique: true })
  code!: string;

  @Field()
  @Property({ type: 'string', length: 255 })
  name!: string;

  @Field()
  @Property({ type: 'string', length: 500 })
  authorityName!: string;

  // Exposed through a field resolver (batched), not as a plain field.
  @ManyToOne(() => Region)
  @Index({ name: 'district_region_id_index' })
  region!: Region;

  /** Never exposed over GraphQL. */
  @Property({ type: 'string', length: 63, unique: true })
  schemaName!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
