import type { RoadmapState } from './approval.js';
import { deadlinePlacement, formatPeriodRu, type Deadline, type DeadlineContext } from './deadline.js';
import { isIsoDate, type IsoDate } from './iso-date.js';

/**
 * Plain types of a roadmap (дорожная карта) shared by the API and the admin, with the validation
 * and the comparison of revisions. Column names and order vary from document to document; these
 * are the meanings behind them (see docs/domain.md, «Anatomy of a roadmap»).
 */

/** A school's roadmap, or a district's own one (which the region agrees). */
export type RoadmapLevel = 'school' | 'district';

export interface Roadmap {
  id: string;
  level: RoadmapLevel;
  /** The school; for a district roadmap, the district's education authority. */
  organizationId: string;
  organizationName: string;
  /** «Вместе», «Вместе по лестнице успеха». */
  programmeName: string;
  title: string;
  /** One academic year (2022-09-01 … 2023-08-31) or several (2021-09-01 … 2024-08-31). */
  periodStart: IsoDate;
  periodEnd: IsoDate;
}

/** «УТВЕРЖДАЮ»: Директор МОБУ Гимназия … И.И. Варламова, 15.09.2021, приказ № 336 от 31.08.2021. */
export interface ApprovalBlock {
  position: string;
  organization: string;
  name: string;
  date: IsoDate;
  orderNumber: string;
  orderDate: IsoDate;
}

/** «СОГЛАСОВАНО»: Председатель комитета образования г. Курска С.И. Белкин, date. */
export interface AgreementBlock {
  position: string;
  authority: string;
  name: string;
  date: IsoDate;
}

/**
 * One version of a roadmap's content. A return by the district or a change of an agreed roadmap
 * gives a new revision (`basedOn` the previous one); an amendment `supersedes` the agreed one,
 * which stays in force until the amendment is agreed.
 */
export interface Revision {
  id: string;
  roadmapId: string;
  /** 1, 2, 3 … within the roadmap. */
  number: number;
  state: RoadmapState;
  basedOn: string | null;
  supersedes: string | null;
  approval: ApprovalBlock | null;
  agreement: AgreementBlock | null;
  sections: Section[];
}

/** A stage («Подготовительный этап») or a direction («1. Нормативно-правовое регулирование…»). */
export interface Section {
  id: string;
  position: number;
  title: string;
  /** «Задача этапа: …». */
  task: string;
  /** «Результат: …». */
  result: string;
  items: Item[];
}

export type EvidenceKind = 'order' | 'protocol' | 'link' | 'file' | 'other';

/** What proves an item done: «приказ №336 от 31.08.2021г.», a protocol, a link, an uploaded file. */
export interface Evidence {
  kind: EvidenceKind;
  description: string;
  url: string | null;
  fileId: string | null;
}

export interface Item {
  /** Stable across revisions: a copied item keeps its id, so revisions can be compared. */
  id: string;
  position: number;
  /** As written: «1.1», «2.3»; may repeat or restart. */
  number: string;
  /** Наименование мероприятия / Направление работы. */
  activity: string;
  /** Содержание деятельности (и примерный план мероприятий). */
  content: string;
  /** «Срок реализации» as written; `deadline` is what the platform read from it. */
  deadlineText: string;
  deadline: Deadline;
  /** Ответственный исполнитель: people with positions, units or roles, as text. */
  responsible: string;
  /** Результат. Вид документа / Ожидаемый результат. */
  expectedResult: string;
  /** Показатели эффективности. */
  indicator: string;
  done: boolean;
  doneOn: IsoDate | null;
  evidence: Evidence[];
}

// ————— validation —————

export interface ValidationIssue {
  /** The field, or a path within a revision: `sections[1].items[0].activity`. */
  field: string;
  message: string;
  /** Warnings do not block saving or submitting; they are shown next to the field. */
  severity: 'error' | 'warning';
}

type ItemTextField = 'number' | 'activity' | 'content' | 'deadlineText' | 'responsible' | 'expectedResult' | 'indicator';
type SectionTextField = 'title' | 'task' | 'result';

export const ITEM_FIELD_LABELS_RU: Readonly<Record<ItemTextField | 'section' | 'done' | 'doneOn' | 'evidence', string>> = {
  number: '№',
  activity: 'Мероприятие',
  content: 'Содержание',
  deadlineText: 'Срок',
  responsible: 'Ответственный',
  expectedResult: 'Ожидаемый результат',
  indicator: 'Показатель эффективности',
  section: 'Раздел',
  done: 'Выполнено',
  doneOn: 'Дата выполнения',
  evidence: 'Подтверждение',
};

export const SECTION_FIELD_LABELS_RU: Readonly<Record<SectionTextField, string>> = {
  title: 'Название раздела',
  task: 'Задача этапа',
  result: 'Результат этапа',
};

