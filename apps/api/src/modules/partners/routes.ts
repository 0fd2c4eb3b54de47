import { AppError, badUserInput, unauthenticated } from '../../engine/errors.js';
import { refuseNul } from '../../engine/http/hostile-input.js';
import { NON_EMPTY_SCHEMA, sendFile, sendJson, uuidParams, type HttpRoute } from '../../engine/http/routes.js';
import { tooManyRequests, type PublicRateLimit } from '../../engine/http/rate-limit.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import { District } from '../directory/district.entity.js';
import { isSpreadsheetZip, readFirstSheetRows } from '@nastavnik/domain';
import { parseCsv } from '../participants/import.js';
import { agreementFileUrl, type AgreementFileService } from './agreement-files.js';
import type { PartnerAgreementFile } from './partner.entities.js';
import type { PartnerApplicationService } from './applications.service.js';
import type { PartnerMentorService } from './mentors.service.js';
import { PARTNER_MESSAGES_RU } from './shared.js';

export function agreementFileJson(file: PartnerAgreementFile) {
  return {
    id: file.id,
    agreementId: file.agreementId,
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.size,
    uploadedBySide: file.uploadedBySide,
    url: agreementFileUrl(file.id),
  };
}

/** A sign-up form is small: 16 KiB is plenty. */
export const APPLY_MAX_BYTES = 16 * 1024;

const FIELDS = [
  'name',
  'kind',
  'inn',
  'ogrn',
  'kpp',
  'address',
  'regionId',
  'districtId',
  'contactName',
  'contactPosition',
  'contactEmail',
  'contactPhone',
] as const;

/**
 * Public endpoints of the partners' sign-up (no token: the organisation has no account yet):
 *
 *   GET  /partners/districts   [{id, name, region: {id, name}}] — where an application may be sent
 *   POST /partners/apply       JSON {name, kind, inn, ogrn, kpp?, address, regionId, districtId, contactName,
 *                              contactPosition?, contactEmail, contactPhone, consent: true, consentTextVersion} → 201 {id, status: "pending"};
 *                              (the contact person's consent is required: version = PARTNER_APPLICATION_CONSENT_RU.version)
 *                              400 BAD_USER_INPUT {field} (check digits, duplicates…), 413 over 16 KiB,
 *                              429 over the per-client limit (PARTNER_APPLY_LIMIT_PER_HOUR valid applications per hour,
 *                              counted in PostgreSQL across replicas; the client behind TRUSTED_PROXIES), with
 *                              `Retry-After` (seconds) and {errors: [{message, extensions: {code, reason: 'RATE_LIMIT'}}]}
 *   POST /partners/mentors/import  partner admin (token): body = XLSX or CSV of the registry (MENTOR_CSV_COLUMNS), ≤ 1 MiB →
 *                              200 {total, imported, rows: [{rowNumber, ok, mentorId, field, message}]}
 *
 * The signed files of agreements (Bearer token like /attachments; no cookies, so nothing to forge cross-site):
 *
 *   POST /partner-files/agreements/<agreementId>?fileName=<name>   body: the file's bytes (PDF, DOCX, JPG, PNG;
 *                              ≤ ATTACHMENT_MAX_BYTES) → 201 {id, agreementId, fileName, contentType, size,
 *                              uploadedBySide, url}; the partner or the counterpart (director / officer), while the
 *                              agreement is proposed or in force; 404 for anybody else, 409 when it is over,
 *                              413 too large, 415 type not allowed
 *   GET  /partner-files/<fileId>   → the file: the partner, the school's staff / the district's staff of the
 *                              agreement, the platform admin; 404 for anybody else
 */
