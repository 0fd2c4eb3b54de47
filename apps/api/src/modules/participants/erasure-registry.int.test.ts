import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createOrm } from '../../app.js';
import { loadConfig } from '../../engine/config.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import { createDistrict, createRegion } from '../../test/factories.js';
import { CORE_COLUMNS, DISTRICT_COLUMNS, type ErasureColumn } from './erasure-registry.js';

/**
 * Every text, varchar and jsonb column of a freshly migrated district schema and of `core` is in the
 * erasure registry with a class: a column added by a migration without a decision fails here.
 */
let orm: MikroORM;

beforeAll(async () => {
  orm = await createOrm(loadConfig({ NODE_ENV: 'test', DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' }));
});

afterAll(async () => {
  await orm?.close();
});

async function textColumns(schema: string): Promise<string[]> {
  const rows = await orm.em.getConnection().execute<Array<{ place: string }>>(
    `select table_name || '.' || column_name as place from information_schema.columns
      where table_schema = ? and data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'USER-DEFINED')
      order by 1`,
    [schema],
  );
  return rows.map((r) => r.place);
}

const places = (entries: readonly ErasureColumn[]) => entries.map((e) => `${e.table}.${e.column}`);

describe('erasure registry', () => {
  it('classifies every text-bearing column of a district schema', async () => {
    const district = await createDistrict(orm, await createRegion(orm));
    const columns = await textColumns(district.schemaName);
    expect(columns.length).toBeGreaterThan(100);
    expect(columns.filter((c) => !places(DISTRICT_COLUMNS).includes(c))).toEqual([]);
    // And the registry names no column that does not exist (a typo would silently skip a column).
    expect(places(DISTRICT_COLUMNS).filter((p) => !columns.includes(p))).toEqual([]);
  });

  it('classifies every text-bearing column of core', async () => {
    const columns = await textColumns('core');
    expect(columns.length).toBeGreaterThan(50);
    expect(columns.filter((c) => !places(CORE_COLUMNS).includes(c))).toEqual([]);
    expect(places(CORE_COLUMNS).filter((p) => !columns.includes(p))).toEqual([]);
  });

  it('says where each rewritten text belongs', () => {
    for (const entry of DISTRICT_COLUMNS) {
      if (entry.class === 'pair-text') expect(entry.pair, `${entry.table}.${entry.column}`).toBeTruthy();
    }
    for (const entry of CORE_COLUMNS) {
      // Core rows are touched only within the person's district.
      if (entry.class === 'free-text') expect(entry.owner, `core.${entry.table}.${entry.column}`).toBeTruthy();
    }
  });
});
