import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { ERRORS_RU } from '@nastavnik/domain';
import { GraphQLError } from 'graphql';
import { v7 as uuidv7 } from 'uuid';
import type { ApiConfig } from '../config.js';
import { AppError } from '../errors.js';
import type { GraphQLContext, RequestInfo } from '../graphql/context.js';
import { redactQuery, runWithRequestLogger, type Logger } from '../logging.js';
import { nulError, nulParameter } from './hostile-input.js';
import { isDatabaseUnavailable, OUTAGE_MESSAGES_RU, OUTAGE_RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE } from './outage.js';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, string>;
}

export interface HttpServerOptions {
  config: Pick<ApiConfig, 'host' | 'corsOrigins'>;
  logger: Logger;
  apollo: ApolloServer<GraphQLContext>;
  buildContext: (request: RequestInfo) => Promise<GraphQLContext>;
  readiness: () => Promise<ReadinessReport>;
  /** Small REST endpoints beside /graphql (attachments), with the same token and tenant context. */
  routes?: HttpRoute[];
}

/** What a REST route gets: the request, the response, and the GraphQL context built on demand. */
export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** The same context as /graphql (token verified, grants and tenant fixed); AppErrors become HTTP statuses. */
  context(): Promise<GraphQLContext>;
  /** The raw body; beyond `limit` bytes, `tooLarge()` is thrown (an AppError, answered with its status). */
  readBody(limit: number, tooLarge: () => Error): Promise<Buffer>;
}

export interface HttpRoute {
  method: 'GET' | 'POST';
  /** The path parameters when the path matches, else null. */
  match(pathname: string): Record<string, string> | null;
  /**
   * The path as the request log may show it, for routes whose path carries a secret (a personal
   * survey link's token): the secret never reaches a log line.
   */
  logPath?(pathname: string): string;
  handle(request: RouteRequest): Promise<void>;
}

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

export interface RunningHttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** On shutdown, requests still running after this long are cut (an orchestrator's grace is ~30 s). */
const SHUTDOWN_GRACE_MS = 15_000;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

async function readRawBody(req: IncomingMessage, limit: number, message: string): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, message);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, message);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readRawBody(req, MAX_BODY_BYTES, 'Слишком большой запрос.')).toString('utf8');
}

/** The percent-decoded path, or the raw one when its escapes are malformed. */
function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/**
 * Building the GraphQL context reads the directory (grants): with the database unreachable that
 * fails before any resolver runs, and Apollo would answer 500. This error carries Apollo's HTTP
 * head instead (503, Retry-After); the formatter gives it the Russian message.
 */
function databaseUnavailableForApollo(error: unknown): GraphQLError {
  return new GraphQLError(OUTAGE_MESSAGES_RU.unavailable, {
    originalError: error instanceof Error ? error : new Error(String(error)),
    extensions: {
      code: SERVICE_UNAVAILABLE,
      http: { status: 503, headers: new HeaderMap([['retry-after', String(OUTAGE_RETRY_AFTER_SECONDS)]]) },
    },
  });
}

function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function applyCors(req: IncomingMessage, res: ServerResponse, allowed: string[]): void {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'authorization, content-type, x-district-id, x-request-id, apollo-require-preflight, x-apollo-operation-name');
  res.setHeader('access-control-expose-headers', 'x-request-id, content-disposition');
  res.setHeader('access-control-max-age', '600');
}

/**
 * The API's HTTP server on plain `node:http`: `/graphql` (Apollo via executeHTTPGraphQLRequest),
 * `/healthz` (the process is up) and `/readyz` (database and identity provider reachable).
 * Every response carries `x-request-id` (the caller's, when well-formed, else a new one).
 */