/** Generous limits: real cells hold whole lists of orders (000, item 1.1 is about 900 characters). */
export const ITEM_MAX_LENGTHS: Readonly<Record<ItemTextField, number>> = {
  number: 20,
  activity: 2000,
  content: 5000,
  deadlineText: 300,
  responsible: 1000,
  expectedResult: 2000,
  indicator: 1000,
};
export const SECTION_MAX_LENGTHS: Readonly<Record<SectionTextField, number>> = { title: 1000, task: 2000, result: 2000 };
export const EVIDENCE_DESCRIPTION_MAX = 1000;

export const VALIDATION_MESSAGES_RU = {
  required: (label: string) => `${label}: поле обязательно`,
  tooLong: (label: string, max: number) => `${label}: не более ${max} символов`,
  invalidDate: (label: string) => `${label}: некорректная дата`,
  noEvidence: 'Подтверждение: для выполненного мероприятия укажите документ, ссылку или файл',
  deadlineUnrecognized: 'Срок: не распознан — сохранён как текст',
  deadlineOutsidePeriod: (period: string) =>
    `Срок: вне периода дорожной карты (${period}) — мероприятие не попадёт в мониторинг и контроль просрочек этого периода`,
  deadlinePartlyOutsidePeriod: (period: string) =>
    `Срок: частично вне периода дорожной карты (${period}) — в мониторинге учитываются только даты внутри периода`,
  duplicateItemId: 'Мероприятие с таким идентификатором уже есть в редакции',
} as const;

function checkText<F extends string>(
  issues: ValidationIssue[],
  values: Partial<Record<F, unknown>>,
  field: F,
  label: string,
  max: number,
  required: boolean,
): void {
  const raw = values[field];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!value) {
    if (required) issues.push({ field, message: VALIDATION_MESSAGES_RU.required(label), severity: 'error' });
  } else if (value.length > max) {
    issues.push({ field, message: VALIDATION_MESSAGES_RU.tooLong(label, max), severity: 'error' });
  }
}

/**
 * An item as typed: only the activity is required, since real roadmaps leave cells empty. With the
 * roadmap's period, a deadline whose dates lie (partly) outside it is a warning: such a deadline is
 * kept as written, but the item drops out of the period's monitoring, which users did not expect.
 */
export function validateItem(item: Partial<Item>, period?: DeadlineContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of Object.keys(ITEM_MAX_LENGTHS) as ItemTextField[]) {
    checkText(issues, item, field, ITEM_FIELD_LABELS_RU[field], ITEM_MAX_LENGTHS[field], field === 'activity');
  }
  if (item.doneOn != null && !isIsoDate(item.doneOn)) {
    issues.push({ field: 'doneOn', message: VALIDATION_MESSAGES_RU.invalidDate(ITEM_FIELD_LABELS_RU.doneOn), severity: 'error' });
  }
  for (const [i, evidence] of (item.evidence ?? []).entries()) {
    if (evidence.description.length > EVIDENCE_DESCRIPTION_MAX) {
      issues.push({
        field: `evidence[${i}].description`,
        message: VALIDATION_MESSAGES_RU.tooLong(ITEM_FIELD_LABELS_RU.evidence, EVIDENCE_DESCRIPTION_MAX),
        severity: 'error',
      });
    }
  }
  if (item.done && !(item.evidence ?? []).some((e) => e.description.trim() || e.url || e.fileId)) {
    issues.push({ field: 'evidence', message: VALIDATION_MESSAGES_RU.noEvidence, severity: 'warning' });
  }
  if (item.deadline?.kind === 'unrecognized' && (item.deadlineText ?? '').trim()) {
    issues.push({ field: 'deadlineText', message: VALIDATION_MESSAGES_RU.deadlineUnrecognized, severity: 'warning' });
  }
  const placement = item.deadline && period ? deadlinePlacement(item.deadline, period) : null;
  if (placement === 'outside' || placement === 'partly') {
    const message = placement === 'outside' ? VALIDATION_MESSAGES_RU.deadlineOutsidePeriod : VALIDATION_MESSAGES_RU.deadlinePartlyOutsidePeriod;
    issues.push({ field: 'deadlineText', message: message(formatPeriodRu(period!)), severity: 'warning' });
  }
  return issues;
}

/** A section's own fields (its items: `validateSections`). */
export function validateSection(section: Partial<Section>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of Object.keys(SECTION_MAX_LENGTHS) as SectionTextField[]) {
    checkText(issues, section, field, SECTION_FIELD_LABELS_RU[field], SECTION_MAX_LENGTHS[field], field === 'title');
  }
  return issues;
}

/**
 * Every section and item of a revision, with paths; item ids must be unique for the comparison.
 * With the period, deadlines outside it are warned about (validateItem).
 */
export function validateSections(sections: readonly Section[], period?: DeadlineContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ids = new Set<string>();
  for (const [s, section] of sections.entries()) {
    for (const issue of validateSection(section)) issues.push({ ...issue, field: `sections[${s}].${issue.field}` });
    for (const [i, item] of section.items.entries()) {
      const path = `sections[${s}].items[${i}]`;
      for (const issue of validateItem(item, period)) issues.push({ ...issue, field: `${path}.${issue.field}` });
      if (item.id && ids.has(item.id)) {
        issues.push({ field: `${path}.id`, message: VALIDATION_MESSAGES_RU.duplicateItemId, severity: 'error' });
      }
      ids.add(item.id);
    }
  }
  return issues;
}

