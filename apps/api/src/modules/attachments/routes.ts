import { create as contentDisposition } from 'content-disposition';
import type { PlatformRole } from '@nastavnik/domain';
import { hasRole } from '../../engine/auth/actor.js';
import { forbidden } from '../../engine/errors.js';
import { sendJson, UUID_SCHEMA, uuidParams, type HttpRoute } from '../../engine/http/routes.js';
import type { Attachment } from './attachment.entity.js';

const UPLOADERS: readonly PlatformRole[] = ['school-curator', 'school-director', 'district-officer', 'district-head', 'platform-admin'];

export const attachmentUrl = (id: string) => `/attachments/${id}`;

export function attachmentJson(attachment: Attachment) {
  return {
    id: attachment.id,
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    size: attachment.size,
    url: attachmentUrl(attachment.id),
  };
}

/**
 * REST beside /graphql, with the same Bearer token and X-District-Id rules (the GraphQL context):
 *
 *   POST /attachments?fileName=<name>[&organizationId=<id>]   body: the file's bytes → 201 JSON card
 *   GET  /attachments/<id>                                     → the file, streamed (404 outside the row scope),
 *                                                                or 302 to a presigned S3 URL (S3_PRESIGNED_DOWNLOADS)
 *
 * Errors: JSON `{ errors: [{ message, extensions: { code, field } }] }` with 400/401/403/404/409,
 * 413 (too large) and 415 (type not allowed).
 */
export function attachmentRoutes(): HttpRoute[] {
  return [
    {
      method: 'POST',
      url: '/attachments',
      schema: { querystring: { type: 'object', properties: { organizationId: UUID_SCHEMA } } },
      async handle({ url, req, reply, context, readBody }) {
        const ctx = await context();
        if (!hasRole(ctx.actor, UPLOADERS)) throw forbidden();
        const service = ctx.services.attachments;
        const declared = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : null;
        service.precheck(url.searchParams.get('fileName'), declared);
        const data = await readBody(service.maxBytes, () => service.tooLarge());
        const attachment = await service.upload(ctx, {
          fileName: url.searchParams.get('fileName') ?? '',
          organizationId: url.searchParams.get('organizationId'),
          data,
        });
        sendJson(reply, 201, attachmentJson(attachment));
      },
    },
    {
      method: 'GET',
      url: '/attachments/:id',
      schema: { params: uuidParams('id') },
      async handle({ params, reply, context }) {
        const ctx = await context();
        const download = await ctx.services.attachments.download(ctx, params.id!);
        if ('redirect' in download) {
          reply.code(302).header('location', download.redirect).header('cache-control', 'no-store').send();
          return;
        }
        const { attachment, stream } = download;
        reply
          .code(200)
          .header('content-type', attachment.contentType)
          .header('content-length', String(attachment.size))
          .header('content-disposition', contentDisposition(attachment.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store');
        // Fastify pipes the stream; a storage failure mid-way destroys the response: the client sees a cut-off body, never a wrong file.
        reply.send(stream);
      },
    },
  ];
}
