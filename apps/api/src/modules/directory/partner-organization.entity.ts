import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { PartnerKind } from './enums.js';
import { Region } from './region.entity.js';

/** An organisation outside the hierarchy that provides mentors (enterprise, university, NGO…). */
@ObjectType('PartnerOrganization')
@Entity({ schema: 'core', tableName: 'partner_organization' })
export class PartnerOrganization {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field()
  @Property({ type: 'string', length: 63, unique: true })
  code!: string;

  @Field()
  @Property({ type: 'string', length: 1000 })
  name!: string;

  @Field(() => PartnerKind)
  @Enum({ items: () => PartnerKind })
  kind!: PartnerKind;

  @ManyToOne(() => Region, { nullable: true, deleteRule: 'set null' })
  @Index({ name: 'partner_organization_region_id_index' })
  region: Opt<Region> | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
