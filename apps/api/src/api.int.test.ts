import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitSchemaSdl } from './app.js';
import { createDistrict, createHeadcount, createOrganization, createRegion, groups, uniqueCode } from './test/factories.js';
import { errorCodes, startTestApp, type TestApp } from './test/harness.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
});

const ME = /* GraphQL */ `
  query {
    me {
      id
      username
      displayName
      position
      roles
      grants {
        role
        scopeKind
        region {
          code
          name
        }
        district {
          code
          name
          authorityName
        }
        organization {
          code
          shortName
        }
        partner {
          code
          name
        }
      }
    }
  }
`;

async function demoToken(username: string): Promise<string> {
  return (await app.idp.passwordGrant(username, 'demo')).access_token;
}

describe('me (demo users, real password grant)', () => {
  it('platform admin', async () => {
    const response = await app.gql(ME, { token: await demoToken('admin') });
    expect(response.body.errors).toBeUndefined();
    const me = response.body.data!.me;
    expect(me.username).toBe('admin');
    expect(me.roles).toEqual(['PLATFORM_ADMIN']);
    expect(me.grants).toEqual([{ role: 'PLATFORM_ADMIN', scopeKind: 'PLATFORM', region: null, district: null, organization: null, partner: null }]);
  });

  it('district officer of Sibay', async () => {
    const response = await app.gql(ME, { token: await demoToken('sibay.officer') });
    expect(response.body.errors).toBeUndefined();
    const me = response.body.data!.me;
    expect(me.username).toBe('sibay.officer');
    expect(me.displayName).toBe('Галина Рашитовна Ильясова');
    expect(me.roles).toEqual(['DISTRICT_OFFICER']);
    expect(me.grants).toHaveLength(1);
    expect(me.grants[0]).toMatchObject({
      role: 'DISTRICT_OFFICER',
      scopeKind: 'DISTRICT',
      region: { code: 'bashkortostan', name: 'Республика Башкортостан' },
      district: { code: 'sibay', authorityName: 'Управление образования Администрации ГО г. Сибай РБ' },
      organization: null,
    });
  });

  it('school director, region coordinator and partner admin', async () => {
    const director = (await app.gql(ME, { token: await demoToken('gimnaziya.director') })).body.data!.me;
    expect(director.roles).toEqual(['SCHOOL_DIRECTOR']);
    expect(director.grants[0]).toMatchObject({
      scopeKind: 'ORGANIZATION',
      district: { code: 'sibay' },
      organization: { code: 'gimnaziya', shortName: 'МОБУ «Гимназия»' },
    });
    const coordinator = (await app.gql(ME, { token: await demoToken('rnc.bashkortostan') })).body.data!.me;
    expect(coordinator.grants[0]).toMatchObject({ role: 'REGION_COORDINATOR', scopeKind: 'REGION', region: { code: 'bashkortostan' } });
    const partner = (await app.gql(ME, { token: await demoToken('partner.admin') })).body.data!.me;
    expect(partner.grants[0]).toMatchObject({
      role: 'PARTNER_ADMIN',
      scopeKind: 'PARTNER',
      partner: { code: 'sibay-institute', name: 'Сибайский институт (филиал) УУНиТ' },
      region: { code: 'bashkortostan' },
    });
  });
});

const CREATE_DISTRICT = `mutation($input: CreateDistrictInput!) {
  createDistrict(input: $input) { id code name authorityName organizationsCount region { id code } }
}`;

