import type { Opt } from '@mikro-orm/core';
import type { RoadmapLevel as DomainLevel } from '@nastavnik/domain';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Campaign } from '../campaigns/campaign.entity.js';
import { RoadmapLevel } from './enums.js';

/**
 * A roadmap (дорожная карта) of a school — or the district's own one (`level` district). Its
 * content lives in revisions; `latestRevisionId` is the one being worked on, `inForceRevisionId`
 * the agreed one in force (both kept in the same transaction as the revisions they point to).
 * `organizationId` points to `core.organization` without a foreign key (schemas stay independent);
 * null for a district roadmap.
 */
@ObjectType('Roadmap')
@Entity({ schema: '*', tableName: 'roadmap' })
@Unique({ name: 'roadmap_campaign_id_organization_id_unique', properties: ['campaign', 'organizationId'] })
@Index({ name: 'roadmap_organization_id_index', properties: ['organizationId'] })
export class Roadmap {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Field(() => RoadmapLevel)
  @Enum({ items: ['school', 'district'] })
  level!: DomainLevel;

  @Property({ type: 'uuid', nullable: true })
  organizationId: Opt<string> | null = null;

  @ManyToOne(() => Campaign, { nullable: true, deleteRule: 'restrict' })
  @Index({ name: 'roadmap_campaign_id_index' })
  campaign: Opt<Campaign> | null = null;

  @Property({ type: 'uuid', nullable: true })
  latestRevisionId: Opt<string> | null = null;

  @Property({ type: 'uuid', nullable: true })
  inForceRevisionId: Opt<string> | null = null;

  @Property({ type: 'string', length: 255 })
  createdByUserId!: string;

  @Property({ type: 'string', length: 300 })
  createdByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
