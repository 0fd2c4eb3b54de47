import {
  consentsCollected,
  coverage,
  federalTarget70,
  finalEventAttendance,
  impactFromSums,
  satisfactionFromSums,
  partnerMentorShare,
  plansDone,
  roadmapExecution,
  trafficLight,
  weightedCoverage,
  type ExecutionCounts,
  type ExecutionItem,
  type IsoDate,
  type Kpi,
  type TrafficLight,
} from '@nastavnik/domain';
import { EMPTY_SURVEYS, executionItems, planList, type OrganizationCounts, type StatFormCountRow, type SurveyCounts } from './queries.js';

/**
 * KPI figures from counts: the domain's formulas over the SQL aggregates of ./queries.ts (a school,
 * the district's totals), or over the snapshot rows (a region). Nothing here reads the database.
 */

/** Traffic-light thresholds per KPI (green from the target, yellow from the lower bound). */
const THRESHOLDS: Partial<Record<Kpi['code'], { green: number; yellow: number }>> = {
  coverage: { green: 10, yellow: 5 },
  federalTarget70: { green: 70, yellow: 50 },
  consentsCollected: { green: 100, yellow: 90 },
  plansDone: { green: 90, yellow: 70 },
  roadmapExecution: { green: 90, yellow: 70 },
  finalEventAttendance: { green: 90, yellow: 70 },
};

export type KpiFigure = Kpi & { light: TrafficLight | null };

export function withLight(kpi: Kpi): KpiFigure {
  const thresholds = kpi.target ? { green: kpi.target.value, yellow: THRESHOLDS[kpi.code]?.yellow ?? kpi.target.value / 2 } : null;
  return { ...kpi, light: thresholds ? trafficLight(kpi, thresholds) : null };
}

/** The counts a school, a district or a region is summed from (also the snapshot's columns). */
export interface MonitoringCounts extends SurveyCounts {
  schools: number;
  schoolsWithHeadcount: number;
  pupils: number;
  teachers: number;
  pupilParticipants: number;
  teacherParticipants: number;
  /** Pupil/teacher participants of schools with a non-zero pupil/teacher headcount (the weighted sums). */
  pupilParticipantsCounted: number;
  teacherParticipantsCounted: number;
  mentors: number;
  mentees: number;
  partnerMentors: number;
  participants: number;
  withConsent: number;
  /** Final events: members of the pairs due their final meeting (finished, or held it) and of those that held it (see queries.ts). */
  finalInvited: number;
  finalAttended: number;
  /** percent (or «none») → number of plans. */
  planPercents: Record<string, number>;
  execution: ExecutionCounts;
  byRoleCategory: Array<{ role: string; category: string; count: number }>;
}

export interface Figures {
  pupilCoverage: KpiFigure;
  teacherCoverage: KpiFigure;
  federalTarget70: KpiFigure;
  consentsCollected: KpiFigure;
  plansDone: KpiFigure;
  plansAtTarget: KpiFigure;
  roadmapExecution: KpiFigure;
  partnerMentorShare: KpiFigure;
  finalEventAttendance: KpiFigure;
  /** Questionnaires (modules/questionnaires), on a 1–5 scale. */
  satisfaction: KpiFigure;
  satisfiedShare: KpiFigure;
  impact: KpiFigure;
  improvedShare: KpiFigure;
}

const EMPTY_EXECUTION: ExecutionCounts = { total: 0, onTime: 0, late: 0, overdue: 0, notYetDue: 0, doneUndated: 0 };

