import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16: each recipient's choice per kind (immediate / digest / off), the in-app inbox (a letter's
 * copy on the `inbox` channel for a user with a login, read or not) and the one-click unsubscribe
 * (the letter's own link; the database keeps the token's hash).
 */
export class Migration20261205800000NotificationPreferences extends Migration {
  override name = 'Migration20261205800000NotificationPreferences';

  override up(): void {
    this.addSql(`create table "core"."notification_preference" (
      "recipient_key" varchar(300) not null,
      "kind" varchar(80) not null,
      "mode" varchar(10) not null check ("mode" in ('immediate', 'digest', 'off')),
      "updated_at" timestamptz not null default now(),
      constraint "notification_preference_pkey" primary key ("recipient_key", "kind"));`);
    this.addSql(`alter table "core"."notification"
      add column "recipient_username" varchar(120) null,
      add column "read_at" timestamptz null,
      add column "unsubscribe_url" varchar(1000) null,
      add column "unsubscribe_token_hash" varchar(64) null;`);
    this.addSql(`create unique index "notification_unsubscribe_token_hash_unique" on "core"."notification" ("unsubscribe_token_hash");`);
    this.addSql(`create index "notification_inbox_index" on "core"."notification" ("recipient_username", "created_at") where "channel" = 'inbox';`);
  }

  override down(): void {
    this.addSql(`drop index if exists "core"."notification_inbox_index";`);
    this.addSql(`drop index if exists "core"."notification_unsubscribe_token_hash_unique";`);
    this.addSql(`alter table "core"."notification" drop column if exists "recipient_username", drop column if exists "read_at",
      drop column if exists "unsubscribe_url", drop column if exists "unsubscribe_token_hash";`);
    this.addSql(`drop table if exists "core"."notification_preference";`);
  }
}
