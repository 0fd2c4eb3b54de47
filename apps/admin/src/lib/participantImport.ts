/**
 * Import of a programme's base (apps/api `POST /participants/import`): the template's address, the
 * upload with the bearer token, the per-row report as the API returns it, and how the screen reads
 * it. The REST call goes through fetch (a plain link carries no token); the rest is pure.
 */
import { ru } from '../i18n/ru';
import { AttachmentError, attachmentErrorOf } from './attachments';

type GetToken = () => Promise<string>;

export type ImportRole = 'mentee' | 'mentor';
export type ImportFormat = 'csv' | 'xlsx';

/** What the API reads (`POST /participants/import`) and offers as a template. */
export const IMPORT_FORMATS: readonly ImportFormat[] = ['xlsx', 'csv'];

export interface ImportRowIssue {
  field: string;
  column: string | null;
  message: string;
  severity: 'error' | 'warning';
}

export interface ImportRowReport {
  rowNumber: number;
  status: 'ok' | 'warning' | 'error' | 'empty';
  participantId: string | null;
  name: string | null;
  issues: ImportRowIssue[];
}

export interface ImportReport {
  programmeId: string;
  role: ImportRole;
  fileIssues: Array<{ field: string; message: string; severity: string }>;
  summary: { total: number; imported: number; error: number; warning: number; empty: number };
  rows: ImportRowReport[];
}

/** `MENTOR` (the GraphQL enum, the programme page's tabs) → `mentor` (the REST parameter). */
export function importRoleOf(value: string | null | undefined): ImportRole {
  return value?.toLowerCase() === 'mentor' ? 'mentor' : 'mentee';
}

export const importPaths = {
  template: (role: ImportRole, format: ImportFormat = 'csv') => `/participants/import-template.${format}?role=${role}`,
  upload: (programmeId: string, role: ImportRole, fileName: string) =>
    `/participants/import?${new URLSearchParams({ programmeId, role, fileName }).toString()}`,
};

/** The file types the screen accepts (the API decides finally; its message is shown when it refuses). */
export function acceptedExtensions(formats: readonly ImportFormat[]): string {
  return formats.map((format) => `.${format}`).join(',');
}

/** Whether the chosen file's name ends with one of the formats. */
export function fileFormatOf(fileName: string): ImportFormat | null {
  const match = /\.(csv|txt|xlsx)$/i.exec(fileName.trim());
  if (!match) return null;
  return match[1]!.toLowerCase() === 'xlsx' ? 'xlsx' : 'csv';
}

/** Sends the file; the report on success, an AttachmentError with the API's Russian message otherwise. */
export async function uploadImport(
  getToken: GetToken,
  request: { programmeId: string; role: ImportRole; file: Blob; fileName: string },
): Promise<ImportReport> {
  let response: Response;
  try {
    response = await fetch(importPaths.upload(request.programmeId, request.role, request.fileName), {
      method: 'POST',
      headers: { Authorization: `Bearer ${await getToken()}`, 'Content-Type': 'application/octet-stream' },
      body: request.file,
    });
  } catch {
    throw new AttachmentError({ kind: 'network', message: ru.errors.network, fieldErrors: {} });
  }
  const text = await response.text();
  if (!response.ok) throw new AttachmentError(attachmentErrorOf(response.status, text));
  return JSON.parse(text) as ImportReport;
}

/** The status of a row in words and the badge's tone. */
export function rowStatusView(row: Pick<ImportRowReport, 'status' | 'participantId'>): { label: string; tone: 'agreed' | 'progress' | 'returned' | 'neutral' } {
  const t = ru.importBase.statuses;
  if (row.status === 'error') return { label: t.error, tone: 'returned' };
  if (row.status === 'empty') return { label: t.empty, tone: 'neutral' };
  if (row.status === 'warning') return { label: row.participantId ? t.warning : t.error, tone: row.participantId ? 'progress' : 'returned' };
  return { label: t.ok, tone: 'agreed' };
}

/** «Дата рождения: …» — the issue led by the column it concerns, unless the message already starts with it. */
export function issueText(issue: Pick<ImportRowIssue, 'column' | 'message'>): string {
  const column = issue.column?.trim();
  if (!column) return issue.message;
  const starts = issue.message.toLocaleLowerCase('ru').startsWith(column.toLocaleLowerCase('ru'));
  return starts ? issue.message : `${column}: ${issue.message}`;
}
