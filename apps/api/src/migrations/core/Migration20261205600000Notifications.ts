import { Migration } from '@mikro-orm/migrations';

/** Issue 16: the notifications' outbox and delivery log (modules/notifications). */
export class Migration20261205600000Notifications extends Migration {
  override name = 'Migration20261205600000Notifications';

  override up(): void {
    this.addSql(`create table "core"."notification" (
      "id" uuid not null primary key,
      "kind" varchar(80) not null,
      "channel" varchar(20) not null,
      "dedup_key" varchar(300) not null,
      "district_id" uuid null,
      "person_ref" varchar(120) null,
      "recipient_address" varchar(254) not null,
      "recipient_name" varchar(300) null,
      "subject" varchar(500) not null,
      "text" text not null,
      "html" text not null,
      "link" varchar(1000) null,
      "status" varchar(20) not null default 'pending',
      "attempts" int not null default 0,
      "next_attempt_at" timestamptz not null,
      "last_error" text null,
      "created_at" timestamptz not null default now(),
      "sent_at" timestamptz null,
      constraint "notification_dedup_key_unique" unique ("dedup_key")
    );`);
    this.addSql(`create index "notification_status_next_attempt_at_index" on "core"."notification" ("status", "next_attempt_at");`);
    this.addSql(`create index "notification_district_id_created_at_index" on "core"."notification" ("district_id", "created_at");`);
    this.addSql(`create index "notification_person_ref_index" on "core"."notification" ("person_ref");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "core"."notification";`);
  }
}
