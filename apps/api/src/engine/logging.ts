import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';
import type { ApiConfig } from './config.js';

export type { Logger } from 'pino';

export const REDACTED = '[скрыто]';

/**
 * Query parameters that carry a secret (OAuth/OIDC codes and tokens, passwords, presigned S3
 * signatures, survey link tokens): matched case-insensitively, also as a suffix (`id_token`,
 * `api_key`). One list for the API's request log; infra/nginx/nastavnik-locations.conf keeps its
 * own copy for the access log (nginx cannot read this file).
 */
export const SECRET_QUERY_PARAMETERS = [
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'code_verifier',
  'state',
  'session_state',
  'password',
  'passwd',
  'secret',
  'client_secret',
  'key',
  'api_key',
  'apikey',
  'signature',
  'sig',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'authorization',
] as const;

const SECRET_PARAMETER = new RegExp(`(^|[_.-])(${SECRET_QUERY_PARAMETERS.map((name) => name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})$`, 'i');

/** Whether a query parameter's value is a secret (by its name). */
export function isSecretParameter(name: string): boolean {
  return SECRET_PARAMETER.test(name);
}

/**
 * A URL's query string (`?a=1&token=…`) with the values of secret parameters replaced, for a log
 * line; the names stay (they help to debug), the values never reach the log. '' for no query.
 */
export function redactQuery(search: string): string {
  if (!search || search === '?') return '';
  const parts = search
    .replace(/^\?/, '')
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const rawName = eq < 0 ? part : part.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: judge the raw name.
      }
      return eq >= 0 && isSecretParameter(name) ? `${rawName}=${REDACTED}` : part;
    });
  return `?${parts.join('&')}`;
}

/** Structured JSON logs (pino). Secrets never reach them: credentials headers and token fields are redacted. */
export function createLogger(config: Pick<ApiConfig, 'logLevel'>, bindings: Record<string, unknown> = {}, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'api', ...bindings },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["proxy-authorization"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
        'headers["proxy-authorization"]',
        'token',
        '*.token',
        'password',
        '*.password',
        'secret',
        '*.secret',
      ],
      censor: REDACTED,
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that drops everything (library use without a logger). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * A child logger made on first use. pino's `child` (bindings serialised and redacted, a formatter
 * set built) costs more than the rest of a trivial request's own work, and most requests log
 * nothing but their request line, which server.ts writes without one.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): () => Logger {
  let child: Logger | undefined;
  return () => (child ??= parent.child(bindings));
}

/**
 * The logger of the request being served (request id, then user and district once known), for
 * code that has no request context at hand — e.g. Apollo's error formatter. One scope per request:
 * re-entered (runWithRequestLogger) where a callback has lost the async context.
 */
export interface RequestLogScope {
  logger: () => Logger;
}

const requestLogger = new AsyncLocalStorage<RequestLogScope>();

export function runWithRequestLogger<T>(scope: RequestLogScope, run: () => T): T {
  return requestLogger.run(scope, run);
}

/** Replaces the current request's logger (after the actor and tenant are known). */
export function setRequestLogger(logger: () => Logger): void {
  const store = requestLogger.getStore();
  if (store) store.logger = logger;
}

export function currentLogger(fallback: Logger): Logger {
  return requestLogger.getStore()?.logger() ?? fallback;
}
