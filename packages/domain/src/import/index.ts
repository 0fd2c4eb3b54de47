/**
 * Import of roadmap documents (.docx, .xlsx, tab-separated .txt; PDF pages laid out by `layoutPdf`) into a preview of a draft roadmap:
 * `parseRoadmapDocument({ fileName, bytes }, options)` → `ImportPreview | ImportFailure`. Pure: takes
 * bytes, returns data; no file system, no network; never throws.
 */
export * from './types.js';
export {
  parseRoadmapDocument,
  previewFromSource,
  convertibleFormat,
  IMPORT_ERRORS_RU,
  IMPORT_WARNINGS_RU,
  DEFAULT_MAX_IMPORT_BYTES,
  DEFAULT_MAX_UNPACKED_BYTES,
} from './preview.js';
export { BUILD_MESSAGES_RU } from './builder.js';
export { lostText, previewCorpus } from './lost-text.js';
export { previewToSections } from './draft.js';
export { matchHeading, type HeadingMatch } from './columns.js';
export { toGrid, MAX_COLUMNS, type SourceDocument, type SourceBlock, type SourceTable, type TableRow, type RawRow, type RawCell } from './source.js';
export { ZipArchive, ZipError, isZip, DEFAULT_ZIP_LIMITS, type ZipLimits, type ZipErrorKind } from './zip.js';
export { parsePastedText, isTablePaste, mapPastedRows, type PastedItem, type PastedRows } from './paste.js';
export { layoutPdf, type PdfPageLayout, type PdfTextRun, type PdfRule } from './pdf-layout.js';
export { scoreImport, type ExpectedDocument, type ExpectedSection, type ExpectedItem, type FidelityScore, type FieldMiss } from './fidelity.js';