describe('createDistrict', () => {
  it('platform admin creates a district and its migrated schema', async () => {
    const region = await createRegion(app.orm);
    const code = uniqueCode('new');
    const response = await app.gql(CREATE_DISTRICT, {
      token: await app.tokenFor('platform-admin', []),
      variables: { input: { regionId: region.id, code, name: '  Новый   район ', authorityName: 'Отдел образования' } },
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.createDistrict).toMatchObject({
      code,
      name: 'Новый район',
      authorityName: 'Отдел образования',
      organizationsCount: 0,
      region: { id: region.id, code: region.code },
    });
    const schema = `district_${code.replace(/-/g, '_')}`;
    const tables = await app.orm.em
      .getConnection()
      .execute<Array<{ table_name: string }>>(`select table_name from information_schema.tables where table_schema = ? order by 1`, [schema]);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['headcount', 'roadmap', 'roadmap_revision', 'mikro_orm_migrations']));
  });

  it('district officer → FORBIDDEN, nothing created', async () => {
    const code = uniqueCode('new');
    const response = await app.gql(CREATE_DISTRICT, {
      token: await app.tokenFor('district-officer', ['/bashkortostan/sibay']),
      variables: { input: { regionId: (await createRegion(app.orm)).id, code, name: 'Район', authorityName: 'Отдел' } },
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.body.data).toBeNull();
    const rows = await app.orm.em.getConnection().execute<unknown[]>(`select 1 from core.district where code = ?`, [code]);
    expect(rows).toEqual([]);
  });

  it('invalid input → BAD_USER_INPUT naming the field in Russian', async () => {
    const token = await app.tokenFor('platform-admin', []);
    const region = await createRegion(app.orm);
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ code: 'Неверный Код' }, 'code', /Поле «Код»: допускаются строчные латинские буквы/],
      [{ code: '-bad' }, 'code', /Поле «Код»/],
      [{ code: '' }, 'code', /Поле «Код» обязательно/],
      [{ name: '   ' }, 'name', /Поле «Название» обязательно/],
      [{ authorityName: 'x'.repeat(501) }, 'authorityName', /Поле «Орган управления образованием»: не более 500 символов/],
      [{ regionId: '00000000-0000-7000-8000-000000000000' }, 'regionId', /Регион не найден/],
      [{ regionId: 'not-a-uuid' }, 'regionId', /Регион не найден/],
    ];
    for (const [override, field, message] of cases) {
      const input = { regionId: region.id, code: uniqueCode('new'), name: 'Район', authorityName: 'Отдел', ...override };
      const response = await app.gql(CREATE_DISTRICT, { token, variables: { input } });
      expect(errorCodes(response), JSON.stringify(override)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0]!.extensions!.field).toBe(field);
      expect(response.body.errors![0]!.message).toMatch(message);
    }
  });

  it('duplicate code → BAD_USER_INPUT', async () => {
    const token = await app.tokenFor('platform-admin', []);
    const region = await createRegion(app.orm);
    const response = await app.gql(CREATE_DISTRICT, {
      token,
      variables: { input: { regionId: region.id, code: 'sibay', name: 'Второй Сибай', authorityName: 'Отдел' } },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors![0]).toMatchObject({
      message: 'Поле «Код»: код «sibay» уже занят.',
      extensions: { field: 'code' },
    });
  });
});

