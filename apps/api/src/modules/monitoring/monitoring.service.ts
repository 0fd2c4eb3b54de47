import {
  ERRORS_RU,
  isValidAcademicYear,
  PARTICIPANT_CATEGORY_LABELS_RU,
  PARTICIPANT_ROLE_LABELS_RU,
  TRAFFIC_LIGHT_LABELS_RU,
  type IsoDate,
  type ParticipantCategory,
  type ParticipantRole,
} from '@nastavnik/domain';
import type { Actor } from '../../engine/auth/actor.js';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type PageInput } from '../../engine/graphql/pagination.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { ServiceContext, TenantServiceContext } from '../../engine/services.js';
import { isUuid, type TenantDistrict } from '../../engine/tenancy/tenant.js';
import { figuresOf, schoolCounts, sumMonitoringCounts, type Figures, type KpiFigure, type MonitoringCounts } from './figures.js';
import type { DistrictFigures, FiguresSource, SchoolFiguresRow } from './figures-source.js';
import { DrillDownService } from './drilldown.js';
import { IndicatorLinkService } from './indicator-links.js';
import {
  EMPTY_SURVEYS,
  gatherDistrictCounts,
  gatherExecutionSeries,
  gatherStatFormCounts,
  type SqlRunner,
  type StatFormCountRow,
  type SurveyCounts,
} from './queries.js';
import {
  DashboardSortField,
  type DashboardSortInput,
  type DistrictDashboardGql,
  type DistrictKpiSnapshotGql,
  type DistrictRollupGql,
  type ExecutionSeriesGql,
  type SchoolGridGql,
  type KpiGql,
  type MonitoringCountsGql,
  type MonitoringFiguresGql,
  type RegionDashboardGql,
  type SchoolDashboardGql,
} from './types.js';
import { seesWholeDistrict } from '../directory/scope.js';

const SCHOOL_ROLES = ['school-director', 'school-curator'];

export const MONITORING_MESSAGES_RU = {
  regionForbidden: 'Сводка доступна координатору своего региона и администратору платформы.',
  refreshForbidden: 'Обновить сводку может сотрудник управления образования муниципалитета или администратор платформы.',
  dashboardForbidden: 'Показатели муниципалитета доступны его сотрудникам, координатору региона и администратору платформы.',
};

