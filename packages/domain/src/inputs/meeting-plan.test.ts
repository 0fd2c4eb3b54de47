import { describe, expect, it } from 'vitest';
import { instantOfWallClock, formatDateTimeRu } from '../dates.js';
import { checkInput } from './check.js';
import { plannedMeetingSchema } from './meeting-plan.js';

describe('the planned meeting', () => {
  const schema = plannedMeetingSchema('2026-12-05');

  it('takes a day from today on, a time ЧЧ:ММ, a kind of the methodology and an optional place', () => {
    const checked = checkInput(schema, { date: '2026-12-05', time: ' 09:30 ', type: 'regular', place: '  каб.  204 ' });
    expect(checked.value).toEqual({ date: '2026-12-05', time: '09:30', type: 'regular', place: 'каб. 204' });
    expect(checkInput(schema, { date: '2026-12-10', time: '23:59', type: 'final', place: '' }).value?.place).toBeNull();
  });

  it('reports every problem at once, one per field', () => {
    expect(checkInput(schema, { date: '', time: '9:3', type: 'party', place: 'м'.repeat(301) }).issues).toEqual([
      { field: 'date', message: 'Дата встречи: укажите дату' },
      { field: 'time', message: 'Время встречи: укажите время в виде ЧЧ:ММ' },
      { field: 'type', message: 'Вид встречи: выберите из списка' },
      { field: 'place', message: 'Поле «Место или ссылка»: не более 300 символов.' },
    ]);
  });

  it('refuses a day in the past even when another field is wrong too', () => {
    expect(checkInput(schema, { date: '2026-12-04', time: '24:00', type: 'regular' }).issues).toEqual([
      { field: 'time', message: 'Время встречи: укажите время в виде ЧЧ:ММ' },
      { field: 'date', message: 'Дата встречи: не раньше сегодняшнего дня' },
    ]);
  });
});

describe('a wall-clock time in a zone', () => {
  it('is the instant the zone means, shown back the same', () => {
    expect(instantOfWallClock('2026-12-12', '15:00', 'Europe/Moscow').toISOString()).toBe('2026-12-12T12:00:00.000Z');
    expect(instantOfWallClock('2026-12-12', '15:00', 'Asia/Yekaterinburg').toISOString()).toBe('2026-12-12T10:00:00.000Z');
    expect(formatDateTimeRu(instantOfWallClock('2027-03-01', '08:05', 'Asia/Yekaterinburg'), 'Asia/Yekaterinburg')).toBe('01.03.2027 08:05 (МСК+2)');
  });

  it('crosses a change of offset (Berlin, 29.03.2026) without an hour off', () => {
    expect(instantOfWallClock('2026-03-29', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(instantOfWallClock('2026-03-28', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-28T11:00:00.000Z');
  });
});
