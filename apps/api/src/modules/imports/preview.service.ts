import { badUserInput, type AppError } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { cleanFileName } from '../attachments/file-types.js';
import type { ImportDraftService } from './drafts.service.js';
import { IMPORT_MESSAGES_RU } from './messages.js';
import { importError, type ColumnMapping, type ImportRequest, type PreviewResponse } from './shared.js';
import type { ImportSupport } from './support.js';

/**
 * The preview of an uploaded .docx/.xlsx/.txt: the file is stored with the attachments' storage (so it
 * can stay with the roadmap), parsed, matched to a school, and answered with the draft it would make.
 */
export class ImportPreviewService {
  constructor(
    private readonly support: ImportSupport,
    private readonly drafts: ImportDraftService,
  ) {}

  get maxBytes(): number {
    return this.support.maxBytes;
  }

  tooLarge(size?: number | null): AppError {
    return this.support.tooLarge(size);
  }

  assertImporter(ctx: TenantServiceContext): void {
    this.support.assertImporter(ctx);
  }

  async preview(ctx: TenantServiceContext, request: ImportRequest): Promise<PreviewResponse> {
    const fileName = cleanFileName(request.fileName);
    if (!fileName) throw badUserInput('fileName', IMPORT_MESSAGES_RU.noName);
    const target = await this.support.target(ctx, request.organizationId);
    const campaign = await this.support.campaign(ctx, request.campaignId);
    const result = await this.support.parse(fileName, request.data, campaign, undefined);
    if (!result.ok) throw importError(result);
    const attachment = await this.support.store(ctx, { fileName, data: request.data, format: result.format, organizationId: target.organization?.id ?? null });
    const organization = await this.support.suggest(ctx, target, fileName, result);
    return {
      uploadId: attachment.id,
      fileName,
      organization,
      campaignId: campaign?.id ?? null,
      draft: this.drafts.draftOf(result, organization, campaign),
      preview: result,
    };
  }

  /** The stored upload read again, with the curator's column mapping. */
  async repreview(
    ctx: TenantServiceContext,
    uploadId: string,
    options: { columnMapping?: ColumnMapping | null; campaignId?: string | null },
  ): Promise<PreviewResponse> {
    const upload = await this.support.upload(ctx, uploadId);
    const target = await this.support.target(ctx, upload.attachment.organizationId);
    const campaign = await this.support.campaign(ctx, options.campaignId);
    const result = await this.support.parse(upload.attachment.fileName, upload.data, campaign, options.columnMapping ?? undefined);
    if (!result.ok) throw importError(result);
    const organization = await this.support.suggest(ctx, target, upload.attachment.fileName, result);
    return {
      uploadId: upload.attachment.id,
      fileName: upload.attachment.fileName,
      organization,
      campaignId: campaign?.id ?? null,
      draft: this.drafts.draftOf(result, organization, campaign),
      preview: result,
    };
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    importPreviews: ImportPreviewService;
  }
}
