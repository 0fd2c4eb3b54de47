import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { MikroORM } from '../orm/create-orm.js';

export interface Migrators {
  /** The shared set; its tracking table is `core.mikro_orm_migrations`. */
  core: Migrator;
  /** The per-district set; applied with `up({ schema })`, tracked in each district schema. */
  district: Migrator;
}

export interface MigrationSets {
  core: MigrationObject[];
  district: MigrationObject[];
}

const cache = new WeakMap<MikroORM, Migrators>();

/**
 * Two migrators over the same connection, each with its own migration list and tracking table.
 * A Migrator reads `config.migrations` once, in its constructor, so each one is built while the
 * config holds its own options (then the original options are put back).
 */
export function getMigrators(orm: MikroORM, sets: MigrationSets): Migrators {
  const existing = cache.get(orm);
  if (existing) return existing;
  const base = orm.config.get('migrations');
  const build = (options: typeof base) => {
    orm.config.set('migrations', options);
    try {
      return new Migrator(orm.em);
    } finally {
      orm.config.set('migrations', base);
    }
  };
  const common = { ...base, transactional: true, allOrNothing: true, snapshot: false, silent: true };
  const migrators: Migrators = {
    core: build({ ...common, migrationsList: sets.core, schema: 'core', tableName: 'mikro_orm_migrations' }),
    district: build({
      ...common,
      migrationsList: sets.district,
      includeWildcardSchema: true,
      schema: undefined,
      tableName: 'mikro_orm_migrations',
    }),
  };
  cache.set(orm, migrators);
  return migrators;
}
