import { Migration } from '@mikro-orm/migrations';

/**
 * Partner organisations, continued (issue 6): the contact person's consent stored with the
 * application (when, which text version, the text shown) and the erasure of a rejected applicant's
 * personal data; the signed agreement files (cards here, bytes in the attachment storage — for the
 * `database` storage in `partner_agreement_file_content`, for `disk`/`s3` under the `core` prefix).
 */
export class Migration20261122300100PartnerConsentFiles extends Migration {
  override name = 'Migration20261122300100PartnerConsentFiles';

  override up(): void {
    this.addSql(
      `alter table "core"."partner_application" add column "consent_given_at" timestamptz null, add column "consent_text_version" varchar(100) null, add column "consent_text" text null, add column "personal_data_erased_at" timestamptz null, add column "personal_data_erased_by_name" varchar(300) null;`,
    );
    this.addSql(
      `create table "core"."partner_agreement_file" ("id" uuid not null, "agreement_id" uuid not null, "file_name" varchar(255) not null, "content_type" varchar(100) not null, "size" int not null, "sha256" varchar(64) not null, "storage" text check ("storage" in ('database', 'disk', 's3')) not null, "uploaded_by_user_id" varchar(255) not null, "uploaded_by_name" varchar(300) not null, "uploaded_by_side" varchar(20) not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "partner_agreement_file_agreement_id_index" on "core"."partner_agreement_file" ("agreement_id");`);
    this.addSql(`create table "core"."partner_agreement_file_content" ("file_id" uuid not null, "data" bytea not null, primary key ("file_id"));`);
  }

  override down(): void {
    this.addSql(`drop table if exists "core"."partner_agreement_file_content";`);
    this.addSql(`drop table if exists "core"."partner_agreement_file";`);
    this.addSql(
      `alter table "core"."partner_application" drop column "consent_given_at", drop column "consent_text_version", drop column "consent_text", drop column "personal_data_erased_at", drop column "personal_data_erased_by_name";`,
    );
  }
}
