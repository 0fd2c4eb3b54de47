import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { routeMatcher, type HttpRoute } from '../engine/http/routes.js';
import { attachmentRoutes } from '../modules/attachments/routes.js';
import { calendarRoutes } from '../modules/calendar/routes.js';
import { documentRoutes } from '../modules/documents/routes.js';
import { importRoutes } from '../modules/imports/routes.js';
import { monitoringRoutes } from '../modules/monitoring/routes.js';
import { programmeRoutes } from '../modules/participants/routes.js';
import { pairRoutes } from '../modules/pairs/routes.js';
import { partnerRoutes } from '../modules/partners/routes.js';
import { publicRoutes } from '../modules/public/routes.js';
import { questionnaireRoutes } from '../modules/questionnaires/routes.js';
import { unsubscribeRoutes } from '../modules/notifications/routes.js';

/**
 * The REST routes the server mounts. app.ts builds them inline from each module's factory; the
 * factories only keep their dependencies for later, so they are called here with none to list
 * their methods and paths. `routeFactories` reads app.ts so that a new module's routes cannot be missed.
 */
const FACTORIES: Record<string, () => HttpRoute[]> = {
  attachmentRoutes: () => attachmentRoutes(),
  documentRoutes: () => documentRoutes(),
  importRoutes: () => importRoutes(),
  programmeRoutes: () => programmeRoutes(),
  pairRoutes: () => pairRoutes({ timeZone: 'Europe/Moscow', adminUrl: 'http://localhost' }),
  questionnaireRoutes: () => questionnaireRoutes({} as never),
  partnerRoutes: () => partnerRoutes({} as never),
  monitoringRoutes: () => monitoringRoutes('Europe/Moscow'),
  publicRoutes: () => publicRoutes({} as never),
  unsubscribeRoutes: () => unsubscribeRoutes({} as never),
  calendarRoutes: () => calendarRoutes({} as never),
};

export async function routeFactories(apiDir: string): Promise<string[]> {
  const source = await readFile(path.join(apiDir, 'src/app.ts'), 'utf8');
  const start = source.indexOf('routes: [');
  const end = source.indexOf('],', start);
  return [...new Set([...source.slice(start, end).matchAll(/\.\.\.(\w+Routes)\(/g)].map((m) => m[1]!))];
}

export function serverRoutes(): Array<{ factory: string; index: number; route: HttpRoute }> {
  return Object.entries(FACTORIES).flatMap(([factory, make]) => make().map((route, index) => ({ factory, index, route })));
}

/** The server route (of serverRoutes()) a method and path reach, by Fastify's own router. */
export function serverRouteOf(routes: ReadonlyArray<{ route: HttpRoute }>): (method: string, path: string) => HttpRoute | null {
  return routeMatcher(routes.map((r) => r.route));
}
