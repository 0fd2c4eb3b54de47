import { sendJson, UUID_SCHEMA, type HttpRoute, type RouteReply } from '../../engine/http/routes.js';
import { PROGRAMME_MESSAGES_RU as M } from '../programmes/messages.js';
import { badUserInput } from '../../engine/errors.js';
import { create as contentDisposition } from 'content-disposition';
import { importParticipants, participantTemplateCsv, participantTemplateXlsx } from './import.js';
import { TEMPLATE_XLSX_CONTENT_TYPE } from './template-xlsx.js';

function sendTemplate(reply: RouteReply, contentType: string, fileName: string, data: Buffer) {
  reply
    .code(200)
    .header('content-type', contentType)
    .header('content-length', String(data.length))
    .header('content-disposition', contentDisposition(fileName))
    .send(data);
}

/**
 * REST endpoints of the programmes (same token and tenant rules as /graphql):
 *
 *   POST /participants/import?programmeId=<id>&role=mentee|mentor[&fileName=…]   body = XLSX or CSV (told apart by content); 200 per-row report
 *   GET  /participants/import-template.csv?role=mentee|mentor                    the template (with consent columns)
 *   GET  /participants/import-template.xlsx?role=mentee|mentor                   the same as an Excel book (+ sheet «Подсказки»)
 */
export function programmeRoutes(): HttpRoute[] {
  return [
    {
      method: 'POST',
      url: '/participants/import',
      schema: { querystring: { type: 'object', properties: { programmeId: UUID_SCHEMA } } },
      async handle({ url, reply, context, readBody }) {
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
        sendJson(reply, 200, report);
      },
    },
    {
      method: 'GET',
      url: '/participants/import-template.csv',
      async handle({ url, reply, context }) {
        await context();
        const role = url.searchParams.get('role') ?? 'mentee';
        if (role !== 'mentee' && role !== 'mentor') throw badUserInput('role', M.importRole);
        const body = Buffer.from(participantTemplateCsv(role), 'utf8');
        sendTemplate(reply, 'text/csv; charset=utf-8', role === 'mentee' ? 'Шаблон базы наставляемых.csv' : 'Шаблон базы наставников.csv', body);
      },
    },
    {
      method: 'GET',
      url: '/participants/import-template.xlsx',
      async handle({ url, reply, context }) {
        await context();
        const role = url.searchParams.get('role') ?? 'mentee';
        if (role !== 'mentee' && role !== 'mentor') throw badUserInput('role', M.importRole);
        const body = participantTemplateXlsx(role);
        sendTemplate(reply, TEMPLATE_XLSX_CONTENT_TYPE, role === 'mentee' ? 'Шаблон базы наставляемых.xlsx' : 'Шаблон базы наставников.xlsx', body);
      },
    },
  ];
}
