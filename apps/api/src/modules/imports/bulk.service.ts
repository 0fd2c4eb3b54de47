import { ERRORS_RU, IMPORT_ERRORS_RU } from '@nastavnik/domain';
import { AppError, forbidden } from '../../engine/errors.js';
import { currentLogger, silentLogger, type Logger } from '../../engine/logging.js';
import type { TenantServiceContext } from '../../engine/services.js';
import type { Campaign } from '../campaigns/campaign.entity.js';
import { cleanFileName, formatSize } from '../attachments/file-types.js';
import { Organization } from '../directory/organization.entity.js';
import { ArchiveError, isZipArchive, readArchive, type ArchiveLimits } from './archive.js';
import type { ImportDraftService } from './drafts.service.js';
import { matchOrganization } from './matching.js';
import { IMPORT_MESSAGES_RU } from './messages.js';
import { baseName, BULK_MAX_BYTES, BULK_MAX_FILES, BULK_MAX_UNPACKED_BYTES, card, fileError, type BulkFile, type BulkReportEntry } from './shared.js';
import type { ImportSupport } from './support.js';

/**
 * The bulk import of a district (its officer only): an archive of files, one per school, matched by
 * the file name or the organisation named in the document; used by REST (`POST /imports/bulk`) and the CLI alike.
 */
export class BulkImportService {
  constructor(
    private readonly support: ImportSupport,
    private readonly drafts: ImportDraftService,
    private readonly logger: Logger = silentLogger(),
  ) {}

  private get config() {
    return this.support.config;
  }

  bulkTooLarge(): AppError {
    return fileError(IMPORT_MESSAGES_RU.archiveTooLarge(formatSize(BULK_MAX_BYTES)), 413, 'TOO_LARGE');
  }

  assertBulkImporter(ctx: TenantServiceContext): void {
    if (!this.support.isOfficer(ctx)) throw forbidden(IMPORT_MESSAGES_RU.onlyOfficerBulk);
  }

  /**
   * A district's files, one per school: each is parsed, matched to a school, and stored with its new
   * roadmap in its own transaction — a bad file is reported and the others go on.
   */
  async importFiles(ctx: TenantServiceContext, files: Iterable<BulkFile>, options: { campaignId?: string | null } = {}): Promise<BulkReportEntry[]> {
    this.assertBulkImporter(ctx);
    const campaign = await this.support.campaign(ctx, options.campaignId);
    const organizations = await ctx.em.find(Organization, { district: ctx.tenant.district.id }, { orderBy: { code: 'asc' } });
    const report: BulkReportEntry[] = [];
    for (const file of files) report.push(await this.importOne(ctx, file, campaign, organizations));
    currentLogger(this.logger).debug({ district: ctx.tenant.district.code, files: report.length, failed: report.filter((r) => !r.ok).length }, 'bulk import');
    return report;
  }

  /** The body of `POST /imports/bulk`: a ZIP of documents, or one document. */
  importArchive(
    ctx: TenantServiceContext,
    data: Uint8Array,
    options: { campaignId?: string | null; fileName?: string | null } = {},
  ): Promise<BulkReportEntry[]> {
    this.assertBulkImporter(ctx);
    return this.importFiles(ctx, this.filesOf(data, options.fileName ?? 'document'), options);
  }

  /** The files of an upload: the archive's entries (bounded), or the upload itself when it is a document. */
  filesOf(data: Uint8Array, fileName: string): BulkFile[] {
    if (data.length === 0) throw fileError(IMPORT_ERRORS_RU.empty, 400, 'EMPTY_FILE');
    if (!isZipArchive(data) || isOfficeDocument(data)) return [{ fileName, read: () => data }];
    try {
      const entries = readArchive(data, this.archiveLimits()).filter((entry) => !skipped(entry.name));
      if (entries.length === 0) throw fileError(IMPORT_MESSAGES_RU.archiveEmpty, 400, 'EMPTY_ARCHIVE');
      return entries.map((entry) => ({ fileName: entry.name, size: entry.size, read: () => entry.read() }));
    } catch (error) {
      throw error instanceof ArchiveError ? this.archiveError(error) : error;
    }
  }

  archiveLimits(): ArchiveLimits {
    return { maxFiles: BULK_MAX_FILES, maxFileBytes: this.config.maxBytes, maxTotalBytes: BULK_MAX_UNPACKED_BYTES, maxRatio: 500, ratioFloor: 1024 * 1024 };
  }

