import type { Deadline, DeadlineContext } from '../roadmap/deadline.js';
import type { IsoDate } from '../roadmap/iso-date.js';

/**
 * The preview of an imported roadmap document (.docx, .xlsx, tab-separated .txt): what the curator
 * sees before anything is saved. Nothing of the document is dropped: text that could not be placed
 * is kept as `unmapped` (on the item or on the roadmap) with a Russian reason.
 */

/** The roadmap fields a column of the table can be mapped to. */
/**
 * `stage` is a column of stage names merged down over their rows (each name starts a section);
 * `document` is «Вид документа» beside a separate results column (alone, it is the expected result).
 */
export const IMPORT_FIELDS = ['number', 'activity', 'content', 'deadline', 'responsible', 'expectedResult', 'indicator', 'document', 'stage'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS_RU: Readonly<Record<ImportField, string>> = {
  number: '№',
  activity: 'Мероприятие',
  content: 'Содержание деятельности',
  deadline: 'Срок',
  responsible: 'Ответственный',
  expectedResult: 'Ожидаемый результат',
  indicator: 'Показатель эффективности',
  document: 'Вид документа',
  stage: 'Этап (раздел)',
};

/** docx, xlsx and txt are read here; pdf, doc, rtf and odt by the API's readers (pdf.js, LibreOffice). */
export type ImportFormat = 'docx' | 'xlsx' | 'txt' | 'pdf' | 'doc' | 'rtf' | 'odt';

export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** Used when the document states no period («на 2021-2024 гг.», «2022-2023 учебный год»). */
  periodHint?: DeadlineContext;
  /**
   * The curator's «say which column is which»: column index → field, or null to leave the column
   * unmapped (its text is then kept with each item). Columns not listed are recognised as usual.
   */
  columnMapping?: Readonly<Record<number, ImportField | null>>;
  /** Refuse larger uploads; default 20 MB. */
  maxBytes?: number;
  /** Refuse .docx/.xlsx whose entries unpack to more than this; default 50 MB. */
  maxUnpackedBytes?: number;
}

