import type { ServerResponse } from 'node:http';
import type { HttpRoute } from '../../engine/http/server.js';
import { create as contentDisposition } from 'content-disposition';
import type { PublicService } from './public.service.js';
import { renderPublicSchoolHtml } from './school-page.js';

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}

/** No scripts, no forms, no external resources; any site may frame the page. */
export const EMBEDDABLE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

function sendBody(res: ServerResponse, status: number, contentType: string, body: Buffer | string, extra: Record<string, string> = {}) {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', String(data.length));
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'public, max-age=300');
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  res.end(data);
}

/**
 * Public pages, no token (the GraphQL context is never built):
 *
 *   GET /public/schools/<districtCode>/<organizationCode>                         JSON
 *   GET /public/schools/<districtCode>/<organizationCode>.html                    the page in Russian
 *   GET /public/schools/<districtCode>/<organizationCode>/roadmaps/<id>.docx|pdf  the agreed revision in force only
 */
export function publicRoutes(service: PublicService): HttpRoute[] {
  const PAGE = /^\/public\/schools\/([^/]+)\/([^/]+?)(\.html)?$/;
  const FILE = /^\/public\/schools\/([^/]+)\/([^/]+)\/roadmaps\/([^/]+)\.(docx|pdf)$/;
  return [
    {
      method: 'GET',
      match: (pathname) => {
        const m = PAGE.exec(pathname);
        return m ? { district: decode(m[1]!), organization: decode(m[2]!), html: m[3] ? '1' : '' } : null;
      },
      async handle({ res, params }) {
        const page = await service.page(params.district!, params.organization!);
        // Schools embed the page on their own sites (an iframe) or read the JSON from a script:
        // framing and cross-origin reads are allowed; the page itself runs no script.
        if (params.html) sendBody(res, 200, 'text/html; charset=utf-8', renderPublicSchoolHtml(page), { 'content-security-policy': EMBEDDABLE_PAGE_CSP });
        else sendBody(res, 200, 'application/json; charset=utf-8', JSON.stringify(page), { 'access-control-allow-origin': '*' });
      },
    },
    {
      method: 'GET',
      match: (pathname) => {
        const m = FILE.exec(pathname);
        return m ? { district: decode(m[1]!), organization: decode(m[2]!), revision: decode(m[3]!), format: m[4]! } : null;
      },
      async handle({ res, params }) {
        const file = await service.roadmapFile(params.district!, params.organization!, params.revision!, params.format as 'docx' | 'pdf');
        sendBody(res, 200, file.contentType, file.data, { 'content-disposition': contentDisposition(file.fileName) });
      },
    },
  ];
}
