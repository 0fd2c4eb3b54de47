import { describe, expect, it } from 'vitest';
import {
  completionValues,
  extensionValues,
  markValues,
  meetingTypeOptions,
  meetingValues,
  methodologyStep,
  pairPaths,
  planAfter,
  suggestedMeetingType,
  taskDraftValues,
} from './pairs';

const tasks = [
  { id: 't1', title: 'Диагностика', deadline: '2025-10-01', done: true },
  { id: 't2', title: 'Олимпиада', deadline: null, done: false },
];

describe('pairs: the plan', () => {
  it('adds a task without an id at the end, keeping the others with theirs', () => {
    expect(planAfter(tasks, { kind: 'add', title: '  Проект ', deadline: '2025-12-20' })).toEqual([
      { id: 't1', title: 'Диагностика', deadline: '2025-10-01', done: true },
      { id: 't2', title: 'Олимпиада', deadline: null, done: false },
      { title: 'Проект', deadline: '2025-12-20', done: false },
    ]);
  });

  it('edits, marks done and removes one task only', () => {
    expect(planAfter(tasks, { kind: 'edit', id: 't2', title: 'Олимпиада (район)', deadline: '2026-01-15' })[1]).toEqual({
      id: 't2',
      title: 'Олимпиада (район)',
      deadline: '2026-01-15',
      done: false,
    });
    const toggled = planAfter(tasks, { kind: 'toggle', id: 't2', done: true });
    expect(toggled.map((t) => t.done)).toEqual([true, true]);
    expect(planAfter(tasks, { kind: 'remove', id: 't1' }).map((t) => t.id)).toEqual(['t2']);
  });

  it('checks a task as typed with the shared schema: title required, deadline ДД.ММ.ГГГГ optional', () => {
    expect(taskDraftValues(tasks, null, ' Проект ', '20.12.2025')).toEqual({ errors: {}, values: { title: 'Проект', deadline: '2025-12-20' } });
    expect(taskDraftValues(tasks, null, 'Проект', '')).toEqual({ errors: {}, values: { title: 'Проект', deadline: null } });
    // A new task is the plan's third: the API's numbered message beside the title; a mistyped date is the form's own.
    const bad = taskDraftValues(tasks, null, ' ', '31.02.2025');
    expect(bad).toEqual({ errors: { title: 'Задача 3: укажите содержание', deadline: 'Укажите дату в формате ДД.ММ.ГГГГ' }, values: null });
  });

  it('checks an edited task in its place in the plan, with the API’s limit', () => {
    expect(taskDraftValues(tasks, 't2', 'я'.repeat(1001), '')).toEqual({ errors: { title: 'Задача 2: не более 1000 символов' }, values: null });
    expect(taskDraftValues(tasks, 't2', 'Олимпиада (район)', '15.01.2026').values).toEqual({ title: 'Олимпиада (район)', deadline: '2026-01-15' });
  });
});

describe('pairs: meetings in the methodology order', () => {
  it('suggests the next kind, a regular meeting before the final one', () => {
    expect(suggestedMeetingType(['acquaintance'])).toBe('acquaintance');
    expect(suggestedMeetingType(['final', 'regular'])).toBe('regular');
    expect(suggestedMeetingType([])).toBeNull();
  });

  it('offers all kinds in order, marking those expected now', () => {
    const options = meetingTypeOptions(['trial']);
    expect(options.map((o) => o.value)).toEqual(['acquaintance', 'trial', 'planning', 'regular', 'final']);
    expect(options.filter((o) => o.expected).map((o) => o.label)).toEqual(['Пробная встреча']);
  });

  it('counts the steps reached, regular meetings once', () => {
    expect(methodologyStep(['acquaintance', 'trial', 'planning', 'regular', 'regular'])).toEqual({ reached: 4, total: 5 });
    expect(methodologyStep([])).toEqual({ reached: 0, total: 5 });
  });

  const held = [{ type: 'acquaintance', date: '2025-10-01' }];

  it('reads the meeting form with the shared schema: the date converted, the order and the feedback checked', () => {
    expect(meetingValues({ type: 'trial', date: '05.10.2025', notes: ' темы ', feedback: ' ок ' }, held)).toEqual({
      errors: {},
      values: { type: 'trial', date: '2025-10-05', notes: 'темы', feedback: 'ок' },
    });
    expect(meetingValues({ type: '', date: '5 октября', notes: '', feedback: ' ' }, held)).toEqual({
      errors: {
        type: 'Вид встречи: выберите из списка',
        date: 'Укажите дату в формате ДД.ММ.ГГГГ',
        feedback: 'Обратная связь: обязательна после каждой встречи',
      },
      values: null,
    });
    expect(meetingValues({ type: 'regular', date: '30.09.2025', notes: '', feedback: 'ок' }, held).errors).toEqual({
      type: 'Вид встречи: сейчас возможна «Пробная встреча», а не «Регулярная встреча»',
      date: 'Дата встречи: не раньше предыдущей встречи (01.10.2025)',
    });
    expect(meetingValues({ type: 'acquaintance', date: '', notes: '', feedback: 'ок' }, []).errors).toEqual({ date: 'Дата встречи: укажите дату' });
  });

  it('asks to confirm a final meeting while the plan is not done; not when it is, or when there is no plan', () => {
    const final = { type: 'final', date: '20.05.2026', notes: '', feedback: 'итоги' };
    const regular = ['acquaintance', 'trial', 'planning', 'regular'].map((type, i) => ({ type, date: `2025-10-0${i + 1}` }));
    const unconfirmed = meetingValues(final, regular, { done: 2, total: 5 });
    expect(unconfirmed.values).toBeNull();
    expect(unconfirmed.errors).toEqual({ finalDespitePlan: 'Подтвердите итоговую встречу при невыполненном плане или выберите другой вид встречи' });
    expect(meetingValues({ ...final, finalDespitePlan: 'yes' }, regular, { done: 2, total: 5 }).values).toMatchObject({ type: 'final' });
    expect(meetingValues(final, regular, { done: 5, total: 5 }).values).toMatchObject({ type: 'final' });
    expect(meetingValues(final, regular, { done: 0, total: 0 }).values).toMatchObject({ type: 'final' });
    expect(meetingValues({ ...final, type: 'regular' }, regular, { done: 2, total: 5 }).values).toMatchObject({ type: 'regular' });
  });
});

