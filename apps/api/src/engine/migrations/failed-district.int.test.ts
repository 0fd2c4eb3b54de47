import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAll } from '../../app.js';
import { createDistrictRowOnly, createRegion } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import type { District } from '../../modules/directory/district.entity.js';
import { createReadinessCheck } from '../http/readiness.js';
import { DISTRICT_UNAVAILABLE_MESSAGE_RU, setUnavailableDistricts, unavailableDistricts } from './availability.js';

/**
 * A district whose migration fails at start-up is recorded and reported, its requests are answered
 * 503 with a Russian message (not a 500 from SQL on tables that are not there), and the other
 * districts keep serving.
 */
let app: TestApp;
let broken: District;
let healthy: District;

const CAMPAIGNS = `{ campaigns { items { id } } }`;

beforeAll(async () => {
  app = await startTestApp();
  const region = await createRegion(app.orm);
  broken = await createDistrictRowOnly(app.orm, region);
  healthy = await createDistrictRowOnly(app.orm, region);
  // A conflicting object in the broken district's schema makes its first migration fail.
  const connection = app.orm.em.getConnection();
  await connection.execute(`create schema "${broken.schemaName}"`);
  await connection.execute(`create table "${broken.schemaName}"."headcount" ("something_else" int)`);
}, 120_000);

afterAll(async () => {
  if (app) {
    setUnavailableDistricts(app.orm, []);
    const connection = app.orm.em.getConnection();
    for (const district of [broken, healthy].filter(Boolean)) {
      await connection.execute(`drop schema if exists "${district.schemaName}" cascade`);
      await connection.execute(`delete from core.district where id = ?`, [district.id]);
    }
    await app.stop();
  }
});

describe('a district whose migration failed', () => {
  it('is reported; its requests get a Russian 503 while the other districts serve', async () => {
    const report = await migrateAll(app.orm, undefined, { concurrency: 4 });
    expect(report.failed).toEqual([{ district: broken.code, error: expect.stringMatching(/headcount.*already exists/) }]);
    expect(report.migrated).toEqual([healthy.code]);
    expect(unavailableDistricts(app.orm)).toEqual([{ id: broken.id, code: broken.code, error: expect.stringMatching(/already exists/) }]);
    const [state] = await app.orm.em
      .getConnection()
      .execute(`select status, error, attempts from core.district_migration_state where district_id = ?`, [broken.id]);
    expect(state).toEqual({ status: 'failed', error: expect.stringMatching(/already exists/), attempts: 1 });

    const admin = await app.tokenFor('platform-admin', [], 'admin');
    const refused = await app.gql(CAMPAIGNS, { token: admin, headers: { 'x-district-id': broken.id } });
    expect(refused.status).toBe(503);
    expect(refused.body.errors).toEqual([expect.objectContaining({ message: DISTRICT_UNAVAILABLE_MESSAGE_RU, extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
    expect(app.logs.filter((line) => line.msg === 'unexpected error')).toEqual([]);

    const served = await app.gql(CAMPAIGNS, { token: admin, headers: { 'x-district-id': healthy.id } });
    expect(served.status).toBe(200);
    expect(served.body).toEqual({ data: { campaigns: { items: [] } } });

    // The readiness report names it, without taking the replica out of service.
    const readiness = await createReadinessCheck(app.orm, app.config)();
    expect(readiness.checks.districts).toContain(broken.code);
    expect(readiness.ready).toBe(true);

    // Cause fixed: the next run migrates it and it serves again.
    await app.orm.em.getConnection().execute(`drop table "${broken.schemaName}"."headcount"`);
    const rerun = await migrateAll(app.orm);
    expect(rerun.migrated).toEqual([broken.code]);
    expect(unavailableDistricts(app.orm)).toEqual([]);
    const back = await app.gql(CAMPAIGNS, { token: admin, headers: { 'x-district-id': broken.id } });
    expect(back.body).toEqual({ data: { campaigns: { items: [] } } });
  }, 120_000);
});
