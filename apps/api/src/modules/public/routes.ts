import { create as contentDisposition } from 'content-disposition';
import { UUID_SCHEMA, type HttpRoute, type RouteReply } from '../../engine/http/routes.js';
import type { PublicService } from './public.service.js';
import { AppError } from '../../engine/errors.js';
import { renderPublicNotFoundHtml, renderPublicSchoolHtml } from './school-page.js';

/** No scripts, no forms, no external resources; any site may frame the page. */
export const EMBEDDABLE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

function sendBody(reply: RouteReply, status: number, contentType: string, body: Buffer | string, extra: Record<string, string> = {}) {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  reply.code(status).header('content-type', contentType).header('content-length', String(data.length));
  reply.header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=300');
  for (const [name, value] of Object.entries(extra)) reply.header(name, value);
  reply.send(data);
}

/**
 * Public pages, no token (the GraphQL context is never built):
 *
 *   GET /public/schools/<districtCode>/<organizationCode>                         JSON
 *   GET /public/schools/<districtCode>/<organizationCode>.html                    the page in Russian
 *   GET /public/schools/<districtCode>/<organizationCode>/roadmaps/<id>.docx|pdf  the agreed revision in force only
 */
export function publicRoutes(service: PublicService): HttpRoute[] {
  return [
    {
      method: 'GET',
      // One route for both: `<organizationCode>.html` is the page, the code alone the JSON.
      url: '/public/schools/:district/:organization',
      async handle({ reply, params }) {
        const html = params.organization!.endsWith('.html');
        const code = html ? params.organization!.slice(0, -'.html'.length) : params.organization!;
        const page = await service.page(params.district!, code).catch((error: unknown) => {
          // A visitor following a wrong link gets a Russian page, not the API's JSON error.
          if (html && error instanceof AppError && error.extensions.code === 'NOT_FOUND') return null;
          throw error;
        });
        if (!page) {
          sendBody(reply, 404, 'text/html; charset=utf-8', renderPublicNotFoundHtml(), { 'content-security-policy': EMBEDDABLE_PAGE_CSP });
          return;
        }
        // Schools embed the page on their own sites (an iframe) or read the JSON from a script:
        // framing and cross-origin reads are allowed; the page itself runs no script.
        if (html) sendBody(reply, 200, 'text/html; charset=utf-8', renderPublicSchoolHtml(page), { 'content-security-policy': EMBEDDABLE_PAGE_CSP });
        else sendBody(reply, 200, 'application/json; charset=utf-8', JSON.stringify(page), { 'access-control-allow-origin': '*' });
      },
    },
    {
      method: 'GET',
      url: '/public/schools/:district/:organization/roadmaps/:revision.:format',
      schema: {
        params: {
          type: 'object',
          properties: { revision: UUID_SCHEMA, format: { type: 'string', enum: ['docx', 'pdf'] } },
          required: ['revision', 'format'],
        },
      },
      async handle({ reply, params }) {
        const file = await service.roadmapFile(params.district!, params.organization!, params.revision!, params.format as 'docx' | 'pdf');
        sendBody(reply, 200, file.contentType, file.data, { 'content-disposition': contentDisposition(file.fileName) });
      },
    },
  ];
}
