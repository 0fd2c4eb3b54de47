import { IMPORT_FIELDS, type ImportFailure, type ImportField, type ImportPreview, type PlatformRole } from '@nastavnik/domain';
import { AppError, badUserInput } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import type { Attachment } from '../attachments/attachment.entity.js';
import type { Campaign } from '../campaigns/campaign.entity.js';
import type { Organization } from '../directory/organization.entity.js';
import { IMPORT_ERROR_STATUS, IMPORT_MESSAGES_RU } from './messages.js';

// The imports' shapes and small helpers, shared by preview, drafts and bulk.

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

export interface Target {
  organization: Organization | null;
  role: PlatformRole;
}

export interface Persist {
  preview: ImportPreview;
  organization: Organization;
  role: PlatformRole;
  campaign: Campaign | null;
  /** The upload already stored by a preview, or a file stored with the roadmap (bulk, CLI). */
  file: { existing: Attachment } | { fileName: string; data: Uint8Array };
  overrides?: Pick<CreateFromImportRequest, 'title' | 'programmeName' | 'periodStart' | 'periodEnd'>;
}

export const fileError = (message: string, httpStatus: number, reason: string) =>
  new AppError('BAD_USER_INPUT', message, { field: 'file', reason, httpStatus });

/** A parser failure as BAD_USER_INPUT on the file, with its code (`reason`) and the REST status. */
export function importError(failure: ImportFailure): AppError {
  return fileError(failure.message, IMPORT_ERROR_STATUS[failure.code], failure.code);
}

export const card = (organization: Organization): OrganizationCard => ({ id: organization.id, code: organization.code, shortName: organization.shortName });
export const bytesOf = (data: Uint8Array) => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
export const baseName = (name: string) => name.split('/').pop() ?? name;

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

/** Curators' organisations in this district (school directors do not author roadmaps). */
export function curatorOrganizationIds(actor: TenantServiceContext['actor'], districtId: string): string[] {
  return [...new Set(actor.grants.filter((g) => g.role === 'school-curator' && g.organizationId && g.districtId === districtId).map((g) => g.organizationId!))];
}
