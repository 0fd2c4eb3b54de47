import { NUMBER_LIKE, headingScore, looksLikeDeadline, looksLikeResponsible, matchHeading } from './columns.js';
import { joinBroken, normalizeLabel } from './text.js';
import type { TableRow } from './source.js';
import type { ImportedColumn, ImportField, ImportIssue, ImportWarning, UnmappedText } from './types.js';

/**
 * Turns the rows of a roadmap table into sections and items: section rows (whole numbers, stage
 * names, full-width cells, text only in the first cell), «Задача этапа: …» / «Результат: …» lines,
 * items («1.1», «2.3», or rows of a table without numbers), rows continuing the item above (cells
 * broken over rows), unnumbered sub-items with their own deadline, rows in reverse order. The text of
 * every cell ends up somewhere: in a field, with the item as unmapped text, or on the roadmap.
 */

export type TextField = Exclude<ImportField, 'number' | 'stage'>;
const TEXT_FIELDS: readonly TextField[] = ['activity', 'content', 'deadline', 'responsible', 'expectedResult', 'indicator', 'document'];

export interface DraftItem {
  number: string;
  fields: Record<TextField, string>;
  rows: number[];
  unmapped: UnmappedText[];
  issues: ImportIssue[];
}

export interface DraftSection {
  number: string;
  title: string;
  task: string;
  result: string;
  items: DraftItem[];
  rows: number[];
  issues: ImportIssue[];
  implicit: boolean;
}

export interface BuildResult {
  sections: DraftSection[];
  unmapped: UnmappedText[];
  warnings: ImportWarning[];
  rows: number;
}

export const BUILD_MESSAGES_RU = {
  continuation: 'строка без номера присоединена к предыдущему мероприятию',
  repeatedNumber: (n: string) => `строка с повторным номером «${n}» присоединена к предыдущему мероприятию (ячейки разорваны)`,
  subItem: (n: string) =>
    n ? `строка без номера — отдельное мероприятие (подпункт «${n}»): у неё свой срок` : 'строка без номера — отдельное мероприятие: у неё свой срок',
  inheritedActivity: 'название мероприятия взято из строки выше (ячейка объединена или пуста)',
  unnumbered: 'строка без номера — отдельное мероприятие',
  reversed: 'ячейки строки шли в обратном порядке — порядок исправлен',
  maybeShuffled: 'возможно, ячейки строки перепутаны местами — проверьте',
  unmappedColumn: 'столбец не распознан',
  repeatedHeading: 'повтор строки заголовков таблицы пропущен',
  columnNumbers: 'строка с номерами столбцов пропущена',
  sectionContinued: 'строка без номера присоединена к названию раздела',
  separator: 'строка-разделитель пропущена',
  remapped: 'строка заголовков с другими столбцами — следующие строки прочитаны по ней',
  shifted: 'в строке меньше ячеек, чем столбцов — ячейки расставлены по содержимому',
  deadlineSplit: 'в ячейке срока был и ответственный — текст разделён',
  implicitSection: 'таблица без разделов — мероприятия собраны в один раздел',
  textBeforeSections: 'текст до первого раздела',
} as const;

