/**
 * The development server must not serve what is not the admin's: Vite answers `/@fs/<path>` for
 * anything `server.fs.allow` admits, and by default that is the whole repository — the embedded
 * database under `.data/`, `.env`. A real Vite server on a free port with the admin's own config.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADMIN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPO_ROOT = path.resolve(ADMIN_ROOT, '../..');
const PROBE_DIR = path.join(REPO_ROOT, '.data', 'dev-server-probe');
const SECRET = 'Абдрахманова Алина, 6 «Б» — probe';

let server: ViteDevServer;
let origin: string;

beforeAll(async () => {
  await mkdir(PROBE_DIR, { recursive: true });
  await writeFile(path.join(PROBE_DIR, 'pupils.txt'), SECRET);
  server = await createServer({
    root: ADMIN_ROOT,
    configFile: path.join(ADMIN_ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    server: { port: 0, watch: null, hmr: false },
  });
  await server.listen();
  const address = server.httpServer!.address() as AddressInfo;
  origin = `http://127.0.0.1:${address.port}`;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rm(PROBE_DIR, { recursive: true, force: true });
});

async function get(pathname: string): Promise<{ status: number; body: string }> {
  const response = await fetch(origin + pathname);
  return { status: response.status, body: await response.text() };
}

describe('the admin dev server', () => {
  it('listens on the loopback address only', () => {
    expect((server.httpServer!.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('refuses the data directory, the environment files and the rest of the repository', async () => {
    for (const target of [
      path.join(PROBE_DIR, 'pupils.txt'),
      path.join(REPO_ROOT, 'package.json'),
      path.join(REPO_ROOT, 'infra/keycloak/realm-nastavnik.json'),
    ]) {
      const response = await get(`/@fs${target}`);
      expect([403, 404], target).toContain(response.status);
      expect(response.body).not.toContain(SECRET);
    }
    // `.env` may not exist here (then Vite answers its app page); what matters is that it is denied.
    expect(server.config.server.fs.deny).toEqual(expect.arrayContaining(['.env', '.env.*', '**/.data/**']));
    // Also through a relative escape and a URL-encoded one.
    for (const sneaky of [
      '/../../.data/dev-server-probe/pupils.txt',
      '/%2e%2e/%2e%2e/.data/dev-server-probe/pupils.txt',
      '/@fs/../.data/dev-server-probe/pupils.txt',
    ]) {
      expect((await get(sneaky)).body).not.toContain(SECRET);
    }
  });

  it('still serves the admin itself', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('/src/main.tsx');
    expect((await get(`/@fs${path.join(ADMIN_ROOT, 'src/main.tsx')}`)).status).toBe(200);
  });
});
