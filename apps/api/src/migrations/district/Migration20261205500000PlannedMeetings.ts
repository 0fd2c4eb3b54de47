import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15, the participant's own page shows «the next meeting»: `planned_meeting` holds one
 * planned meeting per pair (when, kind, place, who planned it). Issue 16's notices before a meeting
 * and the calendar feed read it.
 */
export class Migration20261205500000PlannedMeetings extends Migration {
  override name = 'Migration20261205500000PlannedMeetings';

  override up(): void {
    this.addSql(`create table "planned_meeting" (
      "id" uuid not null primary key,
      "pair_id" uuid not null,
      "starts_at" timestamptz not null,
      "type" varchar(20) not null,
      "place" varchar(300) null,
      "planned_by_name" varchar(300) not null,
      "updated_at" timestamptz not null default now(),
      constraint "planned_meeting_pair_id_unique" unique ("pair_id")
    );`);
  }

  override down(): void {
    this.addSql(`drop table if exists "planned_meeting";`);
  }
}
