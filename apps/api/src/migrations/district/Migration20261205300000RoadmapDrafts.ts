import { Migration } from '@mikro-orm/migrations';

/** Issue 15, item 5: the roadmap editor's drafts saved to the server, one per author per roadmap. */
export class Migration20261205300000RoadmapDrafts extends Migration {
  override name = 'Migration20261205300000RoadmapDrafts';

  override up(): void {
    this.addSql(`create table "roadmap_draft" (
      "id" uuid not null primary key,
      "roadmap_id" uuid not null,
      "user_id" varchar(255) not null,
      "revision_id" uuid not null,
      "base_version" int not null,
      "content" jsonb not null,
      "updated_at" timestamptz not null default now(),
      constraint "roadmap_draft_roadmap_id_user_id_unique" unique ("roadmap_id", "user_id"),
      constraint "roadmap_draft_roadmap_id_foreign" foreign key ("roadmap_id") references "roadmap" ("id") on delete cascade
    );`);
  }

  override down(): void {
    this.addSql(`drop table if exists "roadmap_draft";`);
  }
}
