/**
 * The database is unreachable (refused, cut, restarting, out of connections): the request is not
 * at fault and may well succeed in a moment, so it is answered 503 with `Retry-After` instead of a
 * 500 (issue 12, item 4). Load balancers and clients retry 503; nobody retries a 500.
 */
export const OUTAGE_RETRY_AFTER_SECONDS = 10;

export const OUTAGE_MESSAGES_RU = {
  unavailable: 'Сервис временно недоступен: нет связи с базой данных. Повторите попытку через несколько секунд.',
} as const;

/** The code GraphQL answers carry (beside the contract's codes: the request itself was fine). */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** Socket-level failures of the driver's connection (node's system error codes). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs of an unavailable server: class 08 (connection exception) but 08P01
 * (protocol violation: what a NUL byte in a parameter causes, the request's fault), 57P01–57P03
 * (shutdown, crash, cannot connect now), 53300 (too many connections).
 */
const isUnavailableSqlState = (code: string) => (code.startsWith('08') && code !== '08P01') || ['57P01', '57P02', '57P03', '53300'].includes(code);
/** node-postgres and pg-pool report a lost or never-made connection by message only. */
const DRIVER_MESSAGES =
  /Connection terminated|Connection ended unexpectedly|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * Whether an error (or anything it wraps: MikroORM's `previous`, `cause`, an AggregateError's
 * `errors`, graphql's `originalError`) says the database cannot be reached. Duck-typed: errors
 * arrive from pg, pg-pool, kysely and MikroORM, each wrapping the other.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 8) return false;
  const e = error as { code?: unknown; message?: unknown; previous?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || (/^[0-9A-Z]{5}$/.test(e.code) && isUnavailableSqlState(e.code)))) return true;
  if (typeof e.message === 'string' && DRIVER_MESSAGES.test(e.message)) return true;
  const inner = [e.previous, e.cause, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((next) => next !== error && isDatabaseUnavailable(next, depth + 1));
}
