import { checkOfficeArchive, type OfficeFormat } from './office-archive.js';

/**
 * The allow-list of attachment types: by the file name's extension, confirmed by the content
 * (a renamed .exe is not a .pdf; an Office file must be a sound, bounded archive, see
 * office-archive.ts). The stored content type is ours, never the client's.
 */
export interface FileType {
  contentType: string;
  /** Is the content (the whole file) of this type? */
  sniff(data: Buffer): boolean;
}

const startsWith = (signature: number[]) => (head: Buffer) => signature.every((byte, i) => head[i] === byte);
const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]);
const OLE = startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const JPEG = startsWith([0xff, 0xd8, 0xff]);
const PNG = startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PDF = startsWith([0x25, 0x50, 0x44, 0x46]);
/** `{\rtf`: every RTF document opens its group with the control word. */
const RTF = startsWith([...Buffer.from('{\\rtf', 'latin1')]);
/** Plain text: no NUL bytes in the first kilobytes (UTF-8 or Windows-1251 alike). */
const TEXT = (head: Buffer) => !head.subarray(0, 8192).includes(0);
/** A ZIP by its first bytes, then a readable archive of the format within bounds (no ZIP bomb). */
const OFFICE = (format: OfficeFormat) => (data: Buffer) => ZIP(data) && checkOfficeArchive(data, format).ok;

export const ALLOWED_FILE_TYPES: Readonly<Record<string, FileType>> = {
  pdf: { contentType: 'application/pdf', sniff: PDF },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sniff: OFFICE('docx') },
  doc: { contentType: 'application/msword', sniff: OLE },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sniff: OFFICE('xlsx') },
  xls: { contentType: 'application/vnd.ms-excel', sniff: OLE },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', sniff: OFFICE('odt') },
  rtf: { contentType: 'application/rtf', sniff: RTF },
  jpg: { contentType: 'image/jpeg', sniff: JPEG },
  jpeg: { contentType: 'image/jpeg', sniff: JPEG },
  png: { contentType: 'image/png', sniff: PNG },
  txt: { contentType: 'text/plain; charset=utf-8', sniff: TEXT },
};

export const ALLOWED_EXTENSIONS_LABEL = 'PDF, DOC, DOCX, RTF, XLS, XLSX, ODT, JPG, PNG, TXT';

export const ATTACHMENT_MESSAGES_RU = {
  tooLarge: (maxBytes: number) => `Файл слишком большой: не более ${formatSize(maxBytes)}`,
  badType: (extension: string) => `Недопустимый тип файла${extension ? ` «.${extension}»` : ''}: можно загрузить ${ALLOWED_EXTENSIONS_LABEL}`,
  contentMismatch: (extension: string) => `Содержимое файла не соответствует его типу «.${extension}»`,
  empty: 'Файл пуст',
  noName: 'Укажите имя файла (параметр fileName)',
  organization: 'Укажите организацию, к которой относится файл (параметр organizationId)',
  notFound: 'Файл не найден.',
  organizationNotInDistrict: 'Организация не найдена в этом муниципалитете',
  inUse: 'Файл приложен к отметке о выполнении — сначала снимите отметку',
  roadmapSource: 'Файл — исходный документ импортированной дорожной карты: его нельзя удалить, пока карта существует',
  consentScan: 'Файл — скан согласия участника на обработку персональных данных: его нельзя удалить',
  missing: 'Содержимое файла не найдено в хранилище',
} as const;

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} МБ`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} КБ`;
  return `${bytes} Б`;
}

/** A safe display name: the last path segment, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(-255);
}

export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : '';
}
