/**
 * Generated documents (`/exports/...`): fetched with the bearer token (a plain link would carry
 * none), then handed to the browser as a blob under the file name the server gave in
 * `Content-Disposition` (RFC 6266: `filename*=UTF-8''…` wins over the ASCII `filename="…"`).
 */
import { ru } from '../i18n/ru';
import { AttachmentError, attachmentErrorOf } from './attachments';

type GetToken = () => Promise<string>;

/** The file name of a `Content-Disposition` header, or null when it names none. */
export function fileNameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^;]+)/i.exec(header);
  if (extended) {
    const value = extended[1]!.trim().replace(/^"(.*)"$/, '$1');
    const match = /^([\w!#$%&+^`{}~-]*)'[^']*'(.*)$/.exec(value);
    if (match) {
      try {
        const name = decodeURIComponent(match[2]!);
        if (name.trim()) return sanitizeFileName(name);
      } catch {
        // malformed percent-encoding: fall back to the plain name
      }
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/i.exec(header);
  if (plain) {
    let value = plain[1]!.trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    if (value.trim()) return sanitizeFileName(value);
  }
  return null;
}

/** No folders in a download's name. */
function sanitizeFileName(name: string): string {
  return name.replace(/[\\/]/g, '_').trim();
}

export interface DownloadedFile {
  fileName: string;
  size: number;
}

/** Fetches `url` with the token and saves it; the API's Russian error is thrown as an AttachmentError. */
export async function downloadDocument(
  getToken: GetToken,
  url: string,
  options: { headers?: Record<string, string>; fallbackName: string },
): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { ...options.headers, Authorization: `Bearer ${await getToken()}` } });
  } catch {
    throw new AttachmentError({ kind: 'network', message: ru.errors.network, fieldErrors: {} });
  }
  if (!response.ok) throw new AttachmentError(attachmentErrorOf(response.status, await response.text()));
  const blob = await response.blob();
  const fileName = fileNameFromContentDisposition(response.headers.get('content-disposition')) ?? options.fallbackName;
  saveBlob(blob, fileName);
  return { fileName, size: blob.size };
}

/** Hands bytes made or fetched in the page to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export const exportPaths = {
  revisionDocx: (revisionId: string) => `/exports/revisions/${encodeURIComponent(revisionId)}.docx`,
  revisionPdf: (revisionId: string) => `/exports/revisions/${encodeURIComponent(revisionId)}.pdf`,
  campaignXlsx: (campaignId: string) => `/exports/campaigns/${encodeURIComponent(campaignId)}.xlsx`,
};
