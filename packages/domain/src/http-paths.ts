/**
 * Which paths of the admin's origin belong to the API (the contract between the web server in
 * front and the API behind it). Production's nginx (infra/) routes the same set — a test compares
 * its location patterns with this list; `npm start`'s web server and the admin's dev server
 * proxy exactly these. Everything else is the admin's single-page app (`/partners`, `/join`, …).
 */
export const API_PATH_PREFIXES = ['/graphql', '/attachments', '/exports', '/imports', '/participants', '/public', '/partner-files'] as const;

/** API paths that are exact: `/partners` itself and its other sub-paths are admin pages. */
export const API_EXACT_PATHS = ['/partners/districts', '/partners/apply', '/partners/mentors/import', '/healthz', '/readyz'] as const;

/** Whether `pathname` (no query) is served by the API: a prefix matches itself and what is below it. */
export function isApiPath(pathname: string): boolean {
  if ((API_EXACT_PATHS as readonly string[]).includes(pathname)) return true;
  return API_PATH_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