function kpiGql(kpi: KpiFigure): KpiGql {
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

const SORT_VALUE: Record<DashboardSortField, (row: SchoolFiguresRow) => number | string | null> = {
  [DashboardSortField.NAME]: (r) => r.shortName,
  [DashboardSortField.PUPIL_COVERAGE]: (r) => r.figures.pupilCoverage.value,
  [DashboardSortField.TEACHER_COVERAGE]: (r) => r.figures.teacherCoverage.value,
  [DashboardSortField.FEDERAL_TARGET]: (r) => r.figures.federalTarget70.value,
  [DashboardSortField.CONSENTS]: (r) => r.figures.consentsCollected.value,
  [DashboardSortField.PLANS]: (r) => r.figures.plansDone.value,
  [DashboardSortField.EXECUTION]: (r) => r.figures.roadmapExecution.value,
  [DashboardSortField.FINAL_EVENT]: (r) => r.figures.finalEventAttendance.value,
  [DashboardSortField.PARTICIPANTS]: (r) => r.counts.participants,
};

interface SnapshotRow {
  districtId: string;
  academicYear: string;
  counts: MonitoringCounts;
  statForm: StatFormCountRow[];
  asOf: Date;
}

/** A snapshot row of `core.district_kpi_snapshot` as stored (snake case from SQL). */
interface SnapshotDbRow {
  district_id: string;
  academic_year: string;
  schools: number;
  schools_with_headcount: number;
  pupils: number;
  teachers: number;
  pupil_participants: number;
  teacher_participants: number;
  pupil_participants_counted: number;
  teacher_participants_counted: number;
  mentors: number;
  mentees: number;
  partner_mentors: number;
  participants: number;
  with_consent: number;
  final_invited: number;
  final_attended: number;
  surveys: Partial<SurveyCounts> | null;
  plan_percents: Record<string, number>;
  execution: MonitoringCounts['execution'];
  by_role_category: MonitoringCounts['byRoleCategory'];
  stat_form: StatFormCountRow[];
  as_of: Date;
}

function fromDb(row: SnapshotDbRow): SnapshotRow {
  return {
    districtId: row.district_id,
    academicYear: row.academic_year,
    asOf: new Date(row.as_of),
    statForm: row.stat_form,
    counts: {
      schools: row.schools,
      schoolsWithHeadcount: row.schools_with_headcount,
      pupils: row.pupils,
      teachers: row.teachers,
      pupilParticipants: row.pupil_participants,
      teacherParticipants: row.teacher_participants,
      pupilParticipantsCounted: row.pupil_participants_counted,
      teacherParticipantsCounted: row.teacher_participants_counted,
      mentors: row.mentors,
      mentees: row.mentees,
      partnerMentors: row.partner_mentors,
      participants: row.participants,
      withConsent: row.with_consent,
      finalInvited: row.final_invited ?? 0,
      finalAttended: row.final_attended ?? 0,
      ...EMPTY_SURVEYS,
      ...(row.surveys ?? {}),
      planPercents: row.plan_percents,
      execution: row.execution,
      byRoleCategory: row.by_role_category,
    },
  };
}

/**
 * Monitoring (issue 7): school and district figures from live data of the request's district
 * (a fixed number of SQL aggregates — ./queries.ts), the maintained roll-up in `core`
 * (`district_kpi_snapshot`, refreshed per district) and the region dashboard read from it only.
 */
export class MonitoringService implements FiguresSource {
  /** Roadmap items linked to computed KPIs (./indicator-links.ts). */
  readonly links: IndicatorLinkService;
  /** The rows behind a number (./drilldown.ts). */
  readonly drillDown: DrillDownService;

  constructor(private readonly clock: Clock) {
    this.links = new IndicatorLinkService(this);
    this.drillDown = new DrillDownService(this);
  }

  kpiGql(kpi: KpiFigure): KpiGql {
    return kpiGql(kpi);
  }

  today(): IsoDate {
    return this.clock.today();
  }

  checkYear(academicYear: string): string {
    const year = (academicYear ?? '').trim();
    if (!isValidAcademicYear(year)) throw badUserInput('academicYear', ERRORS_RU.invalidAcademicYear('Учебный год'));
    return year;
  }

  /** The figures of the district's schools (all, or the ones given) and their weighted totals. */
  async districtFigures(
    sql: SqlRunner,
    district: Pick<TenantDistrict, 'id' | 'schemaName'>,
    academicYear: string,
    organizationIds: string[] | null = null,
  ): Promise<DistrictFigures> {
    const today = this.clock.today();
    const gathered = await gatherDistrictCounts(sql, district, academicYear, today, organizationIds);
    const schools = gathered.map((school) => {
      const counts = schoolCounts(school, today);
      return {
        organizationId: school.organization.id,
        code: school.organization.code,
        shortName: school.organization.shortName,
        hasHeadcount: counts.hasHeadcount,
        counts,
        figures: figuresOf(counts, today, { executionItems: counts.executionKpiItems }),
      };
    });
    const counts = sumMonitoringCounts(schools.map((s) => s.counts));
    const figures = figuresOf(counts, today, {
      coverageRows: schools.map((s) => s.counts),
      executionItems: schools.flatMap((s) => (s.counts as ReturnType<typeof schoolCounts>).executionKpiItems),
    });
    return { schools, counts, figures };
  }

  private schoolGql(row: SchoolFiguresRow, academicYear: string, asOf: Date): SchoolDashboardGql {
    return {
      organizationId: row.organizationId,
      code: row.code,
      shortName: row.shortName,
      academicYear,
      hasHeadcount: row.hasHeadcount,
      counts: countsGql(row.counts),
      figures: figuresGql(row.figures),
      asOf,
    };
  }

  /** A school of the request's district, visible to the actor (school staff: their own; district side: any). */
  async schoolDashboard(ctx: TenantServiceContext, organizationId: string, academicYear: string): Promise<SchoolDashboardGql> {
    const year = this.checkYear(academicYear);
    const { tenant, actor } = ctx;
    const sees =
      seesWholeDistrict(actor, tenant.district) ||
      actor.grants.some((g) => SCHOOL_ROLES.includes(g.role) && g.organizationId === organizationId && g.districtId === tenant.district.id);
    if (!sees) throw notFound();
    const result = await this.districtFigures(tenant.em.getConnection(), tenant.district, year, [organizationId]);
    const row = result.schools[0];
    if (!row) throw notFound();
    return this.schoolGql(row, year, this.clock.now());
  }

  /** Every school of the request's district with its figures (sorted, paginated) and the district's totals. */
  async districtDashboard(
    ctx: TenantServiceContext,
    academicYear: string,
    page?: PageInput | null,
    sort?: DashboardSortInput | null,
  ): Promise<DistrictDashboardGql> {
    const year = this.checkYear(academicYear);
    const { tenant, actor } = ctx;
    if (!seesWholeDistrict(actor, tenant.district)) throw forbidden(MONITORING_MESSAGES_RU.dashboardForbidden);
    const result = await this.districtFigures(tenant.em.getConnection(), tenant.district, year);
    const field = sort?.field ?? DashboardSortField.NAME;
    const direction = sort?.descending ? -1 : 1;
    const value = SORT_VALUE[field];
    const sorted = [...result.schools].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null || y === null) return x === y ? a.shortName.localeCompare(b.shortName, 'ru') : x === null ? 1 : -1;
      const order = typeof x === 'string' ? x.localeCompare(String(y), 'ru') : x - (y as number);
      return order * direction || a.shortName.localeCompare(b.shortName, 'ru') || a.organizationId.localeCompare(b.organizationId);
    });
    const { limit, offset } = pageWindow(page);
    const asOf = this.clock.now();
    const district = await ctx.em.getConnection().execute<{ name: string }[]>(`select name from "core"."district" where id = ?`, [tenant.district.id]);
    return {
      districtId: tenant.district.id,
      districtName: district[0]?.name ?? '',
      academicYear: year,
      asOf,
      schools: { items: sorted.slice(offset, offset + limit).map((row) => this.schoolGql(row, year, asOf)), total: sorted.length, limit, offset },
      counts: countsGql(result.counts),
      figures: figuresGql(result.figures),
    };
  }

  /** Statistical-form counts of the district (live). */
  statFormCounts(sql: SqlRunner, district: Pick<TenantDistrict, 'id' | 'schemaName'>, academicYear: string): Promise<StatFormCountRow[]> {
    return gatherStatFormCounts(sql, district, academicYear);
  }

  /** School staff: their organisations; the district side (and the region's coordinator, the admin): any. */
  private seesSchool(ctx: TenantServiceContext, organizationId: string): boolean {
    const { tenant, actor } = ctx;
    return (
      seesWholeDistrict(actor, tenant.district) ||
      actor.grants.some((g) => SCHOOL_ROLES.includes(g.role) && g.organizationId === organizationId && g.districtId === tenant.district.id)
    );
  }

  /** Execution over the months of the academic year, for one school or the whole district (one SQL statement). */
  async executionSeries(ctx: TenantServiceContext, academicYear: string, organizationId?: string | null): Promise<ExecutionSeriesGql> {
    const year = this.checkYear(academicYear);
    const { tenant, actor } = ctx;
    if (organizationId) {
      if (!isUuid(organizationId) || !this.seesSchool(ctx, organizationId)) throw notFound();
      // The organisation must be of the request's district (never another district's school by id).
      const own = await ctx.em
        .getConnection()
        .execute<{ id: string }[]>(`select id from "core"."organization" where id = ? and district_id = ?`, [organizationId, tenant.district.id]);
      if (own.length === 0) throw notFound();
    } else if (!seesWholeDistrict(actor, tenant.district)) throw forbidden(MONITORING_MESSAGES_RU.dashboardForbidden);
    const rows = await gatherExecutionSeries(tenant.em.getConnection(), tenant.district, year, this.clock.today(), organizationId ? [organizationId] : null);
    return {
      academicYear: year,
      organizationId: organizationId ?? null,
      months: rows.map((row) => ({ ...row, monthRu: monthRu(row.month) })),
    };
  }

  /** Every school of the district with the traffic lights of the main KPIs (the dashboard's statements, nothing per school). */
  async schoolGrid(ctx: TenantServiceContext, academicYear: string, page?: PageInput | null): Promise<SchoolGridGql> {
    const year = this.checkYear(academicYear);
    const { tenant, actor } = ctx;
    if (!seesWholeDistrict(actor, tenant.district)) throw forbidden(MONITORING_MESSAGES_RU.dashboardForbidden);
    const result = await this.districtFigures(tenant.em.getConnection(), tenant.district, year);
    const { limit, offset } = pageWindow(page);
    const rank: Record<string, number> = { red: 3, yellow: 2, green: 1, grey: 0 };
    const rows = result.schools.map((row) => {
      const cells = GRID_KPIS.map((code) => {
        const kpi = row.figures[code];
        return { code, labelRu: kpi.labelRu, display: kpi.display, light: kpi.light, lightRu: kpi.light ? TRAFFIC_LIGHT_LABELS_RU[kpi.light] : null };
      });
      const worst = cells.reduce((w, c) => ((rank[c.light ?? 'grey'] ?? 0) > (rank[w] ?? 0) ? (c.light ?? 'grey') : w), 'grey');
      return { organizationId: row.organizationId, code: row.code, shortName: row.shortName, worst, cells };
    });
    return {
      academicYear: year,
      asOf: this.clock.now(),
      kpis: [...GRID_KPIS],
      schools: { items: rows.slice(offset, offset + limit), total: rows.length, limit, offset },
    };
  }

  // ————— the maintained roll-up —————

  /** Recomputes one district's snapshot for one academic year (7 statements: counts, stat form, upsert). */
  async refreshSnapshot(sql: SqlRunner, district: Pick<TenantDistrict, 'id' | 'schemaName' | 'regionId'>, academicYear: string): Promise<SnapshotRow> {
    const [figures, statForm] = await Promise.all([this.districtFigures(sql, district, academicYear), gatherStatFormCounts(sql, district, academicYear)]);
    const c = figures.counts;
    const asOf = this.clock.now();
    await sql.execute(
      `insert into "core"."district_kpi_snapshot" ("district_id", "academic_year", "region_id", "schools", "schools_with_headcount",
         "pupils", "teachers", "pupil_participants", "teacher_participants", "pupil_participants_counted", "teacher_participants_counted",
         "mentors", "mentees", "partner_mentors", "participants", "with_consent", "final_invited", "final_attended", "surveys", "plan_percents", "execution", "by_role_category", "stat_form", "as_of")
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?)
       on conflict ("district_id", "academic_year") do update set
         "region_id" = excluded."region_id", "schools" = excluded."schools", "schools_with_headcount" = excluded."schools_with_headcount",
         "pupils" = excluded."pupils", "teachers" = excluded."teachers", "pupil_participants" = excluded."pupil_participants",
         "teacher_participants" = excluded."teacher_participants", "pupil_participants_counted" = excluded."pupil_participants_counted",
         "teacher_participants_counted" = excluded."teacher_participants_counted", "mentors" = excluded."mentors", "mentees" = excluded."mentees",
         "partner_mentors" = excluded."partner_mentors", "participants" = excluded."participants", "with_consent" = excluded."with_consent",
         "final_invited" = excluded."final_invited", "final_attended" = excluded."final_attended", "surveys" = excluded."surveys",
         "plan_percents" = excluded."plan_percents", "execution" = excluded."execution", "by_role_category" = excluded."by_role_category",
         "stat_form" = excluded."stat_form", "as_of" = excluded."as_of"`,
      [
        district.id,
        academicYear,
        district.regionId,
        c.schools,
        c.schoolsWithHeadcount,
        c.pupils,
        c.teachers,
        c.pupilParticipants,
        c.teacherParticipants,
        c.pupilParticipantsCounted,
        c.teacherParticipantsCounted,
        c.mentors,
        c.mentees,
        c.partnerMentors,
        c.participants,
        c.withConsent,
        c.finalInvited,
        c.finalAttended,
        JSON.stringify(Object.fromEntries(Object.keys(EMPTY_SURVEYS).map((key) => [key, c[key as keyof SurveyCounts]]))),
        JSON.stringify(c.planPercents),
        JSON.stringify(c.execution),
        JSON.stringify(c.byRoleCategory),
        JSON.stringify(statForm),
        asOf,
      ],
    );
    return { districtId: district.id, academicYear, counts: c, statForm, asOf };
  }

  /** `refreshDistrictSnapshot`: the district's staff (its officer or head) or the platform admin, for the request's district. */
  async refreshDistrictSnapshot(ctx: TenantServiceContext, academicYear: string): Promise<DistrictKpiSnapshotGql> {
    const year = this.checkYear(academicYear);
    const { actor, tenant } = ctx;
    const staff = actor.access.platform || actor.access.staffDistrictIds.includes(tenant.district.id);
    if (!staff) throw forbidden(MONITORING_MESSAGES_RU.refreshForbidden);
    const row = await this.refreshSnapshot(ctx.em.getConnection(), tenant.district, year);
    return { districtId: row.districtId, academicYear: row.academicYear, asOf: row.asOf, counts: countsGql(row.counts) };
  }

  /** The region's coordinator (their region only) or the platform admin; FORBIDDEN otherwise, NOT_FOUND for an unknown region. */
  assertRegionAccess(actor: Actor, regionId: string): void {
    if (!actor.access.platform && !actor.access.coordinatorRegionIds.includes(regionId)) throw forbidden(MONITORING_MESSAGES_RU.regionForbidden);
  }

  /** The snapshot rows of a region's districts (core only: the directory and the roll-up). */
  async regionSnapshots(em: EntityManager, regionId: string, academicYear: string) {
    const conn = em.getConnection();
    const [regions, rows] = await Promise.all([
      conn.execute<{ id: string; name: string }[]>(`select id, name from "core"."region" where id = ?`, [regionId]),
      conn.execute<Array<SnapshotDbRow & { d_id: string; d_code: string; d_name: string }>>(
        `select d.id as d_id, d.code as d_code, d.name as d_name, s.*
         from "core"."district" d left join "core"."district_kpi_snapshot" s on s.district_id = d.id and s.academic_year = ?
         where d.region_id = ? order by d.name, d.id`,
        [academicYear, regionId],
      ),
    ]);
    const region = regions[0];
    if (!region) throw notFound();
    return {
      region,
      districts: rows.map((row) => ({ id: row.d_id, code: row.d_code, name: row.d_name, snapshot: row.district_id ? fromDb(row) : null })),
    };
  }

  async regionDashboard(ctx: ServiceContext, regionId: string, academicYear: string): Promise<RegionDashboardGql> {
    const year = this.checkYear(academicYear);
    this.assertRegionAccess(ctx.actor, regionId);
    const { region, districts } = await this.regionSnapshots(ctx.em, regionId, year);
    const today = this.clock.today();
    const withSnapshot = districts.filter((d) => d.snapshot);
    const rows: DistrictRollupGql[] = districts.map((d) => ({
      districtId: d.id,
      code: d.code,
      name: d.name,
      asOf: d.snapshot?.asOf ?? null,
      counts: d.snapshot ? countsGql(d.snapshot.counts) : null,
      figures: d.snapshot ? figuresGql(figuresOf(d.snapshot.counts, isoOf(d.snapshot.asOf, today), { coverageRows: [d.snapshot.counts] })) : null,
    }));
    const counts = sumMonitoringCounts(withSnapshot.map((d) => d.snapshot!.counts));
    const asOfs = withSnapshot.map((d) => d.snapshot!.asOf.getTime());
    return {
      regionId: region.id,
      regionName: region.name,
      academicYear: year,
      asOf: asOfs.length ? new Date(Math.min(...asOfs)) : null,
      districtsWithoutSnapshot: districts.length - withSnapshot.length,
      districts: rows,
      counts: countsGql(counts),
      figures: figuresGql(figuresOf(counts, today, { coverageRows: withSnapshot.map((d) => d.snapshot!.counts), rowsRu: 'муниципалитетов' })),
    };
  }
}

/** The columns of the district's grid of schools (the KPIs with a target, hence a traffic light). */
export const GRID_KPIS = [
  'pupilCoverage',
  'teacherCoverage',
  'federalTarget70',
  'consentsCollected',
  'plansDone',
  'roadmapExecution',
  'finalEventAttendance',
] as const;

const MONTHS_RU = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** 2025-09 → «сентябрь 2025». */
export function monthRu(month: string): string {
  return `${MONTHS_RU[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/** The day a snapshot was taken (its execution counts are as of that day). */
function isoOf(asOf: Date, fallback: IsoDate): IsoDate {
  return Number.isNaN(asOf.getTime()) ? fallback : (asOf.toISOString().slice(0, 10) as IsoDate);
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    monitoring: MonitoringService;
  }
}
