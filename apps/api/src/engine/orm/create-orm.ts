import 'reflect-metadata';
import { type LogContext, type Logger as OrmLogger, type LoggerNamespace } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig } from '../config.js';
import type { Logger } from '../logging.js';

export { MikroORM } from '@mikro-orm/postgresql';
export type { EntityManager } from '@mikro-orm/postgresql';

export interface CreateOrmOptions {
  /** Entity classes: shared ones (fixed schema `core`) and tenant ones (`schema: '*'`). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- entity classes of any shape, as MikroORM takes them
  entities: Function[];
  logger?: Logger;
  /** Called with every SQL statement the ORM sends (tests count them to catch N+1 queries). */
  onQuery?: (sql: string) => void;
  /** Overrides config.databaseUrl. */
  databaseUrl?: string;
  /** Overrides config.databaseDirectUrl (with `databaseUrl` given and this not: that same URL). */
  databaseDirectUrl?: string;
}

const directUrls = new WeakMap<MikroORM, string>();

/**
 * The URL of PostgreSQL itself, for what needs one server session from start to end (a session-level
 * advisory lock): the ORM's own URL may be a pooler in transaction mode (DATABASE_DIRECT_URL, see config.ts).
 */
export function directUrlOf(orm: MikroORM): string | undefined {
  return directUrls.get(orm) ?? orm.config.get('clientUrl');
}

/** Forwards MikroORM's own logging to pino; SQL only at `trace`. */
class PinoOrmLogger implements OrmLogger {
  constructor(
    private readonly logger: Logger | undefined,
    private readonly onQuery: ((sql: string) => void) | undefined,
  ) {}

  log(namespace: string, message: string, context?: LogContext): void {
    if (context?.level === 'error') this.logger?.error({ orm: namespace }, message);
    else if (context?.level === 'warning') this.logger?.warn({ orm: namespace }, message);
    else this.logger?.debug({ orm: namespace }, message);
  }
  error(namespace: string, message: string, context?: LogContext): void {
    this.log(namespace, message, { ...context, level: 'error' });
  }
  warn(namespace: string, message: string, context?: LogContext): void {
    this.log(namespace, message, { ...context, level: 'warning' });
  }
  logQuery(context: LogContext): void {
    // A slow statement is reported twice (as a query, then under «slow-query»): count it once.
    if (context.query !== undefined && context.namespace !== 'slow-query') this.onQuery?.(context.query);
    if (context.namespace === 'slow-query') {
      this.logger?.warn({ sql: context.query, tookMs: context.took }, 'slow query');
    } else if (this.logger?.isLevelEnabled('trace')) {
      this.logger.trace({ sql: context.query, tookMs: context.took, ...(context.reqId ? { reqId: context.reqId } : {}) }, 'sql');
    }
  }
  setDebugMode(): void {}
  isEnabled(namespace: LoggerNamespace): boolean {
    return namespace === 'query' ? !!this.onQuery || !!this.logger?.isLevelEnabled('trace') : false;
  }
}

/**
 * The ORM of one process. Requests never use `orm.em` directly: they fork it (one fork for the
 * shared directory, one `em.fork({ schema })` for the tenant).
 */
export async function createOrmWith(config: ApiConfig, options: CreateOrmOptions): Promise<MikroORM> {
  const clientUrl = options.databaseUrl ?? config.databaseUrl;
  if (!clientUrl) throw new Error('DATABASE_URL is not set: start an embedded PostgreSQL or set DATABASE_URL.');
  const directUrl = options.databaseDirectUrl ?? (options.databaseUrl ? options.databaseUrl : (config.databaseDirectUrl ?? clientUrl));
  const orm = await MikroORM.init({
    clientUrl,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    pool: { min: 0, max: config.dbPoolMax },
    // A database that hangs instead of refusing (a cut network) fails the connect — or the wait for a
    // pooled connection — after 15 s, answered 503 (engine/http/outage.ts), not after the 60 s request timeout.
    driverOptions: { connectionTimeoutMillis: 15_000 },
    // Shared entities name their schema (`core`), tenant ones are `*` and get it from the fork.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
    slowQueryThreshold: 500,
    loggerFactory: () => new PinoOrmLogger(options.logger, options.onQuery),
    migrations: { transactional: true, allOrNothing: true, snapshot: false, silent: true },
    // The migration tracking tables are the migrators' business, not the entities'; so are the SQL
    // routines the migrations create (erasure_redact_jsonb), which no entity can declare.
    // Tables and triggers written by hand in migrations, which no entity maps: the KPI dirty marks
    // (written by triggers only), the dashboard's stored figures (written in SQL by the KPI refresh)
    // and the statement-level triggers (directory NOTIFY, KPI marks).
    schemaGenerator: {
      disableForeignKeys: false,
      skipTables: ['mikro_orm_migrations', 'kpi_dirty', 'dashboard_total', 'dashboard_school'],
      ignoreRoutines: true,
      ignoreTriggers: true,
    },
  });
  directUrls.set(orm, directUrl);
  return orm;
}
