import type { RouteReply } from './routes.js';

/** A page opened from a letter or a personal link: no scripts, no frames, forms only to itself. */
export const PERSONAL_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Sends a server-rendered page reached by a secret link (a survey, an unsubscribe): never cached,
 * never indexed, never framed, no referrer carrying the token onward.
 */
export function sendPersonalPage(reply: RouteReply, status: number, html: string): void {
  const data = Buffer.from(html, 'utf8');
  reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-length', String(data.length))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', PERSONAL_PAGE_CSP)
    .send(data);
}
