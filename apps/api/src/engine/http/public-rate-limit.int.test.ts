import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type RunningApiServer } from '../../app.js';
import { PARTNER_MESSAGES_RU } from '../../modules/partners/shared.js';
import { SURVEY_TOO_MANY_RU } from '../../modules/questionnaires/form-page.js';
import { createDistrict, createRegion } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { loadConfig } from '../config.js';

/**
 * Issue 11 item 6 over real HTTP on the run's PostgreSQL: the public endpoints' per-client limits
 * are counted in the database (two API servers share them), keyed on the socket peer unless it is a
 * trusted proxy, and answered with 429 + Retry-After + a Russian message.
 *
 * A and B trust nobody (the default); P trusts loopback, i.e. stands behind a proxy on this machine
 * (the test itself plays nginx: it connects from 127.0.0.1 and sends X-Forwarded-For).
 */
let a: TestApp;
let b: RunningApiServer;
let p: RunningApiServer;
let regionId: string;
let districtId: string;

async function anotherServer(overrides: Record<string, string>): Promise<RunningApiServer> {
  const config = loadConfig({ ...envOf(a), ...overrides });
  // Its own ORM (own connection pool) from DATABASE_URL, like a second replica.
  return startApiServer({ config, port: 0, logger: pino({ level: 'silent' }) });
}

function envOf(app: TestApp): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: app.config.databaseUrl!,
    KEYCLOAK_URL: app.idp.url,
    DB_POOL_MAX: '3',
    KPI_REFRESH_INTERVAL_SECONDS: '0',
    SURVEY_SUBMIT_LIMIT_PER_HOUR: '3',
  };
}

beforeAll(async () => {
  // The harness empties the counters when it starts (each test file begins with fresh budgets):
  // every server is started before the first request.
  a = await startTestApp({ SURVEY_SUBMIT_LIMIT_PER_HOUR: '3' });
  b = await anotherServer({});
  p = await anotherServer({ TRUSTED_PROXIES: 'loopback' });
  const region = await createRegion(a.orm);
  regionId = region.id;
  districtId = (await createDistrict(a.orm, region, { name: 'ГО г. Лимитный' })).id;
});

afterAll(async () => {
  await p?.stop();
  await b?.stop();
  await a?.stop();
});

let serial = 0;
function application(tag: string) {
  serial += 1;
  return {
    name: `Лимит ${tag} ${serial}`,
    kind: 'alumni',
    inn: '',
    ogrn: '',
    address: 'г. Сибай, ул. Ленина, д. 1',
    regionId,
    districtId,
    contactName: 'Заявителев Иван Петрович',
    contactEmail: `limit${serial}@example.ru`,
    contactPhone: '8 (912) 345-67-89',
    consent: true,
    consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
  };
}

async function apply(server: { url: string }, body: unknown, forwardedFor?: string) {
  const response = await fetch(`${server.url}/partners/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

async function stored(tag: string): Promise<number> {
  const rows = await a.orm.em
    .getConnection()
    .execute<Array<{ n: string }>>(`select count(*) as n from core.partner_application where name like ?`, [`Лимит ${tag} %`]);
  return Number(rows[0]!.n);
}

function expectRateLimited(answer: Awaited<ReturnType<typeof apply>>) {
  expect(answer.status).toBe(429);
  const seconds = Number(answer.retryAfter);
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThan(3000);
  expect(seconds).toBeLessThanOrEqual(3600);
  expect(answer.body).toEqual({
    errors: [{ message: PARTNER_MESSAGES_RU.rateLimited, extensions: { code: 'FORBIDDEN', reason: 'RATE_LIMIT', retryAfterSeconds: seconds } }],
  });
}

describe('public sign-up limit', () => {
  it('is shared by two servers on one database; a fresh X-Forwarded-For from an untrusted peer changes nothing', async () => {
    // Ten applications to server A, each claiming another client address in the header it may not set.
    for (let i = 0; i < 10; i++) {
      const answer = await apply(a.api, application('общий'), `203.0.113.${i + 1}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    expect(await stored('общий')).toBe(10);
    // The eleventh goes to the OTHER server, with yet another forged address: refused, nothing written.
    expectRateLimited(await apply(b, application('общий'), '203.0.113.99'));
    expectRateLimited(await apply(a.api, application('общий')));
    expect(await stored('общий')).toBe(10);
    // Server A said once why the header was ignored.
    expect(a.logs.filter((line) => String(line.msg).includes('TRUSTED_PROXIES'))).toHaveLength(1);
  });

  it('an invalid form costs nothing: only applications that would be written are counted', async () => {
    // 127.0.0.1 is over its budget on A and B, yet a form with an error still gets its 400 (the limit
    // is checked after validation, so a corrected form costs no attempt).
    const invalid = await apply(b, { ...application('общий'), contactEmail: 'не почта' });
    expect(invalid.status).toBe(400);
  });

  it('behind a trusted proxy each forwarded client has its own budget; what a client prepends is ignored', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await apply(p, application('прокси'), '198.51.100.7')).status).toBe(201);
    }
    // The same client again, having written a fake address to the left of the one our proxy appended.
    expectRateLimited(await apply(p, application('прокси'), '192.0.2.1, 198.51.100.7'));
    expect(await stored('прокси')).toBe(10);
    // Another client behind the same proxy, and the proxy's own address (already spent by the test above
    // on A and B, which share the database with P): each is its own key.
    expect((await apply(p, application('прокси'), '198.51.100.8')).status).toBe(201);
    expectRateLimited(await apply(p, application('прокси')));
    expect(await stored('прокси')).toBe(11);
  });
});

describe('public survey submissions', () => {
  it('are limited per address across servers with a Russian page and Retry-After', async () => {
    const submit = (server: { url: string }) =>
      fetch(`${server.url}/public/surveys/nodistrict.nosuchtoken`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'q_1=5',
      });
    expect((await submit(a.api)).status).toBe(404);
    expect((await submit(b)).status).toBe(404);
    expect((await submit(a.api)).status).toBe(404);
    const refused = await submit(b);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(refused.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await refused.text();
    expect(html).toContain(`<h1>${SURVEY_TOO_MANY_RU.title}</h1>`);
    expect(html).toContain('примерно через 60 мин.');
  });
});
