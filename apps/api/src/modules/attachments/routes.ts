import { pipeline } from 'node:stream/promises';
import { create as contentDisposition } from 'content-disposition';
import type { PlatformRole } from '@nastavnik/domain';
import { hasRole } from '../../engine/auth/actor.js';
import { forbidden } from '../../engine/errors.js';
import type { HttpRoute } from '../../engine/http/server.js';
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
      match: (pathname) => (pathname === '/attachments' ? {} : null),
      async handle({ url, req, res, context, readBody }) {
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
        res.statusCode = 201;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify(attachmentJson(attachment)));
      },
    },
    {
      method: 'GET',
      match: (pathname) => {
        const match = /^\/attachments\/([^/]+)$/.exec(pathname);
        return match ? { id: decodeURIComponent(match[1]!) } : null;
      },
      async handle({ params, res, context }) {
        const ctx = await context();
        const download = await ctx.services.attachments.download(ctx, params.id!);
        if ('redirect' in download) {
          res.statusCode = 302;
          res.setHeader('location', download.redirect);
          res.setHeader('cache-control', 'no-store');
          res.end();
          return;
        }
        const { attachment, stream } = download;
        res.statusCode = 200;
        res.setHeader('content-type', attachment.contentType);
        res.setHeader('content-length', String(attachment.size));
        res.setHeader('content-disposition', contentDisposition(attachment.fileName));
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('cache-control', 'private, no-store');
        // A storage failure mid-way destroys the response: the client sees a cut-off body, never a wrong file.
        await pipeline(stream, res);
      },
    },
  ];
}