/** The counts of one school (headcount null: «нет данных»). */
export function schoolCounts(school: OrganizationCounts, today: IsoDate): MonitoringCounts & { hasHeadcount: boolean; executionKpiItems: ExecutionItem[] } {
  const sum = (pick: (row: OrganizationCounts['participants'][number]) => boolean, field: 'count' | 'withConsent' | 'fromPartner' = 'count') =>
    school.participants.filter(pick).reduce((a, row) => a + row[field], 0);
  const pupilParticipants = sum((r) => r.category === 'pupil');
  const teacherParticipants = sum((r) => r.category === 'teacher');
  const pupils = school.headcount?.pupils ?? 0;
  const teachers = school.headcount?.teachers ?? 0;
  const planPercents: Record<string, number> = {};
  for (const row of school.plans)
    planPercents[row.percent === null ? 'none' : String(row.percent)] = (planPercents[row.percent === null ? 'none' : String(row.percent)] ?? 0) + row.count;
  const items = executionItems(school.execution);
  return {
    schools: 1,
    schoolsWithHeadcount: school.headcount ? 1 : 0,
    hasHeadcount: school.headcount !== null,
    pupils,
    teachers,
    pupilParticipants,
    teacherParticipants,
    pupilParticipantsCounted: pupils > 0 ? pupilParticipants : 0,
    teacherParticipantsCounted: teachers > 0 ? teacherParticipants : 0,
    mentors: sum((r) => r.role === 'mentor'),
    mentees: sum((r) => r.role === 'mentee'),
    partnerMentors: sum((r) => r.role === 'mentor', 'fromPartner'),
    participants: sum(() => true),
    withConsent: sum(() => true, 'withConsent'),
    finalInvited: school.finalEvent.invited,
    finalAttended: school.finalEvent.attended,
    ...EMPTY_SURVEYS,
    ...school.surveys,
    planPercents,
    execution: roadmapExecution(items, today).counts,
    executionKpiItems: items,
    byRoleCategory: school.participants.map((r) => ({ role: r.role, category: r.category, count: r.count })),
  };
}

/** Column sums of many counts (a district over its schools, a region over its districts). */
export function sumMonitoringCounts(rows: readonly MonitoringCounts[]): MonitoringCounts {
  const total: MonitoringCounts = {
    schools: 0,
    schoolsWithHeadcount: 0,
    pupils: 0,
    teachers: 0,
    pupilParticipants: 0,
    teacherParticipants: 0,
    pupilParticipantsCounted: 0,
    teacherParticipantsCounted: 0,
    mentors: 0,
    mentees: 0,
    partnerMentors: 0,
    participants: 0,
    withConsent: 0,
    finalInvited: 0,
    finalAttended: 0,
    ...EMPTY_SURVEYS,
    planPercents: {},
    execution: { ...EMPTY_EXECUTION },
    byRoleCategory: [],
  };
  const numeric = [
    'schools',
    'schoolsWithHeadcount',
    'pupils',
    'teachers',
    'pupilParticipants',
    'teacherParticipants',
    'pupilParticipantsCounted',
    'teacherParticipantsCounted',
    'mentors',
    'mentees',
    'partnerMentors',
    'participants',
    'withConsent',
    'finalInvited',
    'finalAttended',
    ...(Object.keys(EMPTY_SURVEYS) as (keyof SurveyCounts)[]),
  ] as const;
  const roleCategory = new Map<string, number>();
  for (const row of rows) {
    for (const key of numeric) total[key] += row[key] ?? 0;
    for (const [percent, n] of Object.entries(row.planPercents)) total.planPercents[percent] = (total.planPercents[percent] ?? 0) + n;
    for (const key of Object.keys(EMPTY_EXECUTION) as (keyof ExecutionCounts)[]) total.execution[key] += row.execution[key] ?? 0;
    for (const rc of row.byRoleCategory) roleCategory.set(`${rc.role}|${rc.category}`, (roleCategory.get(`${rc.role}|${rc.category}`) ?? 0) + rc.count);
  }
  total.byRoleCategory = [...roleCategory].map(([key, count]) => {
    const [role, category] = key.split('|') as [string, string];
    return { role, category, count };
  });
  return total;
}

/**
 * Execution items rebuilt from counts taken on `today` (a snapshot): `roadmapExecution` of them gives
 * the same counts back — done on time, done undated, late, overdue, not yet due.
 */
export function itemsFromExecutionCounts(counts: ExecutionCounts, today: IsoDate): ExecutionItem[] {
  const past = '1970-01-01' as IsoDate;
  const items: ExecutionItem[] = [];
  const push = (n: number, item: ExecutionItem) => {
    for (let i = 0; i < n; i++) items.push(item);
  };
  push(counts.onTime - counts.doneUndated, { due: null, done: true });
  push(counts.doneUndated, { due: today, done: true, doneOn: null });
  push(counts.late, { due: past, done: true, doneOn: '1970-01-02' as IsoDate });
  push(counts.overdue, { due: past, done: false });
  push(counts.notYetDue, { due: null, done: false });
  return items;
}

