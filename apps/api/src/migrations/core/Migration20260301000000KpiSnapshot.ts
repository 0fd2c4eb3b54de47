import { Migration } from '@mikro-orm/migrations';

/**
 * The maintained monitoring roll-up in the shared schema (issue 7): one row per district and
 * academic year with the counts the region and national dashboards sum — so they never read the
 * district schemas at request time. Refreshed per district (on demand and by the scheduled job).
 */
export class Migration20260301000000KpiSnapshot extends Migration {
  override name = 'Migration20260301000000KpiSnapshot';

  override up(): void {
    this.addSql(`create table "core"."district_kpi_snapshot" (
      "district_id" uuid not null,
      "academic_year" varchar(9) not null,
      "region_id" uuid not null,
      "schools" int not null,
      "schools_with_headcount" int not null,
      "pupils" int not null,
      "teachers" int not null,
      "pupil_participants" int not null,
      "teacher_participants" int not null,
      "pupil_participants_counted" int not null,
      "teacher_participants_counted" int not null,
      "mentors" int not null,
      "mentees" int not null,
      "partner_mentors" int not null,
      "participants" int not null,
      "with_consent" int not null,
      "plan_percents" jsonb not null,
      "execution" jsonb not null,
      "by_role_category" jsonb not null,
      "stat_form" jsonb not null,
      "as_of" timestamptz not null,
      constraint "district_kpi_snapshot_pkey" primary key ("district_id", "academic_year"),
      constraint "district_kpi_snapshot_district_id_foreign" foreign key ("district_id")
        references "core"."district" ("id") on update cascade on delete cascade
    );`);
    this.addSql(`create index "district_kpi_snapshot_region_id_academic_year_index" on "core"."district_kpi_snapshot" ("region_id", "academic_year");`);
  }
}
