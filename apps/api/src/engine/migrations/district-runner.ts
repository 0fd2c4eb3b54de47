import type { Transaction } from '@mikro-orm/core';
import type { Migrator } from '@mikro-orm/migrations';
import type { MikroORM } from '../orm/create-orm.js';
import type { Logger } from '../logging.js';
import { createDistrictMigrator, newestMigrationName, type MigrationSets, type Migrators } from './migrators.js';

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
  /** Districts whose migration failed (their schema is left as before the run). */
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
  state: { status: 'migrated' | 'failed'; lastMigration?: string | null; error?: string | null; attempt: boolean },
  tx?: Transaction,
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
    [district.id, district.schemaName, state.status, state.lastMigration ?? null, state.error ?? null, state.attempt ? 1 : 0, state.attempt],
    'run',
    tx,
  );
}

/**
 * Brings one district schema up to date in ONE transaction: its pending migrations, their tracking
 * rows and its recorded state commit together, so a process killed midway leaves the district
 * either untouched (still pending, retried by the next run) or migrated and recorded — never half.
 * On failure the transaction is rolled back and `failed` is recorded with the error, then it throws.
 */
async function migrateOne(orm: MikroORM, migrator: Migrator, sets: MigrationSets, district: DistrictTarget): Promise<'migrated' | 'upToDate'> {
  const connection = orm.em.getConnection();
  const schema = quoteSchema(district.schemaName);
  try {
    return await connection.transactional(async (tx) => {
      await connection.execute(`create schema if not exists ${schema}`, [], 'run', tx);
      const applied = await migrator.up({ schema: district.schemaName, transaction: tx });
      // After `up` every migration of the set is applied: the newest one is where the schema stands.
      await recordState(orm, district, { status: 'migrated', lastMigration: newestMigrationName(sets.district), attempt: applied.length > 0 }, tx);
      return applied.length > 0 ? 'migrated' : 'upToDate';
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordState(orm, district, { status: 'failed', error: message.slice(0, 4000), attempt: true });
    throw error;
  }
}

/**
 * Brings one district schema up to date (a new district, see directory/district-creation.ts). The
 * caller holds the migration lock. Throws (after recording `failed`) when a migration fails.
 */
export function migrateDistrictSchema(orm: MikroORM, migrators: Migrators, district: DistrictTarget): Promise<'migrated' | 'upToDate'> {
  return migrateOne(orm, createDistrictMigrator(orm, migrators.sets), migrators.sets, district);
}

export interface MigrateDistrictsOptions {
  /** How many districts migrate at once, each on its own pooled connection (config MIGRATION_CONCURRENCY). */
  concurrency?: number;
  logger?: Logger;
}

export const DEFAULT_MIGRATION_CONCURRENCY = 4;

/**
 * Migrates the given districts with a bounded pool of workers (one connection each). A failing
 * district is recorded and reported; the others still run. Each district ends up in exactly one
 * list of the report (the lists are sorted by code).
 */
export async function migrateDistricts(
  orm: MikroORM,
  sets: MigrationSets,
  districts: DistrictTarget[],
  options: MigrateDistrictsOptions = {},
  report: MigrationReport = emptyReport(),
): Promise<MigrationReport> {
  const { logger } = options;
  // No more workers than pooled connections: a worker left waiting for one would time out and fail its district.
  const poolMax = orm.config.get('pool')?.max ?? Infinity;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_MIGRATION_CONCURRENCY, poolMax, districts.length));
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < districts.length) {
      const district = districts[next++]!;
      try {
        const outcome = await migrateOne(orm, createDistrictMigrator(orm, sets), sets, district);
        (outcome === 'migrated' ? report.migrated : report.upToDate).push(district.code);
        if (outcome === 'migrated') logger?.debug({ district: district.code, schema: district.schemaName }, 'district schema migrated');
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report.failed.push({ district: district.code, error: message });
        logger?.error({ district: district.code, schema: district.schemaName, err: error }, 'district schema migration failed');
      }
      if (++finished % 250 === 0) logger?.info({ done: finished, of: districts.length }, 'migrating district schemas');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  report.migrated.sort();
  report.upToDate.sort();
  report.failed.sort((a, b) => a.district.localeCompare(b.district));
  return report;
}
