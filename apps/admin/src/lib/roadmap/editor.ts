/**
 * The roadmap editor's state: the header and the sections with their items exactly as typed
 * (periods in ДД.ММ.ГГГГ), kept apart from what the server last saved, so nothing typed is lost
 * on an error. A pure reducer; the page renders it and saves it with `saveRoadmapRevision`.
 */
import { deadlinePlacement, describeDeadlineRu, formatPeriodRu, parseDeadline, validateItem, validateSection, VALIDATION_MESSAGES_RU } from '@nastavnik/domain';
import { ru } from '../../i18n/ru';
import { isoToRu, parseDateRu } from './dates';

export const ITEM_FIELDS = ['number', 'activity', 'content', 'deadlineText', 'responsible', 'expectedResult', 'indicator'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];
/**
 * How the table shows the seven item fields in five columns (so it fits a laptop screen without
 * scrolling sideways): the content under the activity, the indicator under the expected result.
 */
export const ITEM_COLUMNS = [
  { key: 'number', fields: ['number'] },
  { key: 'activity', fields: ['activity', 'content'] },
  { key: 'deadlineText', fields: ['deadlineText'] },
  { key: 'responsible', fields: ['responsible'] },
  { key: 'expectedResult', fields: ['expectedResult', 'indicator'] },
] as const satisfies ReadonlyArray<{ key: string; fields: readonly ItemField[] }>;
export type ItemColumn = (typeof ITEM_COLUMNS)[number]['key'];

export const SECTION_FIELDS = ['title', 'task', 'result'] as const;
export type SectionField = (typeof SECTION_FIELDS)[number];
export const HEADER_FIELDS = ['programmeName', 'title', 'periodStart', 'periodEnd'] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];

export type EditorItem = Record<ItemField, string> & {
  /** Local identity of the row (the item's key when it came from the server). */
  uid: string;
  /** The item's stable key; null for an item added here and not saved yet. */
  key: string | null;
};

export type EditorSection = Record<SectionField, string> & {
  uid: string;
  key: string | null;
  items: EditorItem[];
};

export interface EditorDraft {
  header: Record<HeaderField, string>;
  sections: EditorSection[];
}

export interface EditorState {
  draft: EditorDraft;
  /** What the server holds (as of `baseVersion`): the draft is dirty when it differs. */
  saved: EditorDraft;
  baseVersion: number;
  /** Counter for the uids of new rows. */
  nextUid: number;
}

/** The revision as the API returns it (only what the editor needs). */
export interface RevisionContent {
  version: number;
  title: string;
  programmeName: string;
  periodStart: string;
  periodEnd: string;
  sections: ReadonlyArray<{ key: string; title: string; task: string; result: string; items: ReadonlyArray<{ key: string } & Record<ItemField, string>> }>;
}

/** The seven text fields of an item, nothing else. */
function itemFields(item: Record<ItemField, string>): Record<ItemField, string> {
  return Object.fromEntries(ITEM_FIELDS.map((field) => [field, item[field]])) as Record<ItemField, string>;
}

export function draftFromRevision(revision: RevisionContent): EditorDraft {
  return {
    header: {
      programmeName: revision.programmeName,
      title: revision.title,
      periodStart: isoToRu(revision.periodStart),
      periodEnd: isoToRu(revision.periodEnd),
    },
    sections: revision.sections.map((section) => ({
      uid: `s:${section.key}`,
      key: section.key,
      title: section.title,
      task: section.task,
      result: section.result,
      items: section.items.map((item) => ({ uid: `i:${item.key}`, key: item.key, ...itemFields(item) })),
    })),
  };
}

export function initEditor(revision: RevisionContent): EditorState {
  const draft = draftFromRevision(revision);
  return { draft, saved: draft, baseVersion: revision.version, nextUid: 1 };
}

export type EditorAction =
  | { type: 'header'; field: HeaderField; value: string }
  | { type: 'section'; uid: string; field: SectionField; value: string }
  | { type: 'item'; uid: string; field: ItemField; value: string }
  | { type: 'addItem'; sectionUid: string }
  /** A new empty row right below this item (the grid's Ctrl/Cmd+Enter). */
  | { type: 'addItemAfter'; uid: string }
  /**
   * Rows pasted at this item: the first fills this item's pasted fields, the others become new
   * items right below it (numbered on from it when the paste brought no numbers).
   */
  | { type: 'pasteItems'; uid: string; items: ReadonlyArray<Partial<Record<ItemField, string>>> }
  | { type: 'removeItem'; uid: string }
  | { type: 'moveItem'; uid: string; direction: -1 | 1 }
  | { type: 'addSection' }
  | { type: 'removeSection'; uid: string }
  | { type: 'moveSection'; uid: string; direction: -1 | 1 }
  /** A copy kept on this device is restored (the server's version stays the base). */
  | { type: 'restore'; draft: EditorDraft }
  /** The server saved the draft (or the user took the server's version): both become it. */
  | { type: 'saved'; revision: RevisionContent }
  /** Someone else saved meanwhile: keep the user's draft, but build on the server's newer version. */
  | { type: 'rebase'; revision: RevisionContent };

