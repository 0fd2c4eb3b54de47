import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';
import type { ApiConfig } from './config.js';

export type { Logger } from 'pino';

/** Structured JSON logs (pino). Secrets never reach them: the Authorization header is redacted. */
export function createLogger(config: Pick<ApiConfig, 'logLevel'>, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'api', ...bindings },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'token'], censor: '[скрыто]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** A logger that drops everything (library use without a logger). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * The logger of the request being served (request id, then user and district once known), for
 * code that has no request context at hand — e.g. Apollo's error formatter.
 */
const requestLogger = new AsyncLocalStorage<{ logger: Logger }>();

export function runWithRequestLogger<T>(logger: Logger, run: () => T): T {
  return requestLogger.run({ logger }, run);
}

/** Replaces the current request's logger (after the actor and tenant are known). */
export function setRequestLogger(logger: Logger): void {
  const store = requestLogger.getStore();
  if (store) store.logger = logger;
}

export function currentLogger(fallback: Logger): Logger {
  return requestLogger.getStore()?.logger ?? fallback;
}