export async function startHttpServer(options: HttpServerOptions, port: number): Promise<RunningHttpServer> {
  const { config, logger, apollo } = options;

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo) {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      throw new HttpError(405, 'Метод не поддерживается.');
    }
    const headers = headerMapOf(req);
    let body: unknown = undefined;
    if (method === 'POST') {
      const raw = await readBody(req);
      const contentType = headers.get('content-type') ?? '';
      if (/^application\/(graphql-response\+)?json\b/i.test(contentType) || contentType.includes('json')) {
        try {
          body = raw.length ? JSON.parse(raw) : undefined;
        } catch {
          throw new HttpError(400, 'Тело запроса — некорректный JSON.');
        }
      } else {
        body = raw;
      }
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: url.search, body },
      context: () =>
        options.buildContext({ ...info, headers: { get: (name) => headers.get(name) } }).catch((error: unknown) => {
          throw isDatabaseUnavailable(error) ? databaseUnavailableForApollo(error) : error;
        }),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.setHeader('cache-control', 'no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function handleRoute(req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo): Promise<boolean> {
    const method = (req.method ?? 'GET').toUpperCase();
    let allowed: string[] = [];
    for (const route of options.routes ?? []) {
      const params = route.match(url.pathname);
      if (!params) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const headers = headerMapOf(req);
      await route.handle({
        req,
        res,
        url,
        params,
        context: () => options.buildContext({ ...info, headers: { get: (name) => headers.get(name) } }),
        readBody: async (limit, tooLarge) => {
          try {
            return await readRawBody(req, limit, '');
          } catch (error) {
            throw error instanceof HttpError && error.status === 413 ? tooLarge() : error;
          }
        },
      });
      return true;
    }
    if (allowed.length === 0) return false;
    allowed = [...new Set(allowed)];
    res.setHeader('allow', allowed.join(', '));
    throw new HttpError(405, 'Метод не поддерживается.');
  }

  // Set by close(): answers then carry `Connection: close`, so a proxy (nginx) stops reusing the
  // connection and sends its next requests to another replica.
  let draining = false;
  const server = createServer((req, res) => {
    if (draining) res.setHeader('connection', 'close');
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : uuidv7();
    const requestLogger = logger.child({ reqId: requestId });
    void runWithRequestLogger(requestLogger, () => handle(req, res, requestId, requestLogger));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, requestLogger: Logger) {
    const started = performance.now();
    const info: RequestInfo = { requestId, logger: requestLogger, headers: { get: () => undefined }, state: {} };
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Decided before anything can fail: even a refused request must not log a secret path.
    const secretPath = options.routes?.find((route) => route.logPath && route.match(url.pathname));
    if (secretPath) info.state.logPath = secretPath.logPath!(url.pathname);
    res.on('finish', () => {
      const probe = url.pathname === '/healthz' || url.pathname === '/readyz';
      requestLogger[probe ? 'debug' : 'info'](
        {
          method: req.method,
          path: info.state.logPath ?? url.pathname,
          // Secret parameters' values (tokens, codes, signatures) never reach the log.
          ...(url.search ? { query: redactQuery(url.search) } : {}),
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          ...(info.state.username ? { user: info.state.username } : {}),
          ...(info.state.district ? { district: info.state.district } : {}),
        },
        'request',
      );
    });
    try {
      applyCors(req, res, config.corsOrigins);
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        res.end();
        return;
      }
      // A NUL in the path or a query parameter (a file name, an id) would reach PostgreSQL as text.
      if (decodedPath(url.pathname).includes('\u0000')) throw nulError('path');
      const nulField = nulParameter(url.searchParams);
      if (nulField) throw nulError(nulField);
      switch (url.pathname) {
        case '/healthz':
          sendJson(res, 200, { status: 'ok' });
          return;
        case '/readyz': {
          // No login here: the answer says only ready or not; what failed (hosts, driver messages) goes to the log.
          const report = await options.readiness();
          if (!report.ready) requestLogger.warn({ checks: report.checks }, 'not ready');
          sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not-ready' });
          return;
        }
        case '/graphql':
          await handleGraphQL(req, res, url, info);
          return;
        default: {
          if (await handleRoute(req, res, url, info)) return;
          sendJson(res, 404, { error: 'Не найдено.' });
        }
      }
    } catch (error) {
      // A body refused before it was read to the end (too large, wrong caller): do not reuse the connection.
      if (!req.complete && !res.headersSent) res.setHeader('connection', 'close');
      if (error instanceof AppError) {
        const { code, http: _http, httpStatus, ...extensions } = error.extensions as Record<string, unknown>;
        const status = typeof httpStatus === 'number' ? httpStatus : (STATUS_OF_CODE[String(code)] ?? 400);
        if (!res.headersSent) {
          sendJson(res, status, { errors: [{ message: error.message, extensions: { code, ...extensions } }] });
        } else res.end();
        return;
      }
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
        else res.end();
        return;
      }
      if (isDatabaseUnavailable(error)) {
        requestLogger.warn({ err: error }, 'database unavailable');
        if (!res.headersSent) {
          res.setHeader('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
          sendJson(res, 503, { errors: [{ message: OUTAGE_MESSAGES_RU.unavailable, extensions: { code: SERVICE_UNAVAILABLE } }] });
        } else res.end();
        return;
      }
      requestLogger.error({ err: error }, 'request failed');
      if (!res.headersSent) {
        sendJson(res, 500, { errors: [{ message: ERRORS_RU.internal, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      } else {
        res.end();
      }
    }
  }
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    server,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        draining = true;
        // Stops accepting; resolves once every connection has ended. Not http's server.close(): it
        // also cuts idle keep-alive connections at once, racing a proxy that is just sending a
        // request on one (nginx then answers 502 and never retries a POST). Instead, requests still
        // arriving on open connections are served with `Connection: close`; a proxy under load has
        // used (and so let go) each of its connections within a second, the rest are idle ones.
        net.Server.prototype.close.call(server, (error?: Error) => (error ? reject(error) : resolve()));
        setTimeout(() => server.closeIdleConnections(), 1000).unref();
        setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      }),
  };
}
