/**
 * Starts the whole product on one machine in the shape users get it: PostgreSQL (DATABASE_URL or
 * embedded), the identity provider (KEYCLOAK_URL or the embedded Keycloak-compatible one, its own
 * process), migrations and demo data, the API (its own process, the production entry
 * apps/api/dist/main.js) and the web server (its own process) that serves the admin's BUILT files
 * and the API on one origin, as nginx does in production. With `dev: true` the admin is served by
 * Vite's development server instead (hot reload, 127.0.0.1 only). Used by `npm start`, `npm run
 * dev` and the browser tests.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationReport } from '@nastavnik/api';
import { freePort, startEmbeddedPostgres } from '@nastavnik/api/embedded-postgres';
import { runOnce } from './processes.js';
import { startChild, type RunningChild } from './processes.js';

export { freePort } from '@nastavnik/api/embedded-postgres';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ADMIN_ROOT = path.join(REPO_ROOT, 'apps/admin');
const SCRIPTS = {
  idp: path.join(REPO_ROOT, 'apps/idp/dist/main.js'),
  api: path.join(REPO_ROOT, 'apps/api/dist/main.js'),
  web: path.join(REPO_ROOT, 'tools/stack/dist/web.js'),
  cli: path.join(REPO_ROOT, 'apps/api/dist/cli.js'),
  mailcatcher: path.join(REPO_ROOT, 'tools/mailcatcher/dist/main.js'),
};

export interface StackOptions {
  /** Where embedded PostgreSQL keeps its data and the parts their logs; survives restarts. Default `<repo>/.data`. */
  dataDir?: string;
  /** Wipe the embedded data first (a fresh database with fresh demo data). */
  reset?: boolean;
  /** Given ports (tests run stacks side by side); the mail catcher's default to free ones then. */
  ports?: { idp?: number; api?: number; admin?: number; mailSmtp?: number; mailHttp?: number };
  /** Defaults to process.env; tests pass their own. */
  env?: NodeJS.ProcessEnv;
  quiet?: boolean;
  /** The admin through Vite's development server (hot reload) instead of its build. */
  dev?: boolean;
  /** A part stopped for good (crashed again and again, or PostgreSQL died): the stack is useless. */
  onFatal?: (reason: string) => void;
}

export interface RunningStack {
  /** The one address users open: the admin, with the API's paths on the same origin. */
  adminUrl: string;
  /** The API process itself (127.0.0.1), for tests and tools that talk to it directly. */
  graphqlUrl: string;
  apiUrl: string;
  idpUrl: string;
  realm: string;
  databaseUrl: string;
  embeddedDatabase: boolean;
  embeddedIdp: boolean;
  /** The embedded mail catcher's letters (GET, JSON), when SMTP_URL is not set; undefined with a real relay. */
  mailboxUrl: string | undefined;
  migration: MigrationReport;
  /** Process ids of the parts (for the crash tests). */
  pids(): { postgres?: number; idp?: number; api?: number; web?: number };
  logDir: string;
  stop(): Promise<void>;
}

