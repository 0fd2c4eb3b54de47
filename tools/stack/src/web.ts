/**
 * The web server of `npm start`: the admin's built files and the API on one origin, as nginx serves
 * them in production (infra/nginx): the API's paths (packages/domain http-paths.ts) are proxied,
 * `/config.json` says where to log in, hashed assets are cached for a year, every other path is
 * the single-page app's index.html. Nothing outside the admin's build folder is served.
 *
 * Run as its own process by tools/stack (`node dist/web.js`), configured by environment:
 *   WEB_ROOT        the admin's build folder (apps/admin/dist)
 *   WEB_HOST/PORT   listen address (default 127.0.0.1:5173)
 *   API_URL         where the API listens (http://127.0.0.1:4000)
 *   KEYCLOAK_URL, KEYCLOAK_REALM, KEYCLOAK_CLIENT_ID   what /config.json says
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyReplyFrom from '@fastify/reply-from';
import fastifyStatic from '@fastify/static';
import { isApiPath } from '@nastavnik/domain';
import Fastify, { type FastifyInstance } from 'fastify';
import { exitWhenParentGoes } from './lifecycle.js';

export interface WebServerOptions {
  root: string;
  apiUrl: string;
  runtimeConfig: { keycloakUrl: string; realm: string; clientId: string };
  host?: string;
  port?: number;
  /**
   * Logs at this level and above as JSON lines on stdout (the stack's web.log): at `warn`, a request
   * the API could not answer (refused, reset, timed out) is written with its cause. Default: none.
   */
  logLevel?: 'warn' | 'error';
}

/** Same limit as nginx's client_max_body_size: uploads above ATTACHMENT_MAX_BYTES get the API's own 413. */
const BODY_LIMIT = 25 * 1024 * 1024;

export async function createWebServer(options: WebServerOptions): Promise<FastifyInstance> {
  if (!existsSync(path.join(options.root, 'index.html'))) {
    throw new Error(`Нет сборки админки в ${options.root} (index.html): выполните npm run build.`);
  }
  const app = Fastify({ logger: options.logLevel ? { level: options.logLevel } : false, bodyLimit: BODY_LIMIT, trustProxy: false, return503OnClosing: true });
  // Bodies go to the API untouched (uploads, GraphQL): no parsing here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  await app.register(fastifyReplyFrom, {
    base: options.apiUrl,
    // No idle connections kept to the API. It closes one after 5 s idle. Node's http.Agent without
    // a `timeout` of its own ignores the server's `Keep-Alive: timeout=5` hint: it keeps idle
    // sockets with no limit. A request written onto a socket just as the API closes it fails with
    // ECONNRESET, and a POST is not retried, so the page sees a 500 (seen under load in the browser
    // journeys). A fresh loopback connection per request costs well under a millisecond. nginx in
    // production keeps its own upstream connections for 4 s, under the API's 5 s.
    http: { agentOptions: { keepAlive: false }, requestOptions: { timeout: 120_000 } },
  });

  const configJson = JSON.stringify(options.runtimeConfig);
  app.get('/config.json', (_request, reply) => {
    void reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(configJson);
  });

  await app.register(fastifyStatic, {
    root: options.root,
    // Only files inside the build folder; no listing, no dotfiles.
    index: false,
    dotfiles: 'deny',
    // Files are looked up when asked for (a rebuild while running is served at once), never listed.
    wildcard: true,
    serveDotFiles: false,
    // Our own cache-control below (send's default would say max-age=0 for everything).
    cacheControl: false,
    setHeaders(res, filePath) {
      // Vite names assets by their content hash: they never change under one name.
      const immutable = filePath.startsWith(path.join(options.root, 'assets') + path.sep);
      res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  // The app's entry (a static route wins over the plugin's wildcard, which would refuse a folder).
  app.get('/', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));

  const proxy = (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) =>
    reply.from(request.url, {
      rewriteRequestHeaders: (incoming, headers) => ({
        ...headers,
        // As nginx's $proxy_add_x_forwarded_for: the API trusts it only from a configured proxy.
        'x-forwarded-for': [headers['x-forwarded-for'], incoming.socket.remoteAddress].filter(Boolean).join(', '),
        'x-forwarded-proto': 'http',
      }),
    });

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (isApiPath(pathname)) return proxy(request, reply);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.code(405).type('text/plain; charset=utf-8').send('Метод не поддерживается');
    }
    // A missing asset is a 404, not the app (a stale page asking for an old chunk must see the error).
    if (pathname.startsWith('/assets/')) return reply.code(404).type('text/plain; charset=utf-8').send('Не найдено');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  // Static files only answer GET/HEAD; API paths take every method through the not-found handler.
  return app;
}

export async function startWebServer(options: WebServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const app = await createWebServer(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 5173 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://localhost:${port}/`, close: () => app.close() };
}

async function main(): Promise<void> {
  const env = process.env;
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`Не задана переменная ${name}`);
    return value;
  };
  const server = await startWebServer({
    root: path.resolve(required('WEB_ROOT')),
    apiUrl: required('API_URL'),
    host: env.WEB_HOST?.trim() || '127.0.0.1',
    port: Number(env.WEB_PORT ?? 5173),
    logLevel: 'warn',
    runtimeConfig: {
      keycloakUrl: required('KEYCLOAK_URL').replace(/\/+$/, ''),
      realm: env.KEYCLOAK_REALM?.trim() || 'nastavnik',
      clientId: env.KEYCLOAK_CLIENT_ID?.trim() || 'admin',
    },
  });
  console.log(`web: ${server.url}`);
  exitWhenParentGoes(() => server.close());
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
