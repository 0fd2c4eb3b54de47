import { describe, expect, it } from 'vitest';
import { plannedMeetingLine, plannedMeetingPassed, validatePlannedMeeting } from './plannedMeeting';

describe('the planned meeting form', () => {
  it('takes the date as typed (ДД.ММ.ГГГГ) and sends it as the API takes it', () => {
    const result = validatePlannedMeeting({ date: '12.12.2026', time: '15:30', type: 'regular', place: ' каб. 204 ' }, '2026-12-05');
    expect(result).toEqual({ errors: {}, values: { date: '2026-12-12', time: '15:30', type: 'regular', place: 'каб. 204' } });
  });

  it('shows every problem at once: a date typed wrong is the form’s own message, the rest the shared schema’s', () => {
    const result = validatePlannedMeeting({ date: '32.13.2026', time: '', type: '', place: '' }, '2026-12-05');
    expect(result.values).toBeNull();
    expect(result.errors).toEqual({
      date: 'Дата встречи: укажите дату в формате ДД.ММ.ГГГГ',
      time: 'Время встречи: укажите время в виде ЧЧ:ММ',
      type: 'Вид встречи: выберите из списка',
    });
    expect(validatePlannedMeeting({ date: '04.12.2026', time: '10:00', type: 'trial', place: '' }, '2026-12-05').errors).toEqual({
      date: 'Дата встречи: не раньше сегодняшнего дня',
    });
  });

  it('names the meeting with its time zone, and says when its time has passed', () => {
    const meeting = { startsAt: '2026-12-12T12:30:00.000Z', type: 'trial', place: 'каб. 204' };
    expect(plannedMeetingLine(meeting, 'Europe/Moscow')).toBe('«Пробная встреча», 12.12.2026 15:30 (МСК), каб. 204');
    expect(plannedMeetingLine({ ...meeting, place: null }, 'Asia/Yekaterinburg')).toBe('«Пробная встреча», 12.12.2026 17:30 (МСК+2)');
    expect(plannedMeetingPassed(meeting, new Date('2026-12-12T12:29:00Z'))).toBe(false);
    expect(plannedMeetingPassed(meeting, new Date('2026-12-12T12:31:00Z'))).toBe(true);
  });
});
