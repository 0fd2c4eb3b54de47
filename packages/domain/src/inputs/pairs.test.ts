import { describe, expect, it } from 'vitest';
import { checkInput } from './check.js';
import { completionInputSchema, extensionInputSchema, markPlanTaskInputSchema, meetingInputSchema, planTasksSchema } from './pairs.js';

const issues = (result: { issues: Array<{ field: string; message: string }> }) => result.issues.map(({ field, message }) => `${field}|${message}`);

describe('planTasksSchema: the plan’s tasks as setPairPlan takes them', () => {
  it('cleans a valid plan: titles trimmed, no deadline is null, no mark is open', () => {
    expect(
      checkInput(planTasksSchema, {
        tasks: [
          { id: 't1', title: '  Диктант ', deadline: '2026-10-30', done: true },
          { title: 'Проект', deadline: ' ' },
        ],
      }),
    ).toEqual({
      ok: true,
      issues: [],
      value: {
        tasks: [
          { id: 't1', title: 'Диктант', deadline: '2026-10-30', done: true },
          { id: null, title: 'Проект', deadline: null, done: false },
        ],
      },
    });
    expect(checkInput(planTasksSchema, { tasks: [] }).ok).toBe(true);
  });

  it('reports every task’s problems at once, numbered, under the task’s own field', () => {
    expect(
      issues(
        checkInput(planTasksSchema, {
          tasks: [
            { id: 't1', title: ' ', deadline: '31.12.2026' },
            { title: 'я'.repeat(1001), deadline: '2026-02-30' },
            { id: 't1', title: 'Повтор' },
          ],
        }),
      ),
    ).toEqual([
      'tasks[0].title|Задача 1: укажите содержание',
      'tasks[0].deadline|Задача 1: некорректный срок',
      'tasks[1].title|Задача 2: не более 1000 символов',
      'tasks[1].deadline|Задача 2: некорректный срок',
      'tasks[2].id|Задача 3: такая задача уже есть в плане',
    ]);
  });

  it('takes a title of exactly 1000 characters', () => {
    expect(checkInput(planTasksSchema, { tasks: [{ title: 'я'.repeat(1000) }] }).ok).toBe(true);
  });
});

describe('meetingInputSchema: a meeting after those held', () => {
  const held = [{ type: 'acquaintance', date: '2026-09-20' }];

  it('everything empty: the kind, the date and the feedback at once', () => {
    expect(issues(checkInput(meetingInputSchema(held), { type: ' ', date: '', notes: null, feedback: '  ' }))).toEqual([
      'type|Вид встречи: выберите из списка',
      'date|Дата встречи: укажите дату',
      'feedback|Обратная связь: обязательна после каждой встречи',
    ]);
  });

  it('out of order and back in time, both at once; an unknown kind and a wrong date', () => {
    expect(issues(checkInput(meetingInputSchema(held), { type: 'final', date: '2026-09-01', feedback: 'ok' }))).toEqual([
      'type|Вид встречи: сейчас возможна «Пробная встреча», а не «Итоговая встреча»',
      'date|Дата встречи: не раньше предыдущей встречи (20.09.2026)',
    ]);
    expect(issues(checkInput(meetingInputSchema([]), { type: 'party', date: '2026-09-31', feedback: 'ok' }))).toEqual([
      'type|Вид встречи: неизвестное значение «party»',
      'date|Дата встречи: некорректная дата',
    ]);
  });

  it('the next kind with its feedback passes, trimmed, the notes empty when absent', () => {
    expect(checkInput(meetingInputSchema(held), { type: ' trial ', date: '2026-09-25', feedback: ' Интересно ' })).toEqual({
      ok: true,
      issues: [],
      value: { type: 'trial', date: '2026-09-25', notes: '', feedback: 'Интересно' },
    });
  });
});

describe('completionInputSchema: the completion against the plan', () => {
  const plan = {
    start: '2026-09-15',
    tasks: [
      { done: true, deadline: null },
      { done: false, deadline: null },
    ],
  };

  it('everything empty: the reason and the date at once (the comment’s rule waits for a reason)', () => {
    expect(issues(checkInput(completionInputSchema(plan), { reason: '', on: '', comment: null }))).toEqual([
      'reason|Причина завершения: выберите из списка',
      'on|Дата завершения: укажите дату',
    ]);
  });

  it('before the start and without the comment its reason needs', () => {
    expect(issues(checkInput(completionInputSchema(plan), { reason: 'mentor-request', on: '2026-09-01', comment: ' ' }))).toEqual([
      'on|Дата завершения: не раньше начала плана',
      'comment|Комментарий: для причины «По инициативе наставника (уважительная причина)» опишите обстоятельства',
    ]);
    expect(issues(checkInput(completionInputSchema(plan), { reason: 'boredom', on: '2026-13-01' }))).toEqual([
      'reason|Причина завершения: выберите из списка',
      'on|Дата завершения: некорректная дата',
    ]);
  });

  it('«plan done» with open tasks is only a warning, not a problem of the input', () => {
    expect(checkInput(completionInputSchema(plan), { reason: 'plan-done', on: '2027-05-31', comment: ' ' })).toEqual({
      ok: true,
      issues: [],
      value: { reason: 'plan-done', on: '2027-05-31', comment: null },
    });
  });
});

describe('extensionInputSchema: the extension against the plan’s end', () => {
  const plan = { end: '2027-05-31' };

  it('everything empty: the date, the consent and the reason at once', () => {
    expect(issues(checkInput(extensionInputSchema(plan), { until: ' ', comment: '', mutualConsent: false }))).toEqual([
      'until|Продление: укажите новую дату окончания',
      'mutualConsent|Продление: нужно взаимное согласие наставника и наставляемого',
      'comment|Продление: укажите причину',
    ]);
  });

  it('a date not later than the end, a date in another format', () => {
    expect(issues(checkInput(extensionInputSchema(plan), { until: '2027-05-31', comment: 'Болезнь', mutualConsent: true }))).toEqual([
      'until|Продление: новая дата окончания должна быть позже 31.05.2027',
    ]);
    expect(issues(checkInput(extensionInputSchema(plan), { until: '31.08.2027', comment: 'Болезнь', mutualConsent: true }))).toEqual([
      'until|Продление: некорректная дата',
    ]);
  });

  it('a later date by mutual consent passes with its reason trimmed', () => {
    expect(checkInput(extensionInputSchema(plan), { until: '2027-08-31', comment: ' Болезнь ', mutualConsent: true }).value).toEqual({
      until: '2027-08-31',
      comment: 'Болезнь',
      mutualConsent: true,
    });
  });
});

describe('markPlanTaskInputSchema: a member’s mark', () => {
  const tasks = [{ id: 't1' }, { id: 't2' }];

  it('a task of another plan and a note too long, both at once', () => {
    expect(issues(checkInput(markPlanTaskInputSchema(tasks), { taskId: 'x', done: true, note: 'я'.repeat(2001) }))).toEqual([
      'taskId|Задача: такой задачи нет в плане пары',
      'note|Комментарий к задаче: не более 2000 символов',
    ]);
  });

  it('a task of the plan with a note of 2000 characters, or none', () => {
    expect(checkInput(markPlanTaskInputSchema(tasks), { taskId: 't2', done: true, note: ` ${'я'.repeat(2000)} ` }).ok).toBe(true);
    expect(checkInput(markPlanTaskInputSchema(tasks), { taskId: 't1', done: false, note: null }).value).toEqual({ taskId: 't1', done: false, note: '' });
  });
});
