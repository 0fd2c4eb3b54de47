import { describe, expect, it } from 'vitest';
import { describeSchedule, formatJobSummary, formatJobTime, jobStateLabel, jobTriggerLabel } from './jobs';

describe('background jobs in Russian', () => {
  it('tells the schedules the API writes in words, others as they are', () => {
    expect(describeSchedule(null)).toBe('не по расписанию');
    expect(describeSchedule('* * * * *')).toBe('каждую минуту');
    expect(describeSchedule('*/10 * * * *')).toBe('каждые 10 минут');
    expect(describeSchedule('*/2 * * * *')).toBe('каждые 2 минуты');
    expect(describeSchedule('0 * * * *')).toBe('каждый час');
    expect(describeSchedule('0 */2 * * *')).toBe('каждые 2 часа');
    expect(describeSchedule('0 */6 * * *')).toBe('каждые 6 часов');
    expect(describeSchedule('30 3 * * *')).toBe('ежедневно в 03:30');
    expect(describeSchedule('FREQ=MINUTELY;INTERVAL=7')).toBe('каждые 7 минут');
    expect(describeSchedule('FREQ=MINUTELY;INTERVAL=21')).toBe('каждые 21 минуту');
    expect(describeSchedule('0 9 * * 1')).toBe('0 9 * * 1');
  });

  it('shows states, triggers, times ДД.ММ.ГГГГ ЧЧ:ММ and summaries', () => {
    expect(jobStateLabel('FAILED')).toEqual({ label: 'ошибка', tone: 'returned' });
    expect(jobStateLabel('COMPLETED').label).toBe('выполнено');
    expect(jobStateLabel('RETRY').label).toBe('ждёт повтора');
    expect(jobTriggerLabel('SCHEDULE')).toBe('по расписанию');
    expect(jobTriggerLabel(null)).toBe('—');
    expect(formatJobTime(new Date(2026, 11, 5, 3, 7))).toBe('05.12.2026 03:07');
    expect(formatJobTime(null)).toBe('—');
    expect(formatJobSummary('{"refreshed":40,"districts":41}')).toBe('refreshed: 40, districts: 41');
    expect(formatJobSummary(null)).toBe('');
  });
});
