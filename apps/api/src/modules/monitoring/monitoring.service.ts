import { academicYearOf, ERRORS_RU, isValidAcademicYear, TRAFFIC_LIGHT_LABELS_RU, type IsoDate } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type PageInput } from '../../engine/graphql/pagination.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { isUuid, type TenantDistrict } from '../../engine/tenancy/tenant.js';
import { seesWholeDistrict } from '../directory/scope.js';
import { readDashboard, type StoredDashboard } from './dashboard-store.js';
import { DrillDownService } from './drilldown.js';
import { figuresOf, schoolCounts, sumMonitoringCounts, type KpiFigure } from './figures.js';
import type { DistrictFigures, FiguresSource, SchoolFiguresRow } from './figures-source.js';
import { countsGql, figuresGql, kpiGql } from './gql-mapping.js';
import { IndicatorLinkService } from './indicator-links.js';
import { MONITORING_MESSAGES_RU } from './messages.js';
import { gatherDistrictCounts, gatherExecutionSeries, gatherStatFormCounts, type SqlRunner, type StatFormCountRow } from './queries.js';
import { KpiSnapshotService } from './snapshots.js';
import {
  type DashboardSortInput,
  type DistrictDashboardGql,
  type ExecutionSeriesGql,
  type KpiGql,
  type SchoolDashboardGql,
  type SchoolGridGql,
} from './types.js';

const SCHOOL_ROLES = ['school-director', 'school-curator'];

export interface MonitoringOptions {
  /**
   * How old the stored dashboard figures of a district with unprocessed changes may be and still be
   * shown (with their «на …» time) while a refresh is queued; older, they are recomputed within the
   * request. 0: always recomputed when something changed (tests).
   */
  staleSeconds: number;
  /** Queues the background refresh of changed districts (wired to the job queue at the composition root). */
  requestRefresh?: () => void;
}

/** A view of stale figures queues a refresh at most this often per process. */
const REQUEST_REFRESH_EVERY_MS = 5_000;

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
  /** The maintained roll-up in `core` and the region dashboard read from it (./snapshots.ts). */
  readonly snapshots: KpiSnapshotService;

  constructor(
    private readonly clock: Clock,
    private readonly options: MonitoringOptions = { staleSeconds: 0 },
  ) {
    this.links = new IndicatorLinkService(this);
    this.drillDown = new DrillDownService(this);
    this.snapshots = new KpiSnapshotService(this, clock);
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
        figures: figuresOf(counts, today, { executionItems: counts.executionKpiItems, academicYear }),
      };
    });
    const counts = sumMonitoringCounts(schools.map((s) => s.counts));
    const figures = figuresOf(counts, today, {
      academicYear,
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

  /**
   * The district's stored figures (./dashboard-store.ts) for one page, recomputed first when missing,
   * computed for an earlier day, stale, or older than `staleSeconds` while the district has
   * unprocessed changes (a mark in `core.kpi_dirty`); within that age they are shown and a
   * background refresh is queued. Two statements in parallel when the figures hold.
   */
  private async storedDashboard(
    ctx: TenantServiceContext,
    year: string,
    window: { limit: number; offset: number },
    sort?: DashboardSortInput | null,
  ): Promise<{ stored: StoredDashboard; districtName: string }> {
    const { tenant } = ctx;
    const sql = tenant.em.getConnection();
    const [state, first] = await Promise.all([
      ctx.em.getConnection().execute<{ name: string; dirty: boolean }[]>(
        `select d.name, k.schema_name is not null as dirty from "core"."district" d
         left join "core"."kpi_dirty" k on k.schema_name = d.schema_name where d.id = ?`,
        [tenant.district.id],
      ),
      readDashboard(sql, tenant.district, year, window, sort),
    ]);
    const dirty = state[0]?.dirty ?? false;
    const today = this.clock.today();
    const current = academicYearOf(new Date(`${today}T12:00:00Z`)) === year;
    const ageSeconds = first ? (this.clock.now().getTime() - first.asOf.getTime()) / 1000 : Infinity;
    const holds = first && !first.stale && first.computedFor === today && (!dirty || ageSeconds <= this.options.staleSeconds);
    if (holds) {
      if (dirty && current) this.requestRefresh();
      return { stored: first, districtName: state[0]?.name ?? '' };
    }
    // The mark is taken only for the current year, which is what the job refreshes.
    if (dirty && current) await this.snapshots.refreshTakingMark(sql, tenant.district, year);
    else await this.snapshots.refreshSnapshot(sql, tenant.district, year);
    const stored = await readDashboard(sql, tenant.district, year, window, sort);
    if (!stored) throw new Error(`dashboard of ${tenant.district.code} ${year} not stored after its refresh`);
    return { stored, districtName: state[0]?.name ?? '' };
  }

  private lastRefreshRequest = 0;

  private requestRefresh(): void {
    const now = Date.now();
    if (!this.options.requestRefresh || now - this.lastRefreshRequest < REQUEST_REFRESH_EVERY_MS) return;
    this.lastRefreshRequest = now;
    this.options.requestRefresh();
  }

  /**
   * Every school of the request's district with its figures (sorted and paged in SQL) and the
   * district's totals, from the maintained figures (issue 14, goal 3); `asOf` says when they were computed.
   */
  async districtDashboard(
    ctx: TenantServiceContext,
    academicYear: string,
    page?: PageInput | null,
    sort?: DashboardSortInput | null,
  ): Promise<DistrictDashboardGql> {
    const year = this.checkYear(academicYear);
    const { tenant, actor } = ctx;
    if (!seesWholeDistrict(actor, tenant.district)) throw forbidden(MONITORING_MESSAGES_RU.dashboardForbidden);
    const { limit, offset } = pageWindow(page);
    const { stored, districtName } = await this.storedDashboard(ctx, year, { limit, offset }, sort);
    return {
      districtId: tenant.district.id,
      districtName,
      academicYear: year,
      asOf: stored.asOf,
      schools: { items: stored.schools.map((row) => this.schoolGql(row, year, stored.asOf)), total: stored.total, limit, offset },
      counts: countsGql(stored.counts),
      figures: figuresGql(stored.figures),
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
    const { limit, offset } = pageWindow(page);
    const { stored } = await this.storedDashboard(ctx, year, { limit, offset });
    const rank: Record<string, number> = { red: 3, yellow: 2, green: 1, grey: 0 };
    const rows = stored.schools.map((row) => {
      const cells = GRID_KPIS.map((code) => {
        const kpi = row.figures[code];
        return { code, labelRu: kpi.labelRu, display: kpi.display, light: kpi.light, lightRu: kpi.light ? TRAFFIC_LIGHT_LABELS_RU[kpi.light] : null };
      });
      const worst = cells.reduce((w, c) => ((rank[c.light ?? 'grey'] ?? 0) > (rank[w] ?? 0) ? (c.light ?? 'grey') : w), 'grey');
      return { organizationId: row.organizationId, code: row.code, shortName: row.shortName, worst, cells };
    });
    return {
      academicYear: year,
      asOf: stored.asOf,
      kpis: [...GRID_KPIS],
      schools: { items: rows, total: stored.total, limit, offset },
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

declare module '../../engine/graphql/context.js' {
  interface Services {
    monitoring: MonitoringService;
  }
}
