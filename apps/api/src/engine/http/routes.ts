import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { create as contentDisposition } from 'content-disposition';
import FindMyWay from 'find-my-way';
import type { GraphQLContext } from '../graphql/context.js';

/**
 * What a module declares for a REST route beside /graphql. The engine (server.ts) mounts it on
 * Fastify: `url` in Fastify's path syntax (`/attachments/:id`, `/exports/revisions/:id.docx`), the
 * JSON schemas validated before the handler runs (a violation is a 400 naming the field). Modules
 * see only these types, not Fastify's.
 */
export interface HttpRoute {
  method: 'GET' | 'POST';
  url: string;
  schema?: RouteSchema;
  /**
   * The path as the request log may show it, for routes whose path carries a secret (a personal
   * survey link's token): the secret never reaches a log line.
   */
  logPath?(pathname: string): string;
  handle(request: RouteRequest): Promise<void>;
}

/** JSON Schema of an object (path parameters or query string); properties are strings unless coerced. */
export interface ObjectSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
}

export interface RouteSchema {
  params?: ObjectSchema;
  querystring?: ObjectSchema;
}

/** What a REST route gets: the request, the reply, and the GraphQL context built on demand. */
export interface RouteRequest {
  /** node's request (headers, the socket for the client address). */
  req: IncomingMessage;
  reply: RouteReply;
  url: URL;
  /** The path parameters, percent-decoded, validated against `schema.params`. */
  params: Record<string, string>;
  /** The same context as /graphql (token verified, grants and tenant fixed); AppErrors become HTTP statuses. */
  context(): Promise<GraphQLContext>;
  /**
   * The raw body, read when the route asks for it (after its own checks: who asks, the declared
   * size); beyond `limit` bytes, `tooLarge()` is thrown (an AppError, answered with its status).
   */
  readBody(limit: number, tooLarge: () => Error): Promise<Buffer>;
}

/** The part of Fastify's reply a route uses. */
export interface RouteReply {
  code(status: number): RouteReply;
  header(name: string, value: string): RouteReply;
  /** A stream is piped; if it fails mid-way the response is cut off (never completed with a wrong body). */
  send(payload?: string | Buffer | Readable): RouteReply;
}

/** A JSON answer that no cache keeps. */
export function sendJson(reply: RouteReply, status: number, body: unknown): void {
  reply.code(status).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(body));
}

/** A generated or stored file for download, under its (Russian) name; private, never cached. */
export function sendFile(reply: RouteReply, file: { contentType: string; fileName: string; data: Buffer }): void {
  reply
    .code(200)
    .header('content-type', file.contentType)
    .header('content-length', String(file.data.length))
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.data);
}

/** Schema parts: an identifier (UUID, any version; no `urn:uuid:` prefix, which ajv's format allows). */
export const UUID_SCHEMA = { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' } as const;
/** A non-empty string (a file name). */
export const NON_EMPTY_SCHEMA = { type: 'string', minLength: 1 } as const;

/** The schema of path parameters that are all identifiers. */
export function uuidParams(...names: string[]): ObjectSchema {
  return { type: 'object', properties: Object.fromEntries(names.map((name) => [name, UUID_SCHEMA])), required: names };
}

/** Longest path parameter the router accepts (a survey token is ~50 characters); longer is a 404. */
export const MAX_PARAM_LENGTH = 200;

/**
 * Which declared route a method and path reach, with Fastify's own router (find-my-way): the
 * isolation suite checks its table against the routes without starting a server.
 */
export function routeMatcher<T extends Pick<HttpRoute, 'method' | 'url'>>(routes: readonly T[]): (method: string, path: string) => T | null {
  const router = FindMyWay({ maxParamLength: MAX_PARAM_LENGTH });
  routes.forEach((route, index) => router.on(route.method, route.url, () => undefined, { index }));
  return (method, path) => {
    const found = router.find(method as 'GET', path);
    return found ? routes[(found.store as { index: number }).index]! : null;
  };
}