// ————— comparing revisions —————

/** Plan fields compared by default; execution (done, evidence) only on request. */
export const ITEM_DIFF_FIELDS = ['section', 'number', 'activity', 'content', 'deadlineText', 'responsible', 'expectedResult', 'indicator'] as const;
export const ITEM_EXECUTION_DIFF_FIELDS = ['done', 'doneOn', 'evidence'] as const;
export type ItemDiffField = (typeof ITEM_DIFF_FIELDS)[number] | (typeof ITEM_EXECUTION_DIFF_FIELDS)[number];

export interface FieldChange<F extends string> {
  field: F;
  before: string;
  after: string;
}

export interface ItemRef {
  item: Item;
  /** The title of the section the item is in. */
  section: string;
}

export interface RevisionDiff {
  items: {
    added: ItemRef[];
    removed: ItemRef[];
    /** Items found in both (by id, else by number + activity) with at least one field changed. */
    changed: Array<{ before: ItemRef; after: ItemRef; changes: FieldChange<ItemDiffField>[] }>;
  };
  sections: {
    added: Section[];
    removed: Section[];
    changed: Array<{ before: Section; after: Section; changes: FieldChange<SectionTextField>[] }>;
  };
}

/** Case, spaces and «ё» do not make two items different when matching them. */
const matchKey = (...parts: string[]) => parts.map((p) => p.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim()).join('|');

/** Pairs elements of two lists: first by id, then by a content key; the rest are added/removed. */
function pair<T extends { id: string }>(before: readonly T[], after: readonly T[], key: (value: T) => string) {
  const pairs: Array<[T, T]> = [];
  const restAfter = new Set(after);
  const restBefore: T[] = [];
  const byId = new Map(after.filter((a) => a.id).map((a) => [a.id, a]));
  for (const b of before) {
    const match = b.id ? byId.get(b.id) : undefined;
    if (match && restAfter.has(match)) {
      pairs.push([b, match]);
      restAfter.delete(match);
    } else {
      restBefore.push(b);
    }
  }
  const removed: T[] = [];
  for (const b of restBefore) {
    const match = [...restAfter].find((a) => key(a) === key(b));
    if (match) {
      pairs.push([b, match]);
      restAfter.delete(match);
    } else {
      removed.push(b);
    }
  }
  return { pairs, removed, added: after.filter((a) => restAfter.has(a)) };
}

function itemValue(ref: ItemRef, field: ItemDiffField): string {
  switch (field) {
    case 'section':
      return ref.section;
    case 'done':
      return ref.item.done ? 'да' : 'нет';
    case 'doneOn':
      return ref.item.doneOn ?? '';
    case 'evidence':
      return ref.item.evidence.map((e) => [e.kind, e.description, e.url ?? '', e.fileId ?? ''].join(' ').trim()).join('\n');
    default:
      return ref.item[field];
  }
}

type Sectioned = { sections: readonly Section[] };

/** What changed from revision `a` to revision `b`, item by item and field by field. */
export function diffRevisions(a: Sectioned, b: Sectioned, options: { includeExecution?: boolean } = {}): RevisionDiff {
  const refs = (r: Sectioned): Array<ItemRef & { id: string }> =>
    r.sections.flatMap((section) => section.items.map((item) => ({ id: item.id, item, section: section.title })));
  const fields: readonly ItemDiffField[] = options.includeExecution ? [...ITEM_DIFF_FIELDS, ...ITEM_EXECUTION_DIFF_FIELDS] : ITEM_DIFF_FIELDS;

  const items = pair(refs(a), refs(b), (ref) => matchKey(ref.item.number, ref.item.activity));
  const changedItems = items.pairs
    .map(([before, after]) => ({
      before: { item: before.item, section: before.section },
      after: { item: after.item, section: after.section },
      changes: fields.map((field) => ({ field, before: itemValue(before, field), after: itemValue(after, field) })).filter((c) => c.before !== c.after),
    }))
    .filter((c) => c.changes.length > 0);

  const sections = pair(a.sections, b.sections, (s) => matchKey(s.title));
  const sectionFields: readonly SectionTextField[] = ['title', 'task', 'result'];
  const changedSections = sections.pairs
    .map(([before, after]) => ({
      before,
      after,
      changes: sectionFields.map((field) => ({ field, before: before[field], after: after[field] })).filter((c) => c.before !== c.after),
    }))
    .filter((c) => c.changes.length > 0);

  const plain = ({ item, section }: ItemRef): ItemRef => ({ item, section });
  return {
    items: { added: items.added.map(plain), removed: items.removed.map(plain), changed: changedItems },
    sections: { added: sections.added, removed: sections.removed, changed: changedSections },
  };
}
