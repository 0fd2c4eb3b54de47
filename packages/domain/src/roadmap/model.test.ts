import { describe, expect, it } from 'vitest';
import { parseDeadline } from './deadline.js';
import { diffRevisions, validateItem, validateSection, validateSections, type Item, type Section } from './model.js';

const PERIOD = { periodStart: '2021-09-01', periodEnd: '2024-08-31' };

function item(overrides: Partial<Item> = {}): Item {
  const deadlineText = overrides.deadlineText ?? 'до 06.10.2021 г';
  return {
    id: 'i-2-6',
    position: 6,
    number: '2.6.',
    activity: 'Формирование наставнических пар/групп',
    content: '',
    deadlineText,
    deadline: parseDeadline(deadlineText, PERIOD),
    responsible: 'Кураторы внедрения ЦМН в образовательной организации',
    expectedResult: 'приказ о закреплении наставнических пар/ групп.',
    indicator: '',
    done: false,
    doneOn: null,
    evidence: [],
    ...overrides,
  };
}

function section(overrides: Partial<Section> = {}): Section {
  return {
    id: 's-2',
    position: 2,
    title: '2. Реализация методологии целевой модели наставничества',
    task: '',
    result: '',
    items: [],
    ...overrides,
  };
}

describe('validateItem', () => {
  it('accepts a real item with empty cells', () => {
    expect(validateItem(item())).toEqual([]);
    expect(validateItem(item({ responsible: '', expectedResult: '', number: '' }))).toEqual([]);
  });

  it('requires the activity and names the field', () => {
    expect(validateItem(item({ activity: '  ' }))).toEqual([{ field: 'activity', message: 'Мероприятие: поле обязательно', severity: 'error' }]);
    expect(validateItem({})).toEqual([{ field: 'activity', message: 'Мероприятие: поле обязательно', severity: 'error' }]);
  });

  it('limits lengths', () => {
    expect(validateItem(item({ activity: 'а'.repeat(2001), number: '1'.repeat(21), responsible: 'р'.repeat(1001) }))).toEqual([
      { field: 'number', message: '№: не более 20 символов', severity: 'error' },
      { field: 'activity', message: 'Мероприятие: не более 2000 символов', severity: 'error' },
      { field: 'responsible', message: 'Ответственный: не более 1000 символов', severity: 'error' },
    ]);
    expect(validateItem(item({ content: 'с'.repeat(5000) }))).toEqual([]);
  });

  it('warns about a done item without evidence and an unread deadline', () => {
    expect(validateItem(item({ done: true, doneOn: '2021-10-06' }))).toEqual([
      { field: 'evidence', message: 'Подтверждение: для выполненного мероприятия укажите документ, ссылку или файл', severity: 'warning' },
    ]);
    const evidence = [{ kind: 'order' as const, description: 'приказ №336 от 31.08.2021г.', url: null, fileId: null }];
    expect(validateItem(item({ done: true, doneOn: '2021-10-06', evidence }))).toEqual([]);
    expect(validateItem(item({ doneOn: '06.10.2021' }))).toEqual([{ field: 'doneOn', message: 'Дата выполнения: некорректная дата', severity: 'error' }]);
    expect(validateItem(item({ deadlineText: 'До начала вхождения в программу' }))).toEqual([
      { field: 'deadlineText', message: 'Срок: не распознан — сохранён как текст', severity: 'warning' },
    ]);
  });
});

describe('a deadline against the roadmap period', () => {
  const YEAR = { periodStart: '2025-09-01', periodEnd: '2026-08-31' };
  const at = (deadlineText: string) => item({ deadlineText, deadline: parseDeadline(deadlineText, YEAR) });

  it('warns when every date of the deadline lies outside the period (the item leaves its monitoring)', () => {
    expect(validateItem(at('Сентябрь 2026, 2027'), YEAR)).toEqual([
      {
        field: 'deadlineText',
        message: 'Срок: вне периода дорожной карты (01.09.2025–31.08.2026) — мероприятие не попадёт в мониторинг и контроль просрочек этого периода',
        severity: 'warning',
      },
    ]);
    expect(validateItem(at('до 20.08.2025'), YEAR).map((i) => i.message)).toEqual([expect.stringMatching(/^Срок: вне периода/)]);
  });

  it('warns, differently, when only some of its dates do', () => {
    expect(validateItem(at('Август 2026, сентябрь 2026'), YEAR).map((i) => i.message)).toEqual([
      'Срок: частично вне периода дорожной карты (01.09.2025–31.08.2026) — в мониторинге учитываются только даты внутри периода',
    ]);
  });

  it('says nothing of deadlines inside the period, without dates, or without a period to compare with', () => {
    for (const text of ['до 15.10.2025', 'Сентябрь', 'Ежегодно', 'Постоянно', 'по отдельному графику', 'конец учебного года']) {
      expect(validateItem(at(text), YEAR), text).toEqual([]);
    }
    expect(validateItem(at('Сентябрь 2026, 2027'))).toEqual([]);
  });

  it('validateSections passes the period down, with the item path', () => {
    const sections = [section({ items: [at('до 15.10.2025'), { ...at('Сентябрь 2027'), id: 'i-late' }] })];
    expect(validateSections(sections, YEAR).map((i) => i.field)).toEqual(['sections[0].items[1].deadlineText']);
  });
});

