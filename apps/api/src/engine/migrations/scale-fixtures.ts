import { Migration } from '@mikro-orm/migrations';
import pg from 'pg';
import type { MikroORM } from '../orm/create-orm.js';
import { quoteSchema } from './district-runner.js';
import { newestMigrationName, type MigrationSets } from './migrators.js';

/**
 * Test and bench support (startup.bench.mjs, migrations *.int.test.ts): many migrated districts
 * created quickly, and a harmless extra district migration to run over all of them. Not used by
 * the product.
 */

export const PROBE_MIGRATION = 'Migration29991231000000ScaleProbe';

/** The sets plus a last district migration that adds one empty table (optionally sleeping, so a run can be caught midway). */
export function withProbeMigration(sets: MigrationSets, options: { sleepMs?: number; name?: string } = {}): MigrationSets {
  const sleep = options.sleepMs ?? 0;
  const name = options.name ?? PROBE_MIGRATION;
  const table = name === PROBE_MIGRATION ? 'scale_probe' : `scale_probe_${name.replace(/\W/g, '').slice(-20).toLowerCase()}`;
  class ScaleProbe extends Migration {
    override name = name;
    override up(): void {
      this.addSql(`create table "${table}" ("id" int primary key)`);
      if (sleep > 0) this.addSql(`select pg_sleep(${sleep / 1000})`);
    }
  }
  return { core: sets.core, district: [...sets.district, { name, class: ScaleProbe }] };
}

/** The SQL of the whole district set, in order, as the migrator would run it into one schema. */
async function districtSetSql(orm: MikroORM, sets: MigrationSets): Promise<string[]> {
  const statements: string[] = [];
  for (const { class: MigrationClass } of sets.district) {
    // The district set is made of @mikro-orm/migrations classes (addSql strings).
    const migration = new MigrationClass(orm.em.getDriver(), orm.config) as unknown as Migration;
    await migration.up();
    for (const query of migration.getQueries()) {
      if (typeof query !== 'string') throw new Error('district migrations are expected to add SQL strings');
      statements.push(query.trim().replace(/;$/, ''));
    }
  }
  return statements;
}

/**
 * Creates `count` districts (codes `${prefix}-0001`…) whose schemas hold the whole district set,
 * tracked and recorded as migrated, as if each had been migrated: the set's SQL runs once per
 * schema as one multi-statement query on `connections` direct connections (no migrator round trips).
 * Returns how long it took.
 */
export async function seedMigratedDistricts(
  orm: MikroORM,
  url: string,
  sets: MigrationSets,
  options: {
    count: number;
    prefix: string;
    connections?: number;
    /** false: only the schema and its tracking table (every migration recorded), none of the tenant tables: what start-up and a new migration touch, seeded ~10× faster. */
    tables?: boolean;
    onProgress?: (done: number) => void;
  },
): Promise<{ ms: number }> {
  const started = Date.now();
  const body = options.tables === false ? 'select 1' : (await districtSetSql(orm, sets)).join(';\n');
  const names = sets.district.map((m) => m.name);
  const newest = newestMigrationName(sets.district);
  const connection = orm.em.getConnection();
  const regionCode = `${options.prefix}-region`;
  await connection.execute(`insert into "core"."region" ("id", "code", "name") values (gen_random_uuid(), ?, ?) on conflict ("code") do nothing`, [
    regionCode,
    `Регион ${regionCode}`,
  ]);
  let next = 0;
  let done = 0;
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      while (next < options.count) {
        const index = ++next;
        const code = `${options.prefix}-${String(index).padStart(4, '0')}`;
        const schema = quoteSchema(`district_${code.replace(/-/g, '_')}`);
        const tracked = names.map((name) => `('${name.replace(/'/g, "''")}')`).join(', ');
        // The seeding's commits need not wait for the disk (a crash only loses the seed).
        await client.query(`begin;
          set local synchronous_commit to off;
          with d as (
            insert into "core"."district" ("id", "code", "name", "authority_name", "region_id", "schema_name")
            select gen_random_uuid(), '${code}', 'Муниципалитет ${code}', 'Отдел образования', r."id", '${schema.slice(1, -1)}'
            from "core"."region" r where r."code" = '${regionCode}' returning "id", "schema_name")
          insert into "core"."district_migration_state" ("district_id", "schema_name", "status", "last_migration", "attempts")
            select "id", "schema_name", 'migrated', '${newest}', 1 from d;
          create schema ${schema};
          set local search_path to ${schema};
          ${body};
          create table ${schema}."mikro_orm_migrations" ("id" serial primary key, "name" varchar(255), "executed_at" timestamptz default current_timestamp);
          insert into ${schema}."mikro_orm_migrations" ("name") values ${tracked};
          commit;`);
        options.onProgress?.(++done);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: options.connections ?? 2 }, worker));
  return { ms: Date.now() - started };
}
