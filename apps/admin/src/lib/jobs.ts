/**
 * «Фоновые задачи»: how a job's schedule and its runs read in Russian. The schedule comes as pg-boss
 * stores it (cron or an RFC 5545 rule); the forms the API writes are told in words, any other is
 * shown as it is.
 */
import { pluralRu } from '@nastavnik/domain';
import type { Tone } from './roadmap/enums';

const pad = (n: number) => String(n).padStart(2, '0');

const minutesWord = (n: number) => pluralRu(n, ['минуту', 'минуты', 'минут']);
const hoursWord = (n: number) => pluralRu(n, ['час', 'часа', 'часов']);

/** '* * * * *' → «каждую минуту»; '30 3 * * *' → «ежедневно в 03:30»; null → «не по расписанию». */
export function describeSchedule(schedule: string | null | undefined): string {
  if (!schedule) return 'не по расписанию';
  const text = schedule.trim();
  const rule = /^FREQ=MINUTELY;INTERVAL=(\d+)$/i.exec(text);
  if (rule) {
    const n = Number(rule[1]);
    return n === 1 ? 'каждую минуту' : `каждые ${n} ${minutesWord(n)}`;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) return text;
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  if (day !== '*' || month !== '*' || weekday !== '*') return text;
  if (minute === '*' && hour === '*') return 'каждую минуту';
  const everyMinutes = /^\*\/(\d+)$/.exec(minute);
  if (everyMinutes && hour === '*') {
    const n = Number(everyMinutes[1]);
    return `каждые ${n} ${minutesWord(n)}`;
  }
  if (/^\d+$/.test(minute) && hour === '*') return Number(minute) === 0 ? 'каждый час' : `каждый час в ${pad(Number(minute))} мин`;
  const everyHours = /^\*\/(\d+)$/.exec(hour);
  if (/^\d+$/.test(minute) && everyHours) {
    const n = Number(everyHours[1]);
    return `каждые ${n} ${hoursWord(n)}`;
  }
  if (/^\d+$/.test(minute) && /^\d+$/.test(hour)) return `ежедневно в ${pad(Number(hour))}:${pad(Number(minute))}`;
  return text;
}

export type JobState = 'CREATED' | 'RETRY' | 'ACTIVE' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

const STATES: Readonly<Record<JobState, { label: string; tone: Tone }>> = {
  CREATED: { label: 'ожидает', tone: 'neutral' },
  RETRY: { label: 'ждёт повтора', tone: 'returned' },
  ACTIVE: { label: 'выполняется', tone: 'progress' },
  COMPLETED: { label: 'выполнено', tone: 'agreed' },
  CANCELLED: { label: 'отменено', tone: 'muted' },
  FAILED: { label: 'ошибка', tone: 'returned' },
};

export function jobStateLabel(state: string): { label: string; tone: Tone } {
  return STATES[state as JobState] ?? { label: state, tone: 'neutral' };
}

const TRIGGERS: Readonly<Record<string, string>> = {
  SCHEDULE: 'по расписанию',
  START: 'после запуска сервера',
  MANUAL: 'по запросу',
};

export function jobTriggerLabel(trigger: string | null | undefined): string {
  return trigger ? (TRIGGERS[trigger] ?? trigger) : '—';
}

/** «ДД.ММ.ГГГГ ЧЧ:ММ» in the browser's zone; null → «—». */
export function formatJobTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The summary a completed run returned (JSON), as «refreshed: 40, districts: 40». */
export function formatJobSummary(summary: string | null | undefined): string {
  if (!summary) return '';
  try {
    const value = JSON.parse(summary) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return summary;
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}: ${typeof item === 'object' ? JSON.stringify(item) : String(item)}`)
      .join(', ');
  } catch {
    return summary;
  }
}
