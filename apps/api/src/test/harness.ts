import { Writable } from 'node:stream';
import { startIdp, type RunningIdp } from '@nastavnik/idp';
import type { PlatformRole } from '@nastavnik/domain';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createOrm, startApiServer, type RunningApiServer } from '../app.js';
import { loadConfig, type ApiConfig } from '../engine/config.js';
import { RATE_LIMIT_SCHEMA, RATE_LIMIT_TABLE } from '../engine/http/rate-limit.js';
import type { MikroORM } from '../engine/orm/create-orm.js';
import { isoDateIn, type Clock } from '../engine/clock.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> };
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  variables?: Record<string, unknown>;
}

export interface TestApp {
  idp: RunningIdp;
  config: ApiConfig;
  orm: MikroORM;
  api: RunningApiServer;
  /** SQL statements sent by the API's ORM while `count()` runs. */
  countQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }>;
  /** Log lines the API wrote (JSON objects). */
  logs: Array<Record<string, any>>;
  gql<T = Record<string, any>>(query: string, options?: RequestOptions): Promise<GraphQLResponse<T>>;
  /** A token of a test actor: one role at the given groups (demo user's profile, overridden). */
  tokenFor(role: PlatformRole | string, groups: string[], username?: string): Promise<string>;
  /** Moves the API's «today» (YYYY-MM-DD); null returns to the real date. */
  setToday(date: string | null): void;
  stop(): Promise<void>;
}

/** Posts a GraphQL operation over real HTTP. */
export async function postGraphQL<T = Record<string, any>>(url: string, query: string, options: RequestOptions = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  const text = await response.text();
  let body: GraphQLResponse<T>['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse<T>['body'];
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 500)}`);
  }
  return { status: response.status, headers: response.headers, body };
}

/** The embedded identity provider, PostgreSQL of the run (globalSetup) and the API on port 0. */
export async function startTestApp(overrides: Record<string, string> = {}, options: { today?: string } = {}): Promise<TestApp> {
  const idp = await startIdp({ port: 0 });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    KEYCLOAK_URL: idp.url,
    LOG_LEVEL: 'info',
    DB_POOL_MAX: '5',
    // The snapshot job would refresh in the background mid-test; tests run it themselves.
    KPI_REFRESH_INTERVAL_SECONDS: '0',
    // Dashboards recompute whenever something changed, so tests read exact figures right after a write.
    MONITORING_STALE_SECONDS: '0',
    // No workers, schedules or queue maintenance polling in the dozens of test APIs; the files that
    // test background work turn them on (engine/jobs).
    JOBS_ENABLED: 'false',
    ...overrides,
  });
  let recording: string[] | undefined;
  const orm = await createOrm(config, { onQuery: (sql) => recording?.push(sql) });
  // The public endpoints' per-client counters live in the run's one database and every test file
  // calls from 127.0.0.1: each file starts with fresh budgets, as each API process once did.
  await orm.em.getConnection().execute(`delete from "${RATE_LIMIT_SCHEMA}"."${RATE_LIMIT_TABLE}"`);
  // Likewise the job queue: runs an earlier file's API left waiting, retrying or active (stopped
  // mid-run) would hold this file's runs of the same job back (one run at a time per job) for their
  // retry delay or timeout — a letter would wait half a minute for nothing this file did.
  if (config.jobs.enabled) {
    const [row] = await orm.em.getConnection().execute<Array<{ found: string | null }>>(`select to_regclass(?) as found`, [`"${config.jobs.schema}".job`]);
    if (row?.found) await orm.em.getConnection().execute(`delete from "${config.jobs.schema}".job where state in ('created', 'retry', 'active')`);
    // And the campaigns earlier files opened with no job queue working are not this file's news: the
    // «new campaign» job would announce them now, to the demo's people, amid this file's letters.
    const schemas = await orm.em
      .getConnection()
      .execute<Array<{ schema_name: string }>>(`select d.schema_name from core.district d where to_regclass(format('%I.campaign', d.schema_name)) is not null`);
    for (const { schema_name } of schemas) {
      await orm.em.getConnection().execute(`update "${schema_name}"."campaign" set opened_letters_at = now() where opened_letters_at is null`);
    }
  }
  const logs: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, any>);
      if (process.env.API_TEST_LOGS) process.stderr.write(chunk);
      done();
    },
  });
  const logger = pino({ level: config.logLevel, base: { service: 'api' } }, sink);
  let today: string | null = options.today ?? null;
  const clock: Clock = { today: () => today ?? isoDateIn(new Date(), config.timeZone), now: () => new Date() };
  const api = await startApiServer({ config, orm, port: 0, logger, clock });
  return {
    idp,
    config,
    orm,
    api,
    logs,
    async countQueries(run) {
      recording = [];
      try {
        const result = await run();
        return { result, queries: recording };
      } finally {
        recording = undefined;
      }
    },
    gql: (query, requestOptions) => postGraphQL(api.graphqlUrl, query, requestOptions),
    setToday(date) {
      today = date;
    },
    tokenFor: (role, groupPaths, username = 'sibay.officer') =>
      idp.mintAccessToken(username, {
        groups: groupPaths,
        resource_access: { api: { roles: [role] } },
        realm_access: { roles: [] },
      }),
    async stop() {
      await api.stop();
      await orm.close();
      await idp.stop();
    },
  };
}

export function errorCodes(response: GraphQLResponse): string[] {
  return (response.body.errors ?? []).map((error) => String(error.extensions?.code));
}
