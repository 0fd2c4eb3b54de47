import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  ERRORS_RU,
  IMPORT_ERRORS_RU,
  IMPORT_FIELDS,
  isIsoDate,
  parseRoadmapDocument,
  previewToSections,
  type ImportFailure,
  type ImportField,
  type ImportFormat,
  type ImportPreview,
  type PlatformRole,
  type UnmappedText,
} from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../engine/clock.js';
import type { ApiConfig } from '../../engine/config.js';
import { AppError, badUserInput, conflict, forbidden, notFound } from '../../engine/errors.js';
import { currentLogger, silentLogger, type Logger } from '../../engine/logging.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { Attachment } from '../attachments/attachment.entity.js';
import { ALLOWED_FILE_TYPES, cleanFileName, formatSize } from '../attachments/file-types.js';
import { attachmentScopeFilter } from '../attachments/scope.js';
import type { AttachmentStorages } from '../attachments/storage.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { campaignScopeFilter } from '../campaigns/scope.js';
import { Organization } from '../directory/organization.entity.js';
import { within } from '../directory/scope.js';
import { recordEvent } from '../reviews/events.js';
import { forgetTenantReads } from '../roadmaps/access.js';
import { buildSections, toDrafts } from '../roadmaps/content.js';
import { ROADMAP_MESSAGES_RU } from '../roadmaps/messages.js';
import { RoadmapRevision } from '../roadmaps/revision.entity.js';
import { Roadmap } from '../roadmaps/roadmap.entity.js';
import { checkHeader, type RevisionHeader, type RoadmapService } from '../roadmaps/roadmap.service.js';
import { districtStaffRoles } from '../roadmaps/scope.js';
import { ArchiveError, isZipArchive, readArchive, type ArchiveLimits } from './archive.js';
import { matchOrganization } from './matching.js';
import { IMPORT_ERROR_STATUS, IMPORT_MESSAGES_RU } from './messages.js';
import { RoadmapImport } from './roadmap-import.entity.js';

/** The curator's «say which column is which»: column index (from 0) → field, or null to keep the column as text. */
export type ColumnMapping = Record<number, ImportField | null>;

/** A bulk import holds at most this many files; its archive at most BULK_MAX_BYTES packed and BULK_MAX_UNPACKED_BYTES unpacked. */
export const BULK_MAX_FILES = 200;
export const BULK_MAX_BYTES = 100 * 1024 * 1024;
export const BULK_MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

export interface OrganizationCard {
  id: string;
  code: string;
  shortName: string;
}

export interface PreviewResponse {
  /** The stored upload (an attachment id): pass it to the re-preview and to `createRoadmapFromImport`. */
  uploadId: string;
  fileName: string;
  /** Whose roadmap it will be: the organisation asked for, the curator's own, or (district staff) the one named in the document. */
  organization: (OrganizationCard & { matchedBy: 'request' | 'code' | 'name' }) | null;
  campaignId: string | null;
  /** The header the draft will get and the notes on what was filled in, or why `createRoadmapFromImport` would refuse it (limits, required fields). */
  draft: DraftSummary;
  preview: ImportPreview;
}

export interface DraftSummary {
  title: string | null;
  programmeName: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  warnings: Array<{ where: string; message: string }>;
  error: { message: string; field: string } | null;
}

export interface ImportRequest {
  fileName: string;
  organizationId?: string | null;
  campaignId?: string | null;
  data: Buffer;
}

export interface CreateFromImportRequest {
  uploadId: string;
  organizationId?: string | null;
  campaignId?: string | null;
  columnMapping?: ColumnMapping | null;
  programmeName?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  title?: string | null;
}

/** One file of a bulk import, read lazily (an archive inflates it only when its turn comes). */
export interface BulkFile {
  fileName: string;
  /** When known before reading: a file over the limit is refused without being read. */
  size?: number;
  read(): Uint8Array;
}

export interface BulkReportEntry {
  fileName: string;
  organization: OrganizationCard | null;
  matchedBy: 'code' | 'name' | null;
  ok: boolean;
  roadmapId?: string;
  revisionId?: string;
  message?: string;
  /** The parser's code (NOT_DOCX, NO_TABLE …) or the API's (BAD_USER_INPUT, CONFLICT …) for a failure. */
  code?: string;
  stats: { rows: number; sections: number; items: number; warnings: number; unmapped: number } | null;
}

interface Target {
  organization: Organization | null;
  role: PlatformRole;
}

