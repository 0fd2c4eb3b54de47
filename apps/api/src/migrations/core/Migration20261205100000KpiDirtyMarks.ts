import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 14, goal 5: the KPI refresh visits only districts whose data changed since its last pass.
 * - `kpi_dirty`: one row per district schema with a change not yet in its snapshot.
 * - `mark_kpi_dirty()`: the trigger function the district schemas' statement-level triggers call
 *   (Migration20261205100000KpiDirtyTriggers), so the mark is written in the same transaction as the
 *   change. `on conflict do nothing` takes no lock on a committed mark, so writers of one district do
 *   not queue behind each other; only the first writes after a pass meet.
 * - Organisations are counted by district: a school added, moved or closed marks its district.
 */
export class Migration20261205100000KpiDirtyMarks extends Migration {
  override name = 'Migration20261205100000KpiDirtyMarks';

  override up(): void {
    this.addSql(`create table "core"."kpi_dirty" (
      "schema_name" varchar(63) not null primary key,
      "marked_at" timestamptz not null default now()
    );`);
    this.addSql(`create or replace function "core"."mark_kpi_dirty"() returns trigger language plpgsql as $$
begin
  insert into "core"."kpi_dirty" ("schema_name") values (tg_table_schema) on conflict do nothing;
  return null;
end;
$$;`);
    this.addSql(`create or replace function "core"."mark_kpi_dirty_by_organization"() returns trigger language plpgsql as $$
begin
  insert into "core"."kpi_dirty" ("schema_name")
    select d."schema_name" from "core"."district" d
    where d."id" in (
      (case when tg_op in ('INSERT', 'UPDATE') then new."district_id" end),
      (case when tg_op in ('UPDATE', 'DELETE') then old."district_id" end)
    )
  on conflict do nothing;
  return null;
end;
$$;`);
    this.addSql(
      `create trigger "organization_mark_kpi_dirty" after insert or update or delete on "core"."organization" for each row execute function "core"."mark_kpi_dirty_by_organization"();`,
    );
  }

  override down(): void {
    this.addSql(`drop trigger if exists "organization_mark_kpi_dirty" on "core"."organization";`);
    this.addSql(`drop function if exists "core"."mark_kpi_dirty_by_organization"();`);
    this.addSql(`drop function if exists "core"."mark_kpi_dirty"();`);
    this.addSql(`drop table if exists "core"."kpi_dirty";`);
  }
}