const emptyItem = (uid: string, number: string): EditorItem => ({
  uid,
  key: null,
  number,
  activity: '',
  content: '',
  deadlineText: '',
  responsible: '',
  expectedResult: '',
  indicator: '',
});

/** «2.4» after «2.3» in the second section; «2.1» in an empty one. */
export function suggestNumber(sectionIndex: number, items: readonly Pick<EditorItem, 'number'>[]): string {
  const last = items.at(-1)?.number.trim() ?? '';
  const match = /^(.*?)(\d+)\.?$/.exec(last);
  if (match) return `${match[1]}${Number(match[2]) + 1}`;
  return `${sectionIndex + 1}.${items.length + 1}`;
}

function swap<T>(list: readonly T[], index: number, other: number): T[] {
  const next = [...list];
  [next[index], next[other]] = [next[other]!, next[index]!];
  return next;
}

function mapSections(draft: EditorDraft, fn: (section: EditorSection) => EditorSection): EditorDraft {
  return { ...draft, sections: draft.sections.map(fn) };
}

/** Moves an item up or down; past the top or bottom of its section it goes to the neighbouring section. */
function moveItem(draft: EditorDraft, uid: string, direction: -1 | 1): EditorDraft {
  const s = draft.sections.findIndex((section) => section.items.some((item) => item.uid === uid));
  if (s < 0) return draft;
  const section = draft.sections[s]!;
  const i = section.items.findIndex((item) => item.uid === uid);
  const target = i + direction;
  if (target >= 0 && target < section.items.length) {
    return { ...draft, sections: draft.sections.map((x, n) => (n === s ? { ...x, items: swap(x.items, i, target) } : x)) };
  }
  const neighbour = s + direction;
  if (neighbour < 0 || neighbour >= draft.sections.length) return draft;
  const item = section.items[i]!;
  return {
    ...draft,
    sections: draft.sections.map((x, n) => {
      if (n === s) return { ...x, items: x.items.filter((other) => other.uid !== uid) };
      if (n === neighbour) return { ...x, items: direction < 0 ? [...x.items, item] : [item, ...x.items] };
      return x;
    }),
  };
}

/** New items right after the item `uid`, in its section; numbers go on from it where a row brings none. */
function insertAfter(
  draft: EditorDraft,
  uid: string,
  rows: ReadonlyArray<Partial<Record<ItemField, string>>>,
  nextUid: number,
): { draft: EditorDraft; nextUid: number } {
  const s = draft.sections.findIndex((section) => section.items.some((item) => item.uid === uid));
  if (s < 0 || rows.length === 0) return { draft, nextUid };
  const section = draft.sections[s]!;
  const at = section.items.findIndex((item) => item.uid === uid) + 1;
  const added: EditorItem[] = [];
  let uidCounter = nextUid;
  for (const row of rows) {
    const base = emptyItem(`new:${uidCounter++}`, suggestNumber(s, [...section.items.slice(0, at), ...added]));
    added.push({ ...base, ...row, uid: base.uid, key: null });
  }
  const items = [...section.items.slice(0, at), ...added, ...section.items.slice(at)];
  return { draft: { ...draft, sections: draft.sections.map((x, n) => (n === s ? { ...x, items } : x)) }, nextUid: uidCounter };
}

