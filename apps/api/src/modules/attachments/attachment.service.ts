import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ApiConfig } from '../../engine/config.js';
import type { Clock } from '../../engine/clock.js';
import { AppError, badUserInput, conflict, forbidden, notFound } from '../../engine/errors.js';
import { currentLogger, silentLogger } from '../../engine/logging.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid, type Tenant } from '../../engine/tenancy/tenant.js';
import { Organization } from '../directory/organization.entity.js';
import { districtStaffRoles, schoolStaffOrganizationIds, within } from '../directory/scope.js';
import { Attachment } from './attachment.entity.js';
import { ALLOWED_FILE_TYPES, ATTACHMENT_MESSAGES_RU, cleanFileName, extensionOf, type FileType } from './file-types.js';
import { attachmentScopeFilter } from './scope.js';
import { S3StorageError } from './s3-storage.js';
import type { AttachmentStorages } from './storage.js';

/**
 * Whether a file is still needed by what cites it (an execution mark, an imported roadmap, a consent):
 * the owners above this module answer (wired in app.ts), so attachments need not know them. A
 * Russian reason when the file must stay, null when it may go.
 */
export type AttachmentUseCheck = (tenant: Tenant, attachmentId: string) => Promise<string | null>;

export interface UploadRequest {
  fileName: string;
  organizationId?: string | null;
  data: Buffer;
}

/** What GET /attachments/:id answers: a redirect to the bucket, or the file's bytes as they come. */
export type AttachmentDownload = { redirect: string } | { attachment: Attachment; stream: Readable };

/** A presigned URL is followed at once; a short life keeps a leaked link (logs, history) of little use. */
const PRESIGNED_URL_SECONDS = 60;

const STORAGE_UNAVAILABLE_RU = 'Хранилище файлов недоступно. Попробуйте позже или сообщите администратору.';

/**
 * An S3 failure (credentials, bucket, network) reaches the user as a Russian 503; the S3 detail —
 * the code and what to check, never a credential — goes to the request's log for the operator.
 */
function storageFailure(error: unknown): unknown {
  if (!(error instanceof S3StorageError)) return error;
  currentLogger(silentLogger()).error({ err: error }, 'attachment storage failed');
  return new AppError('SERVICE_UNAVAILABLE', STORAGE_UNAVAILABLE_RU, { httpStatus: 503 });
}

/** BAD_USER_INPUT on the file, answered by the REST endpoint with a fitting HTTP status. */
const fileError = (message: string, httpStatus: number) => new AppError('BAD_USER_INPUT', message, { field: 'file', httpStatus });

/**
 * Attachments (evidence files): the size limit and the type allow-list, the owner organisation
 * (the row scope), and the bytes behind an `AttachmentStorage` — new files go to the configured
 * one, existing files are read from the one that wrote them.
 */
export class AttachmentService {
  constructor(
    private readonly config: ApiConfig['attachments'],
    private readonly storages: AttachmentStorages,
    private readonly clock: Clock,
    /**
     * Files whose reading is narrower than the row scope (a consent scan: only the person's school),
     * decided by their owners and wired at the composition root; false → NOT_FOUND.
     */
    private readonly mayRead: (ctx: TenantServiceContext, attachment: Attachment) => Promise<boolean> = async () => true,
    private readonly uses: readonly AttachmentUseCheck[] = [],
  ) {}

  get maxBytes(): number {
    return this.config.maxBytes;
  }

  tooLarge(): AppError {
    return fileError(ATTACHMENT_MESSAGES_RU.tooLarge(this.config.maxBytes), 413);
  }

  /** Checks the name and the declared size before the body is read. */
  precheck(rawName: string | null | undefined, declaredSize: number | null): { fileName: string; extension: string; type: FileType } {
    const fileName = cleanFileName(rawName ?? '');
    if (!fileName) throw badUserInput('fileName', ATTACHMENT_MESSAGES_RU.noName);
    const extension = extensionOf(fileName);
    const type = ALLOWED_FILE_TYPES[extension];
    if (!type) throw fileError(ATTACHMENT_MESSAGES_RU.badType(extension), 415);
    if (declaredSize !== null && declaredSize > this.config.maxBytes) throw this.tooLarge();
    return { fileName, extension, type };
  }

  /** Whose file: the given organisation (the actor's, or any of the district for its staff), else the actor's only school. */
  private async owner(ctx: TenantServiceContext, requested: string | null | undefined): Promise<string | null> {
    const { actor, tenant } = ctx;
    const staff = actor.access.platform || districtStaffRoles(actor, tenant.district).length > 0;
    const schools = schoolStaffOrganizationIds(actor, tenant.district);
    if (!staff && schools.length === 0) throw forbidden();
    const id = requested?.trim() || null;
    if (!id) {
      if (staff) return null;
      if (schools.length === 1) return schools[0]!;
      throw badUserInput('organizationId', ATTACHMENT_MESSAGES_RU.organization);
    }
    if (schools.includes(id)) return id;
    const inDistrict = isUuid(id) ? await ctx.em.count(Organization, { id, district: tenant.district.id }) : 0;
    if (!inDistrict) throw badUserInput('organizationId', ATTACHMENT_MESSAGES_RU.organizationNotInDistrict);
    if (!staff) throw forbidden();
    return id;
  }

