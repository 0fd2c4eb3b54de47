import { formatPercentRu } from './format.js';
import {
  evaluateIndicator,
  INDICATOR_OP_LABELS_RU,
  INDICATOR_STATUS_LABELS_RU,
  parseIndicator,
  type IndicatorKpi,
  type IndicatorOp,
  type IndicatorStatus,
  type IndicatorValue,
  type IndicatorValues,
} from './indicators.js';
import { KPI_LABELS_RU, KPI_TARGETS, type Kpi } from './kpi.js';

/**
 * Linking a roadmap item to a computed KPI (issue 7): the link is suggested from the item's
 * indicator text (`parseIndicator`) and may be set or cleared by the roadmap's author; its status is
 * the KPI of the roadmap's owner (a school, or the district for a district roadmap) checked against
 * the link's target. Pure: the API passes the figures it computed.
 */

/** The figures of a school or district dashboard a link reads (the API's `Figures` keys). */
export type LinkFigureKey =
  | 'pupilCoverage'
  | 'teacherCoverage'
  | 'federalTarget70'
  | 'consentsCollected'
  | 'plansDone'
  | 'roadmapExecution'
  | 'partnerMentorShare'
  | 'finalEventAttendance'
  | 'satisfiedShare';

/** Which figures each linkable KPI is checked on («каждой целевой группы»: every coverage figure). */
export const KPI_LINK_FIGURES: Readonly<Record<IndicatorKpi, readonly LinkFigureKey[]>> = {
  coverage: ['pupilCoverage', 'teacherCoverage'],
  federalTarget70: ['federalTarget70'],
  partnerMentorShare: ['partnerMentorShare'],
  // Not computed per school or district yet (the organisations of a territory are not counted): «нет данных».
  partnerOrganizationShare: [],
  plansDone: ['plansDone'],
  consentsCollected: ['consentsCollected'],
  finalEventAttendance: ['finalEventAttendance'],
  roadmapExecution: ['roadmapExecution'],
  satisfiedShare: ['satisfiedShare'],
};

export const LINKABLE_KPIS = Object.keys(KPI_LINK_FIGURES) as IndicatorKpi[];

export function isLinkableKpi(code: string): code is IndicatorKpi {
  return (LINKABLE_KPIS as string[]).includes(code);
}

export const INDICATOR_OPS: readonly IndicatorOp[] = ['>=', '<=', '>', '<'];

export function isIndicatorOp(op: string): op is IndicatorOp {
  return (INDICATOR_OPS as string[]).includes(op);
}

export interface KpiLink {
  kpi: IndicatorKpi;
  op: IndicatorOp;
  /** In percent. */
  target: number;
}

/** The link suggested by an indicator text: only a percentage that names a computed KPI. */
export function suggestKpiLink(indicator: string | null | undefined): KpiLink | null {
  const parsed = parseIndicator(indicator);
  if (!parsed || parsed.kpi === 'count') return null;
  return { kpi: parsed.kpi, op: parsed.op, target: parsed.value };
}

/** The default target of a KPI chosen by hand (the methodology's), else the suggestion's when it is the same KPI. */
export function defaultLinkTarget(kpi: IndicatorKpi, indicator: string | null | undefined): number | null {
  const suggested = suggestKpiLink(indicator);
  if (suggested && suggested.kpi === kpi) return suggested.target;
  return (KPI_TARGETS as Partial<Record<string, number>>)[kpi] ?? null;
}

/** A target in percent: finite, 0–100. */
export function isValidLinkTarget(target: number): boolean {
  return Number.isFinite(target) && target >= 0 && target <= 100;
}

/** «Охват целевой группы: не менее 10 %». */
export function describeKpiLinkRu(link: KpiLink): string {
  return `${KPI_LABELS_RU[link.kpi]}: ${INDICATOR_OP_LABELS_RU[link.op]} ${formatPercentRu(link.target)}`;
}

export interface KpiLinkEvaluation {
  status: IndicatorStatus;
  statusRu: string;
  /** The figure checked (the first failing, else the weakest); null — «нет данных». */
  value: number | null;
  /** The figures read, in order (for the formula and inputs on hover). */
  figures: LinkFigureKey[];
}

/** Met, not met or «нет данных» for a link against the owner's figures (a missing figure is «нет данных»). */
export function evaluateKpiLink(link: KpiLink, figures: Partial<Record<LinkFigureKey, Pick<Kpi, 'value'>>>): KpiLinkEvaluation {
  const keys = KPI_LINK_FIGURES[link.kpi];
  const list: IndicatorValue[] = keys.map((key) => figures[key] ?? null);
  const values: IndicatorValues = { [link.kpi]: list };
  const result =
    keys.length === 0 ? { status: 'noData' as const, value: null } : evaluateIndicator({ kpi: link.kpi, op: link.op, value: link.target, unit: '%' }, values);
  return { status: result.status, statusRu: INDICATOR_STATUS_LABELS_RU[result.status], value: result.value, figures: [...keys] };
}
