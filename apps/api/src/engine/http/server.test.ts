import { Agent, get } from 'node:http';
import { Writable } from 'node:stream';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { createApolloServer } from '../graphql/apollo.js';
import type { GraphQLContext } from '../graphql/context.js';
import { createLogger } from '../logging.js';
import { sendJson, uuidParams, type HttpRoute } from './routes.js';
import { startHttpServer, type HttpServerOptions, type RunningHttpServer } from './server.js';

/**
 * The HTTP layer on its own (Fastify, real sockets, no database): route schemas, the error JSON,
 * raw bodies with a per-route limit, /graphql through the Apollo integration, request ids, CORS and
 * the request log. The modules' routes are tested against the whole API in their own files.
 */
const ID = '0190a5c4-1c2b-7def-8abc-0123456789ab';
const ORIGIN = 'https://admin.example';
const logs: Array<Record<string, any>> = [];
let http: RunningHttpServer;
let base: string;

const routes: HttpRoute[] = [
  {
    method: 'GET',
    url: '/things/:id',
    schema: {
      params: uuidParams('id'),
      querystring: { type: 'object', properties: { kind: { type: 'string', enum: ['a', 'b'] } }, required: ['kind'] },
    },
    async handle({ params, url, reply }) {
      sendJson(reply, 200, { id: params.id, kind: url.searchParams.get('kind') });
    },
  },
  {
    method: 'POST',
    url: '/things',
    async handle({ reply, readBody, context }) {
      await context();
      const data = await readBody(16, () => new AppError('BAD_USER_INPUT', 'Файл больше 16 байт', { field: 'file', httpStatus: 413 }));
      sendJson(reply, 201, { size: data.length });
    },
  },
  {
    method: 'GET',
    url: '/secret/:token',
    logPath: (pathname) => pathname.replace(/^\/secret\/[^/]+$/, '/secret/[скрыто]'),
    async handle({ reply }) {
      sendJson(reply, 200, { ok: true });
    },
  },
];

let options: Omit<HttpServerOptions, 'routes'>;

beforeAll(async () => {
  const logger = createLogger(
    { logLevel: 'info' },
    {},
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  const apollo = await createApolloServer<GraphQLContext>({
    schema: buildSchema('type Query { hello: String }'),
    config: { production: false, graphqlCompiledQueries: true },
    logger,
  });
  options = {
    config: { host: '127.0.0.1', corsOrigins: [ORIGIN] },
    logger,
    apollo,
    readiness: async () => ({ ready: true, checks: {} }),
    buildContext: async (request) => {
      // The directory's database is away: the context cannot be built.
      if (request.headers.get('x-test-outage')) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      if (!request.headers.get('authorization')) throw new AppError('UNAUTHENTICATED', 'Требуется вход.');
      return {} as GraphQLContext;
    },
  };
  http = await startHttpServer({ ...options, routes }, 0);
  base = `http://127.0.0.1:${http.port}`;
});

afterAll(async () => {
  await http?.close();
});

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (an empty 204).
  }
  return { status: response.status, headers: response.headers, text, json };
}

describe('route schemas', () => {
  it('a path parameter that is not a UUID: 400 naming it, in Russian, in the error JSON', async () => {
    const response = await call('/things/not-a-uuid?kind=a');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json).toEqual({
      errors: [{ message: 'Параметр «id»: ожидается идентификатор (UUID).', extensions: { code: 'BAD_USER_INPUT', field: 'id' } }],
    });
  });

  it('a missing required query parameter, a value outside the list: 400 naming it', async () => {
    const missing = await call(`/things/${ID}`);
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([{ message: 'Не указан обязательный параметр «kind».', extensions: { code: 'BAD_USER_INPUT', field: 'kind' } }]);
    const outside = await call(`/things/${ID}?kind=z`);
    expect(outside.status).toBe(400);
    expect(outside.json.errors).toEqual([{ message: 'Параметр «kind»: допустимые значения — a, b.', extensions: { code: 'BAD_USER_INPUT', field: 'kind' } }]);
    const fine = await call(`/things/${ID}?kind=b`);
    expect(fine.status).toBe(200);
    expect(fine.json).toEqual({ id: ID, kind: 'b' });
  });

  it('an unknown path: 404 JSON; another method on a known path: 405 with Allow', async () => {
    const unknown = await call('/no/such/path');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(unknown.json).toEqual({ error: 'Не найдено.' });
    const other = await call(`/things/${ID}`, { method: 'DELETE' });
    expect(other.status).toBe(405);
    expect(other.headers.get('allow')).toBe('GET');
    expect(other.json.errors[0]).toEqual({ message: 'Метод не поддерживается.', extensions: { code: 'BAD_REQUEST' } });
    expect((await call('/graphql', { method: 'PUT' })).headers.get('allow')).toBe('GET, POST');
  });

  it('hostile paths and queries: a malformed escape, a NUL, an overlong parameter are 4xx, never 5xx', async () => {
    // A malformed escape is taken literally: here an id that is not a UUID.
    const escape = await call('/things/%E0%A4%A?kind=a');
    expect(escape.status).toBe(400);
    expect(escape.json.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    const nul = await call(`/things/${ID}?kind=a&name=x%00`);
    expect(nul.status).toBe(400);
    expect(nul.json.errors[0]).toEqual({ message: 'Поле «name» содержит недопустимый символ (NUL).', extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
    expect((await call(`/things/${'x'.repeat(500)}`)).status).toBe(404);
  });
});

describe('raw bodies', () => {
  const post = (body: RequestInit['body'], headers: Record<string, string> = {}) =>
    call('/things', {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'content-type': 'application/octet-stream', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);

  it('read by the route within its limit, whatever the content type', async () => {
    expect((await post(Buffer.from('0123456789'))).json).toEqual({ size: 10 });
    expect((await post('{"a":1}', { 'content-type': 'application/json' })).json).toEqual({ size: 7 });
    expect((await post('a=1', { 'content-type': 'application/x-www-form-urlencoded' })).json).toEqual({ size: 3 });
  });

  it('beyond the limit: the route’s own 413, declared or streamed without a length', async () => {
    const declared = await post(Buffer.alloc(17));
    expect(declared.status).toBe(413);
    expect(declared.json.errors).toEqual([{ message: 'Файл больше 16 байт', extensions: { code: 'BAD_USER_INPUT', field: 'file' } }]);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(8));
        controller.close();
      },
    });
    const streamed = await post(stream as unknown as RequestInit['body']);
    expect(streamed.status).toBe(413);
    expect(streamed.json.errors[0].message).toBe('Файл больше 16 байт');
  });

  it('the context refuses first (401), before the body is read', async () => {
    const response = await call('/things', { method: 'POST', body: Buffer.alloc(64) });
    expect(response.status).toBe(401);
    expect(response.json.errors).toEqual([{ message: 'Требуется вход.', extensions: { code: 'UNAUTHENTICATED' } }]);
  });
});

