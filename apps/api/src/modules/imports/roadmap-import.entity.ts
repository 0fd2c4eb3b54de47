import type { Opt } from '@mikro-orm/core';
import type { ImportedHeader, ImportedColumn, ImportFormat, ImportStats, ImportWarning, UnmappedText } from '@nastavnik/domain';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Attachment } from '../attachments/attachment.entity.js';
import { Roadmap } from '../roadmaps/roadmap.entity.js';

/**
 * How a roadmap was imported from a document: the uploaded file (an attachment kept with the roadmap,
 * `on delete restrict`), everything the parser read around the table — the header with the
 * «УТВЕРЖДАЮ» / «СОГЛАСОВАНО» blocks as written (they are the paper's, not decisions taken in the
 * platform, so they are not copied into the revision's approval/agreement), the preamble and
 * postscript, the table's text that belongs to no item, the warnings and the columns — and, per item
 * (by its stable key), the text of columns that could not be mapped to a field.
 */
@ObjectType('RoadmapImport', { description: 'Откуда импортирована дорожная карта: исходный файл и то, что прочитано вокруг таблицы.' })
@Entity({ schema: '*', tableName: 'roadmap_import' })
@Unique({ name: 'roadmap_import_roadmap_id_unique', properties: ['roadmap'] })
@Unique({ name: 'roadmap_import_attachment_id_unique', properties: ['attachment'] })
export class RoadmapImport {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Roadmap, { deleteRule: 'cascade' })
  roadmap!: Roadmap;

  @ManyToOne(() => Attachment, { deleteRule: 'restrict' })
  attachment!: Attachment;

  @Field({ description: 'Имя загруженного файла.' })
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Field(() => String, { description: 'docx | xlsx | txt | pdf | doc | rtf | odt (по содержимому файла).' })
  @Enum({ items: ['docx', 'xlsx', 'txt', 'pdf', 'doc', 'rtf', 'odt'] })
  format!: ImportFormat;

  @Field(() => String, { nullable: true, description: 'Кодировка текстового файла (utf-8, windows-1251…).' })
  @Property({ type: 'string', length: 50, nullable: true })
  encoding: string | null = null;

  @Property({ type: 'json' })
  sourceHeader!: ImportedHeader;

  @Field(() => [String], { description: 'Абзацы документа до таблицы (грифы, заголовок, текст приказа…).' })
  @Property({ type: 'json' })
  preamble!: string[];

  @Field(() => [String], { description: 'Абзацы документа после таблицы.' })
  @Property({ type: 'json' })
  postscript!: string[];

  @Property({ type: 'json' })
  unmapped!: UnmappedText[];

  @Property({ type: 'json' })
  warnings!: ImportWarning[];

  @Property({ type: 'json' })
  columns!: ImportedColumn[];

  /** Item key → the text of its unmapped columns, as the parser kept it. */
  @Property({ type: 'json' })
  itemNotes!: Record<string, UnmappedText[]>;

  @Property({ type: 'json' })
  stats!: ImportStats;

  @Property({ type: 'string', length: 255 })
  importedByUserId!: string;

  @Field()
  @Property({ type: 'string', length: 300 })
  importedByName!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  importedAt: Opt<Date> = new Date();
}