describe('backgroundJobs', () => {
  const BACKGROUND_JOBS = `query { backgroundJobs { name title schedule timeZone retryLimit runs { id } lastFailure { id } } }`;

  it("the platform admin sees the product's jobs with their schedules", async () => {
    const response = await app.gql<{ backgroundJobs: any[] }>(BACKGROUND_JOBS, { token: await demoToken('admin') });
    expect(response.body.errors).toBeUndefined();
    const jobs = response.body.data!.backgroundJobs;
    expect(jobs.map((job) => job.name)).toEqual([
      'monitoring.kpi-refresh',
      'partners.erase-expired-applicants',
      'notifications.deliver',
      'notifications.digest',
      'pairs.meeting-reminders',
      'pairs.idle-reminders',
      'campaigns.opened-letters',
      'campaigns.deadline-letters',
      'execution.weekly-letters',
      'inbox.weekly-digest',
    ]);
    expect(jobs[1]).toMatchObject({ title: expect.stringContaining('персональных данных'), retryLimit: 3 });
  });

  it('every other role → FORBIDDEN, no data', async () => {
    const others: Array<[string, string[]]> = [
      ['region-coordinator', ['/bashkortostan']],
      ['district-officer', ['/bashkortostan/sibay']],
      ['district-head', ['/bashkortostan/sibay']],
      ['school-director', ['/bashkortostan/sibay/gimnaziya']],
      ['school-curator', ['/bashkortostan/sibay/gimnaziya']],
    ];
    for (const [role, groupPaths] of others) {
      const response = await app.gql(BACKGROUND_JOBS, { token: await app.tokenFor(role, groupPaths) });
      expect(errorCodes(response), role).toEqual(['FORBIDDEN']);
      expect(response.body.data).toBeNull();
    }
    for (const username of ['partner.admin', 'gimnaziya.mentor']) {
      const response = await app.gql(BACKGROUND_JOBS, { token: await demoToken(username) });
      expect(errorCodes(response), username).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await app.gql(BACKGROUND_JOBS))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('lists', () => {
  it('pagination is bounded: limit 10000 is refused naming page.limit, 100 is the most', async () => {
    const region = await createRegion(app.orm);
    const district = await createDistrict(app.orm, region);
    for (let i = 0; i < 105; i++) await createOrganization(app.orm, district, { code: `s-${String(i).padStart(3, '0')}` });
    const token = await app.tokenFor('district-officer', [groups.district(region, district)]);
    const refused = await app.gql(`{ organizations(page: { limit: 10000, offset: -5 }) { total limit offset items { id } } }`, { token });
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'page.limit' });
    const response = await app.gql(`{ organizations(page: { limit: 100 }) { total limit offset items { id } } }`, { token });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.organizations).toMatchObject({ total: 105, limit: 100, offset: 0 });
    expect(response.body.data!.organizations.items).toHaveLength(100);
    const next = await app.gql(`{ organizations(page: { limit: 100, offset: 100 }) { total items { id } } }`, { token });
    expect(next.body.data!.organizations.items).toHaveLength(5);
    const defaults = await app.gql(`{ organizations { limit offset items { id } } }`, { token });
    expect(defaults.body.data!.organizations).toMatchObject({ limit: 20, offset: 0 });
  });

  it('N+1 guard: a constant number of SQL statements, whatever the page size', async () => {
    const region = await createRegion(app.orm);
    const district = await createDistrict(app.orm, region);
    for (let i = 0; i < 30; i++) {
      const organization = await createOrganization(app.orm, district);
      await createHeadcount(app.orm, district, organization, { pupils: 100 + i });
    }
    const token = await app.tokenFor('district-officer', [groups.district(region, district)]);
    const query = `query($limit: Int) {
      organizations(page: { limit: $limit }) {
        total
        items {
          id name
          district { id name organizationsCount region { id name districtsCount } }
          headcounts { academicYear pupils teachers }
        }
      }
    }`;
    const measure = async (limit: number) => {
      const { result, queries } = await app.countQueries(() => app.gql(query, { token, variables: { limit } }));
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data!.organizations.items).toHaveLength(limit);
      return queries;
    };
    // Once first: the directory cache (issue 14) makes the actor's first request dearer.
    await measure(1);
    const few = await measure(2);
    const many = await measure(30);
    expect(many.length).toBe(few.length);
    expect(many.length).toBeLessThanOrEqual(12);
    // One query for the headcounts of all 30 organisations, in this district's schema.
    const headcountQueries = many.filter((sql) => /from "district_[a-z0-9_]+"\."headcount"/.test(sql));
    expect(headcountQueries).toHaveLength(1);
    expect(headcountQueries[0]).toContain(`"${district.schemaName}"."headcount"`);
  });
});