describe('/graphql through the Apollo integration', () => {
  const gql = (body: string, headers: Record<string, string> = {}) =>
    call('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x', ...headers }, body });

  it('answers a query, never cached', async () => {
    const response = await gql(JSON.stringify({ query: '{ hello }' }));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: { hello: null } });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('malformed JSON 400, over 1 MB 413, in Russian', async () => {
    const bad = await gql('{"query":');
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ message: 'Тело запроса — некорректный JSON.', extensions: { code: 'BAD_REQUEST' } }]);
    const huge = await gql(JSON.stringify({ query: `{ hello } #${'x'.repeat(1100 * 1024)}` }));
    expect(huge.status).toBe(413);
    expect(huge.json.errors[0].message).toBe('Слишком большой запрос.');
  });

  it('the database away while the context is built: 503 with Retry-After and the Russian message', async () => {
    const response = await gql(JSON.stringify({ query: '{ hello }' }), { 'x-test-outage': '1' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(response.json.errors[0]).toMatchObject({
      message: 'Сервис временно недоступен: нет связи с базой данных. Повторите попытку через несколько секунд.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });
});

describe('every answer', () => {
  it('carries the caller’s well-formed request id, else a new one', async () => {
    expect((await call('/healthz', { headers: { 'x-request-id': 'abc-42' } })).headers.get('x-request-id')).toBe('abc-42');
    expect((await call('/nowhere', { headers: { 'x-request-id': 'bad id' } })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('CORS headers for an allowed origin only; OPTIONS 204 anywhere', async () => {
    const allowed = await call('/healthz', { headers: { origin: ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id, content-disposition');
    expect(allowed.headers.get('vary')).toBe('Origin');
    expect((await call('/healthz', { headers: { origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await call('/graphql', { method: 'OPTIONS', headers: { origin: ORIGIN } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-district-id');
  });

  it('one request line each, secrets hidden: a secret path, secret query values', async () => {
    await call('/secret/s3cr3t-t0ken');
    await call('/secret/s3cr3t-t0ken', { method: 'POST' });
    await call(`/things/${ID}?kind=a&token=hidden-value`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logs.filter((line) => line.msg === 'request');
    expect(lines.filter((line) => line.path === '/secret/[скрыто]').map((line) => line.status)).toEqual([200, 405]);
    expect(lines.find((line) => line.path === `/things/${ID}` && String(line.query).includes('token'))?.query).toBe('?kind=a&token=[скрыто]');
    expect(JSON.stringify(logs)).not.toMatch(/s3cr3t-t0ken|hidden-value/);
  });
});

describe('shutdown', () => {
  it('a request in flight is answered; one arriving on an open connection too, with Connection: close; then nothing is accepted', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: HttpRoute = {
      method: 'GET',
      url: '/slow',
      async handle({ reply }) {
        arrived();
        await gate;
        sendJson(reply, 200, { done: true });
      },
    };
    const server = await startHttpServer({ ...options, routes: [slow] }, 0);
    // One kept-alive connection, as a proxy holds them.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ask = (path: string) =>
      new Promise<{ status?: number; connection?: string; body: string }>((resolve, reject) => {
        get({ host: '127.0.0.1', port: server.port, path, agent }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection, body }));
        }).on('error', reject);
      });
    expect((await ask('/healthz')).connection).toBe('keep-alive');
    const slowAnswer = ask('/slow');
    await inFlight;
    const closed = server.close();
    release();
    expect(await slowAnswer).toMatchObject({ status: 200, body: '{"done":true}' });
    // The next request on that open connection is still served, and tells the client to let it go.
    expect(await ask('/healthz')).toMatchObject({ status: 200, connection: 'close' });
    await closed;
    await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
    agent.destroy();
  });
});
