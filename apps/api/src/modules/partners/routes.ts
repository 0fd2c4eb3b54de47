import { AppError, badUserInput } from '../../engine/errors.js';
import type { HttpRoute } from '../../engine/http/server.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import { District } from '../directory/district.entity.js';
import { parseCsv } from '../participants/import.js';
import type { PartnerPortalService } from './partner.service.js';

const exact = (path: string) => (pathname: string) => (pathname === path ? {} : null);

/** A sign-up form is small: 16 KiB is plenty. */
export const APPLY_MAX_BYTES = 16 * 1024;

const FIELDS = ['name', 'kind', 'inn', 'ogrn', 'kpp', 'address', 'regionId', 'districtId', 'contactName', 'contactPosition', 'contactEmail', 'contactPhone'] as const;

function json(res: import('node:http').ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

/**
 * Public endpoints of the partners' sign-up (no token: the organisation has no account yet):
 *
 *   GET  /partners/districts   [{id, name, region: {id, name}}] — where an application may be sent
 *   POST /partners/apply       JSON {name, kind, inn, ogrn, kpp?, address, regionId, districtId, contactName,
 *                              contactPosition?, contactEmail, contactPhone} → 201 {id, status: "pending"};
 *                              400 BAD_USER_INPUT {field} (check digits, duplicates…), 413 over 16 KiB,
 *                              429 over the per-address limit
 *   POST /partners/mentors/import  partner admin (token): body = CSV of the registry (MENTOR_CSV_COLUMNS), ≤ 1 MiB →
 *                              200 {total, imported, rows: [{rowNumber, ok, mentorId, field, message}]}
 */
export function partnerRoutes(deps: { orm: MikroORM; portal: PartnerPortalService }): HttpRoute[] {
  return [
    {
      method: 'GET',
      match: exact('/partners/districts'),
      async handle({ res }) {
        const em = deps.orm.em.fork({ clear: true });
        const districts = await em.find(District, {}, { populate: ['region'], orderBy: { name: 'asc' }, limit: 5000 });
        json(
          res,
          200,
          districts.map((d) => ({ id: d.id, name: d.name, region: { id: d.region.id, name: d.region.name } })),
        );
      },
    },
    {
      method: 'POST',
      match: exact('/partners/mentors/import'),
      async handle({ res, context, readBody }) {
        const ctx = await context();
        const data = await readBody(1024 * 1024, () => new AppError('BAD_USER_INPUT', 'Файл больше 1 МБ', { field: 'file', httpStatus: 413 }));
        const report = await deps.portal.importMentors({ actor: ctx.actor, em: ctx.em }, parseCsv(data.toString('utf8')));
        json(res, 200, report);
      },
    },
    {
      method: 'POST',
      match: exact('/partners/apply'),
      async handle({ req, res, readBody }) {
        const raw = await readBody(APPLY_MAX_BYTES, () => new AppError('BAD_USER_INPUT', 'Слишком большой запрос.', { field: 'body', httpStatus: 413 }));
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw badUserInput('body', 'Тело запроса — некорректный JSON.');
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) throw badUserInput('body', 'Ожидается объект с полями заявки.');
        const input: Record<string, string> = {};
        for (const field of FIELDS) {
          const value = (body as Record<string, unknown>)[field];
          if (typeof value === 'string') input[field] = value;
          else if (typeof value === 'number') input[field] = String(value);
        }
        const em = deps.orm.em.fork({ clear: true });
        const clientKey = req.socket.remoteAddress ?? 'unknown';
        const application = await deps.portal.apply(em, input, clientKey);
        json(res, 201, { id: application.id, status: application.status });
      },
    },
  ];
}
