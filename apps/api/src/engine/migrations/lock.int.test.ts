import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm } from '../../app.js';
import { loadConfig } from '../config.js';
import type { MikroORM } from '../orm/create-orm.js';
import { withMigrationLock } from './lock.js';

/**
 * The migrations' session-level advisory lock is taken on DATABASE_DIRECT_URL, not on DATABASE_URL
 * (which may be PgBouncer in transaction mode, where a session lock and its unlock can land on
 * different server sessions). The two URLs name the same database here, told apart by
 * application_name.
 */
const MIGRATIONS_LOCK = 7_004_201;
const DIRECT = 'nastavnik-direct-test';

let orm: MikroORM;
let blocker: pg.Client;

function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

beforeAll(async () => {
  const url = inject('databaseUrl');
  orm = await createOrm(
    loadConfig({ NODE_ENV: 'test', DATABASE_URL: withApplicationName(url, 'nastavnik-pooled-test'), DATABASE_DIRECT_URL: withApplicationName(url, DIRECT) }),
  );
  blocker = new pg.Client({ connectionString: url });
  await blocker.connect();
});

afterAll(async () => {
  await blocker?.end();
  await orm?.close();
});

/** The sessions blocked on the migrations' lock (by application_name), polled until one shows up. */
async function sessionsWaitingForTheLock(timeoutMs: number): Promise<Array<{ application_name: string }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await blocker.query<{ application_name: string }>(
      `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
       where l.locktype = 'advisory' and l.objid = $1 and not l.granted`,
      [MIGRATIONS_LOCK],
    );
    if (rows.length > 0 || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the migrations lock', () => {
  it('waits for the session lock on the direct URL, then runs', async () => {
    await blocker.query('select pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    let ran = false;
    const migrating = withMigrationLock(orm, async () => {
      ran = true;
      return 'ran';
    });
    try {
      // The waiting session is the direct one, blocked on the advisory lock.
      const waiting = await sessionsWaitingForTheLock(10_000);
      expect(waiting).toEqual([{ application_name: DIRECT }]);
      expect(ran).toBe(false);
    } finally {
      await blocker.query('select pg_advisory_unlock($1)', [MIGRATIONS_LOCK]);
    }
    expect(await migrating).toBe('ran');
    // Released with its session: nobody holds it afterwards.
    const { rows } = await blocker.query(`select 1 from pg_locks where locktype = 'advisory' and objid = $1`, [MIGRATIONS_LOCK]);
    expect(rows).toEqual([]);
  });

  it('is taken on the direct URL by the operator CLI too (`cli migrate`, as production runs it)', async () => {
    // The CLI once passed DATABASE_URL as its own override, so its lock went through the pooler:
    // two `cli migrate` through PgBouncer then applied the same migration at once.
    const url = inject('databaseUrl');
    const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/cli.js');
    await blocker.query('select pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    const child = spawn(process.execPath, [cli, 'migrate'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: withApplicationName(url, 'nastavnik-pooled-test'),
        DATABASE_DIRECT_URL: withApplicationName(url, DIRECT),
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const waiting = await sessionsWaitingForTheLock(30_000);
      expect(waiting).toEqual([{ application_name: DIRECT }]);
    } finally {
      await blocker.query('select pg_advisory_unlock($1)', [MIGRATIONS_LOCK]);
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
