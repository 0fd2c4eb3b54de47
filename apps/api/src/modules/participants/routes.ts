import type { HttpRoute } from '../../engine/http/server.js';
import { create as contentDisposition } from 'content-disposition';
import { renderPairsOrderDocx } from '../pairs/order.js';
import { PROGRAMME_MESSAGES_RU as M } from '../programmes/messages.js';
import { badUserInput } from '../../engine/errors.js';
import { importParticipants, participantTemplateCsv, participantTemplateXlsx } from './import.js';
import { TEMPLATE_XLSX_CONTENT_TYPE } from './template-xlsx.js';

const exact = (path: string) => (pathname: string) => (pathname === path ? {} : null);

/**
 * REST endpoints of the programmes (same token and tenant rules as /graphql):
 *
 *   POST /participants/import?programmeId=<id>&role=mentee|mentor[&fileName=…]   body = XLSX or CSV (told apart by content); 200 per-row report
 *   GET  /participants/import-template.csv?role=mentee|mentor                    the template (with consent columns)
 *   GET  /participants/import-template.xlsx?role=mentee|mentor                   the same as an Excel book (+ sheet «Подсказки»)
 *   GET  /exports/programmes/<id>/pairs-order.docx[?number=…&date=ГГГГ-ММ-ДД]     the director's order on the pairs
 */
export function programmeRoutes(): HttpRoute[] {
  return [
    {
      method: 'POST',
      match: exact('/participants/import'),
      async handle({ url, res, context, readBody }) {
        const ctx = await context();
        const data = await readBody(ctx.services.attachments.maxBytes, () => ctx.services.attachments.tooLarge());
        const report = await importParticipants(
          { actor: ctx.actor, em: ctx.em, tenant: ctx.tenant },
          { clock: ctx.services.clock, programmes: ctx.services.programmes },
          {
            programmeId: url.searchParams.get('programmeId') ?? '',
            role: url.searchParams.get('role') ?? '',
            fileName: url.searchParams.get('fileName') ?? 'import.csv',
            data,
          },
        );
        res.statusCode = 200;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(report));
      },
    },
    {
      method: 'GET',
      match: exact('/participants/import-template.csv'),
      async handle({ url, res, context }) {
        await context();
        const role = url.searchParams.get('role') ?? 'mentee';
        if (role !== 'mentee' && role !== 'mentor') throw badUserInput('role', M.importRole);
        const body = Buffer.from(participantTemplateCsv(role), 'utf8');
        res.statusCode = 200;
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-length', String(body.length));
        res.setHeader('content-disposition', contentDisposition(role === 'mentee' ? 'Шаблон базы наставляемых.csv' : 'Шаблон базы наставников.csv'));
        res.end(body);
      },
    },
    {
      method: 'GET',
      match: exact('/participants/import-template.xlsx'),
      async handle({ url, res, context }) {
        await context();
        const role = url.searchParams.get('role') ?? 'mentee';
        if (role !== 'mentee' && role !== 'mentor') throw badUserInput('role', M.importRole);
        const body = participantTemplateXlsx(role);
        res.statusCode = 200;
        res.setHeader('content-type', TEMPLATE_XLSX_CONTENT_TYPE);
        res.setHeader('content-length', String(body.length));
        res.setHeader('content-disposition', contentDisposition(role === 'mentee' ? 'Шаблон базы наставляемых.xlsx' : 'Шаблон базы наставников.xlsx'));
        res.end(body);
      },
    },
    {
      method: 'GET',
      match: (pathname) => {
        const match = /^\/exports\/programmes\/([^/]+)\/pairs-order\.docx$/.exec(pathname);
        return match ? { id: decodeURIComponent(match[1]!) } : null;
      },
      async handle({ url, params, res, context }) {
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
        res.statusCode = 200;
        res.setHeader('content-type', file.contentType);
        res.setHeader('content-length', String(file.data.length));
        res.setHeader('content-disposition', contentDisposition(file.fileName));
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('cache-control', 'private, no-store');
        res.end(file.data);
      },
    },
  ];
}
