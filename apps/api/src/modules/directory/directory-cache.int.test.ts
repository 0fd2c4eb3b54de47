import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type RunningApiServer } from '../../app.js';
import { createDistrict, createOrganization, createRegion, groups, uniqueCode } from '../../test/factories.js';
import { errorCodes, postGraphQL, startTestApp, type TestApp } from '../../test/harness.js';
import type { District } from './district.entity.js';
import type { Organization } from './organization.entity.js';
import type { Region } from './region.entity.js';

const ME = '{ me { __typename } }';

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('directory cache: the context reads no directory while it has not changed, and every change reaches every replica', () => {
  let app: TestApp;
  /** A second replica on the same database: its own ORM, cache and LISTEN connection. */
  let second: RunningApiServer;
  let sql: pg.Client;
  let region: Region;
  let district: District;
  let school: Organization;

  beforeAll(async () => {
    app = await startTestApp();
    second = await startApiServer({ config: app.config, port: 0, logger: pino({ level: 'silent' }) });
    sql = new pg.Client({ connectionString: app.config.databaseUrl });
    await sql.connect();
    region = await createRegion(app.orm);
    district = await createDistrict(app.orm, region);
    school = await createOrganization(app.orm, district);
  });

  afterAll(async () => {
    await sql?.end();
    await second?.stop();
    await app?.stop();
  });

  const me = (token: string, api: RunningApiServer = app.api) => postGraphQL(api.graphqlUrl, ME, { token });

  it('answers `{ me { __typename } }` with no SQL statement once the directory is cached', async () => {
    const token = await app.tokenFor('school-curator', [groups.organization(region, district, school)], 'gimnaziya.curator');
    const cold = await app.countQueries(() => me(token));
    expect(cold.result.body.data).toEqual({ me: { __typename: 'Me' } });
    expect(cold.queries.length).toBeGreaterThan(0);
    const invalidations = app.api.directory.invalidations;
    const warm = await app.countQueries(() => me(token));
    expect(warm.result.body.data).toEqual({ me: { __typename: 'Me' } });
    // Nothing else changed the directory meanwhile (else the count would say nothing).
    expect(app.api.directory.invalidations).toBe(invalidations);
    expect(warm.queries).toEqual([]);
  });

  it('a grant removed in the directory is refused on the next request after the NOTIFY, on both replicas', async () => {
    const other = await createOrganization(app.orm, district);
    const token = await app.tokenFor('school-curator', [groups.organization(region, district, other)], 'gimnaziya.curator');
    for (const api of [app.api, second]) expect((await me(token, api)).body.data).toEqual({ me: { __typename: 'Me' } });
    const before = [app.api.directory.invalidations, second.directory.invalidations];
    // Another writer than the API (an operator's SQL, another replica): only the NOTIFY tells.
    await sql.query(`update core.organization set code = $1 where id = $2`, [uniqueCode('gone'), other.id]);
    await until('both replicas notified', () => app.api.directory.invalidations > before[0]! && second.directory.invalidations > before[1]!);
    for (const api of [app.api, second]) {
      const response = await me(token, api);
      expect(response.body.data ?? null).toBeNull();
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    }
  });

  it('a district created through one replica is seen by its next request at once, and by the other after the NOTIFY', async () => {
    const admin = await app.tokenFor('platform-admin', [], 'admin');
    const code = uniqueCode('d');
    const officer = await app.tokenFor('district-officer', [`/${region.code}/${code}`], 'sibay.officer');
    // Both replicas cache «no such district» first.
    for (const api of [app.api, second]) {
      expect(errorCodes(await me(officer, api))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await me(officer, api))).toEqual(['FORBIDDEN']);
    }
    const secondBefore = second.directory.invalidations;
    const created = await app.gql(`mutation ($input: CreateDistrictInput!) { createDistrict(input: $input) { id } }`, {
      token: admin,
      variables: { input: { regionId: region.id, code, name: 'ГО г. Новоград', authorityName: 'Управление образования' } },
    });
    expect(created.body.errors).toBeUndefined();
    expect((await me(officer)).body.data).toEqual({ me: { __typename: 'Me' } });
    await until('the second replica notified', () => second.directory.invalidations > secondBefore);
    expect((await me(officer, second)).body.data).toEqual({ me: { __typename: 'Me' } });
  });

  it('a lost LISTEN connection drops the cache, reads the directory while it is down, and caches again once reconnected', async () => {
    const token = await app.tokenFor('school-curator', [groups.organization(region, district, school)], 'gimnaziya.curator');
    await me(token);
    expect((await app.countQueries(() => me(token))).queries).toEqual([]);
    const pid = app.api.directory.listenerPid;
    expect(pid).not.toBeNull();
    await sql.query('select pg_terminate_backend($1)', [pid]);
    await until('the listener to notice', () => !app.api.directory.listening || app.api.directory.listenerPid !== pid);
    // A change while nobody listens: still seen, since nothing is served from the cache then.
    const renamed = uniqueCode('o');
    await sql.query(`update core.organization set code = $1 where id = $2`, [renamed, school.id]);
    expect(errorCodes(await me(token))).toEqual(['FORBIDDEN']);
    await until('the listener to reconnect', () => app.api.directory.listening && app.api.directory.listenerPid !== pid);
    const renamedToken = await app.tokenFor('school-curator', [`/${region.code}/${district.code}/${renamed}`], 'gimnaziya.curator');
    await me(renamedToken);
    const warm = await app.countQueries(() => me(renamedToken));
    expect(warm.result.body.data).toEqual({ me: { __typename: 'Me' } });
    expect(warm.queries).toEqual([]);
  });
});
