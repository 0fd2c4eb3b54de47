import { parseDeadline, type DeadlineContext } from '../roadmap/deadline.js';
import { academicStartYear, isIsoDate } from '../roadmap/iso-date.js';
import { validateItem, validateSection } from '../roadmap/model.js';
import { buildSections, type DraftItem, type DraftSection } from './builder.js';
import { NUMBER_LIKE, headingScore, looksLikeDeadline, looksLikeResponsible, mapColumns, type ColumnSample } from './columns.js';
import { readDocx } from './docx.js';
import { decodeText, decodeXml } from './encoding.js';
import { readHeader, readSigner } from './header.js';
import { readText } from './txt.js';
import { readXlsx } from './xlsx.js';
import { DEFAULT_ZIP_LIMITS, ZipArchive, ZipError, isZip } from './zip.js';
import type { SourceBlock, SourceDocument, SourceTable, TableRow } from './source.js';
import {
  type ImportErrorCode,
  type ImportFailure,
  type ImportFormat,
  type ImportInput,
  type ImportOptions,
  type ImportPreview,
  type ImportResult,
  type ImportWarning,
  type ImportedColumn,
  type ImportedHeader,
  type ImportedItem,
  type ImportedPeriod,
  type ImportedSection,
  type UnmappedText,
} from './types.js';

