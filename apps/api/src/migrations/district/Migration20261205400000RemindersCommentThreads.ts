import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15, «work that moves»:
 * - `campaign_reminder`: the district reminded a school of a campaign's due date — who, when, which
 *   school. The row is the record shown on the campaign page and in the school's inbox, and the
 *   outbox of issue 16's notifications: its sender reads rows with `delivered_at` null and stamps them.
 * - `review_comment`: a reply points at its comment (`parent_id`, one level); a comment is resolved
 *   (who, when) and may be reopened (the stamp cleared).
 */
export class Migration20261205400000RemindersCommentThreads extends Migration {
  override name = 'Migration20261205400000RemindersCommentThreads';

  override up(): void {
    this.addSql(`create table "campaign_reminder" (
      "id" uuid not null primary key,
      "campaign_id" uuid not null,
      "organization_id" uuid not null,
      "reminded_by_user_id" varchar(255) not null,
      "reminded_by_name" varchar(300) not null,
      "reminded_at" timestamptz not null default now(),
      "delivered_at" timestamptz null,
      constraint "campaign_reminder_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on delete cascade
    );`);
    this.addSql(
      `create index "campaign_reminder_campaign_id_organization_id_reminded_at_index" on "campaign_reminder" ("campaign_id", "organization_id", "reminded_at");`,
    );
    this.addSql(`create index "campaign_reminder_organization_id_reminded_at_index" on "campaign_reminder" ("organization_id", "reminded_at");`);

    this.addSql(`alter table "review_comment" add column "parent_id" uuid null,
      add column "resolved_at" timestamptz null,
      add column "resolved_by_user_id" varchar(255) null,
      add column "resolved_by_name" varchar(300) null;`);
    this.addSql(
      `alter table "review_comment" add constraint "review_comment_parent_id_foreign" foreign key ("parent_id") references "review_comment" ("id") on delete cascade;`,
    );
    this.addSql(`create index "review_comment_parent_id_index" on "review_comment" ("parent_id");`);
  }

  override down(): void {
    this.addSql(`alter table "review_comment" drop constraint if exists "review_comment_parent_id_foreign";`);
    this.addSql(`alter table "review_comment" drop column if exists "parent_id", drop column if exists "resolved_at",
      drop column if exists "resolved_by_user_id", drop column if exists "resolved_by_name";`);
    this.addSql(`drop table if exists "campaign_reminder";`);
  }
}
