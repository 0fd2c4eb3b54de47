import { ERRORS_RU } from '@nastavnik/domain';
import type { FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { AppError, badUserInput } from '../errors.js';
import type { Logger } from '../logging.js';
import { isDatabaseUnavailable, OUTAGE_MESSAGES_RU, OUTAGE_RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE } from './outage.js';
import { UUID_SCHEMA } from './routes.js';

/**
 * HTTP status of an AppError answered by a REST route (GraphQL answers them in the body instead);
 * an error may name its own with the extension `httpStatus` (413, 415), which is not sent.
 */
const STATUS_OF_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
};

/** A refusal of the request itself (method, body syntax, size), answered with code BAD_REQUEST. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Fastify's own refusals of a request (its `statusCode` is 4xx), in Russian. */
const FASTIFY_MESSAGES_RU: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'Слишком большой запрос.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Длина тела запроса не совпадает с заголовком Content-Length.',
};

export const SCHEMA_MESSAGES_RU = {
  required: (field: string) => `Не указан обязательный параметр «${field}».`,
  uuid: (field: string) => `Параметр «${field}»: ожидается идентификатор (UUID).`,
  empty: (field: string) => `Параметр «${field}» не может быть пустым.`,
  oneOf: (field: string, values: readonly unknown[]) => `Параметр «${field}»: допустимые значения — ${values.join(', ')}.`,
  invalid: (field: string) => `Некорректное значение параметра «${field}».`,
} as const;

/**
 * The error a route's schema violation becomes (Fastify's schemaErrorFormatter): BAD_USER_INPUT
 * naming the parameter, so that it is answered like the services' own (400, the same JSON).
 */
export function schemaError(errors: FastifySchemaValidationError[], _dataVar: string): AppError {
  const first = errors[0]!;
  const params = first.params as Record<string, unknown>;
  const fromPath = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const field = first.keyword === 'required' ? String(params.missingProperty) : fromPath || 'query';
  let message: string;
  if (first.keyword === 'required') message = SCHEMA_MESSAGES_RU.required(field);
  else if (first.keyword === 'pattern' && params.pattern === UUID_SCHEMA.pattern) message = SCHEMA_MESSAGES_RU.uuid(field);
  else if (first.keyword === 'minLength') message = SCHEMA_MESSAGES_RU.empty(field);
  else if (first.keyword === 'enum') message = SCHEMA_MESSAGES_RU.oneOf(field, params.allowedValues as unknown[]);
  else message = SCHEMA_MESSAGES_RU.invalid(field);
  return badUserInput(field, message);
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function sendErrors(reply: FastifyReply, status: number, message: string, extensions: Record<string, unknown>): void {
  reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ errors: [{ message, extensions }] }));
}

/**
 * Answers a failed REST request (or a refused /graphql body) as `{ errors: [{ message, extensions:
 * { code, field… } }] }`: AppErrors with their status, the request's own faults with a 4xx, a
 * database outage with 503 and Retry-After, anything else with a generic 500 (the details logged,
 * never sent: no stack trace, no SQL).
 */
export function replyError(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  if (reply.raw.headersSent) {
    reply.raw.end();
    return;
  }
  // A body refused before it was read to the end (too large, wrong caller): do not reuse the connection.
  // A request without a body has nothing left unread, even when refused before node marks it complete.
  if (!request.raw.complete && hasBody(request)) reply.header('connection', 'close');
  if (error instanceof AppError) {
    const { code, http: _http, httpStatus, ...extensions } = error.extensions as Record<string, unknown>;
    const status = typeof httpStatus === 'number' ? httpStatus : (STATUS_OF_CODE[String(code)] ?? 400);
    return sendErrors(reply, status, error.message, { code, ...extensions });
  }
  if (error instanceof HttpError) return sendErrors(reply, error.status, error.message, { code: 'BAD_REQUEST' });
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
    return sendErrors(reply, 503, OUTAGE_MESSAGES_RU.unavailable, { code: SERVICE_UNAVAILABLE });
  }
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return sendErrors(reply, statusCode, FASTIFY_MESSAGES_RU[String(code)] ?? 'Некорректный запрос.', { code: 'BAD_REQUEST' });
  }
  // `new URL()` over a malformed Host header (the GraphQL integration builds the request's URL from it).
  if (code === 'ERR_INVALID_URL') return sendErrors(reply, 400, 'Некорректный адрес запроса.', { code: 'BAD_REQUEST' });
  logger.error({ err: error }, 'request failed');
  sendErrors(reply, 500, ERRORS_RU.internal, { code: 'INTERNAL_SERVER_ERROR' });
}