describe('health, readiness and errors', () => {
  it('/healthz → 200 JSON with a request id', async () => {
    const response = await fetch(`${app.api.url}/healthz`, { headers: { 'x-request-id': 'test-req-42' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toBe('test-req-42');
    const generated = await fetch(`${app.api.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('/readyz → 200 when the database and the identity provider answer', async () => {
    const response = await fetch(`${app.api.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('/readyz → 503 when the identity provider is down; the reason goes to the log only', async () => {
    const { startApiServer } = await import('./app.js');
    const config = { ...app.config, keycloak: { ...app.config.keycloak, jwksUrl: 'http://127.0.0.1:1/realms/nastavnik/protocol/openid-connect/certs' } };
    const server = await startApiServer({ config, orm: app.orm, port: 0, logger: (await import('./engine/logging.js')).silentLogger() });
    try {
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'not-ready' });
    } finally {
      await server.stop();
    }
  });

  it('an unexpected error: generic Russian message, no stack or SQL, logged server-side with the request id', async () => {
    const region = await createRegion(app.orm);
    const district = await createDistrict(app.orm, region);
    await createOrganization(app.orm, district);
    // Break the tenant's table behind the API's back.
    await app.orm.em.getConnection().execute(`alter table "${district.schemaName}"."headcount" rename to "headcount_broken"`);
    const token = await app.tokenFor('district-officer', [groups.district(region, district)]);
    const response = await fetch(app.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'req-boom-1' },
      body: JSON.stringify({ query: '{ organizations { items { id headcounts { pupils } } } }' }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { data: unknown; errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(body.errors[0]!.message).toBe('Внутренняя ошибка сервера. Попробуйте позже.');
    expect(text).not.toMatch(/stacktrace|relation|select |headcount_|district_|at .*\(|\.ts:|node_modules/i);
    const logged = app.logs.find((line) => line.reqId === 'req-boom-1' && line.msg === 'unexpected error');
    expect(logged?.err?.stack).toMatch(/headcount/);
    const access = app.logs.find((line) => line.reqId === 'req-boom-1' && line.msg === 'request');
    expect(access).toMatchObject({ user: 'sibay.officer', district: district.code, status: 200 });
    await app.orm.em.getConnection().execute(`alter table "${district.schemaName}"."headcount_broken" rename to "headcount"`);
  });

  it('malformed requests are rejected cleanly', async () => {
    const badJson = await fetch(app.api.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(badJson.status).toBe(400);
    // CSRF prevention: a simple (non-preflighted) request is refused.
    const simple = await fetch(`${app.api.graphqlUrl}?query=${encodeURIComponent('{ me { id } }')}`);
    expect(simple.status).toBe(400);
    const unknownPath = await fetch(`${app.api.url}/nothing`);
    expect(unknownPath.status).toBe(404);
    // Batching is off.
    const batch = await fetch(app.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.tokenFor('platform-admin', [])}` },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(batch.status).toBe(400);
    // Oversized bodies are refused before parsing.
    const huge = await fetch(app.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } } #${'x'.repeat(1100 * 1024)}` }),
    });
    expect(huge.status).toBe(413);
  });

  it('armor limits: depth and aliases', async () => {
    const token = await app.tokenFor('platform-admin', []);
    const deep = await app.gql(
      `{ me { grants { district { region { id } } organization { district { region { id } } } } } organizations { items { district { region { id } } } } }`,
      { token },
    );
    expect(deep.body.errors).toBeUndefined();
    // Fragments do not count as depth; the real nesting of fields does.
    const viaFragments = await app.gql(
      `fragment R on Region { id } fragment D on District { region { ...R } } fragment O on Organization { district { ...D } }
       { organizations { items { ...O } } }`,
      { token },
    );
    expect(viaFragments.body.errors).toBeUndefined();
    const cycle = 'basedOn { '.repeat(10) + 'id' + ' }'.repeat(10);
    const tooDeep = await app.gql(`{ roadmapRevision(id: "00000000-0000-7000-8000-000000000000") { ${cycle} } }`, { token });
    expect(errorCodes(tooDeep)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ');
    const tooMany = await app.gql(`{ ${aliases} }`, { token });
    expect(errorCodes(tooMany)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('production mode', () => {
  it('no introspection, no field suggestions', async () => {
    const { startApiServer } = await import('./app.js');
    const { silentLogger } = await import('./engine/logging.js');
    const config = { ...app.config, nodeEnv: 'production' as const, production: true };
    const server = await startApiServer({ config, orm: app.orm, port: 0, logger: silentLogger() });
    try {
      const token = await app.tokenFor('platform-admin', []);
      const post = (query: string) =>
        fetch(server.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        }).then((r) => r.json() as Promise<{ data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> }>);
      const introspection = await post('{ __schema { types { name } } }');
      expect(introspection.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(introspection.data ?? null).toBeNull();
      const typo = await post('{ mee { id } }');
      expect(typo.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
      // Development keeps both, for the tools.
      const dev = await app.gql('{ mee { id } }', { token });
      expect(dev.body.errors?.[0]?.message).toMatch(/Did you mean "me"/);
    } finally {
      await server.stop();
    }
  });
});

describe('schema file', () => {
  it('apps/api/schema.graphql is up to date (npm run schema -w @nastavnik/api)', async () => {
    const committed = await readFile(fileURLToPath(new URL('../schema.graphql', import.meta.url)), 'utf8');
    expect(await emitSchemaSdl()).toBe(committed);
  });
});
