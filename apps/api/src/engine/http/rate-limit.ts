import type { IncomingMessage } from 'node:http';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { ApiConfig } from '../config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logging.js';
import type { MikroORM } from '../orm/create-orm.js';
import type { RouteReply } from './routes.js';
import { clientAddress, clientKey, compileTrustedProxies, type TrustedProxies } from './client-address.js';

/**
 * Per-client limits of the public endpoints (no login: partner sign-up, survey links), counted in
 * PostgreSQL by rate-limiter-flexible so that every API replica sees the same counts.
 *
 * The table is created by a core migration (Migration20261123000000RateLimit), in its own schema: the
 * library would create it at runtime with the API's role, and two replicas starting together race on
 * `CREATE TABLE IF NOT EXISTS`. Rows are `<rule>:<client>` → points used, window end (ms).
 */
export const RATE_LIMIT_SCHEMA = 'rate_limit';
export const RATE_LIMIT_TABLE = 'counter';

export interface RateLimitRule {
  /** The key prefix of the rule's rows (`partner-apply`, `survey-submit`). */
  name: string;
  /** Requests allowed per client in one window. */
  points: number;
  /** The window: it starts with the client's first request and is not extended by later ones. */
  durationSeconds: number;
}

export type RateLimitVerdict = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export interface PublicRateLimit {
  readonly rule: RateLimitRule;
  /** Counts one request of the client behind `req` (see client-address.ts) and says whether it is within the rule. */
  take(req: IncomingMessage): Promise<RateLimitVerdict>;
}

export interface RateLimits {
  rule(rule: RateLimitRule): PublicRateLimit;
}

/** The part of `pg`'s Pool the library calls. */
interface QueryablePool {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * rate-limiter-flexible names its statements (`<table>:rlflx-upsert`): a named prepared statement is
 * session state, and behind PgBouncer in transaction mode the next query may reach a server session
 * that never saw it. Passing the text and values alone sends each as one unnamed statement; each is
 * a single autocommitted upsert, so nothing else ties a request to a server session.
 */
function unnamedStatements(pool: QueryablePool) {
  return {
    query: (q: { text: string; values?: unknown[] }) => pool.query(q.text, q.values),
  };
}

/**
 * The limits of this process, on the ORM's own connection pool (no second pool per replica). Built at
 * the composition root; each route gets its rule.
 */
export async function createRateLimits(deps: { orm: MikroORM; config: Pick<ApiConfig, 'publicEndpoints'>; logger: Logger }): Promise<RateLimits> {
  const pool = (await deps.orm.em.getConnection().getNativeClient()) as QueryablePool;
  const storeClient = unnamedStatements(pool);
  const trusted = compileTrustedProxies(deps.config.publicEndpoints.trustedProxies);
  const warnUntrustedForwarding = untrustedForwardingWarning(trusted, deps.logger);
  return {
    rule(rule) {
      const limiter = new RateLimiterPostgres({
        storeClient,
        storeType: 'pool',
        schemaName: RATE_LIMIT_SCHEMA,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        keyPrefix: rule.name,
        points: rule.points,
        duration: rule.durationSeconds,
        // Once a client is over the limit this process answers 429 from memory until its window
        // ends, so a flood from one address costs no further writes.
        inMemoryBlockOnConsumed: rule.points + 1,
      });
      return {
        rule,
        async take(req) {
          warnUntrustedForwarding(req);
          try {
            const res = await limiter.consume(clientKey(clientAddress(req, trusted)));
            return { allowed: true, remaining: res.remainingPoints };
          } catch (error) {
            // The library rejects with its result when over the limit, with an Error when the store failed.
            if (error instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
            throw error;
          }
        },
      };
    },
  };
}

/**
 * A forwarded header from a peer we do not trust is ignored; say so once per process, since behind
 * a proxy missing from TRUSTED_PROXIES every client shares that proxy's budget.
 */
function untrustedForwardingWarning(trusted: TrustedProxies, logger: Logger) {
  let warned = false;
  return (req: IncomingMessage) => {
    if (warned || req.headers['x-forwarded-for'] === undefined) return;
    const peer = req.socket.remoteAddress;
    if (!peer || trusted(peer, 0)) return;
    warned = true;
    logger.warn(
      { peer },
      'X-Forwarded-For from a peer outside TRUSTED_PROXIES is ignored: the public limits count this peer, not the client (add the proxy to TRUSTED_PROXIES)',
    );
  };
}

/**
 * The error a JSON route throws over the limit (the server answers it as its other AppErrors:
 * `{errors: [{message, extensions: {code, reason: 'RATE_LIMIT', retryAfterSeconds}}]}`), with
 * `Retry-After` set on the response first.
 */
export function tooManyRequests(reply: RouteReply, retryAfterSeconds: number, message: string): AppError {
  setRetryAfter(reply, retryAfterSeconds);
  return new AppError('FORBIDDEN', message, { reason: 'RATE_LIMIT', retryAfterSeconds, httpStatus: 429 });
}

export function setRetryAfter(reply: RouteReply, retryAfterSeconds: number): void {
  reply.header('retry-after', String(retryAfterSeconds));
}
