import { sendFile, uuidParams, type HttpRoute } from '../../engine/http/routes.js';
import { plannedMeetingIcs } from './meeting-ics.js';
import { renderPairsOrderDocx } from './order.js';

/**
 * REST endpoint of the pairs (same token and tenant rules as /graphql):
 *
 *   GET  /exports/programmes/<id>/pairs-order.docx[?number=…&date=ГГГГ-ММ-ДД]     the director's order on the pairs
 *   GET  /exports/pairs/<id>/planned-meeting.ics                                      the pair's next meeting for a calendar
 */
export function pairRoutes(options: { timeZone: string; adminUrl: string }): HttpRoute[] {
  return [
    {
      method: 'GET',
      url: '/exports/pairs/:id/planned-meeting.ics',
      schema: { params: uuidParams('id') },
      async handle({ params, reply, context }) {
        const ctx = await context();
        sendFile(reply, await plannedMeetingIcs(ctx, params.id!, options));
      },
    },
    {
      method: 'GET',
      url: '/exports/programmes/:id/pairs-order.docx',
      schema: { params: uuidParams('id') },
      async handle({ url, params, reply, context }) {
        const ctx = await context();
        const file = await renderPairsOrderDocx(
          { actor: ctx.actor, em: ctx.em, tenant: ctx.tenant },
          ctx.services.programmes,
          params.id!,
          {
            number: url.searchParams.get('number'),
            date: url.searchParams.get('date'),
          },
          ctx.services.clock.today(),
        );
        sendFile(reply, file);
      },
    },
  ];
}
