import { describe, expect, it } from 'vitest';
import type { MeetingType } from './catalog.js';
import {
  addMonths,
  extendPlan,
  markPlanTask,
  nextOpenTask,
  periodEnd,
  planProgress,
  validateCompletion,
  validateMeeting,
  validatePlan,
  validatePlanPeriod,
  type IndividualPlan,
  type PlanTask,
} from './plans.js';

const task = (id: string, done: boolean, deadline: string | null = null): PlanTask => ({
  id,
  title: `Задача ${id}`,
  deadline,
  done,
  doneOn: done ? '2024-10-01' : null,
});

const plan = (overrides: Partial<IndividualPlan> = {}): IndividualPlan => ({
  start: '2024-09-01',
  end: '2025-05-31',
  tasks: [task('1', true, '2024-10-01'), task('2', false, '2024-12-01'), task('3', false, '2025-04-01')],
  extensions: [],
  ...overrides,
});

describe('planProgress', () => {
  it.each<[string, PlanTask[], string | undefined, { total: number; done: number; percent: number | null; overdue: number; labelRu: string }]>([
    ['no tasks: no data, not NaN', [], undefined, { total: 0, done: 0, percent: null, overdue: 0, labelRu: 'нет данных' }],
    ['all done', [task('1', true), task('2', true)], undefined, { total: 2, done: 2, percent: 100, overdue: 0, labelRu: '100 %' }],
    ['none done', [task('1', false)], undefined, { total: 1, done: 0, percent: 0, overdue: 0, labelRu: '0 %' }],
    [
      'rounded down: 2 of 3 is 66 %',
      [task('1', true), task('2', true), task('3', false)],
      undefined,
      { total: 3, done: 2, percent: 66, overdue: 0, labelRu: '66 %' },
    ],
    [
      '9 of 10 meets the 90 % target',
      [...Array.from({ length: 9 }, (_, i) => task(`d${i}`, true)), task('o', false)],
      undefined,
      { total: 10, done: 9, percent: 90, overdue: 0, labelRu: '90 %' },
    ],
    ['overdue open tasks at a date', plan().tasks as PlanTask[], '2025-01-15', { total: 3, done: 1, percent: 33, overdue: 1, labelRu: '33 %' }],
  ])('%s', (_, tasks, on, expected) => {
    expect(planProgress(tasks, on)).toEqual(expected);
  });

  it('never shows 90 % for 89.9 %', () => {
    const tasks = [...Array.from({ length: 899 }, (_, i) => task(`d${i}`, true)), ...Array.from({ length: 101 }, (_, i) => task(`o${i}`, false))];
    expect(planProgress(tasks).percent).toBe(89);
  });
});

describe('months', () => {
  it.each([
    ['2024-09-01', 3, '2024-12-01'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-09-15', 12, '2025-09-15'],
    ['2024-03-31', -1, '2024-02-29'],
  ])('%s + %i months → %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-09-01', 3, '2024-11-30'],
    ['2024-09-01', 12, '2025-08-31'],
    ['2024-01-01', 12, '2024-12-31'],
    ['2024-03-01', 1, '2024-03-31'],
  ])('a period of %s + %i months ends on %s', (start, months, end) => {
    expect(periodEnd(start, months)).toBe(end);
  });
});

describe('validatePlanPeriod', () => {
  it.each([
    ['2024-09-01', '2024-11-30', []],
    ['2024-09-01', '2025-08-31', []],
    ['2024-09-01', '2025-05-31', []],
    ['2024-09-01', '2024-11-29', ['Срок плана: не менее 3 месяцев (с 01.09.2024 — не раньше 30.11.2024, указано 29.11.2024)']],
    ['2024-09-01', '2025-09-01', ['Срок плана: не более 12 месяцев (с 01.09.2024 — не позже 31.08.2025, указано 01.09.2025)']],
    ['2024-09-01', '2024-08-31', ['Окончание плана: не раньше начала']],
    ['2024-02-30', '2024-08-31', ['Начало плана: некорректная дата']],
    ['2024-09-01', '', ['Окончание плана: некорректная дата']],
  ])('%s – %s', (start, end, expected) => {
    expect(validatePlanPeriod(start, end).map((i) => i.message)).toEqual(expected);
  });
});

