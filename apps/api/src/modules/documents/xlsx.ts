import { writeXlsx as writeXlsxBytes, type SheetSpec } from '@nastavnik/domain';

/**
 * The XLSX writer lives in the domain (the admin's «Скачать XLSX» writes the same files); the API
 * hands its bytes to Node's HTTP layer as a Buffer.
 */
export { columnName, excelDate, sheetName, XLSX_CONTENT_TYPE, type SheetSpec, type SheetValue } from '@nastavnik/domain';

export function writeXlsx(spec: SheetSpec): Buffer {
  const bytes = writeXlsxBytes(spec);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