/** «1.», «2», «I.» — a section number; «1.1», «2.3.» — an item number. */
const WHOLE_NUMBER = /^(?:\d{1,2}\.?|[IVX]{1,5}\.?)$/;
const DOTTED_NUMBER = /^\d{1,2}\.\d{1,3}/;
/** A number written at the start of a cell's text: «4.Содействие …», «1. Подготовка …». */
const LEADING_NUMBER = /^(\d{1,2}(?:\.\d{1,3}){0,3}\.?|[IVX]{1,5}\.)\s*(?=[А-ЯЁA-Z«"(])/;
const SECTION_LABEL = /^(?:раздел|этап|блок|модуль)\s+(?:\d{1,2}|[IVX]{1,5})\.?(?=\s)/i;
const STAGE = /(?:^|\s)этап(?:а|ы|ов)?(?![а-яё])|^(?:раздел|блок|модуль)\s/i;

/** Labels of a section's task and result lines, also used inside a section heading cell. */
export const TASK_LABEL = /(?:^|\s)(?:задач[аи]|цель)(?:\s+этапа)?\s*:\s*/i;
export const RESULT_LABEL = /(?:^|\s)(?:ожидаемы[йе]\s+)?результаты?(?:\s+этапа)?\s*:\s*/i;
const TASK_LINE = /^(?:задач[аи]|цель)(?:\s+этапа)?\s*:/i;
const RESULT_LINE = /^(?:ожидаемы[йе]\s+)?результаты?(?:\s+этапа)?\s*:/i;

/** «Подготовка условий … Задача этапа: информирование …» → title, task, result. */
export function splitSectionText(text: string): { title: string; task: string; result: string } {
  const task = TASK_LABEL.exec(text);
  const result = RESULT_LABEL.exec(text);
  const cuts = [task, result].filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index);
  const first = cuts[0];
  if (!first) return { title: text.trim(), task: '', result: '' };
  const title = text.slice(0, first.index).trim();
  const part = (m: RegExpExecArray | null) => {
    if (!m) return '';
    const next = cuts.find((c) => c.index > m.index);
    return text.slice(m.index + m[0].length, next ? next.index : text.length).trim();
  };
  return { title, task: part(task), result: part(result) };
}

function isColumnNumbersRow(cells: readonly string[]): boolean {
  const filled = cells.filter(Boolean);
  if (filled.length < 3) return false;
  let expected = 1;
  for (const cell of filled) {
    if (!/^\d{1,2}\.?$/.test(cell) || parseInt(cell, 10) !== expected) return false;
    expected++;
  }
  return true;
}

type ColumnIndex = Partial<Record<ImportField, number>>;

function plausibility(cells: readonly string[], colOf: ColumnIndex): number {
  let score = 0;
  for (const [field, col] of Object.entries(colOf) as Array<[ImportField, number]>) {
    const t = cells[col] ?? '';
    if (!t) continue;
    switch (field) {
      case 'number':
        score += NUMBER_LIKE.test(t) ? 2 : -1;
        break;
      case 'deadline':
        score += looksLikeDeadline(t) ? 2 : t.length > 80 || looksLikeResponsible(t) || looksLikeIndicatorText(t) ? -1 : 0;
        break;
      case 'responsible':
        score += looksLikeResponsible(t) ? 1 : looksLikeIndicatorText(t) ? -1 : 0;
        break;
      case 'indicator':
        score += looksLikeIndicatorText(t) ? 1 : looksLikeResponsible(t) && t.length < 80 ? -2 : 0;
        break;
      case 'activity':
      case 'content':
        if (NUMBER_LIKE.test(t)) score -= 2;
        else if (t.length < 60 && looksLikeDeadline(t)) score -= 2;
        else if (t.length < 80 && looksLikeResponsible(t)) score -= 1;
        break;
      default:
        if (NUMBER_LIKE.test(t)) score -= 2;
    }
  }
  return score;
}

const emptyFields = (): Record<TextField, string> => ({
  activity: '',
  content: '',
  deadline: '',
  responsible: '',
  expectedResult: '',
  indicator: '',
  document: '',
});

const SEPARATOR_CELL = /^:?-{2,}:?$/;

function looksLikeIndicatorText(text: string): boolean {
  return /\d\s?%|не менее|не более|доля|количеств/i.test(text);
}

/**
 * A row with fewer cells than the table has columns (a column dropped after a page break): the cells
 * are kept in order and the missing columns put where the row reads most plausibly.
 */
function placeShortRow(cells: readonly string[], count: number, width: number, colOf: ColumnIndex): string[] | null {
  const gap = width - count;
  if (gap <= 0 || count < 2) return null;
  // An item names its activity: a placement that empties the activity column reads worse.
  const score = (row: readonly string[]) => plausibility(row, colOf) + (colOf.activity !== undefined && row[colOf.activity] ? 1 : 0);
  const base = score(cells);
  let best: { cells: string[]; score: number } | null = null;
  for (let at = 1; at < count; at++) {
    const placed = [...cells.slice(0, at), ...new Array<string>(gap).fill(''), ...cells.slice(at, count)];
    const here = score(placed);
    if (here > base && (!best || here > best.score)) best = { cells: placed, score: here };
  }
  return best?.cells ?? null;
}

/** «Июнь 2025 Заместитель директора Иванова И.И.»: the deadline, then the next column's text. */
function splitDeadline(text: string): { deadline: string; rest: string } | null {
  const words = text.split(/\s+/);
  for (let n = 1; n < words.length; n++) {
    const head = words.slice(0, n).join(' ');
    const rest = words.slice(n).join(' ');
    if (looksLikeDeadline(head) && !looksLikeDeadline(rest) && looksLikeResponsible(rest) && /^[А-ЯЁ]/.test(rest)) return { deadline: head, rest };
  }
  return null;
}

export function buildSections(rows: readonly TableRow[], headingRow: TableRow | null, columns: readonly ImportedColumn[], rowLabel: string): BuildResult {
  let colOf: ColumnIndex = {};
  for (const c of columns) if (c.mappedTo) colOf[c.mappedTo] = c.index;
  let unmappedColumns: ImportedColumn[] = columns.filter((c) => !c.mappedTo);
  let textColumns = [colOf.activity, colOf.content].filter((c): c is number => c !== undefined);
  const width = columns.length;

  const sections: DraftSection[] = [];
  const unmapped: UnmappedText[] = [];
  const warnings: ImportWarning[] = [];
  let section: DraftSection | null = null;
  let item: DraftItem | null = null;
  /** The last item that has an activity of its own (sub-items inherit it). */
  let parent: DraftItem | null = null;
  let dataRows = 0;

  const headingKey = headingRow ? headingRow.cells.map(normalizeLabel).join('|') : null;

  // First pass: does the table number its items «1.1», and how many rows carry whole numbers?
  let hasDotted = false;
  let wholeCount = 0;
  let nonEmptyCount = 0;
  let numberedCount = 0;
  for (const row of rows) {
    if (!row.cells.some(Boolean) || isColumnNumbersRow(row.cells)) continue;
    nonEmptyCount++;
    if (colOf.number !== undefined && NUMBER_LIKE.test(row.cells[colOf.number] ?? '')) numberedCount++;
    const raw = (colOf.number !== undefined ? row.cells[colOf.number] : '') || (colOf.activity !== undefined ? row.cells[colOf.activity] : '') || '';
    const n = NUMBER_LIKE.test(raw) ? raw : (LEADING_NUMBER.exec(raw)?.[1] ?? '');
    if (DOTTED_NUMBER.test(n)) hasDotted = true;
    else if (WHOLE_NUMBER.test(n)) wholeCount++;
  }
  const wholeNumbersAreSections = hasDotted || wholeCount <= nonEmptyCount / 2;
  // Most rows without a number: a row is an item by its shape (its own deadline and more), not its case.
  const numbersRare = numberedCount < nonEmptyCount / 2;
  // A Word or Excel table that marks its sections as merged full-width rows: its other rows are
  // items (or continuations), never sections guessed from their text.
  const structured = rows.some((r) => r.fullWidth);

  const newSection = (number: string, text: string, source: number): DraftSection => {
    const { title, task, result } = splitSectionText(text);
    const s: DraftSection = { number, title, task, result, items: [], rows: [source], issues: [], implicit: false };
    sections.push(s);
    return s;
  };
  const ensureSection = (source: number): DraftSection => {
    if (section) return section;
    section = { number: '', title: '', task: '', result: '', items: [], rows: [source], issues: [], implicit: true };
    section.issues.push({ field: 'title', message: BUILD_MESSAGES_RU.implicitSection, severity: 'info' });
    sections.push(section);
    return section;
  };

  const addUnmappedCells = (target: DraftItem, cells: readonly string[], where: string) => {
    for (const c of unmappedColumns) {
      const text = cells[c.index] ?? '';
      if (!text) continue;
      const existing = target.unmapped.find((u) => u.column === c.index);
      if (existing) existing.text = joinBroken(existing.text, text);
      else target.unmapped.push({ where, text, reason: BUILD_MESSAGES_RU.unmappedColumn, column: c.index, heading: c.heading });
    }
  };

  const startItem = (number: string, fields: Record<TextField, string>, cells: readonly string[], source: number, where: string): DraftItem => {
    const s = ensureSection(source);
    const created: DraftItem = { number, fields, rows: [source], unmapped: [], issues: [] };
    addUnmappedCells(created, cells, where);
    s.items.push(created);
    s.rows.push(source);
    return created;
  };

  for (const row of rows) {
    const where = `${rowLabel} ${row.source}`;
    let cells = [...row.cells];
    let merged = [...row.merged];
    if (!cells.some(Boolean)) continue;
    dataRows++;

    if (headingKey !== null && headingScore(cells) >= 2 && cells.map(normalizeLabel).join('|') === headingKey) {
      warnings.push({ where, message: BUILD_MESSAGES_RU.repeatedHeading });
      continue;
    }
    if (cells.filter(Boolean).every((c) => SEPARATOR_CELL.test(c))) {
      unmapped.push({ where, text: cells.filter(Boolean).join(' '), reason: BUILD_MESSAGES_RU.separator });
      continue;
    }
    // The heading row again, with other columns (a page of the source laid out differently): the rows
    // below it are read by its headings.
    if (headingScore(cells) >= 3 && cells.filter(Boolean).every((c) => matchHeading(c) !== null)) {
      const next: ColumnIndex = {};
      for (const [i, c] of cells.entries()) {
        const m = c ? matchHeading(c) : null;
        if (m && next[m.field] === undefined) next[m.field] = i;
      }
      colOf = next;
      unmappedColumns = columns.filter((c) => !Object.values(next).includes(c.index) && cells[c.index]);
      textColumns = [colOf.activity, colOf.content].filter((c): c is number => c !== undefined);
      unmapped.push({ where, text: cells.filter(Boolean).join(' '), reason: BUILD_MESSAGES_RU.remapped });
      warnings.push({ where, message: BUILD_MESSAGES_RU.remapped });
      continue;
    }
    if (row.count !== undefined && row.count < width) {
      const placed = placeShortRow(cells, row.count, width, colOf);
      if (placed) {
        cells = placed;
        warnings.push({ where, message: BUILD_MESSAGES_RU.shifted });
      }
    }
    if (isColumnNumbersRow(cells)) {
      unmapped.push({ where, text: cells.filter(Boolean).join(' '), reason: BUILD_MESSAGES_RU.columnNumbers });
      continue;
    }

    // A row written back to front.
    const rowIssues: ImportIssue[] = [];
    if (cells.filter(Boolean).length >= 3) {
      const reversed = [...cells].reverse();
      const before = plausibility(cells, colOf);
      const after = plausibility(reversed, colOf);
      if (after >= before + 3) {
        cells = reversed;
        merged = [...merged].reverse();
        rowIssues.push({ field: 'row', message: BUILD_MESSAGES_RU.reversed, severity: 'warning' });
        warnings.push({ where, message: BUILD_MESSAGES_RU.reversed });
      } else if (before <= -2) {
        rowIssues.push({ field: 'row', message: BUILD_MESSAGES_RU.maybeShuffled, severity: 'warning' });
        warnings.push({ where, message: BUILD_MESSAGES_RU.maybeShuffled });
      }
    }

    // The number: from its column, or written at the start of the first text.
    let number = '';
    let lead = '';
    if (colOf.number !== undefined) {
      const raw = cells[colOf.number] ?? '';
      if (NUMBER_LIKE.test(raw)) number = raw;
      else if (raw) {
        const m = LEADING_NUMBER.exec(raw);
        if (m) {
          number = m[1] as string;
          lead = raw.slice(m[0].length).trim();
        } else {
          lead = raw;
        }
      }
      cells[colOf.number] = '';
    }
    // A stage column: its name starts a section; the rest of the row is still an item.
    if (colOf.stage !== undefined) {
      const stage = cells[colOf.stage] ?? '';
      cells[colOf.stage] = '';
      if (stage && merged[colOf.stage] === null) {
        const m = LEADING_NUMBER.exec(stage);
        section = newSection(m ? (m[1] as string) : '', m ? stage.slice(m[0].length).trim() : stage, row.source);
        item = null;
        parent = null;
      }
      if (!cells.some(Boolean)) continue;
    }
    const fields = emptyFields();
    for (const f of TEXT_FIELDS) {
      const col = colOf[f];
      if (col !== undefined) fields[f] = cells[col] ?? '';
    }
    if (fields.deadline && !fields.responsible && colOf.responsible !== undefined) {
      const split = splitDeadline(fields.deadline);
      if (split) {
        fields.deadline = split.deadline;
        fields.responsible = split.rest;
        rowIssues.push({ field: 'deadlineText', message: BUILD_MESSAGES_RU.deadlineSplit, severity: 'info' });
      }
    }
    // Text found in the number column belongs to the activity (a shifted or merged cell).
    if (lead) fields.activity = fields.activity ? `${lead}\n${fields.activity}` : lead;
    if (!number && fields.activity) {
      const m = LEADING_NUMBER.exec(fields.activity);
      // «1. Организация … 2. Инструктаж …»: a list inside the cell, whose «1.» is no item number.
      const list = m !== null && /^1\.?$/.test(m[1] as string) && /(?:^|\s)2\.\s?\S/.test(fields.activity.slice(m[0].length));
      if (m && colOf.number === undefined && !list) {
        number = m[1] as string;
        fields.activity = fields.activity.slice(m[0].length).trim();
      }
    }
    const unmappedFilled = unmappedColumns.filter((c) => cells[c.index]);
    const filled = TEXT_FIELDS.filter((f) => fields[f]);
    const textCount = filled.length + unmappedFilled.length;
    const single = textCount === 1 ? (filled[0] ? fields[filled[0]] : (cells[(unmappedFilled[0] as ImportedColumn).index] ?? '')) : null;
    const singleInFirstText =
      single !== null && (filled[0] === 'activity' || filled[0] === 'content' || (textColumns.length === 0 && unmappedFilled.length === 1));

    // «Задача этапа: …», «Результат: …» lines of the current section.
    if ((single !== null || row.fullWidth) && !DOTTED_NUMBER.test(number)) {
      const text = single ?? cells.filter(Boolean).join('\n');
      const labelled = TASK_LINE.test(text) ? 'task' : RESULT_LINE.test(text) ? 'result' : null;
      if (labelled && !number) {
        const s = ensureSection(row.source);
        const parts = splitSectionText(text);
        if (parts.task) s.task = s.task ? `${s.task}\n${parts.task}` : parts.task;
        if (parts.result) s.result = s.result ? `${s.result}\n${parts.result}` : parts.result;
        s.rows.push(row.source);
        item = null;
        parent = null;
        continue;
      }
    }

    // Section rows.
    const currentComplete = item ? TEXT_FIELDS.filter((f) => (item as DraftItem).fields[f]).length >= 2 : true;
    // Text in the table's first cell alone, the rest of a wide row empty: a heading spanning the table.
    const firstCellOnly = width >= 3 && !!row.cells[0] && row.cells.slice(1).every((c) => !c);
    // «Раздел 1. Анализ …», «Этап 2. …» written in one cell: the label and number are the section's number.
    if (!number && single !== null && singleInFirstText) {
      const labelled = SECTION_LABEL.exec(single);
      if (labelled) {
        section = newSection(labelled[0].trim(), single.slice(labelled[0].length).trim(), row.source);
        item = null;
        parent = null;
        continue;
      }
    }
    // A row across the table going on in lower case under an item is the item's text cut by a page.
    const goesOn = item !== null && single !== null && /^[a-zа-яё]/.test(single);
    const isSection =
      (row.fullWidth && !DOTTED_NUMBER.test(number) && !goesOn) ||
      (single !== null && singleInFirstText && /^[IVX]{1,5}\.?$/.test(number)) ||
      // A whole number with its text alone is a section where items carry dotted numbers, even in a
      // Word table that merges some of its section rows and not others.
      (single !== null && singleInFirstText && WHOLE_NUMBER.test(number) && wholeNumbersAreSections && (!structured || hasDotted)) ||
      (!structured && single !== null && !number && singleInFirstText && single.length <= 300 && STAGE.test(single)) ||
      (!structured &&
        single !== null &&
        !number &&
        singleInFirstText &&
        filled[0] === 'activity' &&
        /^[А-ЯЁA-Z«"]/.test(single) &&
        single.length <= 300 &&
        currentComplete &&
        hasDotted) ||
      (!structured &&
        single !== null &&
        !DOTTED_NUMBER.test(number) &&
        firstCellOnly &&
        /^[А-ЯЁA-Z«"]/.test(single) &&
        single.length <= 200 &&
        !/[,;:]$/.test(single) &&
        currentComplete);
    if (isSection) {
      const text = single ?? cells.filter(Boolean).join('\n');
      section = newSection(number, text, row.source);
      item = null;
      parent = null;
      continue;
    }

    // Numbered item rows (a repeated number with a sentence going on continues the item above).
    if (number) {
      const firstText = filled.map((f) => fields[f])[0] ?? '';
      if (item && number === item.number && /^[a-zа-яё0-9]/.test(firstText)) {
        mergeInto(item, fields, cells, row.source, where, BUILD_MESSAGES_RU.repeatedNumber(number));
        continue;
      }
      item = startItem(number, fields, cells, row.source, where);
      item.issues.push(...rowIssues);
      fillMerged(item, merged, colOf);
      parent = item;
      continue;
    }

    // Unnumbered rows. In a table without numbers, a row with an activity and something else is a
    // new item.
    const newUnnumbered =
      fields.activity !== '' && !/^[a-zа-яё]/.test(fields.activity) && (colOf.number === undefined || !hasDotted) && (textCount >= 2 || item === null);
    if (newUnnumbered || (item === null && !(section && section.items.length === 0 && single !== null && filled[0] === 'activity'))) {
      item = startItem('', fields, cells, row.source, where);
      item.issues.push(...rowIssues);
      fillMerged(item, merged, colOf);
      if (!item.fields.activity && parent) {
        item.fields.activity = parent.fields.activity;
        if (item.fields.activity) item.issues.push({ field: 'activity', message: BUILD_MESSAGES_RU.inheritedActivity, severity: 'info' });
      } else {
        parent = item;
      }
      continue;
    }

    // In a table that mostly numbers nothing, a row with its own deadline and more under an item that
    // has one is a new item, whatever the case of its first letter.
    if (
      item &&
      numbersRare &&
      textCount >= 3 &&
      fields.deadline !== '' &&
      looksLikeDeadline(fields.deadline) &&
      item.fields.deadline !== '' &&
      fields.activity !== ''
    ) {
      item = startItem('', fields, cells, row.source, where);
      item.issues.push({ field: 'row', message: BUILD_MESSAGES_RU.unnumbered, severity: 'info' }, ...rowIssues);
      fillMerged(item, merged, colOf);
      parent = item;
      continue;
    }

    // A row with a deadline of its own under an item that has one (or under a lead-in ending with
    // «:») is a sub-item, not a broken cell.
    const ownDeadline = fields.deadline;
    const continuesSentence = item !== null && /^[a-zа-яё]/.test(fields.activity || fields.content);
    const subItem =
      item !== null &&
      ownDeadline !== '' &&
      (fields.activity !== '' || fields.content !== '') &&
      !continuesSentence &&
      (item.fields.deadline !== '' || /:\s*$/.test(item.fields.activity)) &&
      (looksLikeDeadline(ownDeadline) || /^[А-ЯЁ]/.test(ownDeadline));
    if (subItem && item) {
      const base: DraftItem = parent ?? item;
      const created = startItem('', fields, cells, row.source, where);
      created.issues.push({ field: 'row', message: BUILD_MESSAGES_RU.subItem(base.number), severity: 'info' }, ...rowIssues);
      warnings.push({ where, message: BUILD_MESSAGES_RU.subItem(base.number) });
      fillMerged(created, merged, colOf);
      if (!created.fields.activity) {
        created.fields.activity = base.fields.activity;
        if (created.fields.activity) created.issues.push({ field: 'activity', message: BUILD_MESSAGES_RU.inheritedActivity, severity: 'info' });
      }
      item = created;
      continue;
    }

    // An unnumbered row of its own: a capitalised activity with other cells filled (or any row of a
    // structured table); a sentence going on in lower case stays a continuation.
    if (item && /^[А-ЯЁA-Z«"]/.test(fields.activity) && (structured || textCount >= 2)) {
      item = startItem('', fields, cells, row.source, where);
      item.issues.push({ field: 'row', message: BUILD_MESSAGES_RU.unnumbered, severity: 'info' }, ...rowIssues);
      warnings.push({ where, message: BUILD_MESSAGES_RU.unnumbered });
      fillMerged(item, merged, colOf);
      parent = item;
      continue;
    }

    if (item) {
      mergeInto(item, fields, cells, row.source, where, BUILD_MESSAGES_RU.continuation);
      item.issues.push(...rowIssues);
      continue;
    }

    // A line continuing the heading of a section that has no items yet.
    if (section && single !== null) {
      section.title = joinBroken(section.title, single);
      section.rows.push(row.source);
      section.issues.push({ field: 'title', message: BUILD_MESSAGES_RU.sectionContinued, severity: 'info' });
      warnings.push({ where, message: BUILD_MESSAGES_RU.sectionContinued });
      continue;
    }
    unmapped.push({ where, text: cells.filter(Boolean).join('\n'), reason: BUILD_MESSAGES_RU.textBeforeSections });
  }

  function mergeInto(target: DraftItem, fields: Record<TextField, string>, cells: readonly string[], source: number, where: string, message: string) {
    for (const f of TEXT_FIELDS) if (fields[f]) target.fields[f] = joinBroken(target.fields[f], fields[f]);
    addUnmappedCells(target, cells, where);
    target.rows.push(source);
    if (!target.issues.some((i) => i.message === message)) target.issues.push({ field: 'row', message, severity: 'info' });
    warnings.push({ where, message });
  }

  return { sections, unmapped, warnings, rows: dataRows };
}

/** Cells of a vertical merge repeat the merged text in a new item. */
function fillMerged(target: DraftItem, merged: ReadonlyArray<string | null>, colOf: ColumnIndex) {
  for (const f of TEXT_FIELDS) {
    const col = colOf[f];
    if (col === undefined || target.fields[f]) continue;
    const origin = merged[col];
    if (origin) target.fields[f] = origin;
  }
  if (colOf.number !== undefined && !target.number) {
    const origin = merged[colOf.number];
    if (origin && NUMBER_LIKE.test(origin)) target.number = origin;
  }
}
