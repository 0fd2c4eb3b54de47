import { randomBytes } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

/**
 * A database outage answers 503 with Retry-After, never 500, and the API recovers by itself
 * (issue 12, item 4). The run's PostgreSQL is shared by every test file, so it is not stopped:
 * this file's API reaches it through a TCP proxy that the test closes (listener and open
 * connections: an outage) and opens again (recovery).
 */
class Proxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (new connections are refused) and cuts every open connection. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

let app: TestApp;
let proxy: Proxy;
let adminToken: string;
let officerToken: string;

beforeAll(async () => {
  const real = new URL(inject('databaseUrl'));
  proxy = new Proxy(real.hostname, Number(real.port || 5432));
  await proxy.open();
  const viaProxy = new URL(real);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  app = await startTestApp({ DATABASE_URL: viaProxy.toString(), LOG_LEVEL: 'info' });
  adminToken = await app.tokenFor('platform-admin', [], 'admin');
  officerToken = await app.tokenFor('district-officer', ['/bashkortostan/sibay'], 'sibay.officer');
}, 120_000);

afterAll(async () => {
  await proxy?.open().catch(() => undefined);
  await app?.stop();
  await proxy?.close();
});

const REGIONS = '{ regions { total } }';
const gql = (token = adminToken) =>
  fetch(app.api.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: REGIONS }),
  });
const NO_INTERNALS = /select|from "|ECONNREFUSED|Connection terminated|at .*\.js|127\.0\.0\.1/i;

describe('a database outage', () => {
  it('GraphQL, REST routes, the survey form and /readyz answer 503 with Retry-After; after it, everything serves again', async () => {
    const before = await gql();
    expect(before.status).toBe(200);
    expect(((await before.json()) as any).data.regions.total).toBeGreaterThan(0);
    expect(await (await fetch(`${app.api.url}/readyz`)).json()).toEqual({ status: 'ready' });

    await proxy.close();

    const graphql = await gql();
    expect(graphql.status).toBe(503);
    expect(graphql.headers.get('retry-after')).toMatch(/^\d+$/);
    const graphqlText = await graphql.text();
    expect(graphqlText).not.toMatch(NO_INTERNALS);
    expect(JSON.parse(graphqlText).errors[0]).toMatchObject({
      message: 'Сервис временно недоступен: нет связи с базой данных. Повторите попытку через несколько секунд.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });

    // A district officer's context is built from the directory: it fails before any resolver.
    const officer = await gql(officerToken);
    expect(officer.status).toBe(503);
    expect(officer.headers.get('retry-after')).toMatch(/^\d+$/);
    const officerText = await officer.text();
    expect(officerText).not.toMatch(NO_INTERNALS);
    expect(JSON.parse(officerText).errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });

    // A REST route without login that reads the database.
    const districts = await fetch(`${app.api.url}/partners/districts`);
    expect(districts.status).toBe(503);
    expect(districts.headers.get('retry-after')).toMatch(/^\d+$/);
    const districtsText = await districts.text();
    expect(districtsText).not.toMatch(NO_INTERNALS);
    expect(JSON.parse(districtsText).errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });

    // The public survey form (HTML): sending it counts the client in PostgreSQL first.
    const survey = await fetch(`${app.api.url}/public/surveys/sibay.${randomBytes(24).toString('base64url')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'q_1=5',
    });
    expect(survey.status).toBe(503);
    expect(survey.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await survey.text()).toContain('Анкета временно недоступна');

    // /readyz without login says only "not ready"; what failed is in the log.
    const ready = await fetch(`${app.api.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not-ready' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const notReady = app.logs.find((line) => line.msg === 'not ready');
    expect(notReady?.checks?.database).toMatch(/^недоступна/);
    expect(notReady?.checks?.identityProvider).toBe('ok');
    // No request was answered or logged as an internal error (the job queue's own pool logs its lost connections).
    expect(app.logs.filter((line) => ['request failed', 'unexpected error', 'public survey failed'].includes(line.msg)).map((line) => line.msg)).toEqual([]);
    expect(
      app.logs
        .filter((line) => line.msg === 'request')
        .map((line) => line.status)
        .filter((status) => status >= 500 && status !== 503),
    ).toEqual([]);

    await proxy.open();

    const after = await gql();
    expect(after.status).toBe(200);
    expect(((await after.json()) as any).data.regions.total).toBeGreaterThan(0);
    expect((await gql(officerToken)).status).toBe(200);
    expect(await (await fetch(`${app.api.url}/readyz`)).json()).toEqual({ status: 'ready' });
    expect((await fetch(`${app.api.url}/partners/districts`)).status).toBe(200);
  });
});
