import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Roadmap } from './roadmap.entity.js';

/**
 * The roadmap editor's unsaved work, saved to the server as the author types (one per user per
 * roadmap): reopened on another device, the editor offers it back. Only its author reads it; it is
 * dropped when the author saves the revision. `content` is the editor's state as the admin keeps
 * it (header and sections as typed) — checked for shape and size only: it becomes a revision only
 * through `saveRoadmapRevision`, which validates everything.
 */
@ObjectType('RoadmapDraft', { description: 'Несохранённый черновик редактора дорожной карты (свой у каждого автора).' })
@Entity({ schema: '*', tableName: 'roadmap_draft' })
@Unique({ name: 'roadmap_draft_roadmap_id_user_id_unique', properties: ['roadmap', 'userId'] })
export class RoadmapDraft {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Roadmap, { deleteRule: 'cascade' })
  roadmap!: Roadmap;

  @Property({ type: 'string', length: 255 })
  userId!: string;

  @Field(() => ID, { description: 'Редакция, которую редактировали.' })
  @Property({ type: 'uuid' })
  revisionId!: string;

  @Field(() => Int, { description: 'Версия редакции, с которой начато редактирование.' })
  @Property({ type: 'integer' })
  baseVersion!: number;

  @Property({ type: 'json' })
  content!: Record<string, unknown>;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();

  @Field(() => String, { name: 'content', description: 'Состояние редактора (JSON).' })
  get contentJson(): Opt<string> {
    return JSON.stringify(this.content);
  }
}
