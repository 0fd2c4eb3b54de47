import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 14, goal 3: the district dashboard reads maintained per-school figures instead of
 * aggregating 100,000 participants on every view (modules/monitoring/dashboard-store.ts).
 * - `dashboard_total`: the district's totals (counts and figures) per academic year, the day they
 *   were computed for (overdue items depend on it), and whether they went stale because a change was
 *   taken in by a refresh of another year.
 * - `dashboard_school`: one row per school and year with its counts (its figures follow from them), the sort keys as
 *   columns (the dashboard sorts and pages in SQL) and its place by name in Russian collation order.
 * Written only by the refresh, together with `core.district_kpi_snapshot`; no personal data.
 */
export class Migration20261205200000DashboardAggregates extends Migration {
  override name = 'Migration20261205200000DashboardAggregates';

  override up(): void {
    this.addSql(`create table "dashboard_total" (
      "academic_year" varchar(9) not null primary key,
      "counts" jsonb not null,
      "figures" jsonb not null,
      "computed_for" date not null,
      "as_of" timestamptz not null,
      "stale" boolean not null default false
    );`);
    this.addSql(`create table "dashboard_school" (
      "academic_year" varchar(9) not null,
      "organization_id" uuid not null,
      "code" text not null,
      "short_name" text not null,
      "name_order" int not null,
      "name_group" int not null,
      "has_headcount" boolean not null,
      "pupil_coverage" float8 null,
      "teacher_coverage" float8 null,
      "federal_target" float8 null,
      "consents" float8 null,
      "plans" float8 null,
      "execution" float8 null,
      "final_event" float8 null,
      "participants" int not null,
      "counts" jsonb not null,
      primary key ("academic_year", "organization_id")
    );`);
  }

  override down(): void {
    this.addSql(`drop table if exists "dashboard_school";`);
    this.addSql(`drop table if exists "dashboard_total";`);
  }
}
