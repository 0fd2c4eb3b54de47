import { describe, expect, it } from 'vitest';
import { compareItemNumbers, diffCounts, diffFieldLabel, diffRows, isEmptyDiff, type DiffItemLike, type RevisionDiffLike } from './diff';

const item = (key: string, number: string, activity: string, extra: Partial<DiffItemLike> = {}): DiffItemLike => ({
  key,
  section: 'Подготовительный этап',
  number,
  activity,
  content: '',
  deadlineText: '',
  responsible: '',
  expectedResult: '',
  indicator: '',
  ...extra,
});

const empty: RevisionDiffLike = {
  itemsAdded: [],
  itemsRemoved: [],
  itemsChanged: [],
  sectionsAdded: [],
  sectionsRemoved: [],
  sectionsChanged: [],
  unchangedItems: 9,
};

describe('comparing two revisions', () => {
  it('lists added, removed and changed items in the order of the roadmap, changed fields by name', () => {
    const diff: RevisionDiffLike = {
      ...empty,
      itemsAdded: [item('n', '1.10', 'Педсовет')],
      itemsRemoved: [item('r', '2.1', 'Отбор наставников')],
      itemsChanged: [
        {
          before: item('c', '1.3', 'База наставляемых', { deadlineText: 'Октябрь' }),
          after: item('c', '1.3', 'База наставляемых', { deadlineText: 'до 30.11.2025', indicator: '10%' }),
          changes: [
            { field: 'deadlineText', before: 'Октябрь', after: 'до 30.11.2025' },
            { field: 'indicator', before: '', after: '10%' },
          ],
        },
      ],
    };
    const rows = diffRows(diff);
    expect(rows.map((row) => `${row.kind}:${row.key}`)).toEqual(['changed:c', 'added:n', 'removed:r']);
    const changed = rows[0]!;
    expect(changed.kind === 'changed' && changed.changes.map((c) => c.label)).toEqual(['Срок', 'Показатель эффективности']);
    expect(diffCounts(diff)).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 9, sections: 0 });
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('says when nothing changed', () => {
    expect(isEmptyDiff(empty)).toBe(true);
    expect(diffRows(empty)).toEqual([]);
    expect(isEmptyDiff({ ...empty, sectionsAdded: [{ key: 's', title: 'Новый этап' }] })).toBe(false);
  });

  it('orders numbers part by part', () => {
    expect(['1.10', '1.2', '2.1', '1.9', '1'].sort(compareItemNumbers)).toEqual(['1', '1.2', '1.9', '1.10', '2.1']);
    expect(compareItemNumbers('а', 'б')).toBeLessThan(0);
  });

  it('names item and section fields in Russian', () => {
    expect(diffFieldLabel('responsible')).toBe('Ответственный');
    expect(diffFieldLabel('section')).toBe('Раздел');
    expect(diffFieldLabel('task')).toBe('Задача этапа');
    expect(diffFieldLabel('unknown')).toBe('unknown');
  });
});
