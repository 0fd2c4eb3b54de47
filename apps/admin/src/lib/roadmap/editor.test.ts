import { describe, expect, it } from 'vitest';
import {
  countBlankNewItems,
  draftFromRevision,
  editorReducer,
  errorAtPath,
  hasErrors,
  initEditor,
  isDirty,
  periodForDeadlines,
  previewDeadline,
  suggestNumber,
  toSaveInput,
  validateDraft,
  type EditorState,
  type RevisionContent,
} from './editor';

const item = (key: string, number: string, activity: string, extra: Partial<Record<string, string>> = {}) => ({
  key,
  number,
  activity,
  content: '',
  deadlineText: '',
  responsible: '',
  expectedResult: '',
  indicator: '',
  ...extra,
});

const revision: RevisionContent = {
  version: 3,
  title: 'Дорожная карта «Вместе»',
  programmeName: 'Вместе',
  periodStart: '2025-09-01',
  periodEnd: '2026-08-31',
  sections: [
    {
      key: 's1',
      title: 'Подготовительный этап',
      task: '',
      result: '',
      items: [item('a', '1.1', 'Приказы', { deadlineText: 'Сентябрь' }), item('b', '1.2', 'Информирование')],
    },
    { key: 's2', title: 'Основной этап', task: 'Задача', result: '', items: [item('c', '2.1', 'Отбор наставников')] },
  ],
};

const numbers = (state: EditorState) => state.draft.sections.map((s) => s.items.map((i) => i.number));