describe('validatePlan', () => {
  it('accepts a plan and checks its tasks', () => {
    expect(validatePlan(plan())).toEqual([]);
    const bad = plan({
      tasks: [
        { id: '1', title: ' ', deadline: '2024-13-01', done: false, doneOn: null },
        { id: '1', title: 'Подготовка к олимпиаде', deadline: '2025-07-01', done: true, doneOn: '01.07.2025' },
      ],
    });
    expect(validatePlan(bad).map((i) => `${i.severity}|${i.field}|${i.message}`)).toEqual([
      'error|tasks[0].title|Задача 1: укажите содержание',
      'error|tasks[0].deadline|Задача 1: некорректный срок',
      'warning|tasks[1].deadline|Задача 2: срок вне периода плана',
      'error|tasks[1].doneOn|Задача 2: некорректная дата выполнения',
      'error|tasks[1].id|Задача 2: такая задача уже есть в плане',
    ]);
  });

  it('checks the original period of an extended plan', () => {
    const extended = plan({ end: '2025-10-31', extensions: [{ from: '2025-05-31', until: '2025-10-31', on: '2025-05-20', comment: 'Болезнь' }] });
    expect(validatePlan(extended)).toEqual([]);
  });
});

describe('extendPlan', () => {
  it('extends by mutual consent and records the extension', () => {
    const result = extendPlan(plan(), { until: '2025-06-30', on: '2025-05-20', comment: ' Не успели итоговый проект ', mutualConsent: true });
    expect(result).toEqual({
      ok: true,
      warnings: [],
      plan: { ...plan(), end: '2025-06-30', extensions: [{ from: '2025-05-31', until: '2025-06-30', on: '2025-05-20', comment: 'Не успели итоговый проект' }] },
    });
  });

  it('warns past a year', () => {
    const result = extendPlan(plan(), { until: '2025-10-31', on: '2025-05-20', comment: 'Болезнь наставляемого', mutualConsent: true });
    expect(result.ok && result.warnings.map((w) => w.message)).toEqual(['Продление: с продлением план длится больше 12 месяцев — оформите продление приказом']);
  });

  it.each([
    [{ until: '2025-05-31', comment: 'x', mutualConsent: true }, ['Продление: новая дата окончания должна быть позже 31.05.2025']],
    [{ until: '2025-06-30', comment: 'x', mutualConsent: false }, ['Продление: нужно взаимное согласие наставника и наставляемого']],
    [{ until: '2025-06-30', comment: '', mutualConsent: true }, ['Продление: укажите причину']],
    [{ until: '30.06.2025', comment: 'x', mutualConsent: true }, ['Продление: некорректная дата']],
  ])('refuses %j', (extension, expected) => {
    const result = extendPlan(plan(), { ...extension, on: '2025-05-20' });
    expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual(expected);
  });
});

describe('validateCompletion', () => {
  const done = plan({ tasks: [task('1', true), task('2', true)] });
  it.each<[string, Parameters<typeof validateCompletion>[0], IndividualPlan, string[]]>([
    ['plan done', { reason: 'plan-done', on: '2025-05-31', comment: '' }, done, []],
    [
      'plan done with open tasks is a warning',
      { reason: 'plan-done', on: '2025-05-31', comment: '' },
      plan(),
      ['warning|reason|Причина «Индивидуальный план выполнен»: выполнено 33 % задач плана'],
    ],
    [
      'plan done without tasks',
      { reason: 'plan-done', on: '2025-05-31', comment: '' },
      plan({ tasks: [] }),
      ['warning|reason|Причина «Индивидуальный план выполнен»: в плане нет задач'],
    ],
    [
      'a mentee’s request needs its good reason',
      { reason: 'mentee-request', on: '2025-01-15', comment: ' ' },
      plan(),
      ['error|comment|Комментарий: для причины «По инициативе наставляемого (уважительная причина)» опишите обстоятельства'],
    ],
    ['the curator’s decision with grounds', { reason: 'curator-force-majeure', on: '2025-01-15', comment: 'Переезд семьи' }, plan(), []],
    ['not before the start', { reason: 'mentor-request', on: '2024-08-01', comment: 'Болезнь' }, plan(), ['error|on|Дата завершения: не раньше начала плана']],
    ['a known reason', { reason: 'boredom' as never, on: '2025-01-15', comment: '' }, plan(), ['error|reason|Причина завершения: выберите из списка']],
  ])('%s', (_, completion, p, expected) => {
    expect(validateCompletion(completion, p).map((i) => `${i.severity}|${i.field}|${i.message}`)).toEqual(expected);
  });
});

