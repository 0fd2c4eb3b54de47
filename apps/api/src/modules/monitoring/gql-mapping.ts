import {
  PARTICIPANT_CATEGORY_LABELS_RU,
  PARTICIPANT_ROLE_LABELS_RU,
  TRAFFIC_LIGHT_LABELS_RU,
  type ParticipantCategory,
  type ParticipantRole,
} from '@nastavnik/domain';
import type { Figures, KpiFigure, MonitoringCounts } from './figures.js';
import type { KpiGql, MonitoringCountsGql, MonitoringFiguresGql } from './types.js';

/** The domain's figures and counts as the GraphQL types give them (Russian labels added). */
export function kpiGql(kpi: KpiFigure): KpiGql {
  return {
    code: kpi.code,
    labelRu: kpi.labelRu,
    unit: kpi.unit,
    value: kpi.value,
    display: kpi.display,
    numerator: kpi.numerator,
    denominator: kpi.denominator,
    formulaRu: kpi.formulaRu,
    inputs: kpi.inputs.map((i) => ({ label: i.label, value: i.value })),
    target: kpi.target ? { value: kpi.target.value, met: kpi.target.met, textRu: kpi.target.textRu } : undefined,
    inconsistent: kpi.inconsistent,
    warningRu: kpi.warningRu,
    light: kpi.light,
    lightRu: kpi.light ? TRAFFIC_LIGHT_LABELS_RU[kpi.light] : null,
  };
}

export function figuresGql(figures: Figures): MonitoringFiguresGql {
  return {
    pupilCoverage: kpiGql(figures.pupilCoverage),
    teacherCoverage: kpiGql(figures.teacherCoverage),
    federalTarget70: kpiGql(figures.federalTarget70),
    consentsCollected: kpiGql(figures.consentsCollected),
    plansDone: kpiGql(figures.plansDone),
    plansAtTarget: kpiGql(figures.plansAtTarget),
    roadmapExecution: kpiGql(figures.roadmapExecution),
    partnerMentorShare: kpiGql(figures.partnerMentorShare),
    finalEventAttendance: kpiGql(figures.finalEventAttendance),
    satisfaction: kpiGql(figures.satisfaction),
    satisfiedShare: kpiGql(figures.satisfiedShare),
    impact: kpiGql(figures.impact),
    improvedShare: kpiGql(figures.improvedShare),
  };
}

export function countsGql(counts: MonitoringCounts): MonitoringCountsGql {
  return {
    ...counts,
    execution: { ...counts.execution },
    byRoleCategory: counts.byRoleCategory
      .map((rc) => ({
        ...rc,
        roleRu: PARTICIPANT_ROLE_LABELS_RU[rc.role as ParticipantRole] ?? rc.role,
        categoryRu: PARTICIPANT_CATEGORY_LABELS_RU[rc.category as ParticipantCategory] ?? rc.category,
      }))
      .sort((a, b) => a.role.localeCompare(b.role) || a.category.localeCompare(b.category)),
  };
}
