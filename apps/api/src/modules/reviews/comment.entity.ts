import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Roadmap } from '../roadmaps/roadmap.entity.js';
import { RoadmapRevision } from '../roadmaps/revision.entity.js';

/**
 * A review comment (замечание) on a revision: on the whole (`itemKey` null) or on one item, by its
 * stable key — so the comment stays beside the item in the next revision too. Written by the
 * `comment`, `return` and `returnToCurator` decisions; a reply (`parent`) by replyToReviewComment.
 */
@ObjectType('ReviewComment')
@Entity({ schema: '*', tableName: 'review_comment' })
@Index({ name: 'review_comment_roadmap_id_item_key_index', properties: ['roadmap', 'itemKey'] })
export class ReviewComment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Roadmap, { deleteRule: 'cascade' })
  roadmap!: Roadmap;

  @ManyToOne(() => RoadmapRevision, { deleteRule: 'cascade' })
  @Index({ name: 'review_comment_revision_id_index' })
  revision!: RoadmapRevision;

  @Field(() => ID, { nullable: true, description: 'Постоянный идентификатор мероприятия; null — замечание ко всей карте.' })
  @Property({ type: 'uuid', nullable: true })
  itemKey: Opt<string> | null = null;

  @Field()
  @Property({ type: 'text' })
  body!: string;

  @Field({ description: 'Действие, с которым оставлено замечание (comment, return, returnToCurator).' })
  @Property({ type: 'string', length: 40 })
  action!: string;

  @Property({ type: 'string', length: 255 })
  authorUserId!: string;

  @Field()
  @Property({ type: 'string', length: 300 })
  authorName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  authorPosition: Opt<string> | null = null;

  @Property({ type: 'string', length: 40 })
  authorRole!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  /** A reply's comment (one level: a reply is never replied to); null for a comment. */
  @ManyToOne(() => ReviewComment, { nullable: true, deleteRule: 'cascade' })
  @Index({ name: 'review_comment_parent_id_index' })
  parent: Opt<ReviewComment> | null = null;

  @Field(() => Date, { nullable: true, description: 'Когда замечание отмечено решённым (null — открыто).' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  resolvedAt: Opt<Date> | null = null;

  @Property({ type: 'string', length: 255, nullable: true })
  resolvedByUserId: Opt<string> | null = null;

  @Field(() => String, { nullable: true, description: 'Кто отметил решённым.' })
  @Property({ type: 'string', length: 300, nullable: true })
  resolvedByName: Opt<string> | null = null;
}
