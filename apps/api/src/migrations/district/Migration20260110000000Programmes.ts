import { Migration } from '@mikro-orm/migrations';

/**
 * Schools' mentorship programmes (issue 5), in each district schema: programmes, the bases of mentors
 * and mentees (`participant`) with their consents (152-ФЗ) and the log of access to personal data,
 * pairs and groups (individual plan and completion kept with the pair) and their meetings.
 * References to `core.organization` and between these tables are plain uuids (schemas stay
 * independent; an anonymised person keeps its id so pairs and counts still add up).
 */
export class Migration20260110000000Programmes extends Migration {
  override name = 'Migration20260110000000Programmes';

  override up(): void {
    this.addSql(`create table "programme" (
      "id" uuid not null primary key,
      "organization_id" uuid not null,
      "name" varchar(300) not null,
      "forms" jsonb not null,
      "kinds" jsonb not null,
      "target_groups" jsonb not null,
      "period_start" date not null,
      "period_end" date not null,
      "curator_name" varchar(300) null,
      "order_number" varchar(100) null,
      "order_date" date null,
      "created_by_user_id" varchar(255) not null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "programme_organization_id_index" on "programme" ("organization_id");`);

    this.addSql(`create table "participant" (
      "id" uuid not null primary key,
      "organization_id" uuid not null,
      "programme_id" uuid not null,
      "role" varchar(10) not null,
      "username" varchar(255) null,
      "category" varchar(30) not null,
      "partner_id" uuid null,
      "last_name" varchar(100) null,
      "first_name" varchar(100) null,
      "middle_name" varchar(100) null,
      "birth_date" date null,
      "class_or_position" varchar(200) null,
      "experience_years" int null,
      "email" varchar(255) null,
      "phone" varchar(30) null,
      "special_groups" jsonb not null,
      "tags" jsonb not null,
      "free_text" text not null,
      "anonymized" boolean not null default false,
      "anonymized_on" date null,
      "age_band" varchar(20) null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "participant_programme_id_index" on "participant" ("programme_id");`);
    this.addSql(`create index "participant_username_index" on "participant" ("username");`);

    this.addSql(`create table "participant_consent" (
      "id" uuid not null primary key,
      "participant_id" uuid not null,
      "given_by" varchar(20) not null,
      "representative_name" varchar(300) null,
      "representative_relation" varchar(30) null,
      "representative_document" varchar(500) null,
      "scopes" jsonb not null,
      "text_version" varchar(200) not null,
      "signed_on" date not null,
      "valid_until" date null,
      "attachment_id" uuid null,
      "withdrawn_on" date null,
      "recorded_by_name" varchar(300) not null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "participant_consent_participant_id_index" on "participant_consent" ("participant_id");`);

    this.addSql(`create table "participant_access_log" (
      "id" uuid not null primary key,
      "participant_id" uuid not null,
      "organization_id" uuid not null,
      "user_id" varchar(255) not null,
      "user_name" varchar(300) not null,
      "operation" varchar(50) not null,
      "at" timestamptz not null default now()
    );`);
    this.addSql(`create index "participant_access_log_participant_id_index" on "participant_access_log" ("participant_id");`);

    this.addSql(`create table "mentoring_pair" (
      "id" uuid not null primary key,
      "programme_id" uuid not null,
      "organization_id" uuid not null,
      "form" varchar(50) not null,
      "kind" varchar(30) not null,
      "mentor_id" uuid not null,
      "mentee_ids" jsonb not null,
      "start_date" date not null,
      "end_date" date not null,
      "status" varchar(20) not null,
      "score" int null,
      "explanation" jsonb not null,
      "tasks" jsonb not null,
      "extensions" jsonb not null,
      "completion_reason" varchar(40) null,
      "completed_on" date null,
      "completion_comment" text null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "mentoring_pair_programme_id_index" on "mentoring_pair" ("programme_id");`);

    this.addSql(`create table "pair_meeting" (
      "id" uuid not null primary key,
      "pair_id" uuid not null,
      "type" varchar(20) not null,
      "date" date not null,
      "notes" text not null,
      "feedback" text not null,
      "recorded_by_name" varchar(300) not null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "pair_meeting_pair_id_index" on "pair_meeting" ("pair_id");`);
  }
}
