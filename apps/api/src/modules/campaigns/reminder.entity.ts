import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Campaign } from './campaign.entity.js';

/**
 * The district reminded a school of a campaign's due date. The record is what the campaign page
 * and the school's inbox show; its letters (issue 16) go to the outbox at once and `deliveredAt`
 * says when (the delivery log has what became of each).
 */
@ObjectType('CampaignReminder', { description: 'Напоминание организации о сроке кампании.' })
@Entity({ schema: '*', tableName: 'campaign_reminder' })
@Index({ name: 'campaign_reminder_campaign_id_organization_id_reminded_at_index', properties: ['campaign', 'organizationId', 'remindedAt'] })
@Index({ name: 'campaign_reminder_organization_id_reminded_at_index', properties: ['organizationId', 'remindedAt'] })
export class CampaignReminder {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Campaign, { deleteRule: 'cascade' })
  campaign!: Campaign;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'string', length: 255 })
  remindedByUserId!: string;

  @Field({ description: 'Кто напомнил.' })
  @Property({ type: 'string', length: 300 })
  remindedByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  remindedAt: Opt<Date> = new Date();

  /** When its letters were put in the outbox (issue 16); null: not yet (a reminder older than the letters). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deliveredAt: Opt<Date> | null = null;
}
