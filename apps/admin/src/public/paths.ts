/**
 * Pages anyone may open without signing in (the admin otherwise starts Keycloak before rendering
 * anything). One list: a later public page is one more entry here and one more route in PublicApp.
 */
export const PUBLIC_PATHS = ['/join'] as const;

/** `/join`, `/join/`, `/join/anything` are public; `/joined`, `/partners/join` are not. */
export function isPublicPath(pathname: string): boolean {
  const path = pathname.replace(/\/{2,}/g, '/');
  return PUBLIC_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
