import type { PlatformRole } from '@nastavnik/domain';
import { hasRole } from '../../engine/auth/actor.js';
import { badUserInput, forbidden } from '../../engine/errors.js';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { NON_EMPTY_SCHEMA, sendJson, UUID_SCHEMA, uuidParams, type HttpRoute } from '../../engine/http/routes.js';
import { BULK_MAX_BYTES, columnMappingFrom } from './shared.js';
import { IMPORT_MESSAGES_RU } from './messages.js';

const IMPORTERS: readonly PlatformRole[] = ['school-curator', 'district-officer'];
const JSON_BODY_LIMIT = 1024 * 1024;

/** The request's context, refused early (before the body is read) for roles that never import. */
async function importerContext(context: () => Promise<GraphQLContext>, roles: readonly PlatformRole[] = IMPORTERS): Promise<GraphQLContext> {
  const ctx = await context();
  if (!hasRole(ctx.actor, roles)) throw forbidden(roles.length === 1 ? IMPORT_MESSAGES_RU.onlyOfficerBulk : IMPORT_MESSAGES_RU.whoImports);
  return ctx;
}

const declaredLength = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : null);

/**
 * Import of roadmap documents over REST, with the same Bearer token and X-District-Id rules as /graphql
 * (the draft itself is created by the GraphQL mutation `createRoadmapFromImport`):
 *
 *   POST /imports/preview?fileName=<name>[&organizationId=<id>][&campaignId=<id>]   body: the file's bytes
 *        → 201 { uploadId, fileName, organization, campaignId, preview }
 *   POST /imports/<uploadId>/preview   JSON { columnMapping?, campaignId? } → 200 (the stored file read again)
 *   POST /imports/bulk[?campaignId=<id>][&fileName=<name>]   body: a ZIP of documents (or one document)
 *        → 200 { total, created, failed, report: [{ fileName, organization, matchedBy, ok, roadmapId?, revisionId?, message?, code?, stats }] }
 *
 * Errors: JSON `{ errors: [{ message, extensions: { code, field, reason } }] }` — the parser's Russian
 * message with its code in `reason` (400 EMPTY_FILE/CORRUPT/NO_TABLE, 413 TOO_LARGE/ZIP_BOMB,
 * 415 NOT_DOCX/NOT_XLSX/NOT_TEXT/LEGACY_FORMAT/UNSUPPORTED_FORMAT), 401/403/404 like /attachments.
 */
export function importRoutes(): HttpRoute[] {
  return [
    {
      method: 'POST',
      url: '/imports/preview',
      schema: {
        querystring: {
          type: 'object',
          properties: { fileName: NON_EMPTY_SCHEMA, organizationId: UUID_SCHEMA, campaignId: UUID_SCHEMA },
        },
      },
      async handle({ url, req, reply, context, readBody }) {
        const ctx = await importerContext(context);
        const service = ctx.services.importPreviews;
        service.assertImporter(ctx);
        if (!url.searchParams.get('fileName')?.trim()) throw badUserInput('fileName', IMPORT_MESSAGES_RU.noName);
        const declared = declaredLength(req.headers['content-length']);
        if (declared !== null && declared > service.maxBytes) throw service.tooLarge(declared);
        const data = await readBody(service.maxBytes, () => service.tooLarge(declared));
        const result = await service.preview(ctx, {
          fileName: url.searchParams.get('fileName') ?? '',
          organizationId: url.searchParams.get('organizationId'),
          campaignId: url.searchParams.get('campaignId'),
          data,
        });
        sendJson(reply, 201, result);
      },
    },
    {
      method: 'POST',
      url: '/imports/:id/preview',
      schema: { params: uuidParams('id') },
      async handle({ params, reply, context, readBody }) {
        const ctx = await importerContext(context);
        const raw = (await readBody(JSON_BODY_LIMIT, () => badUserInput('columnMapping', IMPORT_MESSAGES_RU.badJson))).toString('utf8');
        let body: { columnMapping?: unknown; campaignId?: unknown } = {};
        try {
          body = raw.trim() ? (JSON.parse(raw) as typeof body) : {};
        } catch {
          throw badUserInput('columnMapping', IMPORT_MESSAGES_RU.badJson);
        }
        if (!body || typeof body !== 'object') throw badUserInput('columnMapping', IMPORT_MESSAGES_RU.badJson);
        const result = await ctx.services.importPreviews.repreview(ctx, params.id!, {
          columnMapping: columnMappingFrom(body.columnMapping),
          campaignId: typeof body.campaignId === 'string' ? body.campaignId : null,
        });
        sendJson(reply, 200, result);
      },
    },
    {
      method: 'POST',
      url: '/imports/bulk',
      schema: { querystring: { type: 'object', properties: { campaignId: UUID_SCHEMA } } },
      async handle({ url, req, reply, context, readBody }) {
        const ctx = await importerContext(context, ['district-officer']);
        const service = ctx.services.bulkImports;
        service.assertBulkImporter(ctx);
        const declared = declaredLength(req.headers['content-length']);
        if (declared !== null && declared > BULK_MAX_BYTES) throw service.bulkTooLarge();
        const data = await readBody(BULK_MAX_BYTES, () => service.bulkTooLarge());
        const report = await service.importArchive(ctx, data, {
          campaignId: url.searchParams.get('campaignId'),
          fileName: url.searchParams.get('fileName'),
        });
        const created = report.filter((entry) => entry.ok).length;
        sendJson(reply, 200, { total: report.length, created, failed: report.length - created, report });
      },
    },
  ];
}