export const DEFAULT_MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_UNPACKED_BYTES = DEFAULT_ZIP_LIMITS.maxUnpackedBytes;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} МБ`;

export const IMPORT_ERRORS_RU = {
  empty: 'Файл пуст',
  tooLarge: (size: number, max: number) => `Файл слишком большой: ${mb(size)}, допускается не более ${mb(max)}`,
  notDocx: 'Файл не является документом Word (.docx)',
  notDocxLegacy: 'Файл не является документом Word (.docx): это документ старого формата Word 97–2003 — сохраните его в Word как .docx',
  notXlsx: 'Файл не является книгой Excel (.xlsx)',
  notText: 'Файл не является текстовым документом (.txt)',
  legacy: 'Старые форматы Word и Excel (.doc, .xls) не поддерживаются — сохраните файл как .docx или .xlsx',
  corruptDocx: 'Файл повреждён или не является документом Word',
  corruptXlsx: 'Файл повреждён или не является книгой Excel',
  corruptText: 'Файл повреждён или не читается как текст с таблицей',
  corruptPdf: 'Файл PDF повреждён или не читается',
  pdfNoText:
    'В PDF нет текстового слоя — похоже, это скан. Распознавание текста не поддерживается: загрузите документ Word или PDF, сохранённый из Word (с текстом)',
  pdfEncrypted: 'Файл PDF защищён паролем — снимите защиту (сохраните PDF без пароля) и загрузите снова',
  pdfTooComplex: 'Файл PDF слишком сложный или сжат подозрительно сильно — импорт отклонён',
  pdfTooManyPages: (pages: number, max: number) => `В PDF ${pages} страниц, допускается не более ${max}`,
  converterMissing: (ext: string) =>
    `Файлы .${ext} читаются через LibreOffice, а он не установлен на сервере: администратору нужно установить пакет Debian «libreoffice-writer-nogui». Пока можно сохранить документ как .docx и загрузить его`,
  conversionFailed: (ext: string) => `Не удалось прочитать файл .${ext}: он повреждён или не является документом Word, RTF или OpenDocument`,
  conversionTimedOut: (ext: string) => `Файл .${ext} слишком долго преобразуется — импорт отклонён; сохраните документ как .docx`,
  bomb: (max: number) => `Файл слишком большой после распаковки (более ${mb(max)}) или сжат подозрительно сильно — импорт отклонён`,
  noTable: 'В документе не найдена таблица мероприятий',
  unsupported:
    'Формат файла не поддерживается: загрузите документ Word (.docx, .doc), PDF, RTF, OpenDocument (.odt), книгу Excel (.xlsx) или текст с таблицей (.txt)',
} as const;

export const IMPORT_WARNINGS_RU = {
  typeMismatch: (ext: string, actual: string) => `Расширение файла «.${ext}», но по содержимому это ${actual} — файл прочитан по содержимому`,
  tablesJoined: 'таблица продолжается в следующей таблице документа — строки объединены',
  unmappedColumn: (index: number, heading: string) =>
    `столбец ${index + 1}${heading ? ` «${heading}»` : ''} не распознан — его текст сохранён при мероприятиях`,
  noActivityColumn: 'не найден столбец с названиями мероприятий — укажите, какой столбец какой',
  noHeadings: 'у таблицы нет строки заголовков — столбцы определены по содержимому',
  periodFromHint: 'период в документе не указан — взят заданный период',
  periodFromDeadlines: 'период в документе не указан — определён по срокам мероприятий',
  periodFromApproval: 'период в документе не указан — принят учебный год по дате утверждения',
  noPeriod: 'период дорожной карты не найден — сроки без года не распознаны; укажите период',
  noTitle: 'не найден заголовок «Дорожная карта …»',
  noApproval: 'не найден гриф «УТВЕРЖДАЮ» / «УТВЕРЖДЕНО»',
} as const;

const fail = (code: ImportErrorCode, message: string): ImportFailure => ({ ok: false, code, message });

type Sniffed = 'zip' | 'cfb' | 'pdf' | 'image' | 'rtf' | 'text' | 'binary';

function sniff(bytes: Uint8Array): Sniffed {
  const at = (i: number) => bytes[i] ?? -1;
  if (isZip(bytes)) return 'zip';
  if (at(0) === 0xd0 && at(1) === 0xcf && at(2) === 0x11 && at(3) === 0xe0) return 'cfb';
  if (at(0) === 0x25 && at(1) === 0x50 && at(2) === 0x44 && at(3) === 0x46) return 'pdf';
  if (
    (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) ||
    (at(0) === 0xff && at(1) === 0xd8) ||
    (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46)
  ) {
    return 'image';
  }
  if (at(0) === 0x7b && at(1) === 0x5c && at(2) === 0x72 && at(3) === 0x74) return 'rtf';
  const utf16 = (at(0) === 0xff && at(1) === 0xfe) || (at(0) === 0xfe && at(1) === 0xff);
  if (!utf16) {
    const end = Math.min(bytes.length, 65536);
    let control = 0;
    for (let i = 0; i < end; i++) {
      const b = bytes[i] as number;
      if (b === 0) return 'binary';
      if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
    }
    if (control > end / 100) return 'binary';
  }
  return 'text';
}

/**
 * The formats this package does not read itself but the API converts or lays out first: PDF (pdf.js),
 * Word 97–2003 .doc, RTF and OpenDocument .odt (LibreOffice, then read as .docx). By content first,
 * the extension only where the content says nothing more (an OLE container is a .doc unless named .xls).
 */
export function convertibleFormat(input: ImportInput): 'pdf' | 'doc' | 'rtf' | 'odt' | null {
  const kind = sniff(input.bytes);
  const ext = extensionOf(input.fileName);
  if (kind === 'pdf') return 'pdf';
  if (kind === 'rtf') return 'rtf';
  if (kind === 'cfb') return ext === 'xls' ? null : 'doc';
  if (kind === 'zip') {
    try {
      const mimetype = new ZipArchive(input.bytes, DEFAULT_ZIP_LIMITS).read('mimetype');
      if (mimetype && decodeXml(mimetype).trim() === 'application/vnd.oasis.opendocument.text') return 'odt';
    } catch {
      return null;
    }
  }
  return null;
}

function extensionOf(fileName: string): string {
  const m = /\.([a-z0-9]{1,6})$/i.exec(fileName.trim());
  return m ? (m[1] as string).toLowerCase() : '';
}

/**
 * Reads a roadmap document (.docx, .xlsx or a tab-separated .txt) into a preview: the header, the
 * recognised columns, sections and items, and every piece of text that could not be placed. Never
 * throws: problems with the file are returned as `{ ok: false, code, message }` in Russian.
 */
export function parseRoadmapDocument(input: ImportInput, options: ImportOptions = {}): ImportResult {
  try {
    return parse(input, options);
  } catch (error) {
    if (error instanceof ZipError) {
      const ext = extensionOf(input.fileName);
      if (error.kind === 'bomb') return fail('ZIP_BOMB', IMPORT_ERRORS_RU.bomb(options.maxUnpackedBytes ?? DEFAULT_MAX_UNPACKED_BYTES));
      return fail('CORRUPT', ext === 'xlsx' ? IMPORT_ERRORS_RU.corruptXlsx : IMPORT_ERRORS_RU.corruptDocx);
    }
    // Anything else is a damaged part inside a container (bad XML and the like).
    const ext = extensionOf(input.fileName);
    if (ext === 'xlsx') return fail('CORRUPT', IMPORT_ERRORS_RU.corruptXlsx);
    if (ext === 'docx' || isZip(input.bytes)) return fail('CORRUPT', IMPORT_ERRORS_RU.corruptDocx);
    return fail('CORRUPT', IMPORT_ERRORS_RU.corruptText);
  }
}

function parse(input: ImportInput, options: ImportOptions): ImportResult {
  const bytes = input.bytes;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  if (!bytes || bytes.length === 0) return fail('EMPTY_FILE', IMPORT_ERRORS_RU.empty);
  if (bytes.length > maxBytes) return fail('TOO_LARGE', IMPORT_ERRORS_RU.tooLarge(bytes.length, maxBytes));

  const ext = extensionOf(input.fileName);
  const kind = sniff(bytes);
  const fileWarnings: ImportWarning[] = [];
  let format: ImportFormat;
  let source: SourceDocument;
  let encoding: string | null = null;

  if (kind === 'zip') {
    const limits = { ...DEFAULT_ZIP_LIMITS, maxUnpackedBytes: options.maxUnpackedBytes ?? DEFAULT_MAX_UNPACKED_BYTES };
    const zip = new ZipArchive(bytes, limits);
    const types = zip.read('[Content_Types].xml');
    const typesText = types ? decodeXml(types) : '';
    const isDocx = typesText.includes('wordprocessingml.document.main') || (zip.has('word/document.xml') && !typesText);
    const isXlsx = typesText.includes('spreadsheetml.sheet.main') || (zip.has('xl/workbook.xml') && !typesText);
    if (isDocx && zip.has('word/document.xml')) {
      format = 'docx';
      if (ext && ext !== 'docx' && ext !== 'docm') fileWarnings.push({ where: 'файл', message: IMPORT_WARNINGS_RU.typeMismatch(ext, 'документ Word (.docx)') });
      source = readDocx(zip);
    } else if (isXlsx && zip.has('xl/workbook.xml')) {
      format = 'xlsx';
      if (ext && ext !== 'xlsx' && ext !== 'xlsm') fileWarnings.push({ where: 'файл', message: IMPORT_WARNINGS_RU.typeMismatch(ext, 'книга Excel (.xlsx)') });
      source = readXlsx(zip);
    } else if (isDocx || isXlsx) {
      return fail('CORRUPT', isXlsx ? IMPORT_ERRORS_RU.corruptXlsx : IMPORT_ERRORS_RU.corruptDocx);
    } else {
      if (ext === 'xlsx') return fail('NOT_XLSX', IMPORT_ERRORS_RU.notXlsx);
      if (ext === 'docx') return fail('NOT_DOCX', IMPORT_ERRORS_RU.notDocx);
      return fail('UNSUPPORTED_FORMAT', IMPORT_ERRORS_RU.unsupported);
    }
  } else if (ext === 'docx' || ext === 'docm') {
    return fail('NOT_DOCX', kind === 'cfb' ? IMPORT_ERRORS_RU.notDocxLegacy : IMPORT_ERRORS_RU.notDocx);
  } else if (ext === 'xlsx' || ext === 'xlsm') {
    return fail('NOT_XLSX', IMPORT_ERRORS_RU.notXlsx);
  } else if (kind === 'cfb' || ext === 'doc' || ext === 'xls') {
    return fail('LEGACY_FORMAT', IMPORT_ERRORS_RU.legacy);
  } else if (kind === 'text') {
    format = 'txt';
    const decoded = decodeText(bytes);
    encoding = decoded.encoding;
    source = readText(decoded.text);
  } else if (ext === 'txt') {
    return fail('NOT_TEXT', IMPORT_ERRORS_RU.notText);
  } else {
    return fail('UNSUPPORTED_FORMAT', IMPORT_ERRORS_RU.unsupported);
  }

  const built = buildPreview(source, options);
  if (!built.ok) return built;
  return { ...built.preview, format, fileName: input.fileName, encoding, warnings: [...fileWarnings, ...built.preview.warnings] };
}

// ————— choosing the table —————

interface Candidate {
  blockIndex: number;
  table: SourceTable;
  headingIndex: number;
  score: number;
}

function headingRowIndex(table: SourceTable): { index: number; score: number } {
  let best = { index: -1, score: 0 };
  const limit = Math.min(table.rows.length, 25);
  for (let i = 0; i < limit; i++) {
    const score = headingScore((table.rows[i] as TableRow).cells);
    if (score >= 2 && score > best.score) best = { index: i, score };
  }
  return best;
}

function chooseTable(blocks: readonly SourceBlock[]): Candidate | null {
  let best: Candidate | null = null;
  for (const [blockIndex, block] of blocks.entries()) {
    if (block.kind !== 'table') continue;
    const { table } = block;
    const heading = headingRowIndex(table);
    let rows = table.rows.slice(heading.index + 1);
    // A heading row in a table of its own, the sections in the tables after it (as wide as it): the
    // rows below are the tables that follow, as buildPreview joins them.
    if (heading.index >= 0 && !rows.some((r) => r.cells.some(Boolean))) {
      for (let i = blockIndex + 1; i < blocks.length; i++) {
        const next = blocks[i] as SourceBlock;
        if (next.kind !== 'table' || next.table.width !== table.width) break;
        rows = rows.concat(next.table.rows);
      }
    }
    const dataRows = rows.filter((r) => r.cells.some(Boolean));
    const fullRows = dataRows.filter((r) => r.cells.filter(Boolean).length >= 2).length;
    if (!dataRows.length) continue;
    if (heading.index < 0 && (table.width < 2 || fullRows < 1)) continue;
    const score = heading.score * 1000 + Math.min(fullRows, 999);
    if (!best || score > best.score) best = { blockIndex, table, headingIndex: heading.index, score };
  }
  return best;
}

/** Text of a table that is not the roadmap (an approval block laid out as a table): by columns when small. */
function flattenTable(table: SourceTable, rows: readonly TableRow[] = table.rows): string[] {
  const out: string[] = [];
  const used = Array.from({ length: table.width }, (_, c) => rows.some((r) => r.cells[c]));
  const columnsUsed = used.filter(Boolean).length;
  if (columnsUsed >= 2 && columnsUsed <= 3 && rows.length <= 20) {
    for (let c = 0; c < table.width; c++) for (const r of rows) if (r.cells[c]) out.push(r.cells[c] as string);
  } else {
    for (const r of rows) {
      const line = r.cells.filter(Boolean).join(' ');
      if (line) out.push(line);
    }
  }
  return out;
}

/** Whether the first row of a table without recognised headings is still a heading row. */
function looksLikeHeadingRow(row: TableRow | undefined, next: TableRow | undefined): boolean {
  if (!row || !next) return false;
  const filled = row.cells.filter(Boolean);
  if (filled.length < 2) return false;
  return filled.every((c) => c.length <= 60 && !NUMBER_LIKE.test(c) && !looksLikeDeadline(c) && !looksLikeResponsible(c) && !/\d{2,}/.test(c));
}

// ————— the period —————

const NO_PERIOD: DeadlineContext = { periodStart: '', periodEnd: '' };

function periodFromDeadlines(texts: readonly string[]): ImportedPeriod | null {
  // By the ends of occurrences: «В течение 2021 года» or «30.08.2021-30.09.2021» belong to the
  // academic year 2021/22, although they start before September.
  let first: string | null = null;
  let last: string | null = null;
  for (const text of texts) {
    if (!text) continue;
    const d = parseDeadline(text, NO_PERIOD);
    let a: string | null = null;
    let b: string | null = null;
    if (d.kind === 'date' || d.kind === 'range') a = b = d.due;
    else if (d.kind === 'months' || d.kind === 'recurring') [a, b] = [d.occurrences[0]?.end ?? d.end, d.end];
    if (!a || !b) continue;
    if (!first || a < first) first = a;
    if (!last || b > last) last = b;
  }
  if (!first || !last) return null;
  const from = academicStartYear(first);
  const to = academicStartYear(last);
  if (to - from > 10) return null;
  return { periodStart: `${from}-09-01`, periodEnd: `${to + 1}-08-31`, text: IMPORT_WARNINGS_RU.periodFromDeadlines, source: 'deadlines' };
}

function periodFromApproval(header: ImportedHeader): ImportedPeriod | null {
  const date = header.approval?.orderDate ?? header.approval?.date ?? header.agreement?.date ?? null;
  if (!date || !isIsoDate(date)) return null;
  const year = academicStartYear(date);
  return { periodStart: `${year}-09-01`, periodEnd: `${year + 1}-08-31`, text: IMPORT_WARNINGS_RU.periodFromApproval, source: 'approval' };
}

// ————— the preview —————

type Built = { ok: true; preview: Omit<ImportPreview, 'format' | 'fileName' | 'encoding'> } | ImportFailure;

/**
 * The preview of a document that a reader outside this package laid out (a PDF's text with positions,
 * rebuilt into paragraphs and tables): the same recognition as for .docx, .xlsx and .txt.
 */
export function previewFromSource(source: SourceDocument, meta: { fileName: string; format: ImportFormat }, options: ImportOptions = {}): ImportResult {
  try {
    const built = buildPreview(source, options);
    if (!built.ok) return built;
    return { ...built.preview, format: meta.format, fileName: meta.fileName, encoding: null };
  } catch {
    return fail('CORRUPT', IMPORT_ERRORS_RU.corruptPdf);
  }
}

export function buildPreview(source: SourceDocument, options: ImportOptions = {}): Built {
  const warnings: ImportWarning[] = source.warnings.map((message) => ({ where: 'файл', message }));
  const chosen = chooseTable(source.blocks);
  if (!chosen) return fail('NO_TABLE', IMPORT_ERRORS_RU.noTable);

  // Adjacent tables of the same width continue the roadmap table (a table split by a page break).
  let rows: TableRow[] = chosen.table.rows.slice(chosen.headingIndex + 1);
  let lastBlock = chosen.blockIndex;
  for (let i = chosen.blockIndex + 1; i < source.blocks.length; i++) {
    const block = source.blocks[i] as SourceBlock;
    if (block.kind !== 'table' || block.table.width !== chosen.table.width) break;
    rows = rows.concat(block.table.rows);
    lastBlock = i;
    warnings.push({ where: 'таблица', message: IMPORT_WARNINGS_RU.tablesJoined });
  }

  const preamble: string[] = [];
  const postscript: string[] = [];
  for (const [i, block] of source.blocks.entries()) {
    if (i >= chosen.blockIndex && i <= lastBlock) continue;
    const target = i < chosen.blockIndex ? preamble : postscript;
    if (block.kind === 'paragraph') target.push(block.text);
    else target.push(...flattenTable(block.table));
  }
  // Rows above the heading row (a sheet with the approval block on top) belong to the preamble.
  if (chosen.headingIndex > 0) preamble.push(...flattenTable(chosen.table, chosen.table.rows.slice(0, chosen.headingIndex)));

  let headingRow: TableRow | null = chosen.headingIndex >= 0 ? (chosen.table.rows[chosen.headingIndex] as TableRow) : null;
  if (!headingRow && looksLikeHeadingRow(rows[0], rows[1])) {
    headingRow = rows[0] as TableRow;
    rows = rows.slice(1);
  }
  if (!rows.some((r) => r.cells.some(Boolean))) return fail('NO_TABLE', IMPORT_ERRORS_RU.noTable);

  const width = chosen.table.width;
  // Content-based recognition looks at a sample of the rows: enough to judge, bounded on huge tables.
  const sampleRows = rows.length > 1000 ? rows.filter((_, i) => i % Math.ceil(rows.length / 1000) === 0) : rows;
  const samples: ColumnSample[] = Array.from({ length: width }, (_, index) => ({
    index,
    heading: headingRow?.cells[index] ?? '',
    cells: sampleRows.map((r) => r.cells[index] ?? ''),
  }));
  const columns: ImportedColumn[] = mapColumns(samples, options.columnMapping);
  for (const c of columns) {
    const hasText = c.heading !== '' || rows.some((r) => r.cells[c.index]);
    if (!hasText && !c.mappedTo) c.reason = 'пустой столбец';
    else if (!c.mappedTo && c.source !== 'manual') warnings.push({ where: 'таблица', message: IMPORT_WARNINGS_RU.unmappedColumn(c.index, c.heading) });
  }
  if (chosen.headingIndex < 0) warnings.push({ where: 'таблица', message: IMPORT_WARNINGS_RU.noHeadings });
  if (!columns.some((c) => c.mappedTo === 'activity')) warnings.push({ where: 'таблица', message: IMPORT_WARNINGS_RU.noActivityColumn });

  const build = buildSections(rows, headingRow, columns, source.rowLabel);
  if (!build.sections.some((s) => s.items.length > 0 || s.title)) return fail('NO_TABLE', IMPORT_ERRORS_RU.noTable);

  // The header and the period.
  const header = readHeader(preamble);
  if (header.order) header.order.signer = readSigner(postscript.flatMap((p) => p.split('\n')).filter((l) => l.trim()));
  if (!header.title) warnings.push({ where: 'шапка', message: IMPORT_WARNINGS_RU.noTitle });
  if (!header.approval) warnings.push({ where: 'шапка', message: IMPORT_WARNINGS_RU.noApproval });
  if (!header.period) {
    const hint = options.periodHint;
    if (hint && isIsoDate(hint.periodStart) && isIsoDate(hint.periodEnd) && hint.periodStart <= hint.periodEnd) {
      header.period = { periodStart: hint.periodStart, periodEnd: hint.periodEnd, text: IMPORT_WARNINGS_RU.periodFromHint, source: 'hint' };
    } else {
      const deadlines = build.sections.flatMap((s) => s.items.map((i) => i.fields.deadline));
      header.period = periodFromDeadlines(deadlines) ?? periodFromApproval(header);
    }
    warnings.push({ where: 'шапка', message: header.period?.text ?? IMPORT_WARNINGS_RU.noPeriod });
  }
  const context: DeadlineContext = header.period ? { periodStart: header.period.periodStart, periodEnd: header.period.periodEnd } : NO_PERIOD;

  const sections = build.sections.map((s, i) => finishSection(s, i + 1, context));
  const items = sections.reduce((n, s) => n + s.items.length, 0);
  const unmapped: UnmappedText[] = build.unmapped;
  return {
    ok: true,
    preview: {
      ok: true,
      header,
      preamble,
      postscript,
      columns,
      sections,
      unmapped,
      warnings: [...warnings, ...build.warnings, ...sectionWarnings(sections, source.rowLabel)],
      stats: { rows: build.rows, items, sections: sections.length },
    },
  };
}

function finishSection(draft: DraftSection, position: number, context: DeadlineContext): ImportedSection {
  const section: ImportedSection = {
    position,
    number: draft.number,
    title: draft.title,
    task: draft.task,
    result: draft.result,
    rows: draft.rows,
    issues: [...draft.issues],
    items: [],
  };
  if (!draft.implicit) {
    for (const issue of validateSection({ title: section.title, task: section.task, result: section.result })) section.issues.push(issue);
  }
  section.items = draft.items.map((d, i) => finishItem(d, i + 1, context));
  return section;
}

function finishItem(draft: DraftItem, position: number, context: DeadlineContext): ImportedItem {
  const deadlineText = draft.fields.deadline;
  const deadline = parseDeadline(deadlineText, context);
  const item: ImportedItem = {
    position,
    number: draft.number,
    activity: draft.fields.activity,
    content: draft.fields.content,
    deadlineText,
    deadline,
    responsible: draft.fields.responsible,
    expectedResult: draft.fields.expectedResult,
    indicator: draft.fields.indicator,
    document: draft.fields.document,
    rows: draft.rows,
    unmapped: draft.unmapped,
    issues: [...draft.issues],
  };
  if (deadline.kind === 'unrecognized' && deadlineText.trim()) {
    item.issues.push({ field: 'deadlineText', message: deadline.reason, severity: 'warning' });
  }
  for (const issue of validateItem({ ...item, done: false, doneOn: null, evidence: [] })) {
    if (issue.field === 'deadlineText' && deadline.kind === 'unrecognized') continue; // already said, with the reason
    item.issues.push(issue);
  }
  for (const u of item.unmapped) {
    if (!item.issues.some((x) => x.field === `column:${u.column}`)) {
      item.issues.push({ field: `column:${u.column}`, message: `${u.heading ? `«${u.heading}»: ` : ''}${u.reason} — текст сохранён`, severity: 'warning' });
    }
  }
  return item;
}

/** Item and section issues that need the curator's attention, for the preview's list. */
function sectionWarnings(sections: readonly ImportedSection[], rowLabel: string): ImportWarning[] {
  const out: ImportWarning[] = [];
  for (const s of sections) {
    for (const issue of s.issues) {
      if (issue.severity !== 'info') out.push({ where: `раздел ${s.position}${s.number ? ` «${s.number}»` : ''}`, message: issue.message });
    }
    for (const item of s.items) {
      const where = `раздел ${s.position}, мероприятие ${item.number || `№ ${item.position} по порядку`} (${rowLabel} ${item.rows[0] ?? '?'})`;
      for (const issue of item.issues) {
        if (issue.severity === 'info' || issue.field === 'row' || issue.field.startsWith('column:')) continue;
        out.push({ where, message: issue.message });
      }
    }
  }
  return out;
}