interface Persist {
  preview: ImportPreview;
  organization: Organization;
  role: PlatformRole;
  campaign: Campaign | null;
  /** The upload already stored by a preview, or a file stored with the roadmap (bulk, CLI). */
  file: { existing: Attachment } | { fileName: string; data: Uint8Array };
  overrides?: Pick<CreateFromImportRequest, 'title' | 'programmeName' | 'periodStart' | 'periodEnd'>;
}

const fileError = (message: string, httpStatus: number, reason: string) => new AppError('BAD_USER_INPUT', message, { field: 'file', reason, httpStatus });

/** A parser failure as BAD_USER_INPUT on the file, with its code (`reason`) and the REST status. */
export function importError(failure: ImportFailure): AppError {
  return fileError(failure.message, IMPORT_ERROR_STATUS[failure.code], failure.code);
}

const card = (organization: Organization): OrganizationCard => ({ id: organization.id, code: organization.code, shortName: organization.shortName });
const bytesOf = (data: Uint8Array) => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const baseName = (name: string) => name.split('/').pop() ?? name;

/** «на 2025/2026 учебный год», «на 2021–2024 гг.» for a generated title. */
function periodLabel(periodStart: string, periodEnd: string): string {
  const from = Number(periodStart.slice(0, 4));
  const to = Number(periodEnd.slice(0, 4));
  if (periodStart.slice(5) === '09-01' && periodEnd.slice(5) === '08-31' && to === from + 1) return `${from}/${to} учебный год`;
  return from === to ? `${from} год` : `${from}–${to} гг.`;
}

function academicYearPeriod(today: string): { periodStart: string; periodEnd: string } {
  const year = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 9 ? year : year - 1;
  return { periodStart: `${start}-09-01`, periodEnd: `${start + 1}-08-31` };
}

/**
 * Parses a column mapping from JSON (`{ "2": "deadline", "4": null }` or `[{ column, field }]`);
 * BAD_USER_INPUT on `columnMapping` when it is not one.
 */
export function columnMappingFrom(value: unknown): ColumnMapping | undefined {
  if (value == null) return undefined;
  const bad = () => badUserInput('columnMapping', IMPORT_MESSAGES_RU.columnMapping);
  const pairs: Array<[unknown, unknown]> = Array.isArray(value)
    ? value.map((entry) => {
        if (!entry || typeof entry !== 'object') throw bad();
        const { column, field } = entry as { column?: unknown; field?: unknown };
        return [column, field ?? null];
      })
    : typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>)
      : (() => {
          throw bad();
        })();
  const mapping: ColumnMapping = {};
  for (const [rawColumn, field] of pairs) {
    const column = typeof rawColumn === 'number' ? rawColumn : typeof rawColumn === 'string' && /^\d{1,2}$/.test(rawColumn) ? Number(rawColumn) : NaN;
    if (!Number.isInteger(column) || column < 0 || column > 63) throw bad();
    if (field !== null && !(typeof field === 'string' && (IMPORT_FIELDS as readonly string[]).includes(field))) throw bad();
    mapping[column] = field as ImportField | null;
  }
  return mapping;
}

/**
 * Roadmaps from documents (issue 4): the preview of an uploaded .docx/.xlsx/.txt (the file is stored
 * with the attachments' storage, so it can stay with the roadmap), the draft created from it — the
 * roadmap, its first revision, the source file and what the parser read around the table, in one
 * transaction — and the bulk import of a district (an archive of files, one per school, matched by
 * the file name or the organisation named in the document) used by REST and the CLI alike.
 *
 * Who: a school's curator for their school; the district's officer for any school of the district
 * (and alone for bulk). The parser (`@nastavnik/domain` parseRoadmapDocument) is pure and bounded;
 * here it is given the attachments' size limit and the campaign's period as the hint.
 */
export class ImportService {
  constructor(
    private readonly config: ApiConfig['attachments'],
    private readonly storages: AttachmentStorages,
    private readonly clock: Clock,
    private readonly roadmaps: RoadmapService,
    private readonly logger: Logger = silentLogger(),
  ) {}

  get maxBytes(): number {
    return this.config.maxBytes;
  }

  /** Too large, before or while the body is read: the parser's message when the size is known. */
  tooLarge(size?: number | null): AppError {
    const message = size ? IMPORT_ERRORS_RU.tooLarge(size, this.config.maxBytes) : IMPORT_MESSAGES_RU.tooLarge(formatSize(this.config.maxBytes));
    return fileError(message, 413, 'TOO_LARGE');
  }

