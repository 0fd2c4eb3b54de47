import type { MikroORM } from '../orm/create-orm.js';
import type { Logger } from '../logging.js';
import { setUnavailableDistricts } from './availability.js';
import { emptyReport, migrateDistricts, type DistrictTarget, type MigrationReport } from './district-runner.js';
import { withMigrationLock } from './lock.js';
import { getMigrators, newestMigrationName, type MigrationSets } from './migrators.js';

export interface DistrictWithState extends DistrictTarget {
  /** The recorded state (core.district_migration_state), null when none was recorded yet. */
  status: 'pending' | 'migrated' | 'failed' | null;
  lastMigration: string | null;
  /** The schema the state was recorded for (a renamed district's differs). */
  recordedSchema: string | null;
}

/** Every district with its recorded migration state: one statement, whatever the number of districts. */
export async function listDistrictStates(orm: MikroORM): Promise<DistrictWithState[]> {
  const rows = await orm.em.getConnection().execute<
    Array<{
      id: string;
      code: string;
      schema_name: string;
      status: DistrictWithState['status'];
      last_migration: string | null;
      recorded_schema: string | null;
    }>
  >(
    `select d."id", d."code", d."schema_name", s."status", s."last_migration", s."schema_name" as "recorded_schema"
     from "core"."district" d left join "core"."district_migration_state" s on s."district_id" = d."id"
     order by d."code"`,
  );
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    schemaName: row.schema_name,
    status: row.status,
    lastMigration: row.last_migration,
    recordedSchema: row.recorded_schema,
  }));
}

export interface MigrateAllOptions {
  /** Districts migrated at once (config MIGRATION_CONCURRENCY). */
  concurrency?: number;
}

/**
 * Core first, then the districts. The recorded states decide which districts need the migrator:
 * one whose state is `migrated` at the set's newest migration is up to date without touching its
 * schema (start-up with nothing pending sends a constant number of statements); the others
 * (no state, pending, failed, behind) are migrated in parallel (see district-runner.ts), each in
 * its own transaction that also records its state, so a killed run resumes with the rest.
 */
export async function migrateAllWith(orm: MikroORM, sets: MigrationSets, logger?: Logger, options: MigrateAllOptions = {}): Promise<MigrationReport> {
  const migrators = getMigrators(orm, sets);
  return withMigrationLock(orm, async () => {
    const started = Date.now();
    const report = emptyReport();
    const core = await migrators.core.up();
    report.core = core.map((migration) => migration.name);
    if (report.core.length > 0) logger?.info({ migrations: report.core }, 'core schema migrated');
    const newest = newestMigrationName(sets.district);
    const districts = await listDistrictStates(orm);
    const pending = districts.filter((d) => !(d.status === 'migrated' && d.lastMigration === newest && d.recordedSchema === d.schemaName));
    const pendingIds = new Set(pending.map((d) => d.id));
    report.upToDate = districts.filter((d) => !pendingIds.has(d.id)).map((d) => d.code);
    if (pending.length > 0) logger?.info({ pending: pending.length, concurrency: options.concurrency }, 'migrating district schemas');
    await migrateDistricts(orm, sets, pending, { concurrency: options.concurrency, logger }, report);
    const byCode = new Map(districts.map((d) => [d.code, d]));
    setUnavailableDistricts(
      orm,
      report.failed.map((failure) => ({ id: byCode.get(failure.district)!.id, code: failure.district, error: failure.error })),
    );
    logger?.info(
      { migrated: report.migrated.length, upToDate: report.upToDate.length, failed: report.failed.length, tookMs: Date.now() - started },
      'district schemas checked',
    );
    return report;
  });
}