export const IMPORT_ERROR_CODES = [
  'EMPTY_FILE',
  'TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'NOT_DOCX',
  'NOT_XLSX',
  'NOT_TEXT',
  'LEGACY_FORMAT',
  'CORRUPT',
  'ZIP_BOMB',
  'NO_TABLE',
  'NO_TEXT_LAYER',
  'ENCRYPTED',
  'CONVERTER_MISSING',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export interface ImportFailure {
  ok: false;
  code: ImportErrorCode;
  message: string;
}

export type ImportResult = ImportPreview | ImportFailure;

export interface ImportWarning {
  /** «шапка», «таблица», «строка таблицы 12», «столбец 3 «Сроки»». */
  where: string;
  message: string;
}

/** Original text that could not be placed in a field, kept with the reason. */
export interface UnmappedText {
  where: string;
  text: string;
  reason: string;
  /** The column it came from, when it came from one. */
  column?: number;
  heading?: string;
}

export interface ImportIssue {
  /** An item field (`deadlineText`, `activity`…), or `row` for the row as a whole. */
  field: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

export interface ImportedColumn {
  index: number;
  /** The heading as written (empty when the table has no heading row). */
  heading: string;
  mappedTo: ImportField | null;
  /** 1 for an exact heading synonym, lower for keyword or content-based guesses, 0 when unmapped. */
  confidence: number;
  /** Why, in Russian: «заголовок «Сроки»», «по содержимому: 9 из 10 ячеек — сроки», «столбец не распознан». */
  reason: string;
  source: 'heading' | 'content' | 'manual' | 'none';
}

export interface ImportedItem {
  /** 1, 2, 3 … within the section. */
  position: number;
  /** As written: «1.1», «2.3.», «» for rows without a number. */
  number: string;
  activity: string;
  content: string;
  deadlineText: string;
  deadline: Deadline;
  responsible: string;
  expectedResult: string;
  indicator: string;
  /** «Вид документа» when the table has it beside its results column; '' otherwise. */
  document: string;
  /** Source rows (line numbers of a .txt, row numbers of a table or sheet) the item was built from. */
  rows: number[];
  /** Cells of unrecognised columns, kept as text. */
  unmapped: UnmappedText[];
  issues: ImportIssue[];
}

export interface ImportedSection {
  position: number;
  /** «1.», «2», «I» — as written; empty for a stage without a number or the implicit first section. */
  number: string;
  title: string;
  task: string;
  result: string;
  items: ImportedItem[];
  rows: number[];
  issues: ImportIssue[];
}

export interface ImportedApproval {
  kind: 'approval';
  /** «УТВЕРЖДАЮ», «УТВЕРЖДЕНО», «УТВЕРЖДЕНА» as written. */
  heading: string;
  position: string;
  organization: string;
  /** «И.И.Варламова», «С.В. Бем». */
  name: string;
  date: IsoDate | null;
  /** The date as written, also when it was left blank («" ____ " _____ 2021 года»). */
  dateText: string;
  orderNumber: string;
  orderDate: IsoDate | null;
  /** The order as written («Приказом МБОУ «Лицей №21» № 376/а от « 30 » августа 2021 г»). */
  orderText: string;
  /** The whole block, line by line. */
  text: string;
}

export interface ImportedAgreement {
  kind: 'agreement';
  heading: string;
  position: string;
  authority: string;
  name: string;
  date: IsoDate | null;
  dateText: string;
  text: string;
}

/**
 * The order (приказ, распоряжение) the roadmap is or is annexed to: «ПРИКАЗ 03.09.2022 № 118 …»,
 * «Приложение № 2 к приказу от 12.03.2024 № 45-од».
 */
export interface ImportedOrder {
  /** As written, without «№»: «118», «45-од», «02/311». */
  number: string;
  date: IsoDate | null;
  /** The annex's number when the roadmap is an annex («2»), else ''. */
  annex: string;
  /** The authority named above the order («Управление образования администрации …»), else ''. */
  authority: string;
  /** Who signs it at the bottom («Начальник управления образования», «И.О. Фамилия»). */
  signer: { position: string; name: string } | null;
  /** The lines it was read from. */
  text: string;
}

export interface ImportedPeriod {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** The words it was read from («на 2021-2024 гг.»), or a Russian note on how it was inferred. */
  text: string;
  source: 'document' | 'hint' | 'deadlines' | 'approval';
}

export interface ImportedHeader {
  title: string;
  organization: string;
  /** «Вместе», «Вместе по лестнице успеха». */
  programmeName: string;
  period: ImportedPeriod | null;
  /** The approval that belongs to the roadmap (the nearest one before its title). */
  approval: ImportedApproval | null;
  agreement: ImportedAgreement | null;
  order: ImportedOrder | null;
  /** Every approval/agreement block found before the table, in document order. */
  blocks: Array<ImportedApproval | ImportedAgreement>;
}

export interface ImportStats {
  /** Rows of the table below its heading row. */
  rows: number;
  items: number;
  sections: number;
}

export interface ImportPreview {
  ok: true;
  format: ImportFormat;
  fileName: string;
  /** The text encoding of a .txt (utf-8, windows-1251, utf-16le …); null for .docx/.xlsx. */
  encoding: string | null;
  header: ImportedHeader;
  /** Paragraphs before the table (approval blocks, title, the text of an order …). */
  preamble: string[];
  /** Paragraphs after the table. */
  postscript: string[];
  columns: ImportedColumn[];
  sections: ImportedSection[];
  /** Text of the table that belongs to no item (skipped rows, text before the first section …). */
  unmapped: UnmappedText[];
  warnings: ImportWarning[];
  stats: ImportStats;
}
