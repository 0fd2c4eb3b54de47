import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Roadmap } from './roadmap.entity.js';
import { RoadmapRevision } from './revision.entity.js';

/** Kinds of recorded edits; decisions are recorded under their approval action (submitToDirector, agree, …). */
export const EDIT_EVENT_ACTIONS = ['create', 'save', 'markDone', 'undoDone'] as const;

/**
 * The audit trail (журнал): every decision and every edit of a roadmap — who (user, name, position,
 * the role they acted in), when, what (action, state from → to, comment, the item, a summary of the
 * changed fields, the approval/agreement block or the execution mark).
 */
@ObjectType('RoadmapEvent')
@Entity({ schema: '*', tableName: 'roadmap_events' })
@Index({ name: 'roadmap_events_roadmap_id_at_index', properties: ['roadmap', 'at'] })
export class RoadmapEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Roadmap, { deleteRule: 'cascade' })
  roadmap!: Roadmap;

  @ManyToOne(() => RoadmapRevision, { deleteRule: 'cascade' })
  @Index({ name: 'roadmap_events_revision_id_index' })
  revision!: RoadmapRevision;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  at: Opt<Date> = new Date();

  @Property({ type: 'string', length: 255 })
  userId!: string;

  @Field()
  @Property({ type: 'string', length: 300 })
  userName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  userPosition: Opt<string> | null = null;

  @Property({ type: 'string', length: 40 })
  role!: string;

  @Field({ description: 'create | save | markDone | undoDone или действие согласования (submitToDirector, approve, …)' })
  @Property({ type: 'string', length: 40 })
  action!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  fromState: Opt<string> | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  toState: Opt<string> | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment: Opt<string> | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  itemKey: Opt<string> | null = null;

  /** Edits: the changed fields in brief (see `EditSummary`). */
  @Property({ type: 'json', nullable: true })
  changes: Opt<Record<string, unknown>> | null = null;

  /** Decisions: the approval/agreement block; execution: the mark. */
  @Property({ type: 'json', nullable: true })
  data: Opt<Record<string, unknown>> | null = null;

  @Field(() => Int, { nullable: true, description: 'Версия редакции после события.' })
  @Property({ type: 'integer', nullable: true })
  versionAfter: Opt<number> | null = null;
}
