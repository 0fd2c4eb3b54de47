import { Migration } from '@mikro-orm/migrations';

/** The roll-up keeps the final-event counts and the questionnaire sums too (for the region dashboard). */
export class Migration20261122200100KpiSnapshotFinalEvents extends Migration {
  override name = 'Migration20261122200100KpiSnapshotFinalEvents';

  override up(): void {
    this.addSql(
      `alter table "core"."district_kpi_snapshot" add column "final_invited" int not null default 0, add column "final_attended" int not null default 0, add column "surveys" jsonb not null default '{}';`,
    );
  }

  override down(): void {
    this.addSql(`alter table "core"."district_kpi_snapshot" drop column "final_invited", drop column "final_attended", drop column "surveys";`);
  }
}