describe('validateSection / validateSections', () => {
  it('requires a title', () => {
    expect(validateSection(section())).toEqual([]);
    expect(validateSection(section({ title: '' }))).toEqual([{ field: 'title', message: 'Название раздела: поле обязательно', severity: 'error' }]);
    expect(validateSection(section({ task: 'з'.repeat(2001) }))).toEqual([
      { field: 'task', message: 'Задача этапа: не более 2000 символов', severity: 'error' },
    ]);
  });

  it('walks a revision with paths and catches repeated item ids', () => {
    const sections = [section({ items: [item(), item({ id: 'i-2-7', activity: '' })] }), section({ id: 's-3', title: '', items: [item({ number: '2.1.' })] })];
    expect(validateSections(sections)).toEqual([
      { field: 'sections[0].items[1].activity', message: 'Мероприятие: поле обязательно', severity: 'error' },
      { field: 'sections[1].title', message: 'Название раздела: поле обязательно', severity: 'error' },
      { field: 'sections[1].items[0].id', message: 'Мероприятие с таким идентификатором уже есть в редакции', severity: 'error' },
    ]);
  });
});

describe('diffRevisions', () => {
  const s1 = section({ id: 's-1', title: '1. Нормативно правовое регулирование' });
  const s2 = section();

  it('matches by id across revisions and reports changes field by field', () => {
    const before = {
      sections: [
        { ...s1, items: [item({ id: 'a', number: '1.1.', activity: 'Утверждение распорядительных актов', deadlineText: '30.08.2021-30.09.2021г.' })] },
        { ...s2, items: [item({ id: 'b' }), item({ id: 'c', number: '2.7', activity: 'Организация работы пар' })] },
      ],
    };
    const after = {
      sections: [
        {
          ...s1,
          task: 'Задача этапа: приказы',
          items: [item({ id: 'a', number: '1.1.', activity: 'Утверждение распорядительных актов', deadlineText: 'до 20.09.2021г' })],
        },
        // «b» moved to a new section and renumbered; «c» removed; «d» added.
        section({
          id: 's-4',
          title: '4. Наставнические пары',
          items: [item({ id: 'b', number: '4.1' }), item({ id: 'd', number: '4.2', activity: 'Итоговая встреча' })],
        }),
      ],
    };
    const diff = diffRevisions(before, after);
    expect(diff.items.changed.map((c) => ({ id: c.after.item.id, changes: c.changes }))).toEqual([
      { id: 'a', changes: [{ field: 'deadlineText', before: '30.08.2021-30.09.2021г.', after: 'до 20.09.2021г' }] },
      {
        id: 'b',
        changes: [
          { field: 'section', before: '2. Реализация методологии целевой модели наставничества', after: '4. Наставнические пары' },
          { field: 'number', before: '2.6.', after: '4.1' },
        ],
      },
    ]);
    expect(diff.items.removed.map((r) => [r.item.id, r.section])).toEqual([['c', '2. Реализация методологии целевой модели наставничества']]);
    expect(diff.items.added.map((r) => [r.item.id, r.section])).toEqual([['d', '4. Наставнические пары']]);
    expect(diff.sections.changed).toEqual([
      { before: before.sections[0], after: after.sections[0], changes: [{ field: 'task', before: '', after: 'Задача этапа: приказы' }] },
    ]);
    expect(diff.sections.removed.map((s) => s.id)).toEqual(['s-2']);
    expect(diff.sections.added.map((s) => s.id)).toEqual(['s-4']);
  });

  it('falls back to number + activity when ids differ (a re-imported document)', () => {
    const before = { sections: [{ ...s2, items: [item({ id: 'old-1' }), item({ id: 'old-2', number: '2.1', activity: 'Отбор наставников' })] }] };
    const after = {
      sections: [
        {
          ...s2,
          items: [item({ id: 'new-1', responsible: 'И.И.Варламова, директор' }), item({ id: 'new-2', number: '2.1', activity: 'отбор   наставников' })],
        },
      ],
    };
    const diff = diffRevisions(before, after);
    expect(diff.items.added).toEqual([]);
    expect(diff.items.removed).toEqual([]);
    expect(diff.items.changed.map((c) => [c.before.item.id, c.after.item.id, c.changes.map((x) => x.field)])).toEqual([
      ['old-1', 'new-1', ['responsible']],
      ['old-2', 'new-2', ['activity']],
    ]);
  });

  it('ignores execution marks unless asked', () => {
    const evidence = [{ kind: 'order' as const, description: 'приказ №336 от 31.08.2021г.', url: null, fileId: null }];
    const before = { sections: [{ ...s2, items: [item()] }] };
    const after = { sections: [{ ...s2, items: [item({ done: true, doneOn: '2021-10-06', evidence })] }] };
    expect(diffRevisions(before, after).items.changed).toEqual([]);
    expect(diffRevisions(before, after, { includeExecution: true }).items.changed[0]?.changes).toEqual([
      { field: 'done', before: 'нет', after: 'да' },
      { field: 'doneOn', before: '', after: '2021-10-06' },
      { field: 'evidence', before: '', after: 'order приказ №336 от 31.08.2021г.' },
    ]);
  });

  it('finds nothing between identical revisions', () => {
    const revision = {
      sections: [
        { ...s1, items: [item({ id: 'a' })] },
        { ...s2, items: [item({ id: 'b' })] },
      ],
    };
    expect(diffRevisions(revision, JSON.parse(JSON.stringify(revision)) as typeof revision)).toEqual({
      items: { added: [], removed: [], changed: [] },
      sections: { added: [], removed: [], changed: [] },
    });
  });
});
