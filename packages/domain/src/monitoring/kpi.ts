import { NO_DATA_RU } from '../programmes/plans.js';
import type { IsoDate } from '../roadmap/iso-date.js';
import { formatMeanRu, formatPercentRu, formatShareRu } from './format.js';

/**
 * The monitoring figures (docs/domain.md, «Monitoring and reporting»; issue 7), computed from
 * counts the API takes from live data — never typed in. Every figure carries its formula and its
 * inputs for the hover, and «нет данных» instead of a division by zero: a missing, negative or
 * non-finite count, or an empty group, gives `value: null`.
 *
 * `value` is exact (12.4999…); `display` is truncated to one decimal (see ./format.ts), and a
 * target is checked on the exact value.
 */

export const KPI_CODES = [
  'coverage',
  'federalTarget70',
  'partnerMentorShare',
  'partnerOrganizationShare',
  'plansDone',
  'plansAtTarget',
  'consentsCollected',
  'finalEventAttendance',
  'roadmapExecution',
  'satisfaction',
  'satisfiedShare',
  'impact',
  'improvedShare',
] as const;
export type KpiCode = (typeof KPI_CODES)[number];

export const KPI_LABELS_RU: Readonly<Record<KpiCode, string>> = {
  coverage: 'Охват целевой группы',
  federalTarget70: 'Вовлечённость обучающихся и педагогов в наставничество',
  partnerMentorShare: 'Доля наставников от организаций-партнёров',
  partnerOrganizationShare: 'Доля организаций и предприятий, предоставивших наставников',
  plansDone: 'Выполнение индивидуальных планов',
  plansAtTarget: 'Индивидуальные планы, выполненные не менее чем на 90 %',
  consentsCollected: 'Согласия на обработку персональных данных',
  finalEventAttendance: 'Участие в итоговом мероприятии',
  roadmapExecution: 'Выполнение дорожной карты в срок',
  satisfaction: 'Удовлетворённость участников',
  satisfiedShare: 'Доля удовлетворённых участников',
  impact: 'Изменение результатов (до и после)',
  improvedShare: 'Доля участников с улучшением',
};

/** The targets of the methodology (Р-145) and of the seeds' roadmaps, in percent. */
export const KPI_TARGETS = {
  coverage: 10,
  federalTarget70: 70,
  partnerOrganizationShare: 2,
  plansDone: 90,
  consentsCollected: 100,
  finalEventAttendance: 90,
} as const satisfies Partial<Record<KpiCode, number>>;

/**
 * The federal 70 % target for the academic year reported on: «не менее 70 % к концу 2026/2027
 * учебного года». Р-145 set it «к 2024 году»; a dashboard of a later year measures it for its own
 * year, so the text follows the year chosen (without one, the bare threshold).
 */
export function federalTargetTextRu(academicYear?: string | null): string {
  const threshold = targetTextRu(KPI_TARGETS.federalTarget70);
  return academicYear ? `${threshold} к концу ${academicYear} учебного года` : threshold;
}

/** `percent`: a share or average in %; `score`: a mean on a questionnaire scale; `scoreChange`: after − before. */
export type KpiUnit = 'percent' | 'score' | 'scoreChange';

export interface KpiInput {
  label: string;
  /** null: «нет данных». */
  value: number | null;
}

export interface KpiTarget {
  value: number;
  /** null when the figure has no data. */
  met: boolean | null;
  /** «не менее 10 %». */
  textRu: string;
}

export interface Kpi {
  code: KpiCode;
  labelRu: string;
  unit: KpiUnit;
  /** Exact; null = «нет данных». */
  value: number | null;
  /** «12,5 %», «4,3 из 5», «+0,8 балла» or «нет данных». */
  display: string;
  numerator: number | null;
  denominator: number | null;
  /** «участники ÷ численность группы × 100 %». */
  formulaRu: string;
  inputs: KpiInput[];
  target?: KpiTarget;
  /** The inputs contradict each other (more participants than the group has members; scores off the scale). */
  inconsistent: boolean;
  /** What to check when `inconsistent`, else null. */
  warningRu: string | null;
}

