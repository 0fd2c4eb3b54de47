import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_EXACT_PATHS, API_PATH_PREFIXES } from '@nastavnik/domain';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * How the admin's dev and preview servers are wired. Every option falls back to an environment
 * variable (API_URL is read when this file is loaded; the KEYCLOAK_* ones on each /config.json
 * request):
 *   API_URL            where /graphql, /attachments, /exports, /imports, … (PROXIED) are proxied (default http://localhost:4000)
 *   KEYCLOAK_URL       base URL of Keycloak or the embedded provider, without /realms (default http://localhost:8180)
 *   KEYCLOAK_REALM     realm (default nastavnik)
 *   KEYCLOAK_CLIENT_ID public client of the admin (default admin)
 *   ADMIN_WATCH        `0`: no file watching and no hot reload (browser tests: a rebuild of a
 *                      workspace package elsewhere in the repository must not reload the app mid-test)
 * In production nginx serves the built files and its own /config.json.
 */
export interface AdminViteOptions {
  apiUrl?: string;
  /** Watch files and hot-reload (default: unless ADMIN_WATCH=0). */
  watch?: boolean;
  keycloakUrl?: string;
  realm?: string;
  clientId?: string;
}

export interface RuntimeConfigJson {
  keycloakUrl: string;
  realm: string;
  clientId: string;
}

export function runtimeConfigFromEnv(options: AdminViteOptions = {}, env: NodeJS.ProcessEnv = process.env): RuntimeConfigJson {
  return {
    keycloakUrl: (options.keycloakUrl ?? env.KEYCLOAK_URL ?? 'http://localhost:8180').replace(/\/+$/, ''),
    realm: options.realm ?? env.KEYCLOAK_REALM ?? 'nastavnik',
    clientId: options.clientId ?? env.KEYCLOAK_CLIENT_ID ?? 'admin',
  };
}

/** Serves GET /config.json in dev and preview, like nginx does in production. */
export function runtimeConfigPlugin(options: AdminViteOptions = {}): Plugin {
  const handler = (req: { url?: string; method?: string }, res: import('node:http').ServerResponse, next: () => void) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== '/config.json' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(runtimeConfigFromEnv(options)));
  };
  return {
    name: 'nastavnik-runtime-config',
    configureServer(server) {
      server.middlewares.use(handler);
    },
    configurePreviewServer(server) {
      server.middlewares.use(handler);
    },
  };
}

/**
 * What the dev and preview servers pass to the API: the paths of the contract in
 * packages/domain (http-paths.ts), which `npm start`'s web server and production's nginx route too.
 * Keys starting with `^` are regular expressions for Vite: a prefix covers itself and what is below
 * it, never a look-alike (`/publications` is not `/public`).
 */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const PROXIED = [...API_PATH_PREFIXES.map((prefix) => `^${escape(prefix)}(/|$)`), ...API_EXACT_PATHS.map((path) => `^${escape(path)}$`)];

const ADMIN_ROOT = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(ADMIN_ROOT, '../..');

/**
 * The dev server is for hot reload on this machine only: it listens on 127.0.0.1 and serves files
 * (`/@fs/…`) from the admin's own folder, the shared packages and the dependencies only. Without
 * this it would serve anything in the repository — the embedded database under `.data/`, `.env`.
 */
export const DEV_SERVER_FS = {
  strict: true,
  allow: [ADMIN_ROOT, path.join(REPO_ROOT, 'packages'), path.join(REPO_ROOT, 'node_modules')],
  deny: ['.env', '.env.*', '**/.data/**', '**/.git/**', '*.{crt,pem,key}'],
};

export function adminViteConfig(options: AdminViteOptions = {}): UserConfig {
  const apiTarget = options.apiUrl ?? process.env.API_URL ?? 'http://localhost:4000';
  const proxyEntry = () => ({ target: apiTarget, changeOrigin: true });
  const proxy = Object.fromEntries(PROXIED.map((prefix) => [prefix, proxyEntry()]));
  return {
    plugins: [react(), runtimeConfigPlugin(options)],
    server: {
      host: '127.0.0.1',
      port: Number(process.env.ADMIN_PORT ?? 5173),
      proxy,
      fs: DEV_SERVER_FS,
      ...((options.watch ?? process.env.ADMIN_WATCH !== '0') ? {} : { watch: null, hmr: false }),
    },
    preview: { host: '127.0.0.1', proxy },
    // Pre-bundle everything up front: a dependency discovered late makes Vite reload the page,
    // which would interrupt a login redirect.
    optimizeDeps: {
      include: [
        'react',
        'react/jsx-runtime',
        'react/jsx-dev-runtime',
        'react-dom/client',
        'react-router',
        '@apollo/client',
        '@apollo/client/react',
        '@apollo/client/link/context',
        '@apollo/client/link/error',
        '@apollo/client/errors',
        'keycloak-js',
        'graphql',
        'rxjs',
      ],
    },
    build: {
      outDir: 'dist',
      sourcemap: true,
      rolldownOptions: {
        output: {
          // Libraries change less often than the app: separate chunks cache better.
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
              { name: 'graphql', test: /node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism|tslib)[\\/]/ },
              { name: 'vendor', test: /node_modules/ },
            ],
          },
        },
      },
    },
  };
}

export default defineConfig(adminViteConfig());
