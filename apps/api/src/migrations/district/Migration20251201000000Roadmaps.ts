import { Migration } from '@mikro-orm/migrations';

/**
 * Roadmaps and their approval (issue 3), in each district schema: the district's settings,
 * campaigns, roadmaps with their revisions, sections and items, review comments, the audit trail
 * (`roadmap_events`), the execution marks and attachments. Unqualified SQL: the district runner
 * pins `search_path` to the one schema being migrated (see Migration20251122000100Headcounts).
 */
export class Migration20251201000000Roadmaps extends Migration {
  override name = 'Migration20251201000000Roadmaps';

  override up(): void {
    this.addSql(`create table "district_settings" (
      "id" smallint not null default 1 primary key,
      "who_agrees" text not null default 'head',
      "updated_by_name" varchar(300) null,
      "updated_at" timestamptz not null default now(),
      constraint "district_settings_id_check" check ("id" = 1),
      constraint "district_settings_who_agrees_check" check ("who_agrees" in ('head', 'officer'))
    );`);

    this.addSql(`create table "campaign" (
      "id" uuid not null primary key,
      "title" varchar(500) not null,
      "academic_year" varchar(9) not null,
      "period_start" date not null,
      "period_end" date not null,
      "due_date" date not null,
      "all_organizations" boolean not null default true,
      "organization_ids" uuid[] not null default '{}',
      "created_by_user_id" varchar(255) not null,
      "created_by_name" varchar(300) not null,
      "created_at" timestamptz not null default now()
    );`);

    this.addSql(`create table "roadmap" (
      "id" uuid not null primary key,
      "level" text not null,
      "organization_id" uuid null,
      "campaign_id" uuid null,
      "latest_revision_id" uuid null,
      "in_force_revision_id" uuid null,
      "created_by_user_id" varchar(255) not null,
      "created_by_name" varchar(300) not null,
      "created_at" timestamptz not null default now(),
      constraint "roadmap_level_check" check ("level" in ('school', 'district')),
      constraint "roadmap_campaign_id_organization_id_unique" unique ("campaign_id", "organization_id"),
      constraint "roadmap_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on delete restrict
    );`);
    this.addSql(`create index "roadmap_campaign_id_index" on "roadmap" ("campaign_id");`);
    this.addSql(`create index "roadmap_organization_id_index" on "roadmap" ("organization_id");`);

    this.addSql(`create table "roadmap_revision" (
      "id" uuid not null primary key,
      "roadmap_id" uuid not null,
      "number" int not null,
      "state" text not null,
      "version" int not null default 1,
      "based_on_id" uuid null,
      "supersedes_id" uuid null,
      "title" text not null,
      "programme_name" varchar(300) not null,
      "period_start" date not null,
      "period_end" date not null,
      "approval" jsonb null,
      "agreement" jsonb null,
      "created_by_user_id" varchar(255) not null,
      "created_by_name" varchar(300) not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "roadmap_revision_state_check" check ("state" in ('draft', 'withDirector', 'returnedByDirector', 'submittedToDistrict', 'inReview', 'returnedByDistrict', 'awaitingHeadSignature', 'agreed', 'superseded')),
      constraint "roadmap_revision_roadmap_id_number_unique" unique ("roadmap_id", "number"),
      constraint "roadmap_revision_roadmap_id_foreign" foreign key ("roadmap_id") references "roadmap" ("id") on delete cascade
    );`);
    this.addSql(`create index "roadmap_revision_state_index" on "roadmap_revision" ("state");`);

    this.addSql(`create table "roadmap_section" (
      "id" uuid not null primary key,
      "revision_id" uuid not null,
      "key" uuid not null,
      "position" int not null,
      "title" text not null,
      "task" text not null default '',
      "result" text not null default '',
      constraint "roadmap_section_revision_id_key_unique" unique ("revision_id", "key"),
      constraint "roadmap_section_revision_id_foreign" foreign key ("revision_id") references "roadmap_revision" ("id") on delete cascade
    );`);

    this.addSql(`create table "roadmap_item" (
      "id" uuid not null primary key,
      "revision_id" uuid not null,
      "section_id" uuid not null,
      "key" uuid not null,
      "position" int not null,
      "number" varchar(20) not null default '',
      "activity" text not null,
      "content" text not null default '',
      "deadline_text" varchar(300) not null default '',
      "deadline" jsonb not null,
      "due_date" date null,
      "responsible" text not null default '',
      "expected_result" text not null default '',
      "indicator" text not null default '',
      constraint "roadmap_item_revision_id_key_unique" unique ("revision_id", "key"),
      constraint "roadmap_item_revision_id_foreign" foreign key ("revision_id") references "roadmap_revision" ("id") on delete cascade,
      constraint "roadmap_item_section_id_foreign" foreign key ("section_id") references "roadmap_section" ("id") on delete cascade
    );`);
    this.addSql(`create index "roadmap_item_section_id_index" on "roadmap_item" ("section_id");`);

    this.addSql(`create table "review_comment" (
      "id" uuid not null primary key,
      "roadmap_id" uuid not null,
      "revision_id" uuid not null,
      "item_key" uuid null,
      "body" text not null,
      "action" varchar(40) not null,
      "author_user_id" varchar(255) not null,
      "author_name" varchar(300) not null,
      "author_position" varchar(300) null,
      "author_role" varchar(40) not null,
      "created_at" timestamptz not null default now(),
      constraint "review_comment_roadmap_id_foreign" foreign key ("roadmap_id") references "roadmap" ("id") on delete cascade,
      constraint "review_comment_revision_id_foreign" foreign key ("revision_id") references "roadmap_revision" ("id") on delete cascade
    );`);
    this.addSql(`create index "review_comment_revision_id_index" on "review_comment" ("revision_id");`);
    this.addSql(`create index "review_comment_roadmap_id_item_key_index" on "review_comment" ("roadmap_id", "item_key");`);

    this.addSql(`create table "roadmap_events" (
      "id" uuid not null primary key,
      "roadmap_id" uuid not null,
      "revision_id" uuid not null,
      "at" timestamptz not null default now(),
      "user_id" varchar(255) not null,
      "user_name" varchar(300) not null,
      "user_position" varchar(300) null,
      "role" varchar(40) not null,
      "action" varchar(40) not null,
      "from_state" varchar(40) null,
      "to_state" varchar(40) null,
      "comment" text null,
      "item_key" uuid null,
      "changes" jsonb null,
      "data" jsonb null,
      "version_after" int null,
      constraint "roadmap_events_roadmap_id_foreign" foreign key ("roadmap_id") references "roadmap" ("id") on delete cascade,
      constraint "roadmap_events_revision_id_foreign" foreign key ("revision_id") references "roadmap_revision" ("id") on delete cascade
    );`);
    this.addSql(`create index "roadmap_events_revision_id_index" on "roadmap_events" ("revision_id");`);
    this.addSql(`create index "roadmap_events_roadmap_id_at_index" on "roadmap_events" ("roadmap_id", "at");`);

    this.addSql(`create table "item_execution" (
      "id" uuid not null primary key,
      "roadmap_id" uuid not null,
      "item_key" uuid not null,
      "done" boolean not null,
      "done_on" date null,
      "document_number" varchar(100) null,
      "document_date" date null,
      "note" text null,
      "url" varchar(2000) null,
      "attachment_id" uuid null,
      "marked_by_user_id" varchar(255) not null,
      "marked_by_name" varchar(300) not null,
      "marked_at" timestamptz not null default now(),
      constraint "item_execution_roadmap_id_item_key_unique" unique ("roadmap_id", "item_key"),
      constraint "item_execution_roadmap_id_foreign" foreign key ("roadmap_id") references "roadmap" ("id") on delete cascade
    );`);

    this.addSql(`create table "attachment" (
      "id" uuid not null primary key,
      "organization_id" uuid null,
      "file_name" varchar(255) not null,
      "content_type" varchar(100) not null,
      "size" int not null,
      "sha256" varchar(64) not null,
      "storage" text not null,
      "uploaded_by_user_id" varchar(255) not null,
      "uploaded_by_name" varchar(300) not null,
      "created_at" timestamptz not null default now(),
      constraint "attachment_storage_check" check ("storage" in ('database', 'disk'))
    );`);
    this.addSql(`create index "attachment_organization_id_index" on "attachment" ("organization_id");`);

    this.addSql(`create table "attachment_content" (
      "attachment_id" uuid not null primary key,
      "data" bytea not null
    );`);
  }
}
