/**
 * Which paths go to the API is said once (packages/domain http-paths.ts) and used by the web server
 * of `npm start` and the admin's dev server; production's nginx writes the same set as location
 * patterns (infra/nginx/nastavnik-locations.conf). This reads the very file nginx includes and
 * checks that both route the same paths the same way, so neither can drift.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_EXACT_PATHS, API_PATH_PREFIXES, isApiPath } from '@nastavnik/domain';
import { describe, expect, it } from 'vitest';

const LOCATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../infra/nginx/nastavnik-locations.conf');

/** The locations whose block proxies to the API: regular-expression ones and exact ones. */
function nginxApiRoutes(): { patterns: RegExp[]; exact: string[] } {
  const text = readFileSync(LOCATIONS, 'utf8');
  const patterns: RegExp[] = [];
  const exact: string[] = [];
  for (const match of text.matchAll(/location\s+(~|=)\s+(\S+)\s*\{([^}]*)\}/g)) {
    if (!match[3]!.includes('proxy_pass http://nastavnik_api')) continue;
    // These patterns use only what PCRE and JavaScript read alike (groups, alternation, anchors).
    if (match[1] === '~') patterns.push(new RegExp(match[2]!));
    else exact.push(match[2]!);
  }
  return { patterns, exact };
}

function nginxSendsToApi(pathname: string): boolean {
  const { patterns, exact } = nginxApiRoutes();
  return exact.includes(pathname) || patterns.some((pattern) => pattern.test(pathname));
}

const SAMPLES = [
  ...API_PATH_PREFIXES.flatMap((prefix) => [prefix, `${prefix}/`, `${prefix}/a/b.docx`, `${prefix}x`, `${prefix}-x`]),
  ...API_EXACT_PATHS.flatMap((exactPath) => [exactPath, `${exactPath}/`, `${exactPath}/x`, `${exactPath}x`]),
  '/',
  '/index.html',
  '/config.json',
  '/assets/index-abc.js',
  '/join',
  '/partners',
  '/partners/applications/1',
  '/partners/agreements',
  '/roadmaps/1',
  '/monitoring/district',
  '/publications',
  '/graphqlx',
];

describe('which paths go to the API', () => {
  it('nginx has API locations to compare with', () => {
    const { patterns, exact } = nginxApiRoutes();
    expect(patterns.length + exact.length).toBeGreaterThan(0);
  });

  it.each(SAMPLES)('%s is routed alike by nginx and by the Node servers', (pathname) => {
    expect(nginxSendsToApi(pathname)).toBe(isApiPath(pathname));
  });
});