type Stopper = () => Promise<void>;

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const env = options.env ?? process.env;
  const log = (message: string) => {
    if (!options.quiet) console.log(message);
  };
  const dataDir = path.resolve(options.dataDir ?? path.join(REPO_ROOT, '.data'));
  const logDir = path.join(dataDir, 'logs');
  const stoppers: Stopper[] = [];
  const children: Record<string, RunningChild> = {};
  let postgresPid: number | undefined;
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    // Reverse order: web, API, identity provider, then the database last.
    for (const stop of stoppers.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        console.error('stop failed:', error);
      }
    }
  };
  const fatal = (reason: string) => {
    if (stopping) return;
    if (options.onFatal) options.onFatal(reason);
    else console.error(`! ${reason}`);
  };

  try {
    let databaseUrl = env.DATABASE_URL;
    const embeddedDatabase = !databaseUrl;
    if (embeddedDatabase && options.reset) await rm(dataDir, { recursive: true, force: true });
    await mkdir(logDir, { recursive: true });
    if (embeddedDatabase) {
      log('• PostgreSQL: встроенный (embedded-postgres), данные в ' + shown(path.join(dataDir, 'postgres')));
      const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), onNotice: (line) => log(`• ${line}`) });
      postgresPid = postgres.pid;
      postgres.onUnexpectedExit((how) => fatal(`PostgreSQL остановился (${how}). Запустите снова: npm start`));
      stoppers.push(() => postgres.stop());
      databaseUrl = postgres.url;
    } else if (options.reset) {
      log('• --reset не применяется к внешней базе DATABASE_URL: данные не тронуты.');
    }

    let keycloakUrl = env.KEYCLOAK_URL?.replace(/\/+$/, '');
    const realm = env.KEYCLOAK_REALM ?? 'nastavnik';
    const embeddedIdp = !keycloakUrl;
    if (embeddedIdp) {
      const port = options.ports?.idp ?? numberOr(env.IDP_PORT, 8180);
      keycloakUrl = `http://localhost:${port}`;
      const idp = await startChild(
        {
          name: 'idp',
          title: 'Провайдер входа',
          script: SCRIPTS.idp,
          cwd: REPO_ROOT,
          // Accounts created at run time (partner admins) survive restarts; reset wipes them with the data.
          env: { ...env, IDP_PORT: String(port), IDP_USERS_FILE: path.join(dataDir, 'idp-users.json') },
          readyUrl: `${keycloakUrl}/realms/${realm}/.well-known/openid-configuration`,
          logFile: path.join(logDir, 'idp.log'),
        },
        fatal,
        log,
      );
      children.idp = idp;
      stoppers.push(() => idp.stop());
      log('• Провайдер входа: встроенный (совместим с Keycloak), ' + `${keycloakUrl}/realms/${realm}`);
    } else {
      log('• Провайдер входа: Keycloak ' + keycloakUrl);
    }

    // Outgoing mail: the embedded catcher unless a relay is configured (SMTP_URL): the demo's letters
    // stay on this machine and the platform admin reads them in the admin («Почта (разработка)»).
    const adminPort = options.ports?.admin ?? numberOr(env.ADMIN_PORT, 5173);
    let mailboxUrl: string | undefined;
    let mailEnv: NodeJS.ProcessEnv = {};
    if (!env.SMTP_URL) {
      const smtpPort = options.ports?.mailSmtp ?? (options.ports ? await freePort() : numberOr(env.MAILCATCHER_SMTP_PORT, 2525));
      const httpPort = options.ports?.mailHttp ?? (options.ports ? await freePort() : numberOr(env.MAILCATCHER_HTTP_PORT, 8025));
      const catcherUrl = `http://127.0.0.1:${httpPort}`;
      const catcher = await startChild(
        {
          name: 'mailcatcher',
          title: 'Почтовый перехватчик',
          script: SCRIPTS.mailcatcher,
          cwd: REPO_ROOT,
          env: { ...env, MAILCATCHER_SMTP_PORT: String(smtpPort), MAILCATCHER_HTTP_PORT: String(httpPort) },
          readyUrl: `${catcherUrl}/letters`,
          logFile: path.join(logDir, 'mailcatcher.log'),
        },
        fatal,
        log,
      );
      children.mailcatcher = catcher;
      stoppers.push(() => catcher.stop());
      mailboxUrl = `${catcherUrl}/letters`;
      // The catcher's certificate is the SMTP server's built-in self-signed one: STARTTLS, not verified.
      mailEnv = { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SMTP_TLS_REJECT_UNAUTHORIZED: 'false', MAIL_CATCHER_URL: catcherUrl };
      log(`• Почта: встроенный перехватчик, письма — ${mailboxUrl}`);
    } else {
      log('• Почта: SMTP ' + env.SMTP_URL.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@'));
    }

    // Migrations and demo data once, here; the API process then finds nothing pending.
    const apiEnv: NodeJS.ProcessEnv = {
      ...mailEnv,
      ...env,
      NODE_ENV: env.NODE_ENV ?? 'production',
      DATABASE_URL: databaseUrl,
      KEYCLOAK_URL: keycloakUrl,
      KEYCLOAK_REALM: realm,
      // The web server in front (web.ts) appends the peer it saw to X-Forwarded-For, as nginx does.
      TRUSTED_PROXIES: env.TRUSTED_PROXIES ?? 'loopback',
      ATTACHMENT_DIR: path.resolve(REPO_ROOT, env.ATTACHMENT_DIR ?? path.join(dataDir, 'attachments')),
      // Links in letters lead to the admin as users open it.
      ADMIN_PUBLIC_URL: env.ADMIN_PUBLIC_URL ?? `http://localhost:${adminPort}`,
    };
    // In a process of their own, like an operator would run them: this starter stays small.
    const cli = (command: string) =>
      runOnce({
        script: SCRIPTS.cli,
        args: [command],
        cwd: REPO_ROOT,
        env: { ...apiEnv, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
        logFile: path.join(logDir, 'setup.log'),
      });
    const migrateOutput = await cli('migrate').catch((error: Error) => Promise.reject(new Error(`Миграции не выполнены: ${error.message}`)));
    const migration = migrationReportOf(migrateOutput);
    for (const failure of migration.failed ?? []) log(`! Миграция муниципалитета ${failure.district} не выполнена: ${failure.error}`);
    // Idempotent: creates the demo districts (each with its migrated schema) only once.
    await cli('seed:demo');

    const apiPort = options.ports?.api ?? numberOr(env.API_PORT, 4000);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api = await startChild(
      {
        name: 'api',
        title: 'API',
        script: SCRIPTS.api,
        cwd: REPO_ROOT,
        env: { ...apiEnv, API_PORT: String(apiPort), API_HOST: '127.0.0.1' },
        readyUrl: `${apiUrl}/readyz`,
        logFile: path.join(logDir, 'api.log'),
      },
      fatal,
      log,
    );
    children.api = api;
    stoppers.push(() => api.stop());

    const runtime = { KEYCLOAK_URL: keycloakUrl!, KEYCLOAK_REALM: realm, KEYCLOAK_CLIENT_ID: env.KEYCLOAK_CLIENT_ID ?? 'admin' };
    if (options.dev) {
      await startViteDevServer({ port: adminPort, apiUrl, runtime, stoppers });
    } else {
      const web = await startChild(
        {
          name: 'web',
          title: 'Веб-сервер админки',
          script: SCRIPTS.web,
          cwd: REPO_ROOT,
          env: { ...env, ...runtime, WEB_ROOT: path.join(ADMIN_ROOT, 'dist'), WEB_PORT: String(adminPort), API_URL: apiUrl },
          readyUrl: `http://127.0.0.1:${adminPort}/config.json`,
          logFile: path.join(logDir, 'web.log'),
        },
        fatal,
        log,
      );
      children.web = web;
      stoppers.push(() => web.stop());
    }
    const adminUrl = `http://localhost:${adminPort}/`;

    return {
      adminUrl,
      apiUrl,
      graphqlUrl: `${apiUrl}/graphql`,
      idpUrl: keycloakUrl!,
      realm,
      databaseUrl: databaseUrl!,
      embeddedDatabase,
      embeddedIdp,
      mailboxUrl,
      migration,
      logDir,
      pids: () => ({ postgres: postgresPid, idp: children.idp?.pid(), api: children.api?.pid(), web: children.web?.pid() }),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** `npm run dev`: Vite with hot reload in this process (127.0.0.1, files restricted: apps/admin/vite.config.ts). */
async function startViteDevServer(input: { port: number; apiUrl: string; runtime: Record<string, string>; stoppers: Stopper[] }): Promise<void> {
  // The admin's vite.config.ts reads these to proxy the API and to serve /config.json.
  Object.assign(process.env, input.runtime, { API_URL: input.apiUrl });
  const { createServer } = await import('vite');
  const server = await createServer({
    root: ADMIN_ROOT,
    configFile: path.join(ADMIN_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    server: { port: input.port, strictPort: true },
  });
  await server.listen();
  input.stoppers.push(() => server.close());
}

/** The report `cli migrate` prints last (pretty JSON), after any log lines (one-line JSON). */
function migrationReportOf(stdout: string): MigrationReport {
  const start = stdout.lastIndexOf('\n{\n');
  return JSON.parse(start >= 0 ? stdout.slice(start + 1) : stdout) as MigrationReport;
}

/** A folder inside the repository relative to it (`.data/postgres`), any other one in full. */
function shown(dir: string): string {
  const relative = path.relative(REPO_ROOT, dir);
  return relative.startsWith('..') ? dir : relative;
}

function numberOr(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) ? parsed : fallback;
}
