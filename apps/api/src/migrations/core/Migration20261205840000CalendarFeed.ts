import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16: a user's personal calendar feed (modules/calendar). Only the token's sha256 is kept; the
 * grants are those of the user's token when the link was made (role and group codes), re-checked
 * against the identity provider at every read.
 */
export class Migration20261205840000CalendarFeed extends Migration {
  override name = 'Migration20261205840000CalendarFeed';

  override up(): void {
    this.addSql(`create table "core"."calendar_feed" (
      "id" uuid not null primary key,
      "username" varchar(255) not null,
      "token_hash" char(64) not null,
      "district_id" uuid not null,
      "grants" jsonb not null,
      "created_at" timestamptz not null default now(),
      "last_used_at" timestamptz null,
      constraint "calendar_feed_username_unique" unique ("username"),
      constraint "calendar_feed_token_hash_unique" unique ("token_hash")
    );`);
  }

  override down(): void {
    this.addSql(`drop table if exists "core"."calendar_feed";`);
  }
}
