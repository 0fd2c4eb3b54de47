import { describe, expect, it } from 'vitest';
import {
  DEADLINE_REASONS_RU,
  describeDeadlineRu,
  isOverdue,
  monthNumber,
  nextDueDate,
  normalizeDeadlineText,
  parseDeadline,
  type DateSpan,
  type Deadline,
  type DeadlineContext,
} from './deadline.js';

/** Periods of the seed roadmaps: 000 «на 2021-2024 гг.», 002 (Сентябрь 2021 … Июнь 2024), 003 (приказ от 08.09.2022). */
const P2021_2024: DeadlineContext = { periodStart: '2021-09-01', periodEnd: '2024-08-31' };
const P2022_23: DeadlineContext = { periodStart: '2022-09-01', periodEnd: '2023-08-31' };

/** Whole months «YYYY-MM» … «YYYY-MM» as a span (last day computed independently of the code under test). */
function M(from: string, to: string = from): DateSpan {
  const [y, m] = to.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${from}-01`, end: `${to}-${String(last).padStart(2, '0')}` };
}

type Expected = Deadline extends infer D ? (D extends Deadline ? Omit<D, 'original'> : never) : never;

const date = (due: string, before = true): Expected => ({ kind: 'date', due, before });
const range = (start: string, end: string): Expected => ({ kind: 'range', start, end, due: end });
const months = (...occurrences: DateSpan[]): Extract<Expected, { kind: 'months' }> => ({
  kind: 'months',
  occurrences,
  start: occurrences[0]!.start,
  end: occurrences[occurrences.length - 1]!.end,
  due: occurrences[occurrences.length - 1]!.end,
});
const yearly = (...occurrences: DateSpan[]): Expected => ({
  kind: 'recurring',
  frequency: 'yearly',
  occurrences,
  start: occurrences[0]!.start,
  end: occurrences[occurrences.length - 1]!.end,
  due: occurrences[occurrences.length - 1]!.end,
});
const continuous = (p: DeadlineContext): Expected => ({ kind: 'continuous', start: p.periodStart, end: p.periodEnd, due: p.periodEnd });
const bySchedule: Expected = { kind: 'bySchedule', due: null };
const unrecognized = (reason: string = DEADLINE_REASONS_RU.unrecognized): Expected => ({ kind: 'unrecognized', reason, due: null });
const endOfYear = (...years: number[]): Expected => {
  const occurrences = years.map((y) => M(`${y}-05`, `${y}-06`));
  return {
    kind: 'endOfAcademicYear',
    occurrences,
    start: occurrences[0]!.start,
    end: occurrences[occurrences.length - 1]!.end,
    due: occurrences[occurrences.length - 1]!.end,
  };
};

const EOY_2021_2024 = endOfYear(2022, 2023, 2024);

/**
 * Every distinct deadline cell of the three seed roadmaps, literally as in the files
 * (000 «Срок реализации», 002 «Сроки», 003 «Сроки»).
 */
const SEED_CASES: ReadonlyArray<readonly [string, DeadlineContext, Expected]> = [
  // 000 — МОБУ «Гимназия», г. Сибай, 2021–2024
  ['30.08.2021-30.09.2021г.', P2021_2024, range('2021-08-30', '2021-09-30')],
  ['Постоянно с дополнениями.', P2021_2024, continuous(P2021_2024)],
  ['до 20.09.2021г', P2021_2024, date('2021-09-20')],
  ['Постоянно с дополнениями', P2021_2024, continuous(P2021_2024)],
  ['до 01.10.2021г', P2021_2024, date('2021-10-01')],
  ['По отдельному графику', P2021_2024, bySchedule],
  ['Конец учебного года', P2021_2024, EOY_2021_2024],
  ['до 29.10.2021 г.', P2021_2024, date('2021-10-29')],
  ['до 01.10.2021 г', P2021_2024, date('2021-10-01')],
  ['до 06.10.2021 г', P2021_2024, date('2021-10-06')],
  ['по отдельному графику', P2021_2024, bySchedule],
  ['конец учебного года', P2021_2024, EOY_2021_2024],
  ['До начала вхождения в программу', P2021_2024, unrecognized()],
  ['постоянно', P2021_2024, continuous(P2021_2024)],
  // 002 — МБОУ «Лицей №21», г. Курск, 2021–2024
  ['Сентябрь 2021, 2022, 2023', P2021_2024, yearly(M('2021-09'), M('2022-09'), M('2023-09'))],
  // Row 1.4 is split over two lines in the converted file: «Сентябрь» / «2021, 2022, 2023».
  ['Сентябрь', P2021_2024, yearly(M('2021-09'), M('2022-09'), M('2023-09'))],
  ['2021, 2022, 2023', P2021_2024, yearly(M('2021-01', '2021-12'), M('2022-01', '2022-12'), M('2023-01', '2023-12'))],
  ['Октябрь 2021, 2022, 2023', P2021_2024, yearly(M('2021-10'), M('2022-10'), M('2023-10'))],
  ['Ноябрь', P2021_2024, yearly(M('2021-11'), M('2022-11'), M('2023-11'))],
  ['Ноябрь 2021, 2022, 2023', P2021_2024, yearly(M('2021-11'), M('2022-11'), M('2023-11'))],
  ['В течении 2021, 2022, 2023 года', P2021_2024, yearly(M('2021-01', '2021-12'), M('2022-01', '2022-12'), M('2023-01', '2023-12'))],
  ['Декабрь 2021, 2022, 2023', P2021_2024, yearly(M('2021-12'), M('2022-12'), M('2023-12'))],
  ['Январь 2022. 2023, 2024', P2021_2024, yearly(M('2022-01'), M('2023-01'), M('2024-01'))],
  ['Февраль 2022. 2023, 2024', P2021_2024, yearly(M('2022-02'), M('2023-02'), M('2024-02'))],
  ['Февраль- май 2022', P2021_2024, months(M('2022-02', '2022-05'))],
  ['Февраль- май 2022, 2023, 2024', P2021_2024, yearly(M('2022-02', '2022-05'), M('2023-02', '2023-05'), M('2024-02', '2024-05'))],
  ['Май 2022, 2023, 2024', P2021_2024, yearly(M('2022-05'), M('2023-05'), M('2024-05'))],
  ['апрель 2022, 2023, 2024', P2021_2024, yearly(M('2022-04'), M('2023-04'), M('2024-04'))],
  ['Апрель - Май 2022, 2023, 2024', P2021_2024, yearly(M('2022-04', '2022-05'), M('2023-04', '2023-05'), M('2024-04', '2024-05'))],
  ['Май- Июнь 2022, 2023, 2024', P2021_2024, yearly(M('2022-05', '2022-06'), M('2023-05', '2023-06'), M('2024-05', '2024-06'))],
  ['Июнь 2022, 2023, 2024', P2021_2024, yearly(M('2022-06'), M('2023-06'), M('2024-06'))],
  // 003 — МБОУ «СШ № 25», ГО ЗАТО Свободный, 2022/2023
  ['сентябрь', P2022_23, months(M('2022-09'))],
  ['В течение года', P2022_23, continuous(P2022_23)],
  ['май', P2022_23, months(M('2023-05'))],
  ['апрель', P2022_23, months(M('2023-04'))],
];

/** The examples of docs/domain.md and of the feature's brief. */
const DOC_CASES: ReadonlyArray<readonly [string, DeadlineContext, Expected]> = [
  ['01.09.2023-01.10.2023', P2021_2024, range('2023-09-01', '2023-10-01')],
  ['До 30.12.2023', P2021_2024, date('2023-12-30')],
  ['20.09.2021', P2021_2024, date('2021-09-20', false)],
  ['20.09.21', P2021_2024, date('2021-09-20', false)],
  ['«30» августа 2021 г.', P2021_2024, date('2021-08-30', false)],
  ['« 15 » сентября 2021 года', P2021_2024, date('2021-09-15', false)],
  ['с 01.09.2021 по 30.09.2021', P2021_2024, range('2021-09-01', '2021-09-30')],
  // Explicit dates are taken as written even outside the period.
  ['Ноябрь-декабрь 2020 г.', P2021_2024, months(M('2020-11', '2020-12'))],
  ['Сентябрь 2021', P2021_2024, months(M('2021-09'))],
  ['Январь 2022, январь 2023', P2021_2024, months(M('2022-01'), M('2023-01'))],
  ['ноябрь, декабрь 2020', P2021_2024, months(M('2020-11'), M('2020-12'))],
  ['ноябрь 2021 – февраль 2022', P2021_2024, months(M('2021-11', '2022-02'))],
  ['декабрь-январь 2022', P2021_2024, months(M('2021-12', '2022-01'))],
  ['сентябрь 2021-2023', P2021_2024, yearly(M('2021-09'), M('2022-09'), M('2023-09'))],
  ['сент. 2021', P2021_2024, months(M('2021-09'))],
  ['в сентябре', P2022_23, months(M('2022-09'))],
  ['СЕНТЯБРЬ', P2022_23, months(M('2022-09'))],
  ['сентябрь-май', P2022_23, months(M('2022-09', '2023-05'))],
  ['Июнь, по итогам года', P2022_23, months(M('2023-06'))],
  ['Июнь, по итогам года', P2021_2024, yearly(M('2022-06'), M('2023-06'), M('2024-06'))],
  [
    'Май 2021 г., далее - регулярное наполнение и обновление',
    P2021_2024,
    { ...months(M('2021-05')), then: { kind: 'continuous', start: '2021-09-01', end: '2024-08-31' } },
  ],
  [
    'Май 2022 г., далее - регулярное наполнение и обновление',
    P2021_2024,
    { ...months(M('2022-05')), then: { kind: 'continuous', start: '2022-06-01', end: '2024-08-31' } },
  ],
  ['Ежегодно', P2021_2024, yearly(M('2021-09', '2022-08'), M('2022-09', '2023-08'), M('2023-09', '2024-08'))],
  ['ежегодно в сентябре', P2021_2024, yearly(M('2021-09'), M('2022-09'), M('2023-09'))],
  ['ежегодно в сентябре', P2022_23, yearly(M('2022-09'))],
  ['Постоянно', P2021_2024, continuous(P2021_2024)],
  ['В течение года', P2021_2024, continuous(P2021_2024)],
  ['В течение учебного года', P2022_23, continuous(P2022_23)],
  ['В течение всего периода реализации программы', P2021_2024, continuous(P2021_2024)],
  ['в течение всего периода', P2021_2024, continuous(P2021_2024)],
  ['весь период', P2021_2024, continuous(P2021_2024)],
  ['по графику', P2021_2024, bySchedule],
  ['по плану работы методического объединения', P2021_2024, bySchedule],
  ['по окончании учебного года', P2022_23, endOfYear(2023)],
  [
    'Ежеквартально',
    P2022_23,
    {
      kind: 'recurring',
      frequency: 'quarterly',
      // The July–September quarter is cut by the period on both sides.
      occurrences: [M('2022-09'), M('2022-10', '2022-12'), M('2023-01', '2023-03'), M('2023-04', '2023-06'), M('2023-07', '2023-08')],
      start: '2022-09-01',
      end: '2023-08-31',
      due: '2023-08-31',
    },
  ],
  [
    'Ежемесячно',
    P2022_23,
    {
      kind: 'recurring',
      frequency: 'monthly',
      occurrences: ['2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08'].map(
        (m) => M(m),
      ),
      start: '2022-09-01',
      end: '2023-08-31',
      due: '2023-08-31',
    },
  ],
  [
    '1 раз в четверть',
    P2022_23,
    {
      kind: 'recurring',
      frequency: 'termly',
      occurrences: [M('2022-09', '2022-10'), M('2022-11', '2022-12'), M('2023-01', '2023-03'), M('2023-04', '2023-05')],
      start: '2022-09-01',
      end: '2023-05-31',
      due: '2023-05-31',
    },
  ],
];

/** Converted-document noise around the same deadlines. */
const NOISE_CASES: ReadonlyArray<readonly [string, DeadlineContext, Expected]> = [
  ['<p>до&nbsp;20.09.2021г.</p>', P2021_2024, date('2021-09-20')],
  ['  до   20.09.2021   г. ', P2021_2024, date('2021-09-20')],
  ['до 20.09.2021 года;', P2021_2024, date('2021-09-20')],
  ['30.08.2021 – 30.09.2021 гг.', P2021_2024, range('2021-08-30', '2021-09-30')],
  ['30.08.2021—30.09.2021', P2021_2024, range('2021-08-30', '2021-09-30')],
  ['30.08.2021‐30.09.2021', P2021_2024, range('2021-08-30', '2021-09-30')],
  ['Сентябрь\n2021, 2022, 2023', P2021_2024, yearly(M('2021-09'), M('2022-09'), M('2023-09'))],
  ['Ноябрь\n2021, 2022, 2023', P2021_2024, yearly(M('2021-11'), M('2022-11'), M('2023-11'))],
  ['<ul><li>Февраль&ndash;май 2022</li></ul>', P2021_2024, months(M('2022-02', '2022-05'))],
  ['Постоянно.<br>', P2021_2024, continuous(P2021_2024)],
  ['Сентябрь 2021 г.', P2021_2024, months(M('2021-09'))],
];

const UNRECOGNIZED_CASES: ReadonlyArray<readonly [string, DeadlineContext, Expected]> = [
  ['', P2021_2024, unrecognized(DEADLINE_REASONS_RU.empty)],
  ['<p>&nbsp;</p>', P2021_2024, unrecognized(DEADLINE_REASONS_RU.empty)],
  ['31.02.2021', P2021_2024, unrecognized(DEADLINE_REASONS_RU.invalidDate)],
  ['30.09.2021-30.08.2021', P2021_2024, unrecognized(DEADLINE_REASONS_RU.invalidDate)],
  // A shifted cell (002, row 6.5): activity text in the deadline column.
  ['Сроки сбора обратной связи от участников программы наставничества', P2021_2024, unrecognized()],
  ['после 20.09.2021', P2021_2024, unrecognized()],
  ['сентябрь', { periodStart: '', periodEnd: '' }, unrecognized(DEADLINE_REASONS_RU.noPeriod)],
  ['Постоянно', { periodStart: '2024-09-01', periodEnd: '2023-08-31' }, unrecognized(DEADLINE_REASONS_RU.noPeriod)],
  ['июль', { periodStart: '2022-09-01', periodEnd: '2023-05-31' }, unrecognized(DEADLINE_REASONS_RU.outsidePeriod)],
];

describe('parseDeadline', () => {
  const table = (name: string, cases: ReadonlyArray<readonly [string, DeadlineContext, Expected]>) =>
    describe(name, () => {
      it.each(cases.map(([text, context, expected]) => ({ text, context, expected })))('$text', ({ text, context, expected }) => {
        expect(parseDeadline(text, context)).toEqual({ original: text, ...expected });
      });
    });
  table('every deadline cell of the seed roadmaps', SEED_CASES);
  table('examples of the domain reference', DOC_CASES);
  table('converted-document noise', NOISE_CASES);
  table('what stays text', UNRECOGNIZED_CASES);

  it('keeps an absolute date without a valid period', () => {
    expect(parseDeadline('до 20.09.2021г', { periodStart: 'x', periodEnd: 'y' })).toEqual({ original: 'до 20.09.2021г', ...date('2021-09-20') });
  });

  it('never throws and always keeps the original text', () => {
    const samples = [
      '',
      ' ',
      '-',
      ',,,',
      '—',
      '2021',
      '99.99.9999',
      'сентябрь-',
      '-май',
      'май--июнь',
      'январь 1800',
      '1.1.1',
      '§0',
      'далее',
      'ежегодно, далее',
      '(сентябрь)',
      'сентябрь 2021-2019',
      '<p',
      '&#0;',
      '&#x110000;',
      'x'.repeat(10_000),
      'Ежегодно (сентябрь)',
    ];
    for (const text of samples) {
      for (const context of [P2021_2024, { periodStart: '', periodEnd: '' }]) {
        const result = parseDeadline(text, context);
        expect(result.original).toBe(text);
      }
    }
    // A caller outside TypeScript may pass anything.
    expect(parseDeadline(null as unknown as string, P2021_2024)).toEqual({ original: '', ...unrecognized(DEADLINE_REASONS_RU.empty) });
  });
});

describe('helpers', () => {
  it('reads month names in every case form and abbreviations', () => {
    for (const word of ['сентябрь', 'Сентября', 'сентябре', 'сент.', 'сен', 'СЕНТ']) expect(monthNumber(word)).toBe(9);
    for (const word of ['май', 'мая', 'мае']) expect(monthNumber(word)).toBe(5);
    for (const word of ['март', 'марта', 'марте', 'мар']) expect(monthNumber(word)).toBe(3);
    for (const word of ['маршрут', 'материал', 'ма', 'сентиментальный']) expect(monthNumber(word)).toBeNull();
  });

  it('normalises noise', () => {
    expect(normalizeDeadlineText(' <p>Февраль&nbsp;– май 2022 г.,</p>\n')).toBe('февраль-май 2022');
  });

  it('describes what it understood', () => {
    expect(describeDeadlineRu(parseDeadline('до 20.09.2021г', P2021_2024))).toBe('до 20.09.2021');
    expect(describeDeadlineRu(parseDeadline('Февраль- май 2022, 2023, 2024', P2021_2024))).toBe(
      'ежегодно: февраль – май 2022; февраль – май 2023; февраль – май 2024',
    );
    expect(describeDeadlineRu(parseDeadline('ноябрь 2021 – февраль 2022', P2021_2024))).toBe('ноябрь 2021 – февраль 2022');
    expect(describeDeadlineRu(parseDeadline('Май 2022, далее постоянно', P2021_2024))).toBe('май 2022, далее постоянно до 31.08.2024');
    expect(describeDeadlineRu(parseDeadline('В течение года', P2022_23))).toBe('постоянно, 01.09.2022 – 31.08.2023');
    expect(describeDeadlineRu(parseDeadline('Ежеквартально', P2022_23))).toMatch(/^ежеквартально: сентябрь 2022; октябрь – декабрь 2022;/);
    expect(describeDeadlineRu(parseDeadline('по графику', P2022_23))).toBe('по отдельному графику');
    expect(describeDeadlineRu(parseDeadline('когда-нибудь', P2022_23))).toBe(DEADLINE_REASONS_RU.unrecognized);
  });
});

describe('nextDueDate / isOverdue', () => {
  const recurring = parseDeadline('Сентябрь 2021, 2022, 2023', P2021_2024);

  it('recurring: the end of the latest occurrence that has started', () => {
    expect(nextDueDate(recurring, '2021-08-15')).toBe('2021-09-30'); // none started: the first one
    expect(nextDueDate(recurring, '2021-09-01')).toBe('2021-09-30');
    expect(nextDueDate(recurring, '2022-03-01')).toBe('2021-09-30');
    expect(nextDueDate(recurring, '2022-09-15')).toBe('2022-09-30');
    expect(nextDueDate(recurring, '2025-01-01')).toBe('2023-09-30');
    expect(isOverdue(recurring, '2021-09-30', false)).toBe(false);
    expect(isOverdue(recurring, '2021-10-01', false)).toBe(true);
    expect(isOverdue(recurring, '2021-10-01', true)).toBe(false);
    expect(isOverdue(recurring, '2022-09-10', false)).toBe(false);
    expect(isOverdue(recurring, '2024-01-01', false)).toBe(true);
  });

  it('date and range: their due date', () => {
    const d = parseDeadline('до 20.09.2021г', P2021_2024);
    expect(isOverdue(d, '2021-09-20', false)).toBe(false);
    expect(isOverdue(d, '2021-09-21', false)).toBe(true);
    const r = parseDeadline('30.08.2021-30.09.2021г.', P2021_2024);
    expect(nextDueDate(r, '2021-01-01')).toBe('2021-09-30');
    expect(isOverdue(r, '2021-10-01', false)).toBe(true);
  });

  it('continuous: never overdue before the period ends', () => {
    const c = parseDeadline('Постоянно с дополнениями', P2021_2024);
    expect(isOverdue(c, '2024-08-31', false)).toBe(false);
    expect(isOverdue(c, '2024-09-01', false)).toBe(true);
  });

  it('months with a continuous tail: due at the end of the months only', () => {
    const m = parseDeadline('Май 2022 г., далее - регулярное наполнение и обновление', P2021_2024);
    expect(nextDueDate(m, '2023-01-01')).toBe('2022-05-31');
    expect(isOverdue(m, '2022-06-01', false)).toBe(true);
  });

  it('months listed separately and the end of the academic year step through their occurrences', () => {
    const m = parseDeadline('Январь 2022, январь 2023', P2021_2024);
    expect(nextDueDate(m, '2022-06-01')).toBe('2022-01-31');
    expect(nextDueDate(m, '2023-01-10')).toBe('2023-01-31');
    const e = parseDeadline('конец учебного года', P2021_2024);
    expect(nextDueDate(e, '2022-01-01')).toBe('2022-06-30');
    expect(isOverdue(e, '2022-07-01', false)).toBe(true);
    expect(nextDueDate(e, '2022-09-01')).toBe('2022-06-30');
    expect(nextDueDate(e, '2023-05-01')).toBe('2023-06-30');
  });

  it('no due date: never overdue', () => {
    for (const text of ['по отдельному графику', 'До начала вхождения в программу']) {
      const d = parseDeadline(text, P2021_2024);
      expect(nextDueDate(d, '2030-01-01')).toBeNull();
      expect(isOverdue(d, '2030-01-01', false)).toBe(false);
    }
  });
});