function plansOf(percents: Record<string, number>) {
  return planList(Object.entries(percents).map(([percent, count]) => ({ percent: percent === 'none' ? null : Number(percent), count })));
}

/**
 * The figures of one row (a school) or of a roll-up. `coverageRows` are the weighted rows (schools of
 * a district, districts of a region): absent for a single school, whose coverage is its own share.
 */
export function figuresOf(
  counts: MonitoringCounts,
  today: IsoDate,
  options: { coverageRows?: readonly MonitoringCounts[]; rowsRu?: string; executionItems?: readonly ExecutionItem[]; academicYear?: string } = {},
): Figures {
  const rows = options.coverageRows;
  const hasHeadcount = counts.schoolsWithHeadcount > 0;
  const pupilCoverage = rows
    ? weightedCoverage(
        rows.map((r) => ({ participants: r.pupilParticipantsCounted, groupSize: r.schoolsWithHeadcount ? r.pupils : null })),
        { groupRu: 'обучающиеся', rowsRu: options.rowsRu },
      )
    : coverage(counts.pupilParticipants, hasHeadcount ? counts.pupils : null, { groupRu: 'обучающиеся' });
  const teacherCoverage = rows
    ? weightedCoverage(
        rows.map((r) => ({ participants: r.teacherParticipantsCounted, groupSize: r.schoolsWithHeadcount ? r.teachers : null })),
        { groupRu: 'педагоги', rowsRu: options.rowsRu },
      )
    : coverage(counts.teacherParticipants, hasHeadcount ? counts.teachers : null, { groupRu: 'педагоги' });
  const federal = rows
    ? federalTarget70(
        counts.pupilParticipantsCounted + counts.teacherParticipantsCounted,
        hasHeadcount ? counts.pupils + counts.teachers : null,
        options.academicYear,
      )
    : federalTarget70(counts.pupilParticipants + counts.teacherParticipants, hasHeadcount ? counts.pupils + counts.teachers : null, options.academicYear);
  const plans = plansDone(plansOf(counts.planPercents));
  const items = options.executionItems ?? itemsFromExecutionCounts(counts.execution, today);
  const satisfactionFigure = satisfactionFromSums(
    { answers: counts.satAnswers ?? 0, sum: counts.satSum ?? 0, satisfied: counts.satSatisfied ?? 0, outOfScale: counts.satOutOfScale ?? 0 },
    5,
  );
  const impactFigure = impactFromSums({
    pairs: counts.impactPairs ?? 0,
    sum: counts.impactSum ?? 0,
    improved: counts.impactImproved ?? 0,
    unpaired: counts.impactUnpaired ?? 0,
  });
  return {
    pupilCoverage: withLight(pupilCoverage),
    teacherCoverage: withLight(teacherCoverage),
    federalTarget70: withLight(federal),
    consentsCollected: withLight(consentsCollected(counts.withConsent, counts.participants)),
    plansDone: withLight(plans),
    plansAtTarget: withLight(plans.plansAtTarget),
    roadmapExecution: withLight(roadmapExecution(items, today)),
    partnerMentorShare: withLight(partnerMentorShare(counts.partnerMentors, counts.mentors)),
    finalEventAttendance: withLight(
      finalEventAttendance(counts.finalAttended, counts.finalInvited, {
        formulaRu: 'участники пар, проведших итоговую встречу ÷ участники пар, завершивших работу или проведших итоговую встречу × 100 %',
        numeratorLabel: 'Участники пар, проведших итоговую встречу',
        denominatorLabel: 'Участники пар, завершивших работу или проведших итоговую встречу',
      }),
    ),
    satisfaction: withLight(satisfactionFigure),
    satisfiedShare: withLight(satisfactionFigure.satisfiedShare),
    impact: withLight(impactFigure),
    improvedShare: withLight(impactFigure.improvedShare),
  };
}

export type StatFormCounts = StatFormCountRow[];
