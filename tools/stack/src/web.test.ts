/**
 * The web server of `npm start` in front of an API that closes a connection just as the next
 * request arrives on it, as the API does to one left idle for 5 s. The request must still reach
 * the API: a POST is not retried, so a request written onto a reused connection would answer the
 * page with a 500 (browser journeys failed so under load).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer } from './web.js';

let root: string;
let api: http.Server;
let web: Awaited<ReturnType<typeof createWebServer>>;
let webUrl: string;
let connections = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nastavnik-web-'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Наставник</title>');
  // Answers the first request of each connection (keeping it open, as the API does) and closes the
  // connection on any later one without an answer: the API's idle close meeting a reused socket.
  const served = new WeakSet<object>();
  api = http.createServer((request, response) => {
    if (served.has(request.socket)) {
      request.socket.destroy();
      return;
    }
    served.add(request.socket);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json', 'keep-alive': 'timeout=5' });
      response.end(JSON.stringify({ data: { __typename: 'Query' } }));
    });
  });
  api.on('connection', () => connections++);
  api.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  web = await createWebServer({ root, apiUrl, runtimeConfig: { keycloakUrl: 'http://127.0.0.1:1', realm: 'nastavnik', clientId: 'admin' } });
  await web.listen({ host: '127.0.0.1', port: 0 });
  webUrl = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await web?.close();
  await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
  await rm(root, { recursive: true, force: true });
});

describe('the web server in front of the API', () => {
  it('gets every POST through when the API closes a connection as the next request arrives', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${webUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(connections).toBe(5);
  });
});
