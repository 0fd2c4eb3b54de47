import { createHash } from 'node:crypto';
import { IMPORT_ERRORS_RU, type ImportFormat, type ImportPreview, type ImportResult } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import type { ApiConfig } from '../../engine/config.js';
import { badUserInput, forbidden, notFound, type AppError } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import { Attachment } from '../attachments/attachment.entity.js';
import { ALLOWED_FILE_TYPES, formatSize } from '../attachments/file-types.js';
import { attachmentScopeFilter } from '../attachments/scope.js';
import type { AttachmentStorages } from '../attachments/storage.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { campaignScopeFilter } from '../campaigns/scope.js';
import { Organization } from '../directory/organization.entity.js';
import { districtStaffRoles, within } from '../directory/scope.js';
import { ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import { matchOrganization } from './matching.js';
import type { RoadmapFileReader } from './readers.js';
import { IMPORT_MESSAGES_RU } from './messages.js';
import { bytesOf, card, curatorOrganizationIds, fileError, type ColumnMapping, type PreviewResponse, type Target } from './shared.js';

/**
 * What preview, drafts and bulk share: who imports for which school, the campaign, the parser with the
 * attachments' size limit and the campaign's period as the hint, and the uploads in the attachments' storage.
 */
export class ImportSupport {
  constructor(
    readonly config: ApiConfig['attachments'],
    readonly storages: AttachmentStorages,
    private readonly clock: Clock,
    private readonly files: RoadmapFileReader,
  ) {}

  get maxBytes(): number {
    return this.config.maxBytes;
  }

  /** Too large, before or while the body is read: the parser's message when the size is known. */
  tooLarge(size?: number | null): AppError {
    const message = size ? IMPORT_ERRORS_RU.tooLarge(size, this.config.maxBytes) : IMPORT_MESSAGES_RU.tooLarge(formatSize(this.config.maxBytes));
    return fileError(message, 413, 'TOO_LARGE');
  }

  /** Import roles of the actor in the request's district (FORBIDDEN when none). */
  assertImporter(ctx: TenantServiceContext): void {
    const { actor, tenant } = ctx;
    if (!this.isOfficer(ctx) && curatorOrganizationIds(actor, tenant.district.id).length === 0) throw forbidden(IMPORT_MESSAGES_RU.whoImports);
  }

  /** The district's officer imports for any school of the district (and alone in bulk). */
  isOfficer(ctx: TenantServiceContext): boolean {
    return districtStaffRoles(ctx.actor, ctx.tenant.district).includes('district-officer');
  }

  parse(fileName: string, data: Uint8Array, campaign: Campaign | null, columnMapping: ColumnMapping | undefined): Promise<ImportResult> {
    return this.files.read(
      { fileName, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
      {
        maxBytes: this.config.maxBytes,
        ...(campaign ? { periodHint: { periodStart: campaign.periodStart, periodEnd: campaign.periodEnd } } : {}),
        ...(columnMapping ? { columnMapping } : {}),
      },
    );
  }

  /**
   * Whose roadmap, and in which role: a curator's own school (the default when they have one), or any
   * school of the district for its officer (none yet: matched from the document later).
   */
  async target(ctx: TenantServiceContext, organizationId: string | null | undefined): Promise<Target> {
    const { actor, tenant } = ctx;
    const officer = this.isOfficer(ctx);
    const curatorOf = curatorOrganizationIds(actor, tenant.district.id);
    if (!officer && curatorOf.length === 0) throw forbidden(IMPORT_MESSAGES_RU.whoImports);
    const id = organizationId?.trim() || null;
    if (!id) {
      if (officer) return { organization: null, role: 'district-officer' };
      if (curatorOf.length === 1) return { organization: await ctx.em.findOneOrFail(Organization, { id: curatorOf[0]! }), role: 'school-curator' };
      throw badUserInput('organizationId', IMPORT_MESSAGES_RU.chooseOrganization);
    }
    const organization = isUuid(id) ? await ctx.em.findOne(Organization, { id, district: tenant.district.id }) : null;
    if (!organization) throw badUserInput('organizationId', ROADMAP_MESSAGES_RU.organizationNotInDistrict);
    if (curatorOf.includes(organization.id)) return { organization, role: 'school-curator' };
    if (officer) return { organization, role: 'district-officer' };
    throw forbidden(IMPORT_MESSAGES_RU.whoImports);
  }

  async suggest(ctx: TenantServiceContext, target: Target, fileName: string, preview: ImportPreview): Promise<PreviewResponse['organization']> {
    if (target.organization) return { ...card(target.organization), matchedBy: 'request' };
    const organizations = await ctx.em.find(Organization, { district: ctx.tenant.district.id });
    const match = matchOrganization(fileName, preview, organizations);
    return match.ok ? { ...card(match.organization), matchedBy: match.by } : null;
  }

  async campaign(ctx: TenantServiceContext, campaignId: string | null | undefined): Promise<Campaign | null> {
    const id = campaignId?.trim();
    if (!id) return null;
    const campaign = isUuid(id) ? await ctx.tenant.em.findOne(Campaign, within(campaignScopeFilter(ctx.actor, ctx.tenant.district), { id })) : null;
    if (!campaign) throw notFound(ROADMAP_MESSAGES_RU.campaignNotFound);
    return campaign;
  }

  /** A stored upload within the attachments' row scope, with its bytes; BAD_USER_INPUT on `uploadId` otherwise. */
  async upload(ctx: TenantServiceContext, uploadId: string): Promise<{ attachment: Attachment; data: Uint8Array }> {
    this.assertImporter(ctx);
    const { tenant } = ctx;
    const id = uploadId?.trim() ?? '';
    const attachment = isUuid(id) ? await tenant.em.findOne(Attachment, within(attachmentScopeFilter(ctx.actor, tenant.district), { id })) : null;
    if (!attachment) throw badUserInput('uploadId', IMPORT_MESSAGES_RU.uploadNotFound);
    const data = await this.storages[attachment.storage].get({ schemaName: tenant.district.schemaName, em: tenant.em }, attachment.id);
    if (!data) throw badUserInput('uploadId', IMPORT_MESSAGES_RU.uploadNotFound);
    return { attachment, data };
  }

  newAttachment(ctx: TenantServiceContext, file: { fileName: string; data: Uint8Array; format: ImportFormat; organizationId: string | null }): Attachment {
    const attachment = new Attachment();
    Object.assign(attachment, {
      organizationId: file.organizationId,
      fileName: file.fileName,
      contentType: ALLOWED_FILE_TYPES[file.format]!.contentType,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      storage: this.config.storage,
      uploadedByUserId: ctx.actor.userId,
      uploadedByName: ctx.actor.displayName || ctx.actor.username,
      createdAt: this.clock.now(),
    });
    return attachment;
  }

  /** The upload of a preview, stored as an attachment of the organisation (none yet for district staff). */
  async store(
    ctx: TenantServiceContext,
    file: { fileName: string; data: Uint8Array; format: ImportFormat; organizationId: string | null },
  ): Promise<Attachment> {
    const { tenant } = ctx;
    const attachment = this.newAttachment(ctx, file);
    const storage = this.storages[this.config.storage];
    try {
      await tenant.em.transactional(
        async (em) => {
          em.persist(attachment);
          await em.flush();
          await storage.put({ schemaName: tenant.district.schemaName, em }, attachment.id, bytesOf(file.data));
        },
        { clear: true },
      );
    } catch (error) {
      if (storage.kind !== 'database') await storage.delete({ schemaName: tenant.district.schemaName, em: tenant.em }, attachment.id).catch(() => undefined);
      throw error;
    }
    forgetTenantReads(tenant);
    return attachment;
  }
}