  archiveError(error: ArchiveError): AppError {
    switch (error.kind) {
      case 'tooManyFiles':
        return fileError(IMPORT_MESSAGES_RU.tooManyFiles(BULK_MAX_FILES), 413, 'TOO_MANY_FILES');
      case 'bomb':
        return fileError(IMPORT_MESSAGES_RU.archiveBomb(formatSize(BULK_MAX_UNPACKED_BYTES)), 413, 'ZIP_BOMB');
      case 'fileTooLarge':
        return this.support.tooLarge();
      default:
        return fileError(IMPORT_MESSAGES_RU.archiveCorrupt, 400, 'CORRUPT');
    }
  }

  private async importOne(ctx: TenantServiceContext, file: BulkFile, campaign: Campaign | null, organizations: Organization[]): Promise<BulkReportEntry> {
    const entry: BulkReportEntry = { fileName: file.fileName, organization: null, matchedBy: null, ok: false, stats: null };
    try {
      if (/\.zip$/i.test(file.fileName)) return { ...entry, message: IMPORT_MESSAGES_RU.nestedArchive, code: 'UNSUPPORTED_FORMAT' };
      if (file.size !== undefined && file.size > this.config.maxBytes) {
        return { ...entry, message: IMPORT_ERRORS_RU.tooLarge(file.size, this.config.maxBytes), code: 'TOO_LARGE' };
      }
      let data: Uint8Array;
      try {
        data = file.read();
      } catch (error) {
        if (!(error instanceof ArchiveError)) throw error;
        const failure = error.kind === 'corrupt' ? fileError(IMPORT_MESSAGES_RU.entryCorrupt, 400, 'CORRUPT') : this.archiveError(error);
        return { ...entry, message: failure.message, code: String(failure.extensions.reason) };
      }
      const fileName = cleanFileName(baseName(file.fileName)) || 'document';
      const result = await this.support.parse(fileName, data, campaign, undefined);
      if (!result.ok) return { ...entry, message: result.message, code: result.code };
      entry.stats = {
        rows: result.stats.rows,
        sections: result.stats.sections,
        items: result.stats.items,
        warnings: result.warnings.length,
        unmapped: result.unmapped.length + result.sections.reduce((n, s) => n + s.items.reduce((m, i) => m + i.unmapped.length, 0), 0),
      };
      const match = matchOrganization(file.fileName, result, organizations);
      if (!match.ok) {
        const message =
          match.reason === 'ambiguous' ? IMPORT_MESSAGES_RU.ambiguousOrganization(match.candidates.map((c) => c.shortName)) : IMPORT_MESSAGES_RU.noOrganization;
        return { ...entry, message, code: 'NO_ORGANIZATION' };
      }
      entry.organization = card(match.organization);
      entry.matchedBy = match.by;
      const created = await this.drafts.persist(ctx, {
        preview: result,
        organization: match.organization,
        role: 'district-officer',
        campaign,
        file: { fileName, data },
      });
      return { ...entry, ok: true, roadmapId: created.roadmapId, revisionId: created.revisionId };
    } catch (error) {
      if (error instanceof AppError) return { ...entry, message: error.message, code: String(error.extensions.code) };
      currentLogger(this.logger).error({ err: error, fileName: file.fileName }, 'import of a file failed');
      return { ...entry, message: ERRORS_RU.internal, code: 'INTERNAL_SERVER_ERROR' };
    }
  }
}

/** A .docx/.xlsx posted to the bulk endpoint is one document, not an archive of documents. */
function isOfficeDocument(data: Uint8Array): boolean {
  try {
    return readArchive(data, { maxFiles: 10_000, maxFileBytes: 0, maxTotalBytes: Number.MAX_SAFE_INTEGER, maxRatio: Infinity, ratioFloor: 0 }).some(
      (entry) => entry.name === '[Content_Types].xml',
    );
  } catch {
    return false;
  }
}

/** Archive entries that are not documents: macOS resource forks, hidden and lock files. */
function skipped(name: string): boolean {
  const base = baseName(name);
  return name.startsWith('__MACOSX/') || base.startsWith('.') || base.startsWith('~$') || /^(thumbs\.db|desktop\.ini)$/i.test(base);
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    bulkImports: BulkImportService;
  }
}
