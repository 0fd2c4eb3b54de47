import { escapeHtml, UNSUBSCRIBE_PAGE_RU } from '@nastavnik/domain';
import type { HttpRoute, RouteReply } from '../../engine/http/routes.js';
import { sendPersonalPage } from '../../engine/http/public-page.js';
import { setRetryAfter, type PublicRateLimit } from '../../engine/http/rate-limit.js';
import type { Logger } from '../../engine/logging.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import type { NotificationPreferenceService } from './preferences.service.js';

function page(reply: RouteReply, status: number, body: string) {
  const html = [
    '<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(UNSUBSCRIBE_PAGE_RU.title)}</title>`,
    '<style>body{font-family:Arial,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}button{font-size:1rem;padding:.5rem 1.25rem}</style>',
    `</head><body><h1>${escapeHtml(UNSUBSCRIBE_PAGE_RU.title)}</h1>${body}</body></html>`,
  ].join('');
  sendPersonalPage(reply, status, html);
}

const p = (text: string) => `<p>${escapeHtml(text)}</p>`;

/**
 * The one-click unsubscribe of every letter (issue 16, item 2), no login — the token is the key:
 *
 *   GET  /public/unsubscribe/<token>  a page naming the kind and the (masked) address, with one button
 *   POST /public/unsubscribe/<token>  switches the kind off: the button, or a mail client's RFC 8058
 *                                     one-click (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`)
 *
 * GET only asks: mail scanners open links in letters, and a GET that unsubscribed would switch
 * letters off for people who never clicked (RFC 8058 exists for this). The token is hidden from logs.
 */
export function unsubscribeRoutes(deps: { orm: MikroORM; preferences: NotificationPreferenceService; limit: PublicRateLimit; logger?: Logger }): HttpRoute[] {
  const hideToken = (pathname: string) => pathname.replace(/^\/public\/unsubscribe\/[^/]+$/, '/public/unsubscribe/[скрыто]');
  const guard = async (reply: RouteReply, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      deps.logger?.error({ err: error }, 'unsubscribe failed');
      page(reply, 503, p(UNSUBSCRIBE_PAGE_RU.failed));
    }
  };
  const limited = async (req: Parameters<PublicRateLimit['take']>[0], reply: RouteReply) => {
    const verdict = await deps.limit.take(req);
    if (verdict.allowed) return false;
    setRetryAfter(reply, verdict.retryAfterSeconds);
    page(reply, 429, p(UNSUBSCRIBE_PAGE_RU.tooMany));
    return true;
  };
  return [
    {
      method: 'GET',
      url: '/public/unsubscribe/:token',
      logPath: hideToken,
      async handle({ req, reply, params, url }) {
        await guard(reply, async () => {
          if (await limited(req, reply)) return;
          const target = await deps.preferences.unsubscribeTarget(deps.orm.em.fork(), params.token!);
          if (target.state === 'unknown') return page(reply, 404, p(UNSUBSCRIBE_PAGE_RU.unknown));
          if (target.state === 'required') return page(reply, 200, p(UNSUBSCRIBE_PAGE_RU.required(target.label)));
          page(
            reply,
            200,
            p(UNSUBSCRIBE_PAGE_RU.confirm(target.label, target.maskedAddress)) +
              `<form method="post" action="${escapeHtml(url.pathname)}"><button type="submit">${escapeHtml(UNSUBSCRIBE_PAGE_RU.button)}</button></form>`,
          );
        });
      },
    },
    {
      method: 'POST',
      url: '/public/unsubscribe/:token',
      logPath: hideToken,
      async handle({ req, reply, params }) {
        await guard(reply, async () => {
          if (await limited(req, reply)) return;
          const result = await deps.preferences.unsubscribe(deps.orm.em.fork(), params.token!);
          if (result.state === 'unknown') return page(reply, 404, p(UNSUBSCRIBE_PAGE_RU.unknown));
          if (result.state === 'required') return page(reply, 200, p(UNSUBSCRIBE_PAGE_RU.required(result.label)));
          page(reply, 200, p(UNSUBSCRIBE_PAGE_RU.done(result.label)));
        });
      },
    },
  ];
}
