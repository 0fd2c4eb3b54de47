import type { MikroORM } from '../orm/create-orm.js';
import type { Logger } from '../logging.js';
import type { Migrators } from './migrators.js';

export interface DistrictTarget {
  id: string;
  code: string;
  schemaName: string;
}

export interface MigrationReport {
  /** Core migrations applied by this run. */
  core: string[];
  /** District codes whose schema received migrations in this run. */
  migrated: string[];
  /** District codes that were already up to date. */
  upToDate: string[];
  /** Districts whose migration failed (their schema is left as before the failed migration). */
  failed: Array<{ district: string; error: string }>;
}

export const emptyReport = (): MigrationReport => ({ core: [], migrated: [], upToDate: [], failed: [] });

const SCHEMA_NAME = /^district_[a-z0-9_]{1,54}$/;

export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid district schema name: ${schema}`);
  return `"${schema}"`;
}

async function recordState(
  orm: MikroORM,
  district: DistrictTarget,
  state: { status: 'pending' | 'migrated' | 'failed'; lastMigration?: string | null; error?: string | null; attempt?: boolean },
): Promise<void> {
  // One statement, so a crash between two writes cannot leave a half-written row.
  await orm.em.getConnection().execute(
    `insert into "core"."district_migration_state" ("district_id", "schema_name", "status", "last_migration", "error", "attempts", "updated_at")
     values (?, ?, ?, ?, ?, ?, now())
     on conflict ("district_id") do update set
       "schema_name" = excluded."schema_name",
       "status" = excluded."status",
       "last_migration" = coalesce(excluded."last_migration", "district_migration_state"."last_migration"),
       "error" = excluded."error",
       "attempts" = case
         when not ? then "district_migration_state"."attempts"
         when "district_migration_state"."status" = 'migrated' then 1
         else "district_migration_state"."attempts" + 1 end,
       "updated_at" = now()`,
    [district.id, district.schemaName, state.status, state.lastMigration ?? null, state.error ?? null, state.attempt ? 1 : 0, state.attempt ?? false],
  );
}

/**
 * Brings one district schema up to date with the district migration set. The caller holds the
 * migration lock. Returns whether anything was applied; throws (after recording `failed`) when a
 * migration fails — that migration's transaction is rolled back, earlier ones stay applied.
 */
export async function migrateDistrictSchema(orm: MikroORM, migrators: Migrators, district: DistrictTarget): Promise<'migrated' | 'upToDate'> {
  const schema = district.schemaName;
  const migrator = migrators.district;
  try {
    await orm.em.getConnection().execute(`create schema if not exists ${quoteSchema(schema)}`);
    const pending = await migrator.getPending({ schema });
    if (pending.length === 0) {
      const executed = await migrator.getExecuted({ schema });
      await recordState(orm, district, { status: 'migrated', lastMigration: executed.at(-1)?.name ?? null });
      return 'upToDate';
    }
    await recordState(orm, district, { status: 'pending', attempt: true });
    const applied = await migrator.up({ schema });
    await recordState(orm, district, { status: 'migrated', lastMigration: applied.at(-1)?.name ?? null });
    return 'migrated';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordState(orm, district, { status: 'failed', error: message.slice(0, 4000) });
    throw error;
  }
}

/**
 * Migrates the given districts one at a time. A failing district is recorded and reported; the
 * others still run. Districts are never skipped: each ends up in exactly one list of the report.
 */
export async function migrateDistricts(
  orm: MikroORM,
  migrators: Migrators,
  districts: DistrictTarget[],
  logger?: Logger,
  report: MigrationReport = emptyReport(),
): Promise<MigrationReport> {
  for (const district of districts) {
    try {
      const outcome = await migrateDistrictSchema(orm, migrators, district);
      (outcome === 'migrated' ? report.migrated : report.upToDate).push(district.code);
      if (outcome === 'migrated') logger?.info({ district: district.code, schema: district.schemaName }, 'district schema migrated');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.failed.push({ district: district.code, error: message });
      logger?.error({ district: district.code, schema: district.schemaName, err: error }, 'district schema migration failed');
    }
  }
  return report;
}