  bulkTooLarge(): AppError {
    return fileError(IMPORT_MESSAGES_RU.archiveTooLarge(formatSize(BULK_MAX_BYTES)), 413, 'TOO_LARGE');
  }

  /** Import roles of the actor in the request's district (FORBIDDEN when none). */
  assertImporter(ctx: TenantServiceContext): void {
    const { actor, tenant } = ctx;
    if (!this.isOfficer(ctx) && curatorOrganizationIds(actor, tenant.district.id).length === 0) throw forbidden(IMPORT_MESSAGES_RU.whoImports);
  }

  assertBulkImporter(ctx: TenantServiceContext): void {
    if (!this.isOfficer(ctx)) throw forbidden(IMPORT_MESSAGES_RU.onlyOfficerBulk);
  }

  private isOfficer(ctx: TenantServiceContext): boolean {
    return districtStaffRoles(ctx.actor, ctx.tenant.district).includes('district-officer');
  }

  // ————— preview —————

  async preview(ctx: TenantServiceContext, request: ImportRequest): Promise<PreviewResponse> {
    const fileName = cleanFileName(request.fileName);
    if (!fileName) throw badUserInput('fileName', IMPORT_MESSAGES_RU.noName);
    const target = await this.target(ctx, request.organizationId);
    const campaign = await this.campaign(ctx, request.campaignId);
    const result = this.parse(fileName, request.data, campaign, undefined);
    if (!result.ok) throw importError(result);
    const attachment = await this.store(ctx, { fileName, data: request.data, format: result.format, organizationId: target.organization?.id ?? null });
    const organization = await this.suggest(ctx, target, fileName, result);
    return {
      uploadId: attachment.id,
      fileName,
      organization,
      campaignId: campaign?.id ?? null,
      draft: this.draftOf(result, organization, campaign),
      preview: result,
    };
  }

  /** The stored upload read again, with the curator's column mapping. */
  async repreview(
    ctx: TenantServiceContext,
    uploadId: string,
    options: { columnMapping?: ColumnMapping | null; campaignId?: string | null },
  ): Promise<PreviewResponse> {
    const upload = await this.upload(ctx, uploadId);
    const target = await this.target(ctx, upload.attachment.organizationId);
    const campaign = await this.campaign(ctx, options.campaignId);
    const result = this.parse(upload.attachment.fileName, upload.data, campaign, options.columnMapping ?? undefined);
    if (!result.ok) throw importError(result);
    const organization = await this.suggest(ctx, target, upload.attachment.fileName, result);
    return {
      uploadId: upload.attachment.id,
      fileName: upload.attachment.fileName,
      organization,
      campaignId: campaign?.id ?? null,
      draft: this.draftOf(result, organization, campaign),
      preview: result,
    };
  }

  // ————— the draft —————

  /** The roadmap and its first draft revision from a previewed upload (all or nothing). */
  async createFromImport(ctx: TenantServiceContext, input: CreateFromImportRequest): Promise<Roadmap> {
    const upload = await this.upload(ctx, input.uploadId);
    const { attachment } = upload;
    if (await ctx.tenant.em.count(RoadmapImport, { attachment: attachment.id })) throw conflict(IMPORT_MESSAGES_RU.alreadyImported, 'STATE');
    const requested = input.organizationId?.trim() || null;
    if (requested && attachment.organizationId && requested !== attachment.organizationId) {
      throw badUserInput('organizationId', IMPORT_MESSAGES_RU.otherOrganization);
    }
    const campaign = await this.campaign(ctx, input.campaignId);
    const result = this.parse(attachment.fileName, upload.data, campaign, input.columnMapping ?? undefined);
    // (An upload that is not a roadmap document — some other attachment — ends here.)
    if (!result.ok) throw badUserInput('uploadId', result.message, { reason: result.code });

    let target = await this.target(ctx, requested ?? attachment.organizationId);
    if (!target.organization) {
      // District staff without an organisation: the one the document names, when it is unambiguous.
      const suggested = await this.suggest(ctx, target, attachment.fileName, result);
      if (!suggested) throw badUserInput('organizationId', IMPORT_MESSAGES_RU.chooseOrganization);
      target = await this.target(ctx, suggested.id);
    }
    const { roadmapId } = await this.persist(ctx, {
      preview: result,
      organization: target.organization!,
      role: target.role,
      campaign,
      file: { existing: attachment },
      overrides: input,
    });
    return ctx.tenant.em.findOneOrFail(Roadmap, { id: roadmapId });
  }