export function partnerRoutes(deps: {
  orm: MikroORM;
  applications: PartnerApplicationService;
  mentors: PartnerMentorService;
  files: AgreementFileService;
  applyLimit: PublicRateLimit;
}): HttpRoute[] {
  return [
    {
      method: 'POST',
      url: '/partner-files/agreements/:id',
      schema: { params: uuidParams('id'), querystring: { type: 'object', properties: { fileName: NON_EMPTY_SCHEMA } } },
      async handle({ params, url, req, reply, context, readBody }) {
        const ctx = await context();
        if (!ctx.actor) throw unauthenticated();
        const declared = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : null;
        deps.files.precheck(url.searchParams.get('fileName'), declared);
        const data = await readBody(deps.files.maxBytes, () => deps.files.tooLarge());
        const file = await deps.files.upload({ actor: ctx.actor, em: ctx.em }, params.id!, { fileName: url.searchParams.get('fileName') ?? '', data });
        sendJson(reply, 201, agreementFileJson(file));
      },
    },
    {
      method: 'GET',
      url: '/partner-files/:id',
      schema: { params: uuidParams('id') },
      async handle({ params, reply, context }) {
        const ctx = await context();
        if (!ctx.actor) throw unauthenticated();
        const { file, data } = await deps.files.read({ actor: ctx.actor, em: ctx.em }, params.id!);
        sendFile(reply, { contentType: file.contentType, fileName: file.fileName, data });
      },
    },
    {
      method: 'GET',
      url: '/partners/districts',
      async handle({ reply }) {
        const em = deps.orm.em.fork({ clear: true });
        const districts = await em.find(District, {}, { populate: ['region'], orderBy: { name: 'asc' }, limit: 5000 });
        sendJson(
          reply,
          200,
          districts.map((d) => ({ id: d.id, name: d.name, region: { id: d.region.id, name: d.region.name } })),
        );
      },
    },
    {
      method: 'POST',
      url: '/partners/mentors/import',
      async handle({ reply, context, readBody }) {
        const ctx = await context();
        const data = await readBody(1024 * 1024, () => new AppError('BAD_USER_INPUT', 'Файл больше 1 МБ', { field: 'file', httpStatus: 413 }));
        // An .xlsx book (told by its content: a ZIP) or CSV text.
        let table: string[][];
        if (isSpreadsheetZip(data)) {
          const book = readFirstSheetRows(data);
          if (!book.ok) throw new AppError('BAD_USER_INPUT', book.message, { field: 'file', httpStatus: 415 });
          // Excel shows date cells as ДД.ММ.ГГГГ; the registry's columns take ГГГГ-ММ-ДД.
          table = book.rows.map((row) => row.map((cell) => cell.trim().replace(/^(\d{2})\.(\d{2})\.(\d{4})$/, '$3-$2-$1')));
        } else table = parseCsv(data.toString('utf8'));
        const report = await deps.mentors.importMentors({ actor: ctx.actor, em: ctx.em }, table);
        sendJson(reply, 200, report);
      },
    },
    {
      method: 'POST',
      url: '/partners/apply',
      async handle({ req, reply, readBody }) {
        const raw = await readBody(APPLY_MAX_BYTES, () => new AppError('BAD_USER_INPUT', 'Слишком большой запрос.', { field: 'body', httpStatus: 413 }));
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw badUserInput('body', 'Тело запроса — некорректный JSON.');
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) throw badUserInput('body', 'Ожидается объект с полями заявки.');
        // A NUL would fail in PostgreSQL as a 500: refused here, naming the field (issue 12).
        refuseNul(body);
        const input: Record<string, string> = {};
        for (const field of FIELDS) {
          const value = (body as Record<string, unknown>)[field];
          if (typeof value === 'string') input[field] = value;
          else if (typeof value === 'number') input[field] = String(value);
        }
        const em = deps.orm.em.fork({ clear: true });
        const admit = async () => {
          const verdict = await deps.applyLimit.take(req);
          if (!verdict.allowed) throw tooManyRequests(reply, verdict.retryAfterSeconds, PARTNER_MESSAGES_RU.rateLimited);
        };
        const { consent, consentTextVersion } = body as Record<string, unknown>;
        const application = await deps.applications.apply(em, input, admit, { given: consent, textVersion: consentTextVersion });
        sendJson(reply, 201, { id: application.id, status: application.status });
      },
    },
  ];
}
