import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { ERRORS_RU } from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';
import type { ApiConfig } from '../config.js';
import type { GraphQLContext, RequestInfo } from '../graphql/context.js';
import { runWithRequestLogger, type Logger } from '../logging.js';

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
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
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

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, 'Слишком большой запрос.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Слишком большой запрос.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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
  res.setHeader(
    'access-control-allow-headers',
    'authorization, content-type, x-district-id, x-request-id, apollo-require-preflight, x-apollo-operation-name',
  );
  res.setHeader('access-control-expose-headers', 'x-request-id');
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
      context: () => options.buildContext({ ...info, headers: { get: (name) => headers.get(name) } }),
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

  const server = createServer((req, res) => {
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
    res.on('finish', () => {
      const probe = url.pathname === '/healthz' || url.pathname === '/readyz';
      requestLogger[probe ? 'debug' : 'info'](
        {
          method: req.method,
          path: url.pathname,
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
      switch (url.pathname) {
        case '/healthz':
          sendJson(res, 200, { status: 'ok' });
          return;
        case '/readyz': {
          const report = await options.readiness();
          sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'unavailable', checks: report.checks });
          return;
        }
        case '/graphql':
          await handleGraphQL(req, res, url, info);
          return;
        default:
          sendJson(res, 404, { error: 'Не найдено.' });
      }
    } catch (error) {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
        else res.end();
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
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}
