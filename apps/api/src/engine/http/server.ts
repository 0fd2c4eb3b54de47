import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import fastifyApollo from '@as-integrations/fastify';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { ApiConfig } from '../config.js';
import type { GraphQLContext, RequestInfo } from '../graphql/context.js';
import { lazyChild, redactQuery, runWithRequestLogger, type Logger, type RequestLogScope } from '../logging.js';
import { applyCors, decodedPath, headerOf, literalMalformedEscapes, parsedUrl, readRawBody } from './edge.js';
import { HttpError, replyError, schemaError } from './errors.js';
import { nulError, nulParameter } from './hostile-input.js';
import { isDatabaseUnavailable, OUTAGE_MESSAGES_RU, OUTAGE_RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE } from './outage.js';
import { MAX_PARAM_LENGTH, type HttpRoute } from './routes.js';

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
  /** REST endpoints beside /graphql (attachments, exports…), with the same token and tenant context. */
  routes?: HttpRoute[];
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** On shutdown, requests still running after this long are cut (an orchestrator's grace is ~30 s). */
const SHUTDOWN_GRACE_MS = 15_000;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Methods answered 405 (with `Allow`) on a known path; others are a 404. HEAD is not GET here. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The request's id, logger and log state, attached by the node handler before Fastify sees the request. */
const INFO = Symbol('requestInfo');
type TrackedRequest = IncomingMessage & { [INFO]: RequestInfo };
const infoOf = (req: IncomingMessage): RequestInfo => (req as TrackedRequest)[INFO];

/**
 * A class, so that `logger` is a getter on the prototype: an object literal with a getter of its
 * own gets a hidden class of its own per request, which keeps the request's objects from being
 * collected young (the scavenges of the API under load took 5× as long).
 */
class TrackedInfo implements RequestInfo {
  readonly state: RequestInfo['state'] = {};
  readonly headers: RequestInfo['headers'];

  constructor(
    readonly requestId: string,
    readonly rootLogger: Logger,
    readonly logScope: RequestLogScope,
    header: (name: string) => string | undefined,
  ) {
    this.headers = { get: header };
  }

  get logger(): Logger {
    return this.logScope.logger();
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

function notFound(reply: FastifyReply): void {
  reply
    .code(404)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ error: 'Не найдено.' }));
}

/**
 * The API's HTTP server on Fastify: `/graphql` (Apollo through @as-integrations/fastify), the
 * modules' REST routes, `/healthz` (the process is up) and `/readyz` (database and identity provider
 * reachable). Every response carries `x-request-id` (the caller's, when well-formed, else a new one).
 */
