import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { RoadmapRevision } from './revision.entity.js';

/**
 * A section of a revision: a stage («Подготовительный этап») or a direction. `key` is stable across
 * revisions (a copied section keeps it), `id` is this revision's row.
 */
@ObjectType('RoadmapSection')
@Entity({ schema: '*', tableName: 'roadmap_section' })
@Unique({ name: 'roadmap_section_revision_id_key_unique', properties: ['revision', 'key'] })
export class RoadmapSection {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => RoadmapRevision, { deleteRule: 'cascade' })
  revision!: RoadmapRevision;

  @Field(() => ID, { description: 'Постоянный идентификатор раздела во всех редакциях.' })
  @Property({ type: 'uuid' })
  key!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  position!: number;

  @Field()
  @Property({ type: 'text' })
  title!: string;

  @Field({ description: '«Задача этапа: …»' })
  @Property({ type: 'text', default: '' })
  task: string = '';

  @Field({ description: '«Результат: …»' })
  @Property({ type: 'text', default: '' })
  result: string = '';
}