  // ————— bulk —————

  /**
   * A district's files, one per school: each is parsed, matched to a school, and stored with its new
   * roadmap in its own transaction — a bad file is reported and the others go on.
   */
  async importFiles(ctx: TenantServiceContext, files: Iterable<BulkFile>, options: { campaignId?: string | null } = {}): Promise<BulkReportEntry[]> {
    this.assertBulkImporter(ctx);
    const campaign = await this.campaign(ctx, options.campaignId);
    const organizations = await ctx.em.find(Organization, { district: ctx.tenant.district.id }, { orderBy: { code: 'asc' } });
    const report: BulkReportEntry[] = [];
    for (const file of files) report.push(await this.importOne(ctx, file, campaign, organizations));
    currentLogger(this.logger).debug(
      { district: ctx.tenant.district.code, files: report.length, failed: report.filter((r) => !r.ok).length },
      'bulk import',
    );
    return report;
  }

  /** The body of `POST /imports/bulk`: a ZIP of documents, or one document. */
  importArchive(ctx: TenantServiceContext, data: Uint8Array, options: { campaignId?: string | null; fileName?: string | null } = {}): Promise<BulkReportEntry[]> {
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
        return this.tooLarge();
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
      const result = this.parse(fileName, data, campaign, undefined);
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
        const message = match.reason === 'ambiguous' ? IMPORT_MESSAGES_RU.ambiguousOrganization(match.candidates.map((c) => c.shortName)) : IMPORT_MESSAGES_RU.noOrganization;
        return { ...entry, message, code: 'NO_ORGANIZATION' };
      }
      entry.organization = card(match.organization);
      entry.matchedBy = match.by;
      const created = await this.persist(ctx, {
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

  // ————— the pieces —————

  private parse(fileName: string, data: Uint8Array, campaign: Campaign | null, columnMapping: ColumnMapping | undefined) {
    return parseRoadmapDocument(
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
  private async target(ctx: TenantServiceContext, organizationId: string | null | undefined): Promise<Target> {
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

  private async suggest(ctx: TenantServiceContext, target: Target, fileName: string, preview: ImportPreview): Promise<PreviewResponse['organization']> {
    if (target.organization) return { ...card(target.organization), matchedBy: 'request' };
    const organizations = await ctx.em.find(Organization, { district: ctx.tenant.district.id });
    const match = matchOrganization(fileName, preview, organizations);
    return match.ok ? { ...card(match.organization), matchedBy: match.by } : null;
  }

  private async campaign(ctx: TenantServiceContext, campaignId: string | null | undefined): Promise<Campaign | null> {
    const id = campaignId?.trim();
    if (!id) return null;
    const campaign = isUuid(id) ? await ctx.tenant.em.findOne(Campaign, within(campaignScopeFilter(ctx.actor, ctx.tenant.district), { id })) : null;
    if (!campaign) throw notFound(ROADMAP_MESSAGES_RU.campaignNotFound);
    return campaign;
  }

  /** A stored upload within the attachments' row scope, with its bytes; BAD_USER_INPUT on `uploadId` otherwise. */
  private async upload(ctx: TenantServiceContext, uploadId: string): Promise<{ attachment: Attachment; data: Uint8Array }> {
    this.assertImporter(ctx);
    const { tenant } = ctx;
    const id = uploadId?.trim() ?? '';
    const attachment = isUuid(id) ? await tenant.em.findOne(Attachment, within(attachmentScopeFilter(ctx.actor, tenant.district), { id })) : null;
    if (!attachment) throw badUserInput('uploadId', IMPORT_MESSAGES_RU.uploadNotFound);
    const data = await this.storages[attachment.storage].get({ schemaName: tenant.district.schemaName, em: tenant.em }, attachment.id);
    if (!data) throw badUserInput('uploadId', IMPORT_MESSAGES_RU.uploadNotFound);
    return { attachment, data };
  }

  private newAttachment(ctx: TenantServiceContext, file: { fileName: string; data: Uint8Array; format: ImportFormat; organizationId: string | null }): Attachment {
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
  private async store(ctx: TenantServiceContext, file: { fileName: string; data: Uint8Array; format: ImportFormat; organizationId: string | null }): Promise<Attachment> {
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

  /** The revision's header: what the caller says, else the document's, else the campaign's period or the academic year. */
  private header(preview: ImportPreview, organization: Pick<Organization, 'shortName'>, campaign: Campaign | null, overrides: Persist['overrides'] = {}) {
    const doc = preview.header;
    const notes: Array<{ where: string; message: string }> = [];
    let programmeName = overrides.programmeName?.trim() || doc.programmeName.trim();
    if (!programmeName) {
      programmeName = IMPORT_MESSAGES_RU.defaultProgrammeName;
      notes.push({ where: 'шапка', message: IMPORT_MESSAGES_RU.programmeNotFound(programmeName) });
    }
    // A period stated in the document wins over the campaign's; one inferred from deadlines or the
    // approval date only fills in when there is no campaign.
    const stated = doc.period && (doc.period.source === 'document' || doc.period.source === 'hint') ? doc.period : null;
    const inferred = doc.period && !stated ? doc.period : null;
    const fallback = stated ?? campaign ?? inferred ?? academicYearPeriod(this.clock.today());
    const periodStart = overrides.periodStart?.trim() || fallback.periodStart;
    const periodEnd = overrides.periodEnd?.trim() || fallback.periodEnd;
    const period = isIsoDate(periodStart) && isIsoDate(periodEnd) ? ` на ${periodLabel(periodStart, periodEnd)}` : '';
    const title =
      overrides.title?.trim() || doc.title.trim() || `Дорожная карта реализации целевой модели наставничества «${programmeName}» в ${organization.shortName}${period}`;
    const header: RevisionHeader = checkHeader({ title: clip(title, 1000), programmeName: clip(programmeName, 300), periodStart, periodEnd });
    return { header, notes };
  }

  /**
   * The draft an import makes (throws BAD_USER_INPUT when the model refuses it): the header, the
   * parser's sections as the model's (fresh keys; validated; deadlines read against the final period),
   * the unmapped text of each item by its key, and the notes on what was filled in.
   */
  private prepare(preview: ImportPreview, organization: Pick<Organization, 'shortName'>, campaign: Campaign | null, overrides: Persist['overrides'] = {}) {
    const { header, notes } = this.header(preview, organization, campaign, overrides);
    // A table without section rows gives one section without a title; the model wants one.
    const domain = previewToSections(preview, uuidv7).map((section, s) => {
      if (section.title.trim()) return section;
      notes.push(IMPORT_MESSAGES_RU.untitledSection(s + 1, IMPORT_MESSAGES_RU.defaultSectionTitle));
      return { ...section, title: IMPORT_MESSAGES_RU.defaultSectionTitle };
    });
    const sections = withPlaces(() => buildSections(toDrafts(domain, true), header));
    const itemNotes: Record<string, UnmappedText[]> = {};
    preview.sections.forEach((section, s) =>
      section.items.forEach((item, i) => {
        if (item.unmapped.length > 0) itemNotes[sections[s]!.items[i]!.id] = item.unmapped;
      }),
    );
    return { header, notes, sections, itemNotes };
  }

  /** What `createRoadmapFromImport` would make of a preview (for the preview's answer): the header and notes, or why it would be refused. */
  private draftOf(preview: ImportPreview, organization: Pick<Organization, 'shortName'> | null, campaign: Campaign | null): DraftSummary {
    try {
      const { header, notes } = this.prepare(preview, organization ?? { shortName: '…' }, campaign);
      return { ...header, warnings: notes, error: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { title: null, programmeName: null, periodStart: null, periodEnd: null, warnings: [], error: { message: error.message, field: String(error.extensions.field ?? '') } };
    }
  }

  /**
   * Everything of one import in one transaction: the file (new, or the preview's upload given to the
   * school), the roadmap, its first draft revision with the sections and items, the audit record and
   * the import record. Nothing is written when any of it fails.
   */
  private async persist(ctx: TenantServiceContext, plan: Persist): Promise<{ roadmapId: string; revisionId: string }> {
    const { actor, tenant } = ctx;
    const { preview, organization, campaign } = plan;
    if (campaign) {
      if (!campaign.allOrganizations && !campaign.organizationIds.includes(organization.id)) throw badUserInput('campaignId', ROADMAP_MESSAGES_RU.notAddressed);
      if (await tenant.em.count(Roadmap, { campaign: campaign.id, organizationId: organization.id })) {
        throw badUserInput('campaignId', ROADMAP_MESSAGES_RU.duplicateInCampaign);
      }
    }
    const { header, notes, sections, itemNotes } = this.prepare(preview, organization, campaign, plan.overrides);

    const storage = this.storages[this.config.storage];
    const fresh = 'data' in plan.file ? this.newAttachment(ctx, { fileName: plan.file.fileName, data: plan.file.data, format: preview.format, organizationId: organization.id }) : null;
    const attachmentId = fresh?.id ?? ('existing' in plan.file ? plan.file.existing.id : '');
    const now = this.clock.now();
    const by = actor.displayName || actor.username;
    let ids: { roadmapId: string; revisionId: string };
    try {
      ids = await tenant.em.transactional(
        async (em) => {
          if (fresh) em.persist(fresh);
          else {
            // The preview's upload now belongs to the school (district staff may have uploaded it without one).
            await em.nativeUpdate(Attachment, { id: attachmentId, organizationId: null }, { organizationId: organization.id });
          }
          const roadmap = em.create(Roadmap, {
            level: 'school',
            organizationId: organization.id,
            campaign: campaign ? em.getReference(Campaign, campaign.id) : null,
            createdByUserId: actor.userId,
            createdByName: by,
            createdAt: now,
          });
          const revision = em.create(RoadmapRevision, {
            roadmap,
            number: 1,
            state: 'draft',
            version: 1,
            ...header,
            createdByUserId: actor.userId,
            createdByName: by,
            createdAt: now,
            updatedAt: now,
          });
          roadmap.latestRevisionId = revision.id;
          this.roadmaps.writeContent(em, revision, sections, { sections: [], items: [] });
          recordEvent(em, {
            revision,
            actor,
            role: plan.role,
            action: 'create',
            toState: 'draft',
            data: {
              source: 'import',
              fileName: fresh?.fileName ?? ('existing' in plan.file ? plan.file.existing.fileName : ''),
              format: preview.format,
              sections: sections.length,
              items: sections.reduce((n, s) => n + s.items.length, 0),
            },
            versionAfter: 1,
            at: now,
          });
          em.create(RoadmapImport, {
            roadmap,
            attachment: em.getReference(Attachment, attachmentId),
            fileName: fresh?.fileName ?? ('existing' in plan.file ? plan.file.existing.fileName : ''),
            format: preview.format,
            encoding: preview.encoding,
            sourceHeader: preview.header,
            preamble: preview.preamble,
            postscript: preview.postscript,
            unmapped: preview.unmapped,
            warnings: [...preview.warnings, ...notes],
            columns: preview.columns,
            itemNotes,
            stats: preview.stats,
            importedByUserId: actor.userId,
            importedByName: by,
            importedAt: now,
          });
          await em.flush();
          if (fresh && 'data' in plan.file) await storage.put({ schemaName: tenant.district.schemaName, em }, fresh.id, bytesOf(plan.file.data));
          return { roadmapId: roadmap.id, revisionId: revision.id };
        },
        { clear: true },
      );
    } catch (error) {
      if (fresh && storage.kind !== 'database') await storage.delete({ schemaName: tenant.district.schemaName, em: tenant.em }, fresh.id).catch(() => undefined);
      if (error instanceof UniqueConstraintViolationException) {
        if (error.message.includes('roadmap_import_attachment_id_unique')) throw conflict(IMPORT_MESSAGES_RU.alreadyImported, 'STATE');
        throw badUserInput('campaignId', ROADMAP_MESSAGES_RU.duplicateInCampaign);
      }
      throw error;
    }
    forgetTenantReads(tenant);
    return ids;
  }
}

/** Curators' organisations in this district (school directors do not author roadmaps). */
function curatorOrganizationIds(actor: TenantServiceContext['actor'], districtId: string): string[] {
  return [...new Set(actor.grants.filter((g) => g.role === 'school-curator' && g.organizationId && g.districtId === districtId).map((g) => g.organizationId!))];
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

/** Validation errors of the content, with the section and item they are about («Раздел 2, мероприятие 3: …»). */
function withPlaces<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof AppError) || typeof error.extensions.field !== 'string') throw error;
    const field = error.extensions.field;
    const place = /^sections\[(\d+)\](?:\.items\[(\d+)\])?/.exec(field);
    if (!place) throw error;
    const section = Number(place[1]) + 1;
    const message =
      place[2] !== undefined ? IMPORT_MESSAGES_RU.itemProblem(section, Number(place[2]) + 1, error.message) : IMPORT_MESSAGES_RU.sectionProblem(section, error.message);
    const { code: _code, ...extensions } = error.extensions;
    throw new AppError('BAD_USER_INPUT', message, extensions);
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    imports: ImportService;
  }
}
