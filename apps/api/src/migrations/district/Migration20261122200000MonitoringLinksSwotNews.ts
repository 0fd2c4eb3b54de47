import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 7, the rest: a roadmap item's link to a computed KPI (by roadmap and stable item key), the
 * school's SWOT form (monitoring stage 1) per academic year and programme, and the school's news for
 * its public page.
 */
export class Migration20261122200000MonitoringLinksSwotNews extends Migration {
  override name = 'Migration20261122200000MonitoringLinksSwotNews';

  override up(): void {
    this.addSql(`create table "roadmap_item_kpi_link" (
      "id" uuid not null primary key,
      "roadmap_id" uuid not null,
      "item_key" uuid not null,
      "kpi" varchar(40) null,
      "op" varchar(2) null,
      "target" double precision null,
      "set_by_user_id" varchar(255) not null,
      "set_by_name" varchar(300) not null,
      "set_at" timestamptz not null default now(),
      constraint "roadmap_item_kpi_link_roadmap_id_item_key_unique" unique ("roadmap_id", "item_key"),
      constraint "roadmap_item_kpi_link_roadmap_id_foreign" foreign key ("roadmap_id") references "roadmap" ("id") on delete cascade
    );`);

    this.addSql(`create table "swot_form" (
      "id" uuid not null primary key,
      "organization_id" uuid not null,
      "academic_year" varchar(9) not null,
      "programme_id" uuid null,
      "scope" varchar(36) not null default '',
      "form_date" date not null,
      "strengths" jsonb not null,
      "weaknesses" jsonb not null,
      "opportunities" jsonb not null,
      "threats" jsonb not null,
      "author_name" varchar(300) not null,
      "author_user_id" varchar(255) not null,
      "version" int not null default 1,
      "updated_at" timestamptz not null default now(),
      constraint "swot_form_organization_id_academic_year_scope_unique" unique ("organization_id", "academic_year", "scope")
    );`);

    this.addSql(`create table "school_news" (
      "id" uuid not null primary key,
      "organization_id" uuid not null,
      "title" varchar(300) not null,
      "published_on" date not null,
      "body" text not null,
      "published" boolean not null default false,
      "created_by_user_id" varchar(255) not null,
      "created_by_name" varchar(300) not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "school_news_organization_id_published_on_index" on "school_news" ("organization_id", "published_on");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "school_news";`);
    this.addSql(`drop table if exists "swot_form";`);
    this.addSql(`drop table if exists "roadmap_item_kpi_link";`);
  }
}
