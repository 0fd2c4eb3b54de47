import type { Deadline } from '@nastavnik/domain';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { RoadmapRevision } from './revision.entity.js';
import { RoadmapSection } from './section.entity.js';

/**
 * An item (мероприятие) of a revision. `key` is stable across revisions (copied items keep it: the
 * comparison, the review comments and the execution marks follow it); `id` is this revision's row.
 * `deadline` is what `parseDeadline` read from `deadlineText` (kept as typed) against the period;
 * `dueDate` is its final due date, for sorting and SQL filters.
 */
@ObjectType('RoadmapItem')
@Entity({ schema: '*', tableName: 'roadmap_item' })
@Unique({ name: 'roadmap_item_revision_id_key_unique', properties: ['revision', 'key'] })
export class RoadmapItem {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => RoadmapRevision, { deleteRule: 'cascade' })
  revision!: RoadmapRevision;

  @ManyToOne(() => RoadmapSection, { deleteRule: 'cascade' })
  @Index({ name: 'roadmap_item_section_id_index' })
  section!: RoadmapSection;

  @Field(() => ID, { description: 'Постоянный идентификатор мероприятия во всех редакциях.' })
  @Property({ type: 'uuid' })
  key!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  position!: number;

  @Field({ description: '№ как написан: «1.1», «2.3».' })
  @Property({ type: 'string', length: 20, default: '' })
  number: string = '';

  @Field()
  @Property({ type: 'text' })
  activity!: string;

  @Field()
  @Property({ type: 'text', default: '' })
  content: string = '';

  @Field({ description: 'Срок как написан.' })
  @Property({ type: 'string', length: 300, default: '' })
  deadlineText: string = '';

  @Property({ type: 'json' })
  deadline!: Deadline;

  @Field(() => String, { nullable: true, description: 'Окончательный срок (ГГГГ-ММ-ДД), если он есть.' })
  @Property({ type: 'date', nullable: true })
  dueDate: string | null = null;

  @Field()
  @Property({ type: 'text', default: '' })
  responsible: string = '';

  @Field({ description: 'Ожидаемый результат / вид документа.' })
  @Property({ type: 'text', default: '' })
  expectedResult: string = '';

  @Field({ description: 'Показатель эффективности.' })
  @Property({ type: 'text', default: '' })
  indicator: string = '';
}
