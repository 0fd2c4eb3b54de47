/**
 * `npm run test:production`: the product as production runs it (see topology.ts) — nginx with the
 * project's own locations, PgBouncer in transaction mode, PostgreSQL, two API replicas, the built
 * admin — proven end to end: static files and routes through nginx; migrations run twice at once
 * through the pooler; the scheduled KPI refresh runs; Chromium logs in through nginx and takes a
 * roadmap through the district's decision; a mixed load survives one replica's SIGTERM and restart.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLoginPage, launchBrowser, logOut, screenshot, type Browser } from '../../../apps/admin/e2e/support.ts';
import { mixedOperations, runLoad, summary } from './load.ts';
import { startTopology, type Topology } from './topology.ts';

let topology: Topology;
let startedAt: Date;
const LOAD_REQUESTS = Number(process.env.PRODUCTION_LOAD_REQUESTS ?? 3000);

async function gql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${topology.adminUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

/** Reads a log file until `ready` holds for it (or 5 s have passed, then returns what is there). */
async function waitForLog(file: string, ready: (log: string) => boolean): Promise<string> {
  const until = Date.now() + 5000;
  for (;;) {
    const log = await readFile(file, 'utf8');
    if (ready(log) || Date.now() > until) return log;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: topology.directUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('production topology: nginx → two API replicas → PgBouncer (transaction) → PostgreSQL', () => {
  beforeAll(async () => {
    startedAt = new Date();
    topology = await startTopology({
      log: (line) => console.log(`[production] ${line}`),
      // The scheduled KPI refresh's first pass comes soon after start; the test waits for it.
      // Request lines in the logs: a failure's report shows what each replica did.
      apiEnv: { KPI_REFRESH_INTERVAL_SECONDS: '30', LOG_LEVEL: 'info' },
    });
  }, 600_000);

  afterAll(async () => {
    await topology?.stop();
  });

  it('nginx serves the built admin and routes the API paths to the replicas', async () => {
    const index = await fetch(`${topology.adminUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    expect(html).toContain('<html lang="ru">');
    // An admin route reloaded in the browser falls through to index.html.
    const deep = await fetch(`${topology.adminUrl}/roadmaps/some-id`);
    expect(await deep.text()).toBe(html);
    const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const script = await fetch(`${topology.adminUrl}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    const config = await fetch(`${topology.adminUrl}/config.json`);
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(await config.json()).toEqual({ keycloakUrl: topology.idpUrl, realm: 'nastavnik', clientId: 'admin' });
    const ready = await fetch(`${topology.adminUrl}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    // Production: no introspection; an unauthenticated query gets the API's own answer through nginx.
    const anonymous = await fetch(`${topology.adminUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(anonymous.headers.get('x-request-id')).toBeTruthy();
    expect(JSON.stringify(await anonymous.json())).toMatch(/UNAUTHENTICATED/);

    // The access log (infra/nginx/nastavnik-log.conf) writes neither a survey link's token nor a secret query parameter.
    const surveyToken = `sibay.${randomBytes(24).toString('base64url')}`;
    const code = randomBytes(16).toString('hex');
    expect((await fetch(`${topology.adminUrl}/public/surveys/${surveyToken}`)).status).toBe(404);
    await (await fetch(`${topology.adminUrl}/graphql?code=${code}&fileName=visible.pdf`)).arrayBuffer();
    // nginx writes a request's line after it has sent the response, so the last line may land a moment later.
    const accessLog = await waitForLog(path.join(topology.dir, 'nginx', 'nginx-access.log'), (log) => log.includes('GET /graphql?'));
    expect(accessLog).toContain('/public/surveys/[hidden]');
    expect(accessLog).toContain('/graphql?[hidden]');
    expect(accessLog).not.toContain(surveyToken.slice('sibay.'.length));
    expect(accessLog).not.toContain(code);
  });

  it('migrations run twice at once through PgBouncer (locks on DATABASE_DIRECT_URL): both succeed, nothing applied twice', async () => {
    // A fresh database, so that both runs have every migration to apply and race for it.
    await sql('create database migrate_twice');
    const on = (url: string) => Object.assign(new URL(url), { pathname: '/migrate_twice' }).toString();
    const env = { DATABASE_URL: on(topology.pooledUrl), DATABASE_DIRECT_URL: on(topology.directUrl), LOG_LEVEL: 'warn' };
    const runs = await Promise.allSettled([topology.cli(['migrate'], env), topology.cli(['migrate'], env)]);
    for (const run of runs) {
      expect(run.status, run.status === 'rejected' ? String(run.reason) : '').toBe('fulfilled');
      const { stdout } = (run as PromiseFulfilledResult<{ stdout: string }>).value;
      // The report is the indented JSON object among the log lines.
      const report = JSON.parse(stdout.slice(stdout.search(/^\{$/m), stdout.search(/^\}$/m) + 1)) as { failed: unknown[] };
      expect(report.failed).toEqual([]);
    }
    const client = new pg.Client({ connectionString: on(topology.directUrl) });
    await client.connect();
    try {
      const tables = (
        await client.query<{ schema: string }>(`select table_schema as schema from information_schema.tables where table_name = 'mikro_orm_migrations'`)
      ).rows;
      expect(tables.map((t) => t.schema)).toContain('core');
      for (const { schema } of tables) {
        const { rows } = await client.query(`select name, count(*) from "${schema}".mikro_orm_migrations group by name having count(*) > 1`);
        expect(rows, schema).toEqual([]);
      }
      const applied = (await client.query<{ n: string }>(`select count(*) as n from core.mikro_orm_migrations`)).rows[0]!.n;
      expect(Number(applied)).toBeGreaterThan(5);
      // The migrations' session lock went with its own connection: none is left held (a lock taken
      // through the pooler stays on whichever server session took it, and the unlock misses it).
      const held = await sql(`select pid from pg_locks where locktype = 'advisory' and granted`);
      expect(held).toEqual([]);
    } finally {
      await client.end();
    }
    // And the product's own database: every district migrated.
    const states = await sql<{ status: string }>(`select distinct status from core.district_migration_state`);
    expect(states.map((row) => row.status)).toEqual(['migrated']);
  });

  it('the scheduled KPI refresh ran through the pooler', async () => {
    await expect
      .poll(async () => (await sql<{ fresh: string }>(`select count(*) as fresh from core.district_kpi_snapshot where as_of >= $1`, [startedAt]))[0]!.fresh, {
        timeout: 120_000,
        interval: 2000,
      })
      .not.toBe('0');
  });

  describe('in Chromium, through nginx', () => {
    let browser: Browser | undefined;
    let page: Page;
    let roadmapId = '';

    beforeAll(async () => {
      // A roadmap of the 2025/2026 demo campaign taken to the district through the API (through nginx).
      const curator = await topology.token('gimnaziya.curator');
      const director = await topology.token('gimnaziya.director');
      const { campaigns } = await gql<{ campaigns: { items: Array<{ id: string; academicYear: string }> } }>(
        curator,
        'query { campaigns(page: { limit: 50 }) { items { id academicYear } } }',
      );
      const campaign = campaigns.items.find((c) => c.academicYear === '2025/2026');
      expect(campaign).toBeDefined();
      const { me } = await gql<{ me: { grants: Array<{ organization: { id: string } | null }> } }>(curator, 'query { me { grants { organization { id } } } }');
      const organizationId = me.grants.find((grant) => grant.organization)!.organization!.id;
      const REVISION = 'id version state';
      const { createRoadmap } = await gql<{ createRoadmap: { id: string; latestRevision: { id: string; version: number } } }>(
        curator,
        `mutation($input: CreateRoadmapInput!) { createRoadmap(input: $input) { id latestRevision { ${REVISION} } } }`,
        { input: { programmeName: 'Проверка боевой схемы', organizationId, campaignId: campaign!.id } },
      );
      roadmapId = createRoadmap.id;
      const DECIDE = `mutation($input: RoadmapDecisionInput!) { decideRoadmap(input: $input) { ${REVISION} } }`;
      const sent = await gql<{ decideRoadmap: { id: string; version: number } }>(curator, DECIDE, {
        input: { revisionId: createRoadmap.latestRevision.id, expectedVersion: createRoadmap.latestRevision.version, action: 'SUBMIT_TO_DIRECTOR' },
      });
      const approved = await gql<{ decideRoadmap: { state: string } }>(director, DECIDE, {
        input: {
          revisionId: sent.decideRoadmap.id,
          expectedVersion: sent.decideRoadmap.version,
          action: 'APPROVE',
          approval: { position: 'Директор', name: 'И.И. Варламова', date: '2025-09-16', orderNumber: '336', orderDate: '2025-09-15' },
        },
      });
      expect(approved.decideRoadmap.state).toBe('SUBMITTED_TO_DISTRICT');
      browser = await launchBrowser();
      page = browser.page;
    });

    afterAll(async () => {
      await browser?.close();
    });

    async function decide(button: string, fill?: () => Promise<void>): Promise<void> {
      await page.getByRole('region', { name: 'Что можно сделать' }).getByRole('button', { name: button, exact: true }).click();
      const form = page.getByRole('dialog');
      await form.waitFor();
      await fill?.();
      await form.getByRole('button', { name: button, exact: true }).click();
      await form.waitFor({ state: 'detached' });
    }
    const expectState = (label: string) => expect.poll(() => page.getByTestId('revision-state').innerText(), { timeout: 30_000 }).toContain(label);

    /** Logs in on the identity provider's page and opens the roadmap (by URL, as from a letter). */
    async function asUserOnRoadmap(username: string): Promise<void> {
      await expectLoginPage(page);
      await page.locator('input[name="username"]').fill(username);
      await page.locator('input[name="password"]').fill('demo');
      await page.locator('#kc-login').click();
      await page.waitForURL((url) => url.origin === new URL(topology.adminUrl).origin);
      await page.goto(`${topology.adminUrl}/roadmaps/${roadmapId}`);
      await page.getByTestId('revision-state').waitFor();
    }

    it('the officer recommends it and the head agrees it (СОГЛАСОВАНО)', async ({ onTestFailed }) => {
      onTestFailed(async () => {
        console.error(`[production] browser step failed on ${page.url()}`);
        await screenshot(page, 'failed-production-decision').catch(() => undefined);
      });
      await page.goto(`${topology.adminUrl}/roadmaps/${roadmapId}`);
      await asUserOnRoadmap('sibay.officer');
      await expectState('Направлена на согласование');
      await decide('Рекомендовать к согласованию');
      await expectState('Ожидает подписи руководителя');
      await logOut(page);

      await asUserOnRoadmap('sibay.head');
      await decide('Согласовать', async () => {
        await page.getByRole('dialog').getByLabel('Должность').fill('И.о. начальника управления образования');
      });
      await expectState('Согласована');
      expect(await page.getByTestId('approval-blocks').innerText()).toContain('СОГЛАСОВАНО');
    });
  });

  it(`a mixed load of ${LOAD_REQUESTS} requests loses fewer than 0.1 % while a replica is terminated (SIGTERM) and restarted`, async () => {
    const graphqlUrl = `${topology.adminUrl}/graphql`;
    const operations = await mixedOperations(graphqlUrl, topology.token);
    const replica = topology.apis[0]!;
    let restart: Promise<void> | null = null;
    let restarted = false;
    let restartFailed = false;
    let exitCode: number | null | undefined;
    const result = await runLoad({
      graphqlUrl,
      concurrency: 16,
      operations,
      // Past the planned count, the load goes on until the replica is back.
      keepGoing: (done) => done < LOAD_REQUESTS || !(restarted || restartFailed),
      onProgress: (done) => {
        if (restart || done < LOAD_REQUESTS / 4) return;
        restart = (async () => {
          exitCode = await replica.terminate();
          await replica.start();
          restarted = true;
        })();
        restart.catch(() => {
          restartFailed = true;
        });
      },
    });
    await restart;
    const figures = summary(result);
    console.log(
      `[production] load: ${figures.requests} requests, ${figures.failed} failed (${figures.errorPercent.toFixed(3)} %), ` +
        `${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.p50.toFixed(0)} ms, p95 ${figures.p95.toFixed(0)} ms, p99 ${figures.p99.toFixed(0)} ms\n` +
        `  by operation: ${JSON.stringify(result.byOperation)}\n` +
        (result.samples.length ? `  failures: ${result.samples.join('\n    ')}` : ''),
    );
    // The replica ended by itself after draining (exit 0), not by the SIGKILL fallback.
    expect(exitCode).toBe(0);
    expect(figures.requests).toBeGreaterThanOrEqual(LOAD_REQUESTS);
    expect(figures.failed / figures.requests).toBeLessThan(0.001);
    for (const [name, counts] of Object.entries(result.byOperation)) expect(counts.total, name).toBeGreaterThan(0);
    // The restarted replica serves again.
    const health = await fetch(`http://127.0.0.1:${replica.port}/readyz`);
    expect(health.status).toBe(200);
  });
});
