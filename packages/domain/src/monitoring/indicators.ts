import { formatPercentRu } from './format.js';
import { KPI_LABELS_RU, type Kpi, type KpiCode } from './kpi.js';

/**
 * Linking a roadmap item's indicator («Показатели эффективности», free text) to a computed figure,
 * so its status shows automatically. Reading is deliberately narrow: a text is linked only when both
 * a number and what it measures are recognised; anything else gives null and stays plain text.
 */

export type IndicatorOp = '>=' | '<=' | '>' | '<';

/** The figures an indicator in percent can be linked to. */
export type IndicatorKpi = Extract<
  KpiCode,
  | 'coverage'
  | 'federalTarget70'
  | 'partnerMentorShare'
  | 'partnerOrganizationShare'
  | 'plansDone'
  | 'consentsCollected'
  | 'finalEventAttendance'
  | 'roadmapExecution'
  | 'satisfiedShare'
>;

export type ParsedIndicator =
  | { kpi: IndicatorKpi; op: IndicatorOp; value: number; unit: '%' }
  /** «не менее 5 публикаций»: a count of things, `subject` in the nominative plural. */
  | { kpi: 'count'; subject: string; op: IndicatorOp; value: number };

export const INDICATOR_OP_LABELS_RU: Readonly<Record<IndicatorOp, string>> = {
  '>=': 'не менее',
  '<=': 'не более',
  '>': 'более',
  '<': 'менее',
};

/** The operator words as written; «не менее» before «менее». */
const OPS: ReadonlyArray<[RegExp, IndicatorOp]> = [
  [/^(не менее|не ниже|не меньше|≥|>=)/, '>='],
  [/^(не более|не выше|не больше|≤|<=)/, '<='],
  [/^(более|свыше|больше|выше)/, '>'],
  [/^(менее|меньше|ниже)/, '<'],
];
const OP_WORDS = 'не менее|не ниже|не меньше|не более|не выше|не больше|более|свыше|больше|выше|менее|меньше|ниже|≥|>=|≤|<=';
const NUMBER = '(\\d+(?:[.,]\\d+)?)';
const PERCENT = new RegExp(`(?:(${OP_WORDS})(?:,?\\s*чем)?(?:\\s+на)?\\s*)?${NUMBER}\\s*(?:%|процент\\S*)`);
const COUNT = new RegExp(`(?:(${OP_WORDS})(?:,?\\s*чем)?\\s*)?(?<!№\\s*)(?<![\\d.,/])${NUMBER}(?![.,/:]?\\d)\\s+((?:[а-я-]+(?:ых|их)\\s+){0,2}[а-я-]+)`, 'g');

function opOf(words: string | undefined): IndicatorOp {
  if (!words) return '>=';
  return OPS.find(([pattern]) => pattern.test(words))?.[1] ?? '>=';
}

/** Lower case, «ё» as «е», one plain space. */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u00a0\u202f\s]+/g, ' ')
    .trim();
}

/** What a percentage measures, from the words around it. Order matters: the most specific first. */
function percentKpi(text: string, after: string, value: number): IndicatorKpi | null {
  if (/соглас(ие|ия|ий|иями|иях)(\s|$|[.,;:)])/.test(text)) return 'consentsCollected';
  if (/(индивидуальн|персонализированн)\S*\s+(план|программ)/.test(text)) return 'plansDone';
  if (/^(организаци|предприяти)/.test(after) && /наставник|партнер/.test(text)) return 'partnerOrganizationShare';
  if (/^наставник/.test(after) && /партнер|предприяти|организаци|работодател/.test(text)) return 'partnerMentorShare';
  if (/итогов\S*\s+(мероприяти|конференци|встреч|фестивал|форум|событи)/.test(text)) return 'finalEventAttendance';
  if (value === 70 && /вовлеч|охва/.test(text) && /обучающ/.test(text)) return 'federalTarget70';
  if (/целев\S*\s+групп|охва|вовлеч|член\S* групп|обучающ|педагог|молод\S*\s+специалист/.test(text)) return 'coverage';
  if (/принял\S*\s+участие|присутствова|посетил|явк/.test(text)) return 'finalEventAttendance';
  if (/дорожн\S*\s+карт/.test(text)) return 'roadmapExecution';
  if (/удовлетвор/.test(text)) return 'satisfiedShare';
  return null;
}

/** Nominative plural of the things counted in roadmaps; other words stay as written. */
const SUBJECTS: ReadonlyArray<[RegExp, string]> = [
  [/^публикаци/, 'публикации'],
  [/^мероприяти/, 'мероприятия'],
  [/^встреч/, 'встречи'],
  [/^стат(ья|ьи|ей)$/, 'статьи'],
  [/^наставник/, 'наставники'],
  [/^наставляем/, 'наставляемые'],
  [/^пар(а|ы)?$/, 'пары'],
  [/^групп(а|ы)?$/, 'группы'],
  [/^кейс/, 'кейсы'],
  [/^семинар/, 'семинары'],
  [/^практик/, 'практики'],
  [/^участник/, 'участники'],
  [/^материал/, 'материалы'],
  [/^выступлени/, 'выступления'],
  [/^конкурс/, 'конкурсы'],
  [/^соглашени/, 'соглашения'],
  [/^договор/, 'договоры'],
  [/^человек/, 'человек'],
];

