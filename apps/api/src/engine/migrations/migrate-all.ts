import type { MikroORM } from '../orm/create-orm.js';
import type { Logger } from '../logging.js';
import { emptyReport, migrateDistricts, type DistrictTarget, type MigrationReport } from './district-runner.js';
import { withMigrationLock } from './lock.js';
import { getMigrators, type MigrationSets } from './migrators.js';

export async function listDistrictTargets(orm: MikroORM): Promise<DistrictTarget[]> {
  const rows = await orm.em
    .getConnection()
    .execute<Array<{ id: string; code: string; schema_name: string }>>(`select "id", "code", "schema_name" from "core"."district" order by "code"`);
  return rows.map((row) => ({ id: row.id, code: row.code, schemaName: row.schema_name }));
}

/** Core first, then every district schema one at a time (see district-runner.ts). */
export async function migrateAllWith(orm: MikroORM, sets: MigrationSets, logger?: Logger): Promise<MigrationReport> {
  const migrators = getMigrators(orm, sets);
  return withMigrationLock(orm, async () => {
    const report = emptyReport();
    const core = await migrators.core.up();
    report.core = core.map((migration) => migration.name);
    if (report.core.length > 0) logger?.info({ migrations: report.core }, 'core schema migrated');
    const districts = await listDistrictTargets(orm);
    await migrateDistricts(orm, migrators, districts, logger, report);
    logger?.info({ migrated: report.migrated.length, upToDate: report.upToDate.length, failed: report.failed.length }, 'district schemas checked');
    return report;
  });
}
