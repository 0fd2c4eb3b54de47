import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { MikroORM } from '../orm/create-orm.js';

export interface Migrators {
  /** The shared set; its tracking table is `core.mikro_orm_migrations`. */
  core: Migrator;
  /** The per-district set; applied with `up({ schema })`, tracked in each district schema. */
  district: Migrator;
  /** The sets these migrators were built from. */
  sets: MigrationSets;
}

export interface MigrationSets {
  core: MigrationObject[];
  district: MigrationObject[];
}

const cache = new WeakMap<MikroORM, Migrators>();

/** The name of a set's last migration (sets run in list order): what an up-to-date district records. */
export function newestMigrationName(set: MigrationObject[]): string | null {
  const last = set.at(-1);
  return last ? last.name.replace(/\.[jt]s$/, '') : null;
}

/**
 * A Migrator reads `config.migrations` once, in its constructor, so each one is built while the
 * config holds its own options (then the original options are put back; synchronous, so no other
 * code sees the swap).
 */
function build(orm: MikroORM, options: Record<string, unknown>): Migrator {
  const base = orm.config.get('migrations');
  orm.config.set('migrations', { ...base, transactional: true, allOrNothing: true, snapshot: false, silent: true, ...options });
  try {
    return new Migrator(orm.em);
  } finally {
    orm.config.set('migrations', base);
  }
}

/**
 * A migrator of the district set for one district run. A Migrator keeps the schema and transaction
 * of its current run in its own fields, and caches which tracking tables exist (wrong after a
 * rolled-back run), so parallel runs each take a fresh one; building one sends no statement.
 */
export function createDistrictMigrator(orm: MikroORM, sets: MigrationSets): Migrator {
  return build(orm, { migrationsList: sets.district, includeWildcardSchema: true, schema: undefined, tableName: 'mikro_orm_migrations' });
}

/** Two migrators over the same connection, each with its own migration list and tracking table. */
export function getMigrators(orm: MikroORM, sets: MigrationSets): Migrators {
  const existing = cache.get(orm);
  if (existing) return existing;
  const migrators: Migrators = {
    core: build(orm, { migrationsList: sets.core, schema: 'core', tableName: 'mikro_orm_migrations' }),
    district: createDistrictMigrator(orm, sets),
    sets,
  };
  cache.set(orm, migrators);
  return migrators;
}