/** Adjectives in the genitive plural («методических семинаров») are skipped to reach the noun. */
function countSubject(words: string): string | null {
  const noun = words.split(' ').find((w) => !/(ых|их)$/.test(w)) ?? null;
  // Years and frequencies («2 раза в год») are not counts of things.
  if (noun === null || /^(год|года|году|лет|г|гг|раз|раза|час|часа|часов|минут|день|дня|дней|недел\S*|месяц\S*)$/.test(noun)) return null;
  return SUBJECTS.find(([pattern]) => pattern.test(noun))?.[1] ?? noun;
}

/**
 * A machine target from an indicator text, or null when it cannot be read (the text is kept as
 * written). «Не менее 10% от общего количества членов каждой целевой группы» →
 * `{ kpi: 'coverage', op: '>=', value: 10, unit: '%' }`; «Не менее 5 публикаций» →
 * `{ kpi: 'count', subject: 'публикации', op: '>=', value: 5 }`. A bare figure («у 100%
 * участников», «2% организаций») is a lower bound.
 */
export function parseIndicator(text: string | null | undefined): ParsedIndicator | null {
  if (typeof text !== 'string') return null;
  const norm = normalize(text);
  if (!norm) return null;

  const percent = PERCENT.exec(norm);
  if (percent) {
    const value = Number(percent[2]!.replace(',', '.'));
    const after = norm.slice(percent.index + percent[0].length).trim();
    const kpi = percentKpi(norm, after, value);
    return kpi === null ? null : { kpi, op: opOf(percent[1]), value, unit: '%' };
  }

  for (const found of norm.matchAll(COUNT)) {
    const value = Number(found[2]!.replace(',', '.'));
    const subject = countSubject(found[3]!);
    if (Number.isInteger(value) && subject !== null && !(value >= 1900 && value <= 2100)) {
      return { kpi: 'count', subject, op: opOf(found[1]), value };
    }
  }
  return null;
}

/** «Охват целевой группы: не менее 10 %», «Публикации: не менее 5». */
export function describeIndicatorRu(parsed: ParsedIndicator): string {
  if (parsed.kpi === 'count') {
    const subject = parsed.subject.charAt(0).toUpperCase() + parsed.subject.slice(1);
    return `${subject}: ${INDICATOR_OP_LABELS_RU[parsed.op]} ${parsed.value}`;
  }
  return `${KPI_LABELS_RU[parsed.kpi]}: ${INDICATOR_OP_LABELS_RU[parsed.op]} ${formatPercentRu(parsed.value)}`;
}

// ————— evaluation —————

/** A figure as a number, a computed `Kpi`, or null for «нет данных». */
export type IndicatorValue = number | null | undefined | Pick<Kpi, 'value'>;

/**
 * The computed figures an indicator is checked against. A list (one figure per target group, for
 * «каждой целевой группы») is met only when every figure is. Counts are keyed by subject
 * (`counts: { публикации: 6 }`).
 */
export type IndicatorValues = Partial<Record<IndicatorKpi, IndicatorValue | readonly IndicatorValue[]>> & {
  counts?: Readonly<Record<string, number | null | undefined>>;
};

export type IndicatorStatus = 'met' | 'notMet' | 'noData';

export const INDICATOR_STATUS_LABELS_RU: Readonly<Record<IndicatorStatus, string>> = {
  met: 'Выполнено',
  notMet: 'Не выполнено',
  noData: 'Нет данных',
};

export interface IndicatorEvaluation {
  status: IndicatorStatus;
  /** The figure checked; for a list, the first one that fails, else the weakest. */
  value: number | null;
}

function numberOf(value: IndicatorValue): number | null {
  const n = typeof value === 'object' && value !== null ? value.value : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function compare(value: number, op: IndicatorOp, target: number): boolean {
  switch (op) {
    case '>=':
      return value >= target;
    case '<=':
      return value <= target;
    case '>':
      return value > target;
    case '<':
      return value < target;
  }
}

/** Met, not met, or no data (an unreadable indicator, a figure not computed, an empty group). */
export function evaluateIndicator(parsed: ParsedIndicator | null, values: IndicatorValues): IndicatorEvaluation {
  if (parsed === null) return { status: 'noData', value: null };
  const raw = parsed.kpi === 'count' ? values.counts?.[parsed.subject] : values[parsed.kpi];
  const list: readonly IndicatorValue[] = Array.isArray(raw) ? raw : [raw as IndicatorValue];
  const numbers = list.map(numberOf);
  if (numbers.length === 0) return { status: 'noData', value: null };
  const failing = numbers.find((n) => n !== null && !compare(n, parsed.op, parsed.value));
  if (failing !== undefined && failing !== null) return { status: 'notMet', value: failing };
  if (numbers.some((n) => n === null)) return { status: 'noData', value: null };
  const known = numbers as number[];
  const weakest = parsed.op === '>=' || parsed.op === '>' ? Math.min(...known) : Math.max(...known);
  return { status: 'met', value: weakest };
}