  async upload(ctx: TenantServiceContext, request: UploadRequest): Promise<Attachment> {
    const { fileName, extension, type } = this.precheck(request.fileName, request.data.length);
    const organizationId = await this.owner(ctx, request.organizationId);
    if (request.data.length === 0) throw fileError(ATTACHMENT_MESSAGES_RU.empty, 400);
    if (!type.sniff(request.data)) throw fileError(ATTACHMENT_MESSAGES_RU.contentMismatch(extension), 415);

    const storage = this.storages[this.config.storage];
    const { tenant, actor } = ctx;
    const attachment = new Attachment();
    Object.assign(attachment, {
      organizationId,
      fileName,
      contentType: type.contentType,
      size: request.data.length,
      sha256: createHash('sha256').update(request.data).digest('hex'),
      storage: storage.kind,
      uploadedByUserId: actor.userId,
      uploadedByName: actor.displayName || actor.username,
      createdAt: this.clock.now(),
    });
    const target = (em: typeof tenant.em) => ({ schemaName: tenant.district.schemaName, em });
    try {
      await tenant.em.transactional(
        async (em) => {
          em.persist(attachment);
          await em.flush();
          await storage.put(target(em), attachment.id, request.data);
        },
        { clear: true },
      );
    } catch (error) {
      if (storage.kind !== 'database') await storage.delete(target(tenant.em), attachment.id).catch(() => undefined);
      throw storageFailure(error);
    }
    forgetTenantReads(tenant);
    return tenant.em.findOneOrFail(Attachment, { id: attachment.id });
  }

  /** An attachment within the row scope; NOT_FOUND (naming `field`) otherwise. */
  async get(ctx: TenantServiceContext, id: string, field?: string): Promise<Attachment> {
    const attachment = isUuid(id) ? await ctx.tenant.em.findOne(Attachment, within(attachmentScopeFilter(ctx.actor, ctx.tenant.district), { id })) : null;
    if (!attachment) {
      if (field) throw badUserInput(field, ATTACHMENT_MESSAGES_RU.notFound);
      throw notFound(ATTACHMENT_MESSAGES_RU.notFound);
    }
    return attachment;
  }

  /**
   * A download, after the row scope and the owners' narrower checks: a presigned S3 URL to redirect
   * to (S3_PRESIGNED_DOWNLOADS=true and the file is in S3), else the file as a stream — never held
   * whole by the API. NOT_FOUND when the card is out of reach or its bytes are gone.
   */
  async download(ctx: TenantServiceContext, id: string): Promise<AttachmentDownload> {
    const attachment = await this.get(ctx, id);
    if (!(await this.mayRead(ctx, attachment))) throw notFound(ATTACHMENT_MESSAGES_RU.notFound);
    const storage = this.storages[attachment.storage];
    const target = { schemaName: ctx.tenant.district.schemaName, em: ctx.tenant.em };
    try {
      if (storage.kind === 's3' && storage.downloadUrl && this.config.s3?.presignedDownloads) {
        const redirect = await storage.downloadUrl(target, attachment.id, {
          fileName: attachment.fileName,
          contentType: attachment.contentType,
          expiresInSeconds: PRESIGNED_URL_SECONDS,
        });
        return { redirect };
      }
      const stream = await storage.read(target, attachment.id);
      if (!stream) throw notFound(ATTACHMENT_MESSAGES_RU.missing);
      return { attachment, stream };
    } catch (error) {
      throw storageFailure(error);
    }
  }

  /** The uploader or the district's staff; not while an execution mark cites it. */
  async delete(ctx: TenantServiceContext, id: string): Promise<boolean> {
    const attachment = await this.get(ctx, id);
    const { actor, tenant } = ctx;
    const staff = actor.access.platform || districtStaffRoles(actor, tenant.district).length > 0;
    if (!staff && attachment.uploadedByUserId !== actor.userId) throw forbidden();
    for (const use of this.uses) {
      const reason = await use(tenant, attachment.id);
      if (reason) throw conflict(reason, 'STATE');
    }
    const storage = this.storages[attachment.storage];
    await tenant.em
      .transactional(
        async (em) => {
          await em.nativeDelete(Attachment, { id: attachment.id });
          await storage.delete({ schemaName: tenant.district.schemaName, em }, attachment.id);
        },
        { clear: true },
      )
      .catch((error: unknown) => {
        throw storageFailure(error);
      });
    forgetTenantReads(tenant);
    return true;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    attachments: AttachmentService;
  }
}
