import { Migration } from '@mikro-orm/migrations';

/**
 * Partner organisations (issue 6), in the shared schema `core`: sign-up applications, the partners'
 * mentor registries with consents, cooperation agreements, and the placements of partner mentors
 * in school programmes (the copy in a district schema's `participant`). References are plain uuids
 * (as between the district tables): rows of district schemas cannot be foreign keys here anyway.
 */
export class Migration20260320000000Partners extends Migration {
  override name = 'Migration20260320000000Partners';

  override up(): void {
    this.addSql(
      `create table "core"."partner_agreement" ("id" uuid not null, "partner_id" uuid not null, "level" varchar(10) not null, "district_id" uuid not null, "organization_id" uuid null, "subject" text not null, "number" varchar(100) null, "signed_on" date null, "period_start" date not null, "period_end" date null, "terminated_on" date null, "decision" varchar(10) not null, "decline_reason" text null, "proposed_by_name" varchar(300) not null, "decided_by_name" varchar(300) null, "decided_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "partner_agreement_district_id_index" on "core"."partner_agreement" ("district_id");`);
    this.addSql(`create index "partner_agreement_partner_id_index" on "core"."partner_agreement" ("partner_id");`);
    this.addSql(
      `create table "core"."partner_application" ("id" uuid not null, "status" varchar(20) not null, "name" varchar(1000) not null, "kind" varchar(30) not null, "inn" varchar(12) null, "ogrn" varchar(15) null, "kpp" varchar(9) null, "address" varchar(1000) not null, "region_id" uuid not null, "district_id" uuid not null, "contact_name" varchar(300) not null, "contact_position" varchar(300) null, "contact_email" varchar(254) not null, "contact_phone" varchar(30) not null, "reject_reason" text null, "decided_by_name" varchar(300) null, "decided_at" timestamptz null, "partner_id" uuid null, "admin_username" varchar(255) null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "partner_application_district_id_status_index" on "core"."partner_application" ("district_id", "status");`);
    this.addSql(`create index "partner_application_inn_index" on "core"."partner_application" ("inn");`);
    this.addSql(
      `create table "core"."partner_mentor" ("id" uuid not null, "partner_id" uuid not null, "last_name" varchar(100) not null, "first_name" varchar(100) not null, "middle_name" varchar(100) null, "birth_date" date null, "position" varchar(200) null, "email" varchar(255) null, "phone" varchar(30) null, "tags" jsonb not null, "free_text" text not null, "availability" varchar(500) not null, "capacity" int not null, "archived_on" date null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "partner_mentor_partner_id_index" on "core"."partner_mentor" ("partner_id");`);
    this.addSql(
      `create table "core"."partner_mentor_consent" ("id" uuid not null, "mentor_id" uuid not null, "scopes" jsonb not null, "text_version" varchar(200) not null, "signed_on" date not null, "valid_until" date null, "withdrawn_on" date null, "recorded_by_name" varchar(300) not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "partner_mentor_consent_mentor_id_index" on "core"."partner_mentor_consent" ("mentor_id");`);
    this.addSql(
      `create table "core"."partner_placement" ("id" uuid not null, "mentor_id" uuid not null, "partner_id" uuid not null, "district_id" uuid not null, "organization_id" uuid not null, "programme_id" uuid not null, "participant_id" uuid not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "partner_placement_mentor_id_index" on "core"."partner_placement" ("mentor_id");`);
    this.addSql(
      `alter table "core"."partner_placement" add constraint "partner_placement_programme_id_mentor_id_unique" unique ("programme_id", "mentor_id");`,
    );
  }
}