/** `target: null` leaves a figure without a target; a number replaces the default (a district's own target). */
export interface TargetOption {
  target?: number | null;
}

/** A count as reported: finite and non-negative, else «нет данных». */
function count(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

export function targetTextRu(target: number): string {
  return `не менее ${formatPercentRu(target)}`;
}

function atLeast(target: number | null | undefined, value: number | null, textRu = target == null ? '' : targetTextRu(target)): Pick<Kpi, 'target'> {
  if (target == null) return {};
  return { target: { value: target, met: value === null ? null : value >= target, textRu } };
}

interface ShareSpec {
  formulaRu: string;
  numeratorLabel: string;
  denominatorLabel: string;
  /** What to check when the numerator exceeds the denominator. */
  inconsistentRu: string;
  target?: number | null;
  targetTextRu?: string;
  labelRu?: string;
}

/** numerator ÷ denominator × 100 %, with «нет данных» for a zero or missing denominator. */
function share(code: KpiCode, numerator: number | null | undefined, denominator: number | null | undefined, spec: ShareSpec): Kpi {
  const num = count(numerator);
  const den = count(denominator);
  const value = num !== null && den !== null && den > 0 ? (num * 100) / den : null;
  const inconsistent = value !== null && num! > den!;
  return {
    code,
    labelRu: spec.labelRu ?? KPI_LABELS_RU[code],
    unit: 'percent',
    value,
    display: value === null ? NO_DATA_RU : formatShareRu(num, den),
    numerator: num,
    denominator: den,
    formulaRu: spec.formulaRu,
    inputs: [
      { label: spec.numeratorLabel, value: num },
      { label: spec.denominatorLabel, value: den },
    ],
    ...atLeast(spec.target, value, spec.targetTextRu),
    inconsistent,
    warningRu: inconsistent ? spec.inconsistentRu : null,
  };
}

// ————— shares —————

/**
 * Coverage of a target group (pupils, teachers, young specialists…): participants ÷ members of the
 * group. More participants than members is reported as it is, flagged `inconsistent`. The default
 * target is the seeds' «не менее 10 % … каждой целевой группы».
 */
export function coverage(
  participants: number | null | undefined,
  groupSize: number | null | undefined,
  options: TargetOption & { groupRu?: string } = {},
): Kpi {
  const group = options.groupRu ? ` (${options.groupRu})` : '';
  return share('coverage', participants, groupSize, {
    labelRu: options.groupRu ? `${KPI_LABELS_RU.coverage}: ${options.groupRu}` : undefined,
    formulaRu: 'участники ÷ численность группы × 100 %',
    numeratorLabel: `Участники${group}`,
    denominatorLabel: `Численность группы${group}`,
    inconsistentRu: 'Участников больше, чем членов группы: проверьте численность группы',
    target: options.target === undefined ? KPI_TARGETS.coverage : options.target,
  });
}

/**
 * The federal target (Р-145): by 2024 at least 70 % of pupils — in some texts pupils and teachers —
 * involved in a form of mentorship. The caller passes the sums it reports on (pupils + teachers).
 */
export function federalTarget70(participants: number | null | undefined, headcount: number | null | undefined, academicYear?: string | null): Kpi {
  return share('federalTarget70', participants, headcount, {
    formulaRu: 'участники (обучающиеся и педагоги) ÷ численность обучающихся и педагогов × 100 %',
    numeratorLabel: 'Участники наставничества (обучающиеся и педагоги)',
    denominatorLabel: 'Численность обучающихся и педагогов',
    inconsistentRu: 'Участников больше, чем обучающихся и педагогов: проверьте численность',
    target: KPI_TARGETS.federalTarget70,
    targetTextRu: federalTargetTextRu(academicYear),
  });
}

/** Mentors provided by partner organisations ÷ all mentors. No target by default. */
export function partnerMentorShare(partnerMentors: number | null | undefined, allMentors: number | null | undefined, options: TargetOption = {}): Kpi {
  return share('partnerMentorShare', partnerMentors, allMentors, {
    formulaRu: 'наставники от организаций-партнёров ÷ все наставники × 100 %',
    numeratorLabel: 'Наставники от организаций-партнёров',
    denominatorLabel: 'Все наставники',
    inconsistentRu: 'Наставников от партнёров больше, чем всех наставников: проверьте базу наставников',
    target: options.target ?? null,
  });
}

/** The «2 %» indicator: organisations and enterprises that provide mentors ÷ all of them (of the territory). */
export function partnerOrganizationShare(
  providingMentors: number | null | undefined,
  allOrganizations: number | null | undefined,
  options: TargetOption = {},
): Kpi {
  return share('partnerOrganizationShare', providingMentors, allOrganizations, {
    formulaRu: 'организации и предприятия, предоставившие наставников ÷ все организации и предприятия × 100 %',
    numeratorLabel: 'Организации и предприятия, предоставившие наставников',
    denominatorLabel: 'Все организации и предприятия',
    inconsistentRu: 'Организаций с наставниками больше, чем всех организаций: проверьте число организаций',
    target: options.target === undefined ? KPI_TARGETS.partnerOrganizationShare : options.target,
  });
}

/** Participants with a valid consent (a representative's for minors) ÷ all participants; target 100 %. */
export function consentsCollected(withConsent: number | null | undefined, participants: number | null | undefined): Kpi {
  return share('consentsCollected', withConsent, participants, {
    formulaRu: 'участники с действующим согласием ÷ все участники × 100 %',
    numeratorLabel: 'Участники с действующим согласием',
    denominatorLabel: 'Все участники',
    inconsistentRu: 'Согласий больше, чем участников: проверьте учёт согласий',
    target: KPI_TARGETS.consentsCollected,
  });
}

/**
 * Those who came to the programme's final event ÷ those invited (its participants); target 90 %.
 * The caller may name its inputs precisely (what it counts as «invited» and «attended»).
 */
export function finalEventAttendance(
  attended: number | null | undefined,
  invited: number | null | undefined,
  labels: { formulaRu?: string; numeratorLabel?: string; denominatorLabel?: string } = {},
): Kpi {
  return share('finalEventAttendance', attended, invited, {
    formulaRu: labels.formulaRu ?? 'приняли участие ÷ приглашённые участники программы × 100 %',
    numeratorLabel: labels.numeratorLabel ?? 'Приняли участие в итоговом мероприятии',
    denominatorLabel: labels.denominatorLabel ?? 'Приглашённые участники программы',
    inconsistentRu: 'Присутствовавших больше, чем приглашённых: проверьте списки',
    target: KPI_TARGETS.finalEventAttendance,
  });
}

// ————— individual plans —————

export type PlansDoneKpi = Kpi & {
  /** Share of the plans done at least 90 %. */
  plansAtTarget: Kpi;
  /** Plans without tasks (percent null): counted in neither figure. */
  withoutTasks: number;
};

/**
 * «Индивидуальные планы реализованы не менее чем на 90 %»: the average completion of the plans
 * (from `planProgress(...).percent`) against 90 %, with the share of plans that reach 90 % each.
 * Plans without tasks have no percent and are left out of both.
 */
export function plansDone(plans: readonly { percent: number | null }[], options: TargetOption = {}): PlansDoneKpi {
  const percents = plans.map((p) => count(p.percent)).filter((p): p is number => p !== null);
  const withoutTasks = plans.length - percents.length;
  const n = percents.length;
  const sum = percents.reduce((a, b) => a + b, 0);
  const atTarget = percents.filter((p) => p >= KPI_TARGETS.plansDone).length;
  const value = n > 0 ? sum / n : null;
  const target = options.target === undefined ? KPI_TARGETS.plansDone : options.target;
  const inputs: KpiInput[] = [
    { label: 'Планов с задачами', value: n },
    { label: 'Сумма процентов выполнения', value: sum },
    { label: 'Планов без задач (не учитываются)', value: withoutTasks },
  ];
  return {
    code: 'plansDone',
    labelRu: KPI_LABELS_RU.plansDone,
    unit: 'percent',
    value,
    display: value === null ? NO_DATA_RU : `${formatMeanRu(sum, n, { truncate: true })} %`,
    numerator: sum,
    denominator: n,
    formulaRu: 'Σ выполнение планов, % ÷ число планов с задачами',
    inputs,
    ...atLeast(target, value),
    inconsistent: false,
    warningRu: null,
    withoutTasks,
    plansAtTarget: share('plansAtTarget', atTarget, n, {
      formulaRu: `планы, выполненные не менее чем на ${KPI_TARGETS.plansDone} % ÷ планы с задачами × 100 %`,
      numeratorLabel: `Планов выполнено не менее чем на ${KPI_TARGETS.plansDone} %`,
      denominatorLabel: 'Планов с задачами',
      inconsistentRu: '',
      target: null,
    }),
  };
}

// ————— roadmap execution —————

export interface ExecutionItem {
  /** The deadline (the last day of the item's period); null when it has none («постоянно»). */
  due: IsoDate | null;
  done: boolean;
  doneOn?: IsoDate | null;
}

export interface ExecutionCounts {
  total: number;
  /** Done by the deadline (also: done with no deadline, or done with no date recorded). */
  onTime: number;
  /** Done after the deadline. */
  late: number;
  /** Not done and the deadline has passed (the deadline day itself is not overdue). */
  overdue: number;
  /** Not done, deadline today or later, or no deadline at all. */
  notYetDue: number;
  /** Of `onTime`: done without a date, so counted on time. */
  doneUndated: number;
}

export type RoadmapExecutionKpi = Kpi & { counts: ExecutionCounts };

/**
 * A roadmap's execution on `today`: done on time ÷ items that are done or due (on time + late +
 * overdue). Items not yet due are left out; no such items gives «нет данных».
 */
export function roadmapExecution(items: readonly ExecutionItem[], today: IsoDate, options: TargetOption = {}): RoadmapExecutionKpi {
  const counts: ExecutionCounts = { total: items.length, onTime: 0, late: 0, overdue: 0, notYetDue: 0, doneUndated: 0 };
  for (const item of items) {
    const doneOn = item.doneOn ?? null;
    if (item.done) {
      if (item.due !== null && doneOn !== null && doneOn > item.due) counts.late++;
      else {
        counts.onTime++;
        if (item.due !== null && doneOn === null) counts.doneUndated++;
      }
    } else if (item.due !== null && item.due < today) counts.overdue++;
    else counts.notYetDue++;
  }
  const kpi = share('roadmapExecution', counts.onTime, counts.onTime + counts.late + counts.overdue, {
    formulaRu: 'выполнено в срок ÷ (выполнено в срок + выполнено с опозданием + просрочено) × 100 %',
    numeratorLabel: 'Выполнено в срок',
    denominatorLabel: 'Выполнено или срок наступил',
    inconsistentRu: '',
    target: options.target ?? null,
  });
  kpi.inputs.push(
    { label: 'Выполнено с опозданием', value: counts.late },
    { label: 'Просрочено', value: counts.overdue },
    { label: 'Срок не наступил', value: counts.notYetDue },
    { label: 'Выполнено без даты (считается в срок)', value: counts.doneUndated },
    { label: 'Всего мероприятий', value: counts.total },
  );
  return { ...kpi, counts };
}

// ————— questionnaires —————

export interface Scale {
  /** Lowest score; 1 by default. */
  min?: number;
  max: number;
  /** The lowest score counted as satisfied; by default the upper quarter of the scale (4–5 of 1–5, 8–10 of 1–10). */
  satisfiedFrom?: number;
}

export type SatisfactionKpi = Kpi & {
  satisfiedShare: Kpi;
  /** Answers off the scale or not numbers: left out, the figure flagged `inconsistent`. */
  outOfScale: number;
};

function scaleOf(scale: number | Scale): Required<Scale> {
  const s = typeof scale === 'number' ? { max: scale } : scale;
  const min = s.min ?? 1;
  if (!Number.isFinite(min) || !Number.isFinite(s.max) || s.max <= min) throw new RangeError(`invalid scale ${min}–${s.max}`);
  return { min, max: s.max, satisfiedFrom: s.satisfiedFrom ?? s.max - Math.round((s.max - min) / 4) };
}

/** The sums a satisfaction figure is computed from (the API aggregates them in SQL). */
export interface SatisfactionSums {
  /** Answers on the scale. */
  answers: number;
  /** Their sum. */
  sum: number;
  /** Answers at or above `satisfiedFrom`. */
  satisfied: number;
  /** Answers off the scale (left out). */
  outOfScale: number;
}

/** The mean score of a satisfaction survey, «4,3 из 5», and the share of satisfied answers. */
export function satisfaction(scores: readonly (number | null)[], scale: number | Scale): SatisfactionKpi {
  const { min, max, satisfiedFrom } = scaleOf(scale);
  const valid = scores.filter((s): s is number => typeof s === 'number' && Number.isFinite(s) && s >= min && s <= max);
  return satisfactionFromSums(
    {
      answers: valid.length,
      sum: valid.reduce((a, b) => a + b, 0),
      satisfied: valid.filter((s) => s >= satisfiedFrom).length,
      outOfScale: scores.filter((s) => s !== null).length - valid.length,
    },
    scale,
  );
}

/** `satisfaction` from sums already taken (the same figure, formula and inputs). */
export function satisfactionFromSums(sums: SatisfactionSums, scale: number | Scale): SatisfactionKpi {
  const { min, max, satisfiedFrom } = scaleOf(scale);
  const n = count(sums.answers) ?? 0;
  const sum = Number.isFinite(sums.sum) ? sums.sum : 0;
  const outOfScale = count(sums.outOfScale) ?? 0;
  const value = n > 0 ? sum / n : null;
  return {
    code: 'satisfaction',
    labelRu: KPI_LABELS_RU.satisfaction,
    unit: 'score',
    value,
    display: value === null ? NO_DATA_RU : `${formatMeanRu(sum, n)} из ${String(max).replace('.', ',')}`,
    numerator: sum,
    denominator: n,
    formulaRu: 'сумма оценок ÷ число ответов',
    inputs: [
      { label: 'Ответов', value: n },
      { label: 'Сумма оценок', value: sum },
      { label: 'Шкала: от', value: min },
      { label: 'Шкала: до', value: max },
      { label: 'Оценок вне шкалы (не учтены)', value: outOfScale },
    ],
    inconsistent: outOfScale > 0,
    warningRu: outOfScale > 0 ? `Оценок вне шкалы ${min}–${max}: ${outOfScale} — не учтены, проверьте анкеты` : null,
    outOfScale,
    satisfiedShare: share('satisfiedShare', sums.satisfied, n, {
      formulaRu: `ответы с оценкой не ниже ${satisfiedFrom} ÷ все ответы × 100 %`,
      numeratorLabel: `Ответов с оценкой не ниже ${satisfiedFrom}`,
      denominatorLabel: 'Ответов',
      inconsistentRu: '',
      target: null,
    }),
  };
}

export interface ScoreAnswer {
  participantId: string;
  score: number | null;
}

export type ImpactKpi = Kpi & {
  improvedShare: Kpi;
  /** Participants with both a «before» and an «after» score. */
  pairs: number;
  /** Participants with only one of them: left out. */
  unpaired: number;
};

/**
 * The programme's impact (monitoring stage 2): the same questionnaire before and after, paired by
 * participant. Value: the mean change after − before; `improvedShare`: participants whose score
 * moved the good way (up, or down with `higherIsBetter: false`, e.g. an anxiety scale). A
 * participant answering twice counts with the last answer; non-numeric scores are ignored.
 */
export function impact(before: readonly ScoreAnswer[], after: readonly ScoreAnswer[], options: { higherIsBetter?: boolean } = {}): ImpactKpi {
  const scores = (answers: readonly ScoreAnswer[]) => {
    const map = new Map<string, number>();
    for (const a of answers) if (typeof a.score === 'number' && Number.isFinite(a.score)) map.set(a.participantId, a.score);
    return map;
  };
  const b = scores(before);
  const a = scores(after);
  const changes: number[] = [];
  for (const [id, score] of b) {
    const later = a.get(id);
    if (later !== undefined) changes.push(later - score);
  }
  const higherIsBetter = options.higherIsBetter ?? true;
  return impactFromSums(
    {
      pairs: changes.length,
      sum: changes.reduce((x, y) => x + y, 0),
      improved: changes.filter((c) => (higherIsBetter ? c > 0 : c < 0)).length,
      unpaired: b.size + a.size - 2 * changes.length,
    },
    options,
  );
}

/** The sums an impact figure is computed from (the API aggregates them in SQL). */
export interface ImpactSums {
  /** Participants with both a «before» and an «after» score. */
  pairs: number;
  /** Σ (after − before) over them. */
  sum: number;
  /** Of them, those whose score moved the good way. */
  improved: number;
  /** Participants with only one of the two. */
  unpaired: number;
}

/** `impact` from sums already taken (the same figure, formula and inputs). */
export function impactFromSums(sums: ImpactSums, options: { higherIsBetter?: boolean } = {}): ImpactKpi {
  const n = count(sums.pairs) ?? 0;
  const sum = Number.isFinite(sums.sum) ? sums.sum : 0;
  const unpaired = count(sums.unpaired) ?? 0;
  const value = n > 0 ? sum / n : null;
  const higherIsBetter = options.higherIsBetter ?? true;
  return {
    code: 'impact',
    labelRu: KPI_LABELS_RU.impact,
    unit: 'scoreChange',
    value,
    display: value === null ? NO_DATA_RU : `${formatMeanRu(sum, n, { signed: true })} балла`,
    numerator: sum,
    denominator: n,
    formulaRu: 'Σ (оценка после − оценка до) ÷ число участников с обеими анкетами',
    inputs: [
      { label: 'Участников с анкетами до и после', value: n },
      { label: 'Сумма изменений', value: sum },
      { label: 'Участников только с одной анкетой (не учитываются)', value: unpaired },
    ],
    inconsistent: false,
    warningRu: null,
    pairs: n,
    unpaired,
    improvedShare: share('improvedShare', sums.improved, n, {
      formulaRu: `участники с ${higherIsBetter ? 'ростом' : 'снижением'} оценки ÷ участники с обеими анкетами × 100 %`,
      numeratorLabel: `Участников с ${higherIsBetter ? 'ростом' : 'снижением'} оценки`,
      denominatorLabel: 'Участников с анкетами до и после',
      inconsistentRu: '',
      target: null,
    }),
  };
}

// ————— traffic lights —————

export type TrafficLight = 'green' | 'yellow' | 'red' | 'grey';

export const TRAFFIC_LIGHT_LABELS_RU: Readonly<Record<TrafficLight, string>> = {
  green: 'В норме',
  yellow: 'Требует внимания',
  red: 'Отставание',
  grey: 'Нет данных',
};

/**
 * Green from `green`, yellow from `yellow`, red below; grey without data. When `green` is below
 * `yellow` lower is better (overdue items): green up to `green`, yellow up to `yellow`, red above.
 */
export interface TrafficThresholds {
  green: number;
  yellow: number;
}

export function trafficLight(kpi: Pick<Kpi, 'value'> | number | null, thresholds: TrafficThresholds): TrafficLight {
  const value = typeof kpi === 'number' || kpi === null ? kpi : kpi.value;
  if (value === null || !Number.isFinite(value)) return 'grey';
  const { green, yellow } = thresholds;
  if (green >= yellow) return value >= green ? 'green' : value >= yellow ? 'yellow' : 'red';
  return value <= green ? 'green' : value <= yellow ? 'yellow' : 'red';
}
