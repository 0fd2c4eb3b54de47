import { Migration } from '@mikro-orm/migrations';

/**
 * Questionnaires and best-practice cases of a programme (issue 5), in each district schema:
 * versioned templates (a template with answers is never changed in place), personal links (only the
 * SHA-256 of the token is stored), responses and their answers (one row per question, so the
 * aggregates are SQL), and the cases written up from completed pairs.
 */
export class Migration20261122100000QuestionnairesPractices extends Migration {
  override name = 'Migration20261122100000QuestionnairesPractices';

  override up(): void {
    this.addSql(`create table "questionnaire_template" (
      "id" uuid not null primary key,
      "programme_id" uuid not null,
      "organization_id" uuid not null,
      "kind" varchar(20) not null,
      "version" int not null,
      "is_current" boolean not null,
      "title" varchar(300) not null,
      "intro" text not null,
      "questions" jsonb not null,
      "created_by_name" varchar(300) not null,
      "created_at" timestamptz not null default now(),
      constraint "questionnaire_template_programme_kind_version_unique" unique ("programme_id", "kind", "version")
    );`);

    this.addSql(`create table "questionnaire_link" (
      "id" uuid not null primary key,
      "token_hash" varchar(64) not null,
      "programme_id" uuid not null,
      "organization_id" uuid not null,
      "template_id" uuid not null,
      "kind" varchar(20) not null,
      "participant_id" uuid not null,
      "pair_id" uuid null,
      "phase" varchar(10) null,
      "expires_at" timestamptz not null,
      "submitted_at" timestamptz null,
      "revoked_at" timestamptz null,
      "response_id" uuid null,
      "created_by_name" varchar(300) not null,
      "created_at" timestamptz not null default now(),
      constraint "questionnaire_link_token_hash_unique" unique ("token_hash")
    );`);
    this.addSql(`create index "questionnaire_link_programme_id_index" on "questionnaire_link" ("programme_id", "kind");`);
    this.addSql(`create index "questionnaire_link_participant_id_index" on "questionnaire_link" ("participant_id");`);

    this.addSql(`create table "questionnaire_response" (
      "id" uuid not null primary key,
      "programme_id" uuid not null,
      "organization_id" uuid not null,
      "template_id" uuid not null,
      "kind" varchar(20) not null,
      "participant_id" uuid null,
      "respondent_key" uuid not null,
      "respondent_role" varchar(10) not null,
      "pair_id" uuid null,
      "phase" varchar(10) null,
      "link_id" uuid null,
      "source" varchar(10) not null,
      "answered_by" varchar(20) not null,
      "entered_by_name" varchar(300) null,
      "submitted_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "questionnaire_response_programme_id_index" on "questionnaire_response" ("programme_id", "kind");`);
    this.addSql(`create index "questionnaire_response_participant_id_index" on "questionnaire_response" ("participant_id");`);

    this.addSql(`create table "questionnaire_answer" (
      "id" uuid not null primary key,
      "response_id" uuid not null,
      "question_id" varchar(60) not null,
      "value_number" int null,
      "scale_max" int null,
      "value_choices" jsonb null,
      "value_text" text null
    );`);
    this.addSql(`create index "questionnaire_answer_response_id_index" on "questionnaire_answer" ("response_id");`);

    this.addSql(`create table "best_practice" (
      "id" uuid not null primary key,
      "programme_id" uuid not null,
      "organization_id" uuid not null,
      "pair_id" uuid not null,
      "participant_ids" jsonb not null,
      "form" varchar(50) not null,
      "kind" varchar(30) not null,
      "title" varchar(300) not null,
      "summary" text not null,
      "results" text not null,
      "show_names" boolean not null default false,
      "status" varchar(20) not null,
      "published_at" timestamptz null,
      "published_by_name" varchar(300) null,
      "unpublished_reason" text null,
      "created_by_name" varchar(300) not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "best_practice_organization_id_index" on "best_practice" ("organization_id", "status");`);
    this.addSql(`create index "best_practice_programme_id_index" on "best_practice" ("programme_id");`);
  }
}
