import { Migration } from '@mikro-orm/migrations';

/**
 * Imported roadmaps (issue 4), in each district schema: one row per roadmap created from a document —
 * the uploaded file (an `attachment`, kept with the roadmap), what the parser read around the table
 * (the approval and agreement blocks, title, preamble, postscript, text of the table that belongs to
 * no item, warnings, the columns as recognised) and the text of unrecognised columns per item, keyed
 * by the item's stable key (so it follows the item into later revisions).
 */
export class Migration20251215000000RoadmapImports extends Migration {
  override name = 'Migration20251215000000RoadmapImports';

  override up(): void {
    this.addSql(`create table "roadmap_import" (
      "id" uuid not null primary key,
      "roadmap_id" uuid not null,
      "attachment_id" uuid not null,
      "file_name" varchar(255) not null,
      "format" text not null,
      "encoding" varchar(50) null,
      "source_header" jsonb not null,
      "preamble" jsonb not null,
      "postscript" jsonb not null,
      "unmapped" jsonb not null,
      "warnings" jsonb not null,
      "columns" jsonb not null,
      "item_notes" jsonb not null,
      "stats" jsonb not null,
      "imported_by_user_id" varchar(255) not null,
      "imported_by_name" varchar(300) not null,
      "imported_at" timestamptz not null default now(),
      constraint "roadmap_import_format_check" check ("format" in ('docx', 'xlsx', 'txt')),
      constraint "roadmap_import_roadmap_id_unique" unique ("roadmap_id"),
      constraint "roadmap_import_attachment_id_unique" unique ("attachment_id"),
      constraint "roadmap_import_roadmap_id_foreign" foreign key ("roadmap_id") references "roadmap" ("id") on delete cascade,
      constraint "roadmap_import_attachment_id_foreign" foreign key ("attachment_id") references "attachment" ("id") on delete restrict
    );`);
  }
}
