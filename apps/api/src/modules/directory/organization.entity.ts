import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { District } from './district.entity.js';
import { OrganizationKind } from './enums.js';

/** An educational organisation of a district (the directory entry; its own data live in the district schema). */
@ObjectType('Organization')
@Entity({ schema: 'core', tableName: 'organization' })
@Unique({ properties: ['district', 'code'] })
export class Organization {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Unique within the district (the group name under the district in the identity provider). */
  @Field()
  @Property({ type: 'string', length: 63 })
  code!: string;

  @Field()
  @Property({ type: 'string', length: 1000 })
  name!: string;

  @Field()
  @Property({ type: 'string', length: 255 })
  shortName!: string;

  @Field(() => OrganizationKind)
  @Enum({ items: () => OrganizationKind })
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  address: Opt<string> | null = null;

  @ManyToOne(() => District)
  district!: District;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