describe('pairs: completion and extension', () => {
  const plan = { startDate: '2025-09-15', endDate: '2026-05-31', tasks };

  it('checks the completion with the shared schema: a known reason, a date from the start, the comment its reason needs', () => {
    expect(completionValues({ reason: 'plan-done', on: '30.05.2026', comment: ' ' }, plan)).toEqual({
      errors: {},
      values: { reason: 'plan-done', on: '2026-05-30', comment: null },
    });
    expect(completionValues({ reason: 'tired', on: '', comment: '' }, plan)).toEqual({
      errors: { reason: 'Причина завершения: выберите из списка', on: 'Дата завершения: укажите дату' },
      values: null,
    });
    expect(completionValues({ reason: 'mentor-request', on: '01.09.2025', comment: '' }, plan).errors).toEqual({
      on: 'Дата завершения: не раньше начала плана',
      comment: 'Комментарий: для причины «По инициативе наставника (уважительная причина)» опишите обстоятельства',
    });
    expect(completionValues({ reason: 'plan-done', on: '31.13.2026', comment: '' }, plan).errors).toEqual({ on: 'Укажите дату в формате ДД.ММ.ГГГГ' });
  });

  it('checks the extension with the shared schema: a later date, the mutual consent and the reason at once', () => {
    expect(extensionValues({ until: '31.08.2026', comment: ' олимпиада ', mutualConsent: true }, plan)).toEqual({
      errors: {},
      values: { until: '2026-08-31', comment: 'олимпиада', mutualConsent: true },
    });
    expect(extensionValues({ until: '31.05.2026', comment: ' ', mutualConsent: false }, plan)).toEqual({
      errors: {
        until: 'Продление: новая дата окончания должна быть позже 31.05.2026',
        mutualConsent: 'Продление: нужно взаимное согласие наставника и наставляемого',
        comment: 'Продление: укажите причину',
      },
      values: null,
    });
    expect(extensionValues({ until: '31.13.2026', comment: 'x', mutualConsent: true }, plan).errors).toEqual({ until: 'Укажите дату в формате ДД.ММ.ГГГГ' });
    expect(extensionValues({ until: '', comment: 'x', mutualConsent: true }, plan).errors).toEqual({ until: 'Продление: укажите новую дату окончания' });
  });

  it('checks a member’s note with the shared schema', () => {
    expect(markValues(tasks, 't2', ' Заняли 3 место ')).toEqual({ errors: {}, values: { taskId: 't2', done: true, note: 'Заняли 3 место' } });
    expect(markValues(tasks, 't2', 'я'.repeat(2001))).toEqual({ errors: { note: 'Комментарий к задаче: не более 2000 символов' }, values: null });
  });

  it('builds the card’s address', () => {
    expect(pairPaths.pair('p 1', 'x/y')).toBe('/programmes/p%201/pairs/x%2Fy');
    expect(pairPaths.my()).toBe('/my');
  });
});