export async function startHttpServer(options: HttpServerOptions, port: number): Promise<RunningHttpServer> {
  const { config, logger, apollo } = options;
  const routes = options.routes ?? [];
  const secretPaths = routes.flatMap((route) => (route.logPath ? [route.logPath.bind(route)] : []));

  // Set by close(): answers then carry `Connection: close`, so a proxy (nginx) stops reusing the
  // connection and sends its next requests to another replica.
  let draining = false;
  let server!: Server;

  function logRequestLine(req: IncomingMessage, res: ServerResponse, info: RequestInfo): void {
    const started = performance.now();
    const url = parsedUrl(req);
    // Decided before anything can fail: even a refused request must not log a secret path.
    const logPath = secretPaths.reduce((path, hide) => hide(path), url.pathname);
    if (logPath !== url.pathname) info.state.logPath = logPath;
    res.on('finish', () => {
      const level = url.pathname === '/healthz' || url.pathname === '/readyz' ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      // Through the process's logger with the id in the line: the same fields as a child's line.
      logger[level](
        {
          reqId: info.requestId,
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
  }

  // What every request gets before routing, whatever Fastify answers (even a malformed URL): its id,
  // its logger (for the whole request, through AsyncLocalStorage) and its line in the request log.
  const app = Fastify({
    serverFactory: (handler) => {
      server = createServer((req, res) => {
        if (draining) res.setHeader('connection', 'close');
        const incomingId = req.headers['x-request-id'];
        // A random (v4) id: node draws them from a pooled buffer, uuid's v7 reads the CSPRNG each time.
        const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
        // The request's own logger only when something logs through it (see lazyChild).
        const requestLogger = lazyChild(logger, { reqId: requestId });
        const info = new TrackedInfo(requestId, logger, { logger: requestLogger }, headerOf(req));
        (req as TrackedRequest)[INFO] = info;
        // The request line is written at `info` (probes at `debug`): below that level nothing of it is prepared.
        if (logger.isLevelEnabled('info')) logRequestLine(req, res, info);
        runWithRequestLogger(info.logScope, () => handler(req, res));
      });
      return server;
    },
    logger: false,
    genReqId: (req) => infoOf(req).requestId,
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    exposeHeadRoutes: false,
    return503OnClosing: false,
    rewriteUrl: (req) => literalMalformedEscapes(req.url ?? '/'),
    // A parameter longer than any id or token; a URL the router still cannot read.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', infoOf(request.raw).requestId);
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return notFound(reply as FastifyReply);
      replyError(new HttpError(400, 'Некорректный адрес запроса.'), request as FastifyRequest, reply as FastifyReply, infoOf(request.raw).logger);
    },
    // A route's schema refused its parameters or query: a 400 naming the field, in Russian.
    schemaErrorFormatter: (errors, dataVar) => schemaError(errors, dataVar),
  });

  app.setErrorHandler((error, request, reply) => replyError(error, request, reply, infoOf(request.raw).logger));
  app.setNotFoundHandler((_request, reply) => notFound(reply));

  // Hooks that run on every request take callbacks, not promises (one allocation and tick fewer each).
  // Response headers go on the reply, not on the raw response: one header set on the raw response
  // makes node merge every header Fastify writes one by one (writeHead's slow path).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', infoOf(request.raw).requestId);
    applyCors(request.raw, reply, config.corsOrigins);
    if (request.method === 'OPTIONS') {
      reply.code(204).send();
      return;
    }
    // A NUL in the path or a query parameter (a file name, an id) would reach PostgreSQL as text.
    // Only an escape (or a raw NUL) can put one there: a URL with neither needs no parsing.
    const raw = request.raw.url ?? '/';
    if (raw.includes('%') || raw.includes('\u0000')) {
      const url = parsedUrl(request.raw);
      if (decodedPath(url.pathname).includes('\u0000')) return done(nulError('path'));
      const nulField = nulParameter(url.searchParams);
      if (nulField) return done(nulError(nulField));
    }
    done();
  });
  // A body parser's callbacks keep the request's async context (and so its logger): Fastify runs
  // them in an AsyncResource made when the parser starts, inside the handler above.

  const contextOf = (request: FastifyRequest) => options.buildContext(infoOf(request.raw));

  app.route({
    method: ['GET', 'HEAD'],
    url: '/healthz',
    handler: async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/readyz',
    handler: async (request, reply) => {
      // No login here: the answer says only ready or not; what failed (hosts, driver messages) goes to the log.
      const report = await options.readiness();
      if (!report.ready) infoOf(request.raw).logger.warn({ checks: report.checks }, 'not ready');
      return reply
        .code(report.ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ status: report.ready ? 'ready' : 'not-ready' });
    },
  });

  await app.register(async (graphql) => {
    // As before Fastify: a JSON body (any `…json` type) is parsed, anything else goes to Apollo as
    // text (its CSRF prevention refuses it); 1 MB at most.
    graphql.removeAllContentTypeParsers();
    const parseBody = (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, body?: unknown) => void) => {
      const text = body as string;
      if (!String(request.headers['content-type'] ?? '').includes('json')) return done(null, text);
      try {
        done(null, text.length ? JSON.parse(text) : undefined);
      } catch {
        done(new HttpError(400, 'Тело запроса — некорректный JSON.'), undefined);
      }
    };
    // The same parser under its usual type too: Fastify remembers which parser a content type got,
    // but not when it fell back to the catch-all, which it then looks up again on every request.
    graphql.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, parseBody);
    graphql.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, parseBody);
    graphql.addHook('onSend', (_request, reply, payload, done) => {
      reply.header('cache-control', 'no-store');
      done(null, payload);
    });
    await graphql.register(fastifyApollo(apollo), {
      path: '/graphql',
      method: ['GET', 'POST'],
      context: (request) =>
        contextOf(request).catch((error: unknown) => {
          throw isDatabaseUnavailable(error) ? databaseUnavailableForApollo(error) : error;
        }),
    });
  });

  await app.register(async (rest) => {
    // The body stays unread until the route asks for it (readBody), after its own checks (who asks,
    // the declared size), with its own limit and its own 413.
    rest.removeAllContentTypeParsers();
    rest.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    for (const route of routes) {
      rest.route({
        method: route.method,
        url: route.url,
        schema: route.schema,
        handler: async (request: FastifyRequest, reply: FastifyReply) => {
          await route.handle({
            req: request.raw,
            reply,
            url: parsedUrl(request.raw),
            params: request.params as Record<string, string>,
            context: () => contextOf(request),
            readBody: (limit, tooLarge) => readRawBody(request.raw, limit, tooLarge),
          });
          // Fastify waits for the reply (a streamed file) instead of ending it when the handler returns.
          return reply;
        },
      });
    }
    // Other methods on a known path: 405 naming the allowed ones.
    const allowed = new Map<string, Set<string>>([
      ['/graphql', new Set(['GET', 'POST'])],
      ['/healthz', new Set(['GET', 'HEAD'])],
      ['/readyz', new Set(['GET', 'HEAD'])],
    ]);
    for (const route of routes) allowed.set(route.url, (allowed.get(route.url) ?? new Set()).add(route.method));
    for (const [url, methods] of allowed) {
      const others = METHODS.filter((method) => !methods.has(method));
      const allow = METHODS.filter((method) => methods.has(method)).join(', ');
      rest.route({
        method: others,
        url,
        handler: async (request, reply) => {
          reply.header('allow', allow);
          replyError(new HttpError(405, 'Метод не поддерживается.'), request, reply, infoOf(request.raw).logger);
        },
      });
    }
  });

  await app.ready();
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
