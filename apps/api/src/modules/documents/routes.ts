import { create as contentDisposition } from 'content-disposition';
import type { ServerResponse } from 'node:http';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import type { HttpRoute } from '../../engine/http/server.js';
import type { RenderedFile } from './rendered-file.js';

export const revisionExportUrl = (id: string, format: 'docx' | 'pdf') => `/exports/revisions/${encodeURIComponent(id)}.${format}`;
export const campaignExportUrl = (id: string) => `/exports/campaigns/${encodeURIComponent(id)}.xlsx`;

function send(res: ServerResponse, file: RenderedFile): void {
  res.statusCode = 200;
  res.setHeader('content-type', file.contentType);
  res.setHeader('content-length', String(file.data.length));
  res.setHeader('content-disposition', contentDisposition(file.fileName));
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'private, no-store');
  res.end(file.data);
}

/** The request's actor, core fork and tenant (the getter throws FORBIDDEN without a district). */
const scope = (ctx: GraphQLContext) => ({ actor: ctx.actor, em: ctx.em, tenant: ctx.tenant });

function route(pattern: RegExp, render: (ctx: GraphQLContext, id: string) => Promise<RenderedFile>): HttpRoute {
  return {
    method: 'GET',
    match: (pathname) => {
      const match = pattern.exec(pathname);
      if (!match) return null;
      try {
        return { id: decodeURIComponent(match[1]!) };
      } catch {
        return { id: '' };
      }
    },
    async handle({ params, res, context }) {
      const ctx = await context();
      send(res, await render(ctx, params.id!));
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
 * 401 without a valid token, 403 for a district outside the grants, 404 outside the row scope;
 * the file's Russian name in `content-disposition` (`filename*=UTF-8''…`).
 */
export function documentRoutes(): HttpRoute[] {
  return [
    route(/^\/exports\/revisions\/([^/]+)\.docx$/, (ctx, id) => ctx.services.documents.renderRevisionDocx({ ...scope(ctx), revisionId: id })),
    route(/^\/exports\/revisions\/([^/]+)\.pdf$/, (ctx, id) => ctx.services.documents.renderRevisionPdf({ ...scope(ctx), revisionId: id })),
    route(/^\/exports\/campaigns\/([^/]+)\.xlsx$/, (ctx, id) => ctx.services.documents.renderCampaignXlsx({ ...scope(ctx), campaignId: id })),
  ];
}