function editDraft(state: EditorState, action: EditorAction): { draft: EditorDraft; nextUid: number } {
  const { draft, nextUid } = state;
  switch (action.type) {
    case 'header':
      return { draft: { ...draft, header: { ...draft.header, [action.field]: action.value } }, nextUid };
    case 'section':
      return { draft: mapSections(draft, (s) => (s.uid === action.uid ? { ...s, [action.field]: action.value } : s)), nextUid };
    case 'item':
      return {
        draft: mapSections(draft, (s) => ({ ...s, items: s.items.map((i) => (i.uid === action.uid ? { ...i, [action.field]: action.value } : i)) })),
        nextUid,
      };
    case 'addItem': {
      const index = draft.sections.findIndex((s) => s.uid === action.sectionUid);
      if (index < 0) return { draft, nextUid };
      return {
        draft: mapSections(draft, (s) =>
          s.uid === action.sectionUid ? { ...s, items: [...s.items, emptyItem(`new:${nextUid}`, suggestNumber(index, s.items))] } : s,
        ),
        nextUid: nextUid + 1,
      };
    }
    case 'addItemAfter':
      return insertAfter(draft, action.uid, [{}], nextUid);
    case 'pasteItems': {
      const [first, ...rest] = action.items;
      if (!first) return { draft, nextUid };
      const filled = mapSections(draft, (s) => ({ ...s, items: s.items.map((i) => (i.uid === action.uid ? { ...i, ...first } : i)) }));
      return insertAfter(filled, action.uid, rest, nextUid);
    }
    case 'removeItem':
      return { draft: mapSections(draft, (s) => ({ ...s, items: s.items.filter((i) => i.uid !== action.uid) })), nextUid };
    case 'moveItem':
      return { draft: moveItem(draft, action.uid, action.direction), nextUid };
    case 'addSection':
      return {
        draft: { ...draft, sections: [...draft.sections, { uid: `new:${nextUid}`, key: null, title: '', task: '', result: '', items: [] }] },
        nextUid: nextUid + 1,
      };
    case 'removeSection':
      return { draft: { ...draft, sections: draft.sections.filter((s) => s.uid !== action.uid) }, nextUid };
    case 'moveSection': {
      const index = draft.sections.findIndex((s) => s.uid === action.uid);
      const target = index + action.direction;
      if (index < 0 || target < 0 || target >= draft.sections.length) return { draft, nextUid };
      return { draft: { ...draft, sections: swap(draft.sections, index, target) }, nextUid };
    }
    default:
      return { draft, nextUid };
  }
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'restore':
      return { ...state, draft: action.draft, nextUid: Math.max(state.nextUid, afterNewUids(action.draft)) };
    case 'saved': {
      const draft = draftFromRevision(action.revision);
      return { ...state, draft, saved: draft, baseVersion: action.revision.version };
    }
    case 'rebase':
      return { ...state, saved: draftFromRevision(action.revision), baseVersion: action.revision.version };
    default: {
      const { draft, nextUid } = editDraft(state, action);
      return draft === state.draft ? state : { ...state, draft, nextUid };
    }
  }
}

/**
 * Past every `new:<n>` uid of a restored draft, so the rows added next get uids of their own: the
 * draft may come from another device, whose counter ran past rows it later removed.
 */
function afterNewUids(draft: EditorDraft): number {
  let next = 1;
  const see = (uid: string) => {
    const match = /^new:(\d+)$/.exec(uid);
    if (match) next = Math.max(next, Number(match[1]) + 1);
  };
  for (const section of draft.sections) {
    see(section.uid);
    for (const item of section.items) see(item.uid);
  }
  return next;
}

