/**
 * Evidence files beside /graphql (apps/api attachments): `POST /attachments?fileName=…` with the
 * file's bytes returns the stored file's card; `GET /attachments/<id>` returns the file. Both want
 * the same bearer token (and tenancy header) as GraphQL, so they go through fetch, not plain links.
 */
import { ru } from '../i18n/ru';
import { classifyGraphQLErrors, type AppError, type GraphQLErrorLike } from './errors';

export interface UploadedFile {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
}

export class AttachmentError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'AttachmentError';
  }
}

type GetToken = () => Promise<string>;

/** The API's JSON error body (or the status alone) → what to show beside the file field. */
export function attachmentErrorOf(status: number, bodyText: string): AppError {
  try {
    const parsed = JSON.parse(bodyText) as { errors?: GraphQLErrorLike[]; error?: string };
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) return classifyGraphQLErrors(parsed.errors);
    if (typeof parsed.error === 'string' && /[а-яё]/i.test(parsed.error)) {
      return { kind: status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'internal', message: parsed.error, fieldErrors: {} };
    }
  } catch {
    // not JSON
  }
  if (status === 401) return { kind: 'unauthenticated', message: ru.errors.sessionExpired, fieldErrors: {} };
  if (status === 403) return { kind: 'forbidden', message: ru.errors.forbiddenText, fieldErrors: {} };
  if (status === 404) return { kind: 'notFound', message: ru.errors.notFoundText, fieldErrors: {} };
  return { kind: 'internal', message: ru.errors.unexpected, fieldErrors: {} };
}

export async function uploadAttachment(
  getToken: GetToken,
  file: File,
  options: { organizationId?: string | null; headers?: Record<string, string> } = {},
): Promise<UploadedFile> {
  const query = new URLSearchParams({ fileName: file.name });
  if (options.organizationId) query.set('organizationId', options.organizationId);
  let response: Response;
  try {
    response = await fetch(`/attachments?${query}`, {
      method: 'POST',
      headers: { ...options.headers, Authorization: `Bearer ${await getToken()}`, 'Content-Type': 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new AttachmentError({ kind: 'network', message: ru.errors.network, fieldErrors: {} });
  }
  const text = await response.text();
  if (!response.ok) throw new AttachmentError(attachmentErrorOf(response.status, text));
  return JSON.parse(text) as UploadedFile;
}

/** Fetches the file with the token and hands it to the browser as a download. */
export async function downloadAttachment(getToken: GetToken, file: { url: string; fileName: string }, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(file.url, { headers: { ...headers, Authorization: `Bearer ${await getToken()}` } });
  if (!response.ok) throw new AttachmentError(attachmentErrorOf(response.status, await response.text()));
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** «1,2 МБ», «340 КБ». */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} МБ`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${bytes} Б`;
}
