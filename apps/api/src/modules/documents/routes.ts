import type { GraphQLContext } from '../../engine/graphql/context.js';
import { sendFile, uuidParams, type HttpRoute } from '../../engine/http/routes.js';

export const revisionExportUrl = (id: string, format: 'docx' | 'pdf') => `/exports/revisions/${encodeURIComponent(id)}.${format}`;
export const campaignExportUrl = (id: string) => `/exports/campaigns/${encodeURIComponent(id)}.xlsx`;

type Rendered = Promise<{ contentType: string; fileName: string; data: Buffer }>;

/** The request's actor, core fork and tenant (the getter throws FORBIDDEN without a district). */
const scope = (ctx: GraphQLContext) => ({ actor: ctx.actor, em: ctx.em, tenant: ctx.tenant });

function route(url: string, render: (ctx: GraphQLContext, id: string) => Rendered): HttpRoute {
  return {
    method: 'GET',
    url,
    schema: { params: uuidParams('id') },
    async handle({ params, reply, context }) {
      const ctx = await context();
      sendFile(reply, await render(ctx, params.id!));
    },
  };
}

/**
 * Generated documents over REST, with the same Bearer token and X-District-Id rules as /graphql:
 *
 *   GET /exports/revisions/<id>.docx    a revision in the official layout (Word)
 *   GET /exports/revisions/<id>.pdf     the same as PDF (fonts embedded)
 *   GET /exports/campaigns/<id>.xlsx    the campaign's summary (one line per school)
 *
 * 400 for an id that is not a UUID, 401 without a valid token, 403 for a district outside the
 * grants, 404 outside the row scope; the file's Russian name in `content-disposition` (`filename*=UTF-8''…`).
 */
export function documentRoutes(): HttpRoute[] {
  return [
    route('/exports/revisions/:id.docx', (ctx, id) => ctx.services.documents.renderRevisionDocx({ ...scope(ctx), revisionId: id })),
    route('/exports/revisions/:id.pdf', (ctx, id) => ctx.services.documents.renderRevisionPdf({ ...scope(ctx), revisionId: id })),
    route('/exports/campaigns/:id.xlsx', (ctx, id) => ctx.services.documents.renderCampaignXlsx({ ...scope(ctx), campaignId: id })),
  ];
}
