import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Roadmap } from '../roadmaps/roadmap.entity.js';

/**
 * The execution of one item of a roadmap (выполнено, с подтверждением), by the item's stable key:
 * it belongs to the roadmap, not to a revision, so an amendment in progress and its agreed
 * predecessor show the same marks and nothing has to be copied when the amendment comes into force.
 */
@ObjectType('ItemExecution')
@Entity({ schema: '*', tableName: 'item_execution' })
@Unique({ name: 'item_execution_roadmap_id_item_key_unique', properties: ['roadmap', 'itemKey'] })
export class ItemExecution {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Roadmap, { deleteRule: 'cascade' })
  roadmap!: Roadmap;

  @Property({ type: 'uuid' })
  itemKey!: string;

  @Field()
  @Property({ type: 'boolean' })
  done!: boolean;

  @Field(() => String, { nullable: true, description: 'Дата выполнения, ГГГГ-ММ-ДД.' })
  @Property({ type: 'date', nullable: true })
  doneOn: Opt<string> | null = null;

  @Field(() => String, { nullable: true, description: 'Номер документа: «приказ № 336».' })
  @Property({ type: 'string', length: 100, nullable: true })
  documentNumber: Opt<string> | null = null;

  @Field(() => String, { nullable: true, description: 'Дата документа, ГГГГ-ММ-ДД.' })
  @Property({ type: 'date', nullable: true })
  documentDate: Opt<string> | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: Opt<string> | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 2000, nullable: true })
  url: Opt<string> | null = null;

  @Property({ type: 'uuid', nullable: true })
  attachmentId: Opt<string> | null = null;

  @Property({ type: 'string', length: 255 })
  markedByUserId!: string;

  @Field()
  @Property({ type: 'string', length: 300 })
  markedByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  markedAt: Opt<Date> = new Date();
}
