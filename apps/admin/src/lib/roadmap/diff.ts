/**
 * The comparison of two revisions (`revisionDiff`) as the compare page shows it: one row per item
 * that was added, removed or changed, in the order of the roadmap, with the changed fields by name.
 */
import { ITEM_FIELD_LABELS_RU, SECTION_FIELD_LABELS_RU } from '@nastavnik/domain';

export interface DiffItemLike {
  key: string;
  section: string;
  number: string;
  activity: string;
  content: string;
  deadlineText: string;
  responsible: string;
  expectedResult: string;
  indicator: string;
}

export interface FieldChangeLike {
  field: string;
  before: string;
  after: string;
}

export interface RevisionDiffLike {
  itemsAdded: readonly DiffItemLike[];
  itemsRemoved: readonly DiffItemLike[];
  itemsChanged: ReadonlyArray<{ before: DiffItemLike; after: DiffItemLike; changes: readonly FieldChangeLike[] }>;
  sectionsAdded: ReadonlyArray<{ key: string; title: string }>;
  sectionsRemoved: ReadonlyArray<{ key: string; title: string }>;
  sectionsChanged: ReadonlyArray<{ before: { title: string }; after: { title: string }; changes: readonly FieldChangeLike[] }>;
  unchangedItems: number;
}

export type DiffRow =
  | { kind: 'added'; key: string; after: DiffItemLike }
  | { kind: 'removed'; key: string; before: DiffItemLike }
  | { kind: 'changed'; key: string; before: DiffItemLike; after: DiffItemLike; changes: Array<FieldChangeLike & { label: string }> };

/** The item fields a whole added or removed item is shown with, in the roadmap's column order. */
export const SHOWN_ITEM_FIELDS = ['number', 'activity', 'content', 'deadlineText', 'responsible', 'expectedResult', 'indicator'] as const;

/** «Срок», «Ответственный», «Раздел», «Задача этапа»… */
export function diffFieldLabel(field: string): string {
  return (ITEM_FIELD_LABELS_RU as Record<string, string>)[field] ?? (SECTION_FIELD_LABELS_RU as Record<string, string>)[field] ?? field;
}

/** «1.10» after «1.9»: numbers compared part by part. */
export function compareItemNumbers(a: string, b: string): number {
  const pa = a.split(/[.\s]+/).filter(Boolean);
  const pb = b.split(/[.\s]+/).filter(Boolean);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const cmp = Number.isFinite(nx) && Number.isFinite(ny) && x !== '' && y !== '' ? nx - ny : x.localeCompare(y, 'ru');
    if (cmp !== 0) return cmp;
  }
  return 0;
}

export function diffRows(diff: RevisionDiffLike): DiffRow[] {
  const rows: Array<DiffRow & { at: DiffItemLike }> = [
    ...diff.itemsRemoved.map((before) => ({ kind: 'removed' as const, key: before.key, before, at: before })),
    ...diff.itemsAdded.map((after) => ({ kind: 'added' as const, key: after.key, after, at: after })),
    ...diff.itemsChanged.map((change) => ({
      kind: 'changed' as const,
      key: change.after.key,
      before: change.before,
      after: change.after,
      changes: change.changes.map((c) => ({ ...c, label: diffFieldLabel(c.field) })),
      at: change.after,
    })),
  ];
  rows.sort((a, b) => compareItemNumbers(a.at.number, b.at.number) || a.at.activity.localeCompare(b.at.activity, 'ru'));
  return rows.map(({ at: _at, ...row }) => row as DiffRow);
}

export function diffCounts(diff: RevisionDiffLike) {
  return {
    added: diff.itemsAdded.length,
    removed: diff.itemsRemoved.length,
    changed: diff.itemsChanged.length,
    unchanged: diff.unchangedItems,
    sections: diff.sectionsAdded.length + diff.sectionsRemoved.length + diff.sectionsChanged.length,
  };
}

export function isEmptyDiff(diff: RevisionDiffLike): boolean {
  const c = diffCounts(diff);
  return c.added + c.removed + c.changed + c.sections === 0;
}
