import { describe, expect, it } from 'vitest';
import {
  completionValues,
  extensionValues,
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

  it('checks a task as typed: title required, deadline ДД.ММ.ГГГГ optional', () => {
    expect(taskDraftValues('Проект', '20.12.2025')).toEqual({ errors: {}, values: { title: 'Проект', deadline: '2025-12-20' } });
    expect(taskDraftValues('Проект', '')).toEqual({ errors: {}, values: { title: 'Проект', deadline: null } });
    const bad = taskDraftValues(' ', '31.02.2025');
    expect(bad.values).toBeNull();
    expect(bad.errors.title).toMatch(/Заполните/);
    expect(bad.errors.deadline).toMatch(/ДД\.ММ\.ГГГГ/);
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

  it('reads the meeting form: the date converted, the feedback left to the API', () => {
    expect(meetingValues({ type: 'trial', date: '05.10.2025', notes: ' темы ', feedback: '' })).toEqual({
      errors: {},
      values: { type: 'trial', date: '2025-10-05', notes: 'темы', feedback: '' },
    });
    const bad = meetingValues({ type: '', date: '5 октября', notes: '', feedback: 'ок' });
    expect(bad.values).toBeNull();
    expect(Object.keys(bad.errors).sort()).toEqual(['date', 'type']);
  });

  it('asks to confirm a final meeting while the plan is not done; not when it is, or when there is no plan', () => {
    const final = { type: 'final', date: '20.05.2026', notes: '', feedback: 'итоги' };
    const unconfirmed = meetingValues(final, { done: 2, total: 5 });
    expect(unconfirmed.values).toBeNull();
    expect(unconfirmed.errors).toEqual({ finalDespitePlan: 'Подтвердите итоговую встречу при невыполненном плане или выберите другой вид встречи' });
    expect(meetingValues({ ...final, finalDespitePlan: 'yes' }, { done: 2, total: 5 }).values).toMatchObject({ type: 'final' });
    expect(meetingValues(final, { done: 5, total: 5 }).values).toMatchObject({ type: 'final' });
    expect(meetingValues(final, { done: 0, total: 0 }).values).toMatchObject({ type: 'final' });
    expect(meetingValues({ ...final, type: 'regular' }, { done: 2, total: 5 }).values).toMatchObject({ type: 'regular' });
  });
});

describe('pairs: completion and extension', () => {
  it('requires a known reason and a date', () => {
    expect(completionValues({ reason: 'plan-done', on: '30.05.2026', comment: ' ' })).toEqual({
      errors: {},
      values: { reason: 'plan-done', on: '2026-05-30', comment: null },
    });
    const bad = completionValues({ reason: 'tired', on: '', comment: '' });
    expect(bad.values).toBeNull();
    expect(Object.keys(bad.errors).sort()).toEqual(['on', 'reason']);
  });

  it('reads the new end date; the consent and the reason are the API’s to refuse', () => {
    expect(extensionValues({ until: '31.08.2026', comment: ' олимпиада ', mutualConsent: false })).toEqual({
      errors: {},
      values: { until: '2026-08-31', comment: 'олимпиада', mutualConsent: false },
    });
    expect(extensionValues({ until: '31.13.2026', comment: '', mutualConsent: true }).errors.until).toMatch(/ДД\.ММ\.ГГГГ/);
  });

  it('builds the card’s address', () => {
    expect(pairPaths.pair('p 1', 'x/y')).toBe('/programmes/p%201/pairs/x%2Fy');
    expect(pairPaths.my()).toBe('/my');
  });
});
