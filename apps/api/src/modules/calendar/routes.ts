import { CALENDAR_FEED_RU as T } from '@nastavnik/domain';
import type { HttpRoute, RouteReply } from '../../engine/http/routes.js';
import { isDatabaseUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from '../../engine/http/outage.js';
import { setRetryAfter, type PublicRateLimit } from '../../engine/http/rate-limit.js';
import type { Logger } from '../../engine/logging.js';
import { renderFeedIcs } from './feed-ics.js';
import type { CalendarFeedService } from './feed.service.js';

function send(reply: RouteReply, status: number, contentType: string, body: string) {
  const data = Buffer.from(body, 'utf8');
  reply
    .code(status)
    .header('content-type', contentType)
    .header('content-length', String(data.length))
    // Personal, and the link is the only key: no shared cache keeps it, no page links to it.
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex, nofollow')
    .send(data);
}

const text = (reply: RouteReply, status: number, body: string) => send(reply, status, 'text/plain; charset=utf-8', body);

/**
 * The personal calendar feed (issue 16), read by calendar applications without a login:
 *
 *   GET /public/calendar/<token>.ics   text/calendar; 404 (the same Russian text) for a token that is
 *                                      unknown, reset, or whose user holds no role of the district any
 *                                      more; 429 with `Retry-After` beyond `missLimit` misses per client
 *                                      address per hour
 *
 * The limit counts misses only: calendar services (Google, Яндекс) fetch the feeds of all their users
 * from a few addresses, so a per-address count of every read would cut them all off, while guessing
 * tokens is nothing but misses. A hit costs one indexed lookup before anything else.
 */
export function calendarRoutes(deps: { feeds: CalendarFeedService; timeZone: string; missLimit: PublicRateLimit; logger?: Logger }): HttpRoute[] {
  // The token is the only key to a person's calendar: the log never shows it (as the survey links).
  const hideToken = (pathname: string) => pathname.replace(/^\/public\/calendar\/[^/]+$/, '/public/calendar/[скрыто].ics');
  return [
    {
      method: 'GET',
      url: '/public/calendar/:token.ics',
      logPath: hideToken,
      async handle({ req, reply, params }) {
        try {
          const feed = await deps.feeds.read(params.token ?? '');
          if (!feed) {
            const verdict = await deps.missLimit.take(req);
            if (!verdict.allowed) {
              setRetryAfter(reply, verdict.retryAfterSeconds);
              return text(reply, 429, T.tooManyText(verdict.retryAfterSeconds));
            }
            return text(reply, 404, `${T.notFoundTitle}\n\n${T.notFoundText}\n`);
          }
          send(reply, 200, 'text/calendar; charset=utf-8', renderFeedIcs(feed, deps.timeZone));
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            setRetryAfter(reply, OUTAGE_RETRY_AFTER_SECONDS);
            return text(reply, 503, T.unavailableText);
          }
          deps.logger?.error({ err: error }, 'calendar feed failed');
          text(reply, 500, T.unavailableText);
        }
      },
    },
  ];
}
