import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 14, goal 5: every table the district's KPIs are counted from marks the district dirty
 * (`core.kpi_dirty`, Migration20261205100000KpiDirtyMarks) in the same transaction as the change,
 * so the scheduled refresh visits only districts that changed. Statement-level triggers: one mark
 * per statement however many rows, and a mark already there costs an index probe.
 * The schema is marked once here, so its first pass after the upgrade refreshes it.
 */
export const KPI_SOURCE_TABLES = [
  'headcount',
  'programme',
  'participant',
  'participant_consent',
  'mentoring_pair',
  'pair_meeting',
  'questionnaire_response',
  'questionnaire_answer',
  'roadmap',
  'roadmap_revision',
  'roadmap_item',
  'item_execution',
] as const;

export class Migration20261205100000KpiDirtyTriggers extends Migration {
  override name = 'Migration20261205100000KpiDirtyTriggers';

  override up(): void {
    for (const table of KPI_SOURCE_TABLES) {
      this.addSql(
        `create trigger "${table}_mark_kpi_dirty" after insert or update or delete or truncate on "${table}" for each statement execute function "core"."mark_kpi_dirty"();`,
      );
    }
    this.addSql(`insert into "core"."kpi_dirty" ("schema_name") values (current_schema()) on conflict do nothing;`);
  }

  override down(): void {
    for (const table of KPI_SOURCE_TABLES) this.addSql(`drop trigger if exists "${table}_mark_kpi_dirty" on "${table}";`);
  }
}
