import type { Opt } from '@mikro-orm/core';
import { ROADMAP_STATES, type AgreementBlock, type ApprovalBlock, type RoadmapState as DomainState } from '@nastavnik/domain';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { RoadmapState } from './enums.js';
import { Roadmap } from './roadmap.entity.js';
import { AgreementBlockType, ApprovalBlockType } from './types.js';

/**
 * One revision (редакция) of a roadmap: its header (title, programme, period), its state in the
 * approval and its sections/items. `version` is the optimistic lock: every edit and decision names
 * the version it was based on and increments it; a stale one is refused (CONFLICT).
 */
@ObjectType('RoadmapRevision')
@Entity({ schema: '*', tableName: 'roadmap_revision' })
@Unique({ name: 'roadmap_revision_roadmap_id_number_unique', properties: ['roadmap', 'number'] })
@Index({ name: 'roadmap_revision_state_index', properties: ['state'] })
export class RoadmapRevision {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Roadmap, { deleteRule: 'cascade' })
  roadmap!: Roadmap;

  @Field(() => Int, { description: 'Номер редакции в дорожной карте: 1, 2, 3…' })
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => RoadmapState)
  @Enum({ items: () => [...ROADMAP_STATES] })
  state!: DomainState;

  @Field(() => Int, { description: 'Версия для оптимистической блокировки: передаётся в каждое изменение и решение.' })
  @Property({ type: 'integer', default: 1 })
  version: Opt<number> = 1;

  @Property({ type: 'uuid', nullable: true })
  basedOnId: Opt<string> | null = null;

  @Property({ type: 'uuid', nullable: true })
  supersedesId: Opt<string> | null = null;

  @Field()
  @Property({ type: 'text' })
  title!: string;

  @Field({ description: 'Название программы наставничества, например «Вместе».' })
  @Property({ type: 'string', length: 300 })
  programmeName!: string;

  @Field({ description: 'Начало периода, ГГГГ-ММ-ДД.' })
  @Property({ type: 'date' })
  periodStart!: string;

  @Field({ description: 'Конец периода, ГГГГ-ММ-ДД.' })
  @Property({ type: 'date' })
  periodEnd!: string;

  @Field(() => ApprovalBlockType, { nullable: true, description: '«УТВЕРЖДАЮ»' })
  @Property({ type: 'json', nullable: true })
  approval: Opt<ApprovalBlock> | null = null;

  @Field(() => AgreementBlockType, { nullable: true, description: '«СОГЛАСОВАНО»' })
  @Property({ type: 'json', nullable: true })
  agreement: Opt<AgreementBlock> | null = null;

  @Property({ type: 'string', length: 255 })
  createdByUserId!: string;

  @Property({ type: 'string', length: 300 })
  createdByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