describe('validateMeeting', () => {
  const held = (types: MeetingType[]) => types.map((type, i) => ({ type, date: `2024-09-${String(10 + i).padStart(2, '0')}` }));
  const meeting = (type: MeetingType, date = '2024-10-01', feedback = 'Всё понравилось') => ({ type, date, notes: '', feedback });

  it.each<[string, ReturnType<typeof meeting>, MeetingType[], string[]]>([
    ['the first is the acquaintance', meeting('acquaintance'), [], []],
    ['not a regular one first', meeting('regular'), [], ['type|Вид встречи: сейчас возможна «Встреча-знакомство», а не «Регулярная встреча»']],
    ['a trial after the acquaintance', meeting('trial'), ['acquaintance'], []],
    [
      'planning before regular meetings',
      meeting('regular'),
      ['acquaintance', 'trial'],
      ['type|Вид встречи: сейчас возможна «Встреча-планирование», а не «Регулярная встреча»'],
    ],
    [
      'no final without a regular one',
      meeting('final'),
      ['acquaintance', 'trial', 'planning'],
      ['type|Вид встречи: сейчас возможна «Регулярная встреча», а не «Итоговая встреча»'],
    ],
    ['the final after regular ones', meeting('final'), ['acquaintance', 'trial', 'planning', 'regular'], []],
    [
      'nothing after the final',
      meeting('regular'),
      ['acquaintance', 'trial', 'planning', 'regular', 'final'],
      ['type|Вид встречи: итоговая встреча уже проведена — встреча «Регулярная встреча» невозможна'],
    ],
    ['feedback is mandatory', meeting('trial', '2024-10-01', ' '), ['acquaintance'], ['feedback|Обратная связь: обязательна после каждой встречи']],
    ['dates do not go back', meeting('trial', '2024-09-01'), ['acquaintance'], ['date|Дата встречи: не раньше предыдущей встречи (10.09.2024)']],
    ['a real date', meeting('trial', '2024-09-31'), ['acquaintance'], ['date|Дата встречи: некорректная дата']],
  ])('%s', (_, m, history, expected) => {
    expect(validateMeeting(m, held(history)).map((i) => `${i.field}|${i.message}`)).toEqual(expected);
  });
});

describe('markPlanTask', () => {
  const tasks = plan().tasks;

  it('marks one task done with who and the note, leaving the others as they were', () => {
    const result = markPlanTask(tasks, { taskId: '2', done: true, note: '  Решили 12 задач  ', byName: 'Сергеев Максим', on: '2024-11-20' });
    expect(result).toEqual({
      ok: true,
      tasks: [tasks[0], { ...tasks[1], done: true, doneOn: '2024-11-20', doneByName: 'Сергеев Максим', doneNote: 'Решили 12 задач' }, tasks[2]],
    });
  });

  it('opens a task again, forgetting who marked it', () => {
    const marked = markPlanTask(tasks, { taskId: '1', done: false, note: '', byName: 'Кто-то', on: '2024-11-20' });
    expect(marked.ok && marked.tasks[0]).toEqual({ ...tasks[0], done: false, doneOn: null, doneByName: null, doneNote: null });
  });

  it('refuses a task of another plan and a note that is too long, naming the field', () => {
    expect(markPlanTask(tasks, { taskId: 'x', done: true, note: '', byName: 'А', on: '2024-11-20' })).toMatchObject({
      ok: false,
      issues: [{ field: 'taskId', severity: 'error' }],
    });
    expect(markPlanTask(tasks, { taskId: '2', done: true, note: 'а'.repeat(2001), byName: 'А', on: '2024-11-20' })).toMatchObject({
      ok: false,
      issues: [{ field: 'note', message: 'Комментарий к задаче: не более 2000 символов' }],
    });
  });
});

describe('nextOpenTask', () => {
  it('is the open task with the nearest deadline, then an undated one, and none when all are done', () => {
    expect(nextOpenTask([task('a', false), task('b', false, '2025-03-01'), task('c', false, '2024-12-01'), task('d', true, '2024-10-01')])?.id).toBe('c');
    expect(nextOpenTask([task('a', true, '2024-10-01'), task('b', false)])?.id).toBe('b');
    expect(nextOpenTask([task('a', true)])).toBeNull();
  });
});
