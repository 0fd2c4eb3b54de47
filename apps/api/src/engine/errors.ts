import { ERRORS_RU, type ErrorCode } from '@nastavnik/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable, OUTAGE_MESSAGES_RU, SERVICE_UNAVAILABLE } from './http/outage.js';
import { currentLogger, type Logger } from './logging.js';

/**
 * Errors the API reports on purpose. Each carries a code from the contract and a Russian message
 * that is safe to show to the user; anything else is turned into INTERNAL_SERVER_ERROR.
 */
/**
 * The codes the API reports on purpose (packages/domain ERROR_CODES); CONFLICT is a stale
 * `expectedVersion` or an action the object's current state no longer allows.
 */
export type AppErrorCode = Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>;

export class AppError extends GraphQLError {
  constructor(code: AppErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export const unauthenticated = (message: string = ERRORS_RU.unauthenticated) => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message: string = ERRORS_RU.forbidden) => new AppError('FORBIDDEN', message);
export const notFound = (message: string = ERRORS_RU.notFound) => new AppError('NOT_FOUND', message);
export const badUserInput = (field: string, message: string, extensions: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, { ...extensions, field });
/**
 * Every problem of a form at once: the first as the error's message and `field`, all of them (first
 * included) in `fields`, so the admin shows each beside its field instead of one per attempt.
 */
export function badUserInputs(issues: ReadonlyArray<{ field: string; message: string }>): AppError {
  const [first] = issues;
  if (!first) throw new Error('badUserInputs needs at least one issue');
  return badUserInput(first.field, first.message, { fields: issues.map(({ field, message }) => ({ field, message })) });
}
/** `reason`: VERSION (someone changed the object since it was read) or STATE (the action no longer fits its state). */
export const conflict = (message: string, reason: 'VERSION' | 'STATE' = 'VERSION') => new AppError('CONFLICT', message, { reason });

/** Codes produced by GraphQL itself or by Apollo for malformed requests: shown as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** The error a resolver threw, below graphql's located-error wrappers (duck-typed on purpose). */
function unwrap(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth++) {
    const inner = (current as { originalError?: unknown } | null)?.originalError;
    if (!inner || inner === current) break;
    current = inner;
  }
  return current;
}

/**
 * Apollo's `formatError`: our AppErrors and request errors keep their code and message; every
 * other error is logged with its stack and reported as INTERNAL_SERVER_ERROR with the generic
 * Russian message. Never a stack trace, SQL or driver message to the client.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    if (original instanceof AppError) {
      const { http: _http, ...extensions } = original.extensions;
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions,
      };
    }
    const code = formatted.extensions?.code;
    const isRequestError =
      typeof code === 'string' &&
      REQUEST_ERROR_CODES.has(code) &&
      (original === error || !(original instanceof Error) || (original as Error).name === 'GraphQLError');
    if (isRequestError) {
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // The database is unreachable: a Russian message, no driver text; the HTTP status (503) and
    // Retry-After are set by the outage plugin (engine/graphql/apollo.ts) or the context builder.
    if (isDatabaseUnavailable(original)) {
      currentLogger(logger).warn({ err: original, path: formatted.path }, 'database unavailable');
      return {
        message: OUTAGE_MESSAGES_RU.unavailable,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: SERVICE_UNAVAILABLE },
      };
    }
    currentLogger(logger).error({ err: original instanceof Error ? original : new Error(String(original)), path: formatted.path }, 'unexpected error');
    return {
      message: ERRORS_RU.internal,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
