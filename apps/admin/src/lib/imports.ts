/**
 * Roadmap documents in (apps/api `/imports/...`): the preview of an uploaded .docx/.xlsx/.txt (or
 * .pdf/.doc/.rtf/.odt, which the API lays out or converts first), the
 * same file read again with the curator's column mapping, the district's ZIP of documents. REST with
 * the bearer token and the tenancy header, like attachments. The column-mapping state is pure.
 */
import type { ImportField, ImportPreview } from '@nastavnik/domain';
import { IMPORT_FIELDS } from '@nastavnik/domain';
import type { ImportField as ImportFieldEnum } from '../gql/graphql';
import { ru } from '../i18n/ru';
import { AttachmentError, attachmentErrorOf } from './attachments';

type GetToken = () => Promise<string>;

export interface ImportPreviewResponse {
  uploadId: string;
  fileName: string;
  organization: { id: string; code: string; shortName: string; matchedBy: string } | null;
  campaignId: string | null;
  /** What the draft would be (the API's DraftSummary): its notes and why it would be refused are objects, not text. */
  draft: {
    title: string;
    programmeName: string;
    periodStart: string;
    periodEnd: string;
    warnings: Array<{ where: string; message: string }>;
    error: { message: string; field: string } | null;
  };
  preview: ImportPreview;
}

export interface BulkReportRow {
  fileName: string;
  organization: { id: string; code: string; shortName: string } | null;
  matchedBy: 'code' | 'name' | null;
  ok: boolean;
  roadmapId?: string;
  revisionId?: string;
  message?: string;
  code?: string;
  stats?: { rows: number; sections: number; items: number; warnings: number; unmapped: number };
}

export interface BulkImportResponse {
  total: number;
  created: number;
  failed: number;
  report: BulkReportRow[];
}

/** Column index → the field it fills (null: kept as text). Only the columns the user changed. */
export type ColumnMapping = Readonly<Record<number, ImportField | null>>;

interface ColumnLike {
  index: number;
  mappedTo: ImportField | null;
}

/** What a column fills now: the user's choice, else what the parser recognised. */
export function effectiveField(columns: readonly ColumnLike[], mapping: ColumnMapping, index: number): ImportField | null {
  if (index in mapping) return mapping[index] ?? null;
  return columns.find((column) => column.index === index)?.mappedTo ?? null;
}

/**
 * The user maps `index` to `field`: a field fills one column, so a column that held it before
 * becomes text. Returns the new mapping (unchanged entries kept).
 */
export function changeMapping(columns: readonly ColumnLike[], mapping: ColumnMapping, index: number, field: ImportField | null): ColumnMapping {
  const next: Record<number, ImportField | null> = { ...mapping, [index]: field };
  if (field) {
    for (const column of columns) {
      if (column.index !== index && effectiveField(columns, mapping, column.index) === field) next[column.index] = null;
    }
  }
  return next;
}

/** The REST body's `columnMapping`: `{ "2": "deadline", "5": null }`. */
export function mappingToJson(mapping: ColumnMapping): Record<string, ImportField | null> {
  return Object.fromEntries(Object.entries(mapping).map(([index, field]) => [String(index), field ?? null]));
}

/** `expectedResult` → `EXPECTED_RESULT` (the GraphQL enum). */
export function fieldToEnum(field: ImportField): ImportFieldEnum {
  return field.replace(/([A-Z])/g, '_$1').toUpperCase() as ImportFieldEnum;
}

/** The mutation's `columnMapping: [{ column, field }]`, null when nothing was changed. */
export function mappingToInput(mapping: ColumnMapping): Array<{ column: number; field: ImportFieldEnum | null }> | null {
  const entries = Object.entries(mapping).map(([index, field]) => ({ column: Number(index), field: field ? fieldToEnum(field) : null }));
  return entries.length > 0 ? entries.sort((a, b) => a.column - b.column) : null;
}

export function isImportField(value: string): value is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(value);
}

/** The parser's message for a bad file (`field: "file"`), else the general one. */
export function importErrorMessage(error: unknown): string {
  if (error instanceof AttachmentError) return error.appError.fieldErrors.file ?? error.appError.message;
  return ru.errors.unexpected;
}

async function send<T>(getToken: GetToken, url: string, init: { body: BodyInit; contentType: string; headers?: Record<string, string> }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { ...init.headers, Authorization: `Bearer ${await getToken()}`, 'Content-Type': init.contentType },
      body: init.body,
    });
  } catch {
    throw new AttachmentError({ kind: 'network', message: ru.errors.network, fieldErrors: {} });
  }
  const text = await response.text();
  if (!response.ok) throw new AttachmentError(attachmentErrorOf(response.status, text));
  return JSON.parse(text) as T;
}

export function previewImport(
  getToken: GetToken,
  file: File,
  options: { organizationId?: string | null; campaignId?: string | null; headers?: Record<string, string> } = {},
): Promise<ImportPreviewResponse> {
  const query = new URLSearchParams({ fileName: file.name });
  if (options.organizationId) query.set('organizationId', options.organizationId);
  if (options.campaignId) query.set('campaignId', options.campaignId);
  return send(getToken, `/imports/preview?${query}`, { body: file, contentType: 'application/octet-stream', headers: options.headers });
}

export function repreviewImport(
  getToken: GetToken,
  uploadId: string,
  options: { mapping: ColumnMapping; campaignId?: string | null; headers?: Record<string, string> },
): Promise<ImportPreviewResponse> {
  const body = JSON.stringify({ columnMapping: mappingToJson(options.mapping), ...(options.campaignId ? { campaignId: options.campaignId } : {}) });
  return send(getToken, `/imports/${encodeURIComponent(uploadId)}/preview`, { body, contentType: 'application/json', headers: options.headers });
}

export function bulkImport(
  getToken: GetToken,
  file: File,
  options: { campaignId?: string | null; headers?: Record<string, string> } = {},
): Promise<BulkImportResponse> {
  const query = new URLSearchParams({ fileName: file.name });
  if (options.campaignId) query.set('campaignId', options.campaignId);
  return send(getToken, `/imports/bulk?${query}`, { body: file, contentType: 'application/octet-stream', headers: options.headers });
}