export function sameDraft(a: EditorDraft, b: EditorDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function isDirty(state: EditorState): boolean {
  return !sameDraft(state.draft, state.saved);
}

// ————— validation —————

export type CellErrors = Partial<Record<ItemField | SectionField, string>>;

export interface EditorErrors {
  header: Partial<Record<HeaderField, string>>;
  /** By section or item uid. */
  cells: Record<string, CellErrors>;
}

export const noErrors = (): EditorErrors => ({ header: {}, cells: {} });

export function hasErrors(errors: EditorErrors): boolean {
  return Object.keys(errors.header).length > 0 || Object.values(errors.cells).some((cell) => Object.keys(cell).length > 0);
}

export function countErrors(errors: EditorErrors): number {
  return Object.keys(errors.header).length + Object.values(errors.cells).reduce((n, cell) => n + Object.keys(cell).length, 0);
}

function addCell(errors: EditorErrors, uid: string, field: ItemField | SectionField, message: string): void {
  const cell = (errors.cells[uid] ??= {});
  cell[field] ??= message;
}

/** The client's check before saving (the API checks again): blocking errors only, beside their cells. */
export function validateDraft(draft: EditorDraft): EditorErrors {
  const errors = noErrors();
  const { header } = draft;
  if (!header.programmeName.trim()) errors.header.programmeName = VALIDATION_MESSAGES_RU.required(ru.editor.programmeName);
  if (!header.title.trim()) errors.header.title = VALIDATION_MESSAGES_RU.required(ru.editor.title);
  const start = parseDateRu(header.periodStart);
  const end = parseDateRu(header.periodEnd);
  if (!start) errors.header.periodStart = ru.dates.invalid(ru.editor.periodStart);
  if (!end) errors.header.periodEnd = ru.dates.invalid(ru.editor.periodEnd);
  if (start && end && end < start) errors.header.periodEnd = ru.editor.periodOrder;
  for (const section of draft.sections) {
    for (const issue of validateSection({ title: section.title, task: section.task, result: section.result })) {
      if (issue.severity === 'error') addCell(errors, section.uid, issue.field as SectionField, issue.message);
    }
    for (const item of itemsToSend(section)) {
      for (const issue of validateItem(item)) {
        if (issue.severity === 'error' && (ITEM_FIELDS as readonly string[]).includes(issue.field)) {
          addCell(errors, item.uid, issue.field as ItemField, issue.message);
        }
      }
    }
  }
  return errors;
}

/**
 * An API error about a field of the saved input (`sections[1].items[0].activity`, `periodEnd`) →
 * the cell it concerns in the draft that was sent; null when it names nothing the editor shows.
 */
export function errorAtPath(draft: EditorDraft, path: string, message: string): EditorErrors | null {
  const errors = noErrors();
  const field = path.replace(/^input\./, '');
  if ((HEADER_FIELDS as readonly string[]).includes(field)) {
    errors.header[field as HeaderField] = message;
    return errors;
  }
  const match = /^sections\[(\d+)\](?:\.items\[(\d+)\])?\.(\w+)$/.exec(field);
  if (!match) return null;
  const section = draft.sections[Number(match[1])];
  if (!section) return null;
  const name = match[3]!;
  if (match[2] !== undefined) {
    // The API's index is into the items sent.
    const item = itemsToSend(section)[Number(match[2])];
    if (!item || !(ITEM_FIELDS as readonly string[]).includes(name)) return null;
    addCell(errors, item.uid, name as ItemField, message);
  } else {
    if (!(SECTION_FIELDS as readonly string[]).includes(name)) return null;
    addCell(errors, section.uid, name as SectionField, message);
  }
  return errors;
}

// ————— saving —————

/**
 * A row added in the grid and never typed into (only its suggested number, if that): not an item
 * yet, so it is neither checked nor sent — as a spreadsheet keeps no empty row — and goes when the
 * saved revision comes back. A row with anything typed in it is an item and must have an activity.
 */
export function isBlankNewItem(item: EditorItem): boolean {
  return !item.key && ITEM_FIELDS.every((field) => field === 'number' || !item[field].trim());
}

/** The items of a section as they are sent: the blank new rows left out. */
function itemsToSend(section: EditorSection): EditorItem[] {
  return section.items.filter((item) => !isBlankNewItem(item));
}

/** How many blank new rows a save leaves out. */
export function countBlankNewItems(draft: EditorDraft): number {
  return draft.sections.reduce((n, section) => n + section.items.filter(isBlankNewItem).length, 0);
}

/** The draft as `SaveRoadmapRevisionInput` (without the revision id and version); null when a period date is not a date. */
export function toSaveInput(draft: EditorDraft) {
  const periodStart = parseDateRu(draft.header.periodStart);
  const periodEnd = parseDateRu(draft.header.periodEnd);
  if (!periodStart || !periodEnd) return null;
  return {
    title: draft.header.title.trim(),
    programmeName: draft.header.programmeName.trim(),
    periodStart,
    periodEnd,
    sections: draft.sections.map((section) => ({
      ...(section.key ? { key: section.key } : {}),
      title: section.title,
      task: section.task,
      result: section.result,
      items: itemsToSend(section).map((item) => ({ ...(item.key ? { key: item.key } : {}), ...itemFields(item) })),
    })),
  };
}

// ————— the deadline as the platform reads it —————

export type DeadlinePreview = { tone: 'ok' | 'warning'; text: string } | null;

/**
 * «распознано: сентябрь 2026» under the deadline cell, read against the period being edited (or
 * the saved one while the typed dates are incomplete); a gentle warning when it cannot be read, or
 * when its dates lie outside the period (the item would silently leave the period's monitoring).
 */
export function previewDeadline(text: string, period: { start: string; end: string }): DeadlinePreview {
  if (!text.trim()) return null;
  const context = { periodStart: period.start, periodEnd: period.end };
  const deadline = parseDeadline(text, context);
  if (deadline.kind === 'unrecognized') return { tone: 'warning', text: ru.editor.deadlineUnrecognized(deadline.reason) };
  const recognized = ru.editor.deadlineRecognized(describeDeadlineRu(deadline));
  const placement = deadlinePlacement(deadline, context);
  if (placement === 'outside') return { tone: 'warning', text: `${recognized}. ${VALIDATION_MESSAGES_RU.deadlineOutsidePeriod(formatPeriodRu(context))}` };
  if (placement === 'partly') return { tone: 'warning', text: `${recognized}. ${VALIDATION_MESSAGES_RU.deadlinePartlyOutsidePeriod(formatPeriodRu(context))}` };
  return { tone: 'ok', text: recognized };
}

/** The period to read deadlines against: the typed one when both dates are valid, else the saved one. */
export function periodForDeadlines(draft: EditorDraft, saved: { periodStart: string; periodEnd: string }): { start: string; end: string } {
  const start = parseDateRu(draft.header.periodStart);
  const end = parseDateRu(draft.header.periodEnd);
  return start && end && start <= end ? { start, end } : { start: saved.periodStart, end: saved.periodEnd };
}
