import type { IncomingMessage } from 'node:http';

/** What every request meets at the edge, before and beside Fastify's routing (used by server.ts). */

/** The percent-decoded path, or the raw one when its escapes are malformed. */
export function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/**
 * A path segment whose escapes do not decode (`%E0%A4%A`) is taken literally (its `%` escaped), as
 * before Fastify: the route then sees the text as typed — an unknown survey token, an id that is not
 * a UUID — and answers as for any such value, instead of the router refusing the whole URL.
 */
export function literalMalformedEscapes(url: string): string {
  if (!url.includes('%')) return url;
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const fixed = path
    .split('/')
    .map((segment) => {
      try {
        decodeURIComponent(segment);
        return segment;
      } catch {
        return segment.replaceAll('%', '%25');
      }
    })
    .join('/');
  return queryAt < 0 ? fixed : fixed + url.slice(queryAt);
}

export function parsedUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return new URL('http://localhost/');
  }
}

export const headerOf = (req: IncomingMessage) => (name: string) => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** Where response headers go: Fastify's reply (see server.ts on why not the raw response). */
export interface HeaderTarget {
  header(name: string, value: string): unknown;
}

/**
 * CORS by hand rather than @fastify/cors: the admin relies on these exact headers on every answer
 * to an allowed origin and on a 204 to any OPTIONS; @fastify/cors sends the allowed methods and
 * headers on preflights only and refuses a preflight without Access-Control-Request-Method (400).
 */
export function applyCors(req: IncomingMessage, reply: HeaderTarget, allowed: string[]): void {
  const origin = req.headers.origin;
  reply.header('vary', 'Origin');
  if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return;
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
  reply.header('access-control-allow-headers', 'authorization, content-type, x-district-id, x-request-id, apollo-require-preflight, x-apollo-operation-name');
  reply.header('access-control-expose-headers', 'x-request-id, content-disposition');
  reply.header('access-control-max-age', '600');
}

/** Reads the raw body up to `limit` bytes (the declared length first, then while reading). */
export async function readRawBody(req: IncomingMessage, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