describe('the editor state', () => {
  it('starts from the revision, periods as ДД.ММ.ГГГГ, nothing unsaved', () => {
    const state = initEditor(revision);
    expect(state.draft.header).toEqual({ programmeName: 'Вместе', title: 'Дорожная карта «Вместе»', periodStart: '01.09.2025', periodEnd: '31.08.2026' });
    expect(state.baseVersion).toBe(3);
    expect(state.draft.sections[0]!.items.map((i) => i.uid)).toEqual(['i:a', 'i:b']);
    expect(isDirty(state)).toBe(false);
  });

  it('edits cells and the header; the draft is then unsaved', () => {
    let state = initEditor(revision);
    state = editorReducer(state, { type: 'item', uid: 'i:a', field: 'deadlineText', value: 'до 20.09.2025' });
    state = editorReducer(state, { type: 'header', field: 'programmeName', value: 'Вместе по лестнице успеха' });
    state = editorReducer(state, { type: 'section', uid: 's:s2', field: 'result', value: 'Пары работают' });
    expect(state.draft.sections[0]!.items[0]!.deadlineText).toBe('до 20.09.2025');
    expect(state.draft.sections[1]!.result).toBe('Пары работают');
    expect(state.saved.sections[0]!.items[0]!.deadlineText).toBe('Сентябрь');
    expect(isDirty(state)).toBe(true);
  });

  it('adds an item with the next number, and removes it', () => {
    let state = initEditor(revision);
    state = editorReducer(state, { type: 'addItem', sectionUid: 's:s1' });
    expect(numbers(state)).toEqual([['1.1', '1.2', '1.3'], ['2.1']]);
    const added = state.draft.sections[0]!.items[2]!;
    expect(added).toMatchObject({ uid: 'new:1', key: null, activity: '' });
    state = editorReducer(state, { type: 'addItem', sectionUid: 's:s2' });
    expect(state.draft.sections[1]!.items[1]!.uid).toBe('new:2');
    state = editorReducer(state, { type: 'removeItem', uid: 'new:1' });
    expect(numbers(state)).toEqual([
      ['1.1', '1.2'],
      ['2.1', '2.2'],
    ]);
  });

  it('moves items up and down, across the border of a section', () => {
    let state = initEditor(revision);
    state = editorReducer(state, { type: 'moveItem', uid: 'i:b', direction: -1 });
    expect(numbers(state)).toEqual([['1.2', '1.1'], ['2.1']]);
    state = editorReducer(state, { type: 'moveItem', uid: 'i:a', direction: 1 });
    expect(numbers(state)).toEqual([['1.2'], ['1.1', '2.1']]);
    state = editorReducer(state, { type: 'moveItem', uid: 'i:a', direction: -1 });
    expect(numbers(state)).toEqual([['1.2', '1.1'], ['2.1']]);
    // The very first item cannot go up, the very last cannot go down: nothing changes.
    const same = editorReducer(state, { type: 'moveItem', uid: 'i:b', direction: -1 });
    expect(same).toBe(state);
    expect(editorReducer(state, { type: 'moveItem', uid: 'i:c', direction: 1 })).toBe(state);
  });

  it('adds, moves and removes sections', () => {
    let state = initEditor(revision);
    state = editorReducer(state, { type: 'addSection' });
    expect(state.draft.sections.map((s) => s.title)).toEqual(['Подготовительный этап', 'Основной этап', '']);
    state = editorReducer(state, { type: 'moveSection', uid: 's:s2', direction: -1 });
    expect(state.draft.sections.map((s) => s.uid)).toEqual(['s:s2', 's:s1', 'new:1']);
    state = editorReducer(state, { type: 'removeSection', uid: 's:s1' });
    expect(state.draft.sections.map((s) => s.uid)).toEqual(['s:s2', 'new:1']);
  });

  it('takes the saved revision as the new base; a rebase keeps the user’s draft', () => {
    let state = editorReducer(initEditor(revision), { type: 'item', uid: 'i:a', field: 'responsible', value: 'Директор' });
    const newer = { ...revision, version: 4, title: 'Изменено другим пользователем' };
    const rebased = editorReducer(state, { type: 'rebase', revision: newer });
    expect(rebased.baseVersion).toBe(4);
    expect(rebased.draft.sections[0]!.items[0]!.responsible).toBe('Директор');
    expect(rebased.draft.header.title).toBe('Дорожная карта «Вместе»');
    state = editorReducer(rebased, { type: 'saved', revision: { ...newer, version: 5 } });
    expect(state.baseVersion).toBe(5);
    expect(isDirty(state)).toBe(false);
  });

  it('restores a draft kept on the device and keeps new uids unique', () => {
    let state = editorReducer(initEditor(revision), { type: 'addItem', sectionUid: 's:s1' });
    const kept = state.draft;
    state = editorReducer(initEditor(revision), { type: 'restore', draft: kept });
    expect(state.draft).toEqual(kept);
    state = editorReducer(state, { type: 'addItem', sectionUid: 's:s1' });
    const uids = state.draft.sections.flatMap((s) => s.items.map((i) => i.uid));
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('gives rows added after a restore uids of their own when the other device numbered past its rows', () => {
    // Another device added 40 rows and removed all but the last: its draft holds new:40.
    let other = initEditor(revision);
    for (let n = 0; n < 40; n++) other = editorReducer(other, { type: 'addItem', sectionUid: 's:s2' });
    for (let n = 1; n < 40; n++) other = editorReducer(other, { type: 'removeItem', uid: `new:${n}` });
    expect(other.draft.sections[1]!.items.map((i) => i.uid)).toEqual(['i:c', 'new:40']);
    let state = editorReducer(initEditor(revision), { type: 'restore', draft: other.draft });
    for (let n = 0; n < 40; n++) state = editorReducer(state, { type: 'addItem', sectionUid: 's:s1' });
    const uids = state.draft.sections.flatMap((s) => s.items.map((i) => i.uid));
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('suggests the next number after the last one of a section', () => {
    expect(suggestNumber(0, [{ number: '1.3' }])).toBe('1.4');
    expect(suggestNumber(1, [{ number: '2.9.' }])).toBe('2.10');
    expect(suggestNumber(2, [])).toBe('3.1');
    expect(suggestNumber(0, [{ number: 'а' }])).toBe('1.2');
  });
});

describe('checking a draft before saving', () => {
  it('puts errors beside the cells and the header fields', () => {
    let state = initEditor(revision);
    state = editorReducer(state, { type: 'addItem', sectionUid: 's:s1' });
    state = editorReducer(state, { type: 'item', uid: 'new:1', field: 'deadlineText', value: 'Октябрь' });
    state = editorReducer(state, { type: 'header', field: 'periodEnd', value: '31.02.2026' });
    state = editorReducer(state, { type: 'section', uid: 's:s2', field: 'title', value: '  ' });
    const errors = validateDraft(state.draft);
    expect(hasErrors(errors)).toBe(true);
    expect(errors.cells['new:1']).toEqual({ activity: 'Мероприятие: поле обязательно' });
    expect(errors.cells['s:s2']).toEqual({ title: 'Название раздела: поле обязательно' });
    expect(errors.header.periodEnd).toBe('Конец периода: укажите дату в формате ДД.ММ.ГГГГ');
    expect(toSaveInput(state.draft)).toBeNull();
  });

  it('finds no error in a good draft; an end before the start is one', () => {
    const state = initEditor(revision);
    expect(hasErrors(validateDraft(state.draft))).toBe(false);
    const reversed = editorReducer(state, { type: 'header', field: 'periodEnd', value: '01.08.2025' });
    expect(validateDraft(reversed.draft).header.periodEnd).toBe('Конец периода не может быть раньше его начала');
  });

  it('maps the API’s error path to the cell of the draft that was sent', () => {
    const draft = draftFromRevision(revision);
    expect(errorAtPath(draft, 'sections[1].items[0].activity', 'Мероприятие: поле обязательно')?.cells).toEqual({
      'i:c': { activity: 'Мероприятие: поле обязательно' },
    });
    expect(errorAtPath(draft, 'sections[0].title', 'Название раздела: поле обязательно')?.cells).toEqual({
      's:s1': { title: 'Название раздела: поле обязательно' },
    });
    expect(errorAtPath(draft, 'input.periodEnd', 'Конец периода…')?.header).toEqual({ periodEnd: 'Конец периода…' });
    expect(errorAtPath(draft, 'sections[5].items[0].activity', 'x')).toBeNull();
    expect(errorAtPath(draft, 'sections[0].items[0].id', 'x')).toBeNull();
  });

  it('leaves out a row added and never typed into: not checked, not sent, counted; the API’s index is into the rows sent', () => {
    let state = initEditor(revision);
    state = editorReducer(state, { type: 'addItem', sectionUid: 's:s1' });
    state = editorReducer(state, { type: 'addItemAfter', uid: 'i:a' });
    state = editorReducer(state, { type: 'item', uid: 'new:2', field: 'number', value: '1.1а' });
    const blank = state.draft.sections[0]!.items.filter((i) => i.key === null).map((i) => i.uid);
    expect(blank).toHaveLength(2);
    expect(hasErrors(validateDraft(state.draft))).toBe(false);
    expect(countBlankNewItems(state.draft)).toBe(2);
    expect(toSaveInput(state.draft)!.sections[0]!.items.map((i) => i.key)).toEqual(['a', 'b']);
    // Typed into, it is an item: sent, and an activity is then required.
    const typed = editorReducer(state, { type: 'item', uid: blank[0]!, field: 'responsible', value: 'Петров П.П.' });
    expect(countBlankNewItems(typed.draft)).toBe(1);
    expect(validateDraft(typed.draft).cells[blank[0]!]).toEqual({ activity: 'Мероприятие: поле обязательно' });
    expect(toSaveInput(typed.draft)!.sections[0]!.items).toHaveLength(3);
    // A saved item emptied by the user is not «new»: it stays, and is flagged.
    const emptied = editorReducer(state, { type: 'item', uid: 'i:b', field: 'activity', value: '' });
    expect(validateDraft(emptied.draft).cells['i:b']).toEqual({ activity: 'Мероприятие: поле обязательно' });
    // sections[0].items[1] of what was sent is «b», whatever blank rows stood before it on screen.
    expect(errorAtPath(state.draft, 'sections[0].items[1].activity', 'x')?.cells).toEqual({ 'i:b': { activity: 'x' } });
  });

  it('sends the draft in its order, keys kept, new items without a key, dates as ГГГГ-ММ-ДД', () => {
    let state = initEditor(revision);
    state = editorReducer(state, { type: 'addItem', sectionUid: 's:s2' });
    state = editorReducer(state, { type: 'item', uid: 'new:1', field: 'activity', value: 'Наставнический марафон' });
    state = editorReducer(state, { type: 'moveItem', uid: 'new:1', direction: -1 });
    const input = toSaveInput(state.draft)!;
    expect(input).toMatchObject({ title: 'Дорожная карта «Вместе»', programmeName: 'Вместе', periodStart: '2025-09-01', periodEnd: '2026-08-31' });
    expect(input.sections[1]!.key).toBe('s2');
    expect(input.sections[1]!.items.map((i) => [i.key ?? null, i.activity])).toEqual([
      [null, 'Наставнический марафон'],
      ['c', 'Отбор наставников'],
    ]);
  });
});

describe('the deadline under its cell', () => {
  const period = { start: '2025-09-01', end: '2026-08-31' };

  it('says how the platform reads it', () => {
    expect(previewDeadline('до 20.09.2025', period)).toEqual({ tone: 'ok', text: 'распознано: до 20.09.2025' });
    expect(previewDeadline('Сентябрь', period)?.text).toBe('распознано: сентябрь 2025');
    expect(previewDeadline('Ежегодно', period)?.text).toMatch(/^распознано: ежегодно/);
  });

  it('warns gently when it cannot, and says nothing for an empty cell', () => {
    const preview = previewDeadline('когда-нибудь', period);
    expect(preview?.tone).toBe('warning');
    expect(preview?.text).toMatch(/^срок не распознан/);
    expect(previewDeadline('  ', period)).toBeNull();
  });

  it('warns when the dates lie outside the period: the item would leave its monitoring without a word', () => {
    expect(previewDeadline('Сентябрь 2026, 2027', period)).toEqual({
      tone: 'warning',
      text: 'распознано: ежегодно: сентябрь 2026; сентябрь 2027. Срок: вне периода дорожной карты (01.09.2025–31.08.2026) — мероприятие не попадёт в мониторинг и контроль просрочек этого периода',
    });
    expect(previewDeadline('Август 2026, сентябрь 2026', period)?.text).toMatch(/Срок: частично вне периода дорожной карты \(01\.09\.2025–31\.08\.2026\)/);
    expect(previewDeadline('до 15.10.2025', period)?.tone).toBe('ok');
  });

  it('reads against the typed period when it is complete, else the saved one', () => {
    const state = initEditor(revision);
    expect(periodForDeadlines(state.draft, revision)).toEqual({ start: '2025-09-01', end: '2026-08-31' });
    const typed = editorReducer(state, { type: 'header', field: 'periodStart', value: '01.09.2026' });
    expect(periodForDeadlines(typed.draft, revision)).toEqual({ start: '2025-09-01', end: '2026-08-31' });
    const both = editorReducer(typed, { type: 'header', field: 'periodEnd', value: '31.08.2027' });
    expect(periodForDeadlines(both.draft, revision)).toEqual({ start: '2026-09-01', end: '2027-08-31' });
  });
});
