import type { IsoDate } from '@nastavnik/domain';
import type { Actor } from '../../engine/auth/actor.js';
import type { Clock } from '../../engine/clock.js';
import { forbidden, notFound } from '../../engine/errors.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { ServiceContext, TenantServiceContext } from '../../engine/services.js';
import type { TenantDistrict } from '../../engine/tenancy/tenant.js';
import { figuresOf, sumMonitoringCounts, type MonitoringCounts } from './figures.js';
import { MONITORING_MESSAGES_RU } from './messages.js';
import type { DistrictKpiSnapshotGql, DistrictRollupGql, RegionDashboardGql } from './types.js';
import type { FiguresSource } from './figures-source.js';
import { writeDashboard } from './dashboard-store.js';
import { countsGql, figuresGql } from './gql-mapping.js';
import { EMPTY_SURVEYS, gatherStatFormCounts, type SqlRunner, type StatFormCountRow, type SurveyCounts } from './queries.js';

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

/** The day a snapshot was taken (its execution counts are as of that day). */
function isoOf(asOf: Date, fallback: IsoDate): IsoDate {
  return Number.isNaN(asOf.getTime()) ? fallback : (asOf.toISOString().slice(0, 10) as IsoDate);
}

/**
 * The maintained roll-up (`core.district_kpi_snapshot`, refreshed per district by the job and on
 * demand) and the region dashboard, which reads it only: it never opens a district schema.
 */
export class KpiSnapshotService {
  constructor(
    private readonly figures: FiguresSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Recomputes one district's figures for one academic year: its row of the region's roll-up and the
   * stored figures of its dashboard (./dashboard-store.ts). 9 statements: counts, stat form, two writes.
   */
  async refreshSnapshot(sql: SqlRunner, district: Pick<TenantDistrict, 'id' | 'schemaName' | 'regionId'>, academicYear: string): Promise<SnapshotRow> {
    const today = this.clock.today();
    const [figures, statForm] = await Promise.all([
      this.figures.districtFigures(sql, district, academicYear),
      gatherStatFormCounts(sql, district, academicYear),
    ]);
    const c = figures.counts;
    const asOf = this.clock.now();
    // Two writes in parallel (both idempotent upserts of the same computation).
    const dashboard = writeDashboard(sql, district, academicYear, figures, today, asOf);
    const rollup = sql.execute(
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
    await Promise.all([dashboard, rollup]);
    return { districtId: district.id, academicYear, counts: c, statForm, asOf };
  }

  /**
   * Takes the district's change mark, then recomputes (the job's pass, and a dashboard view of a
   * changed district). The mark goes before the counts are read: a change committed meanwhile is
   * either in them or marks the district again. A failed refresh puts the mark back, so the next
   * pass still sees the district as changed.
   */
  async refreshTakingMark(sql: SqlRunner, district: Pick<TenantDistrict, 'id' | 'schemaName' | 'regionId'>, academicYear: string): Promise<SnapshotRow> {
    await sql.execute(`delete from "core"."kpi_dirty" where "schema_name" = ?`, [district.schemaName]);
    try {
      return await this.refreshSnapshot(sql, district, academicYear);
    } catch (error) {
      await sql.execute(`insert into "core"."kpi_dirty" ("schema_name") values (?) on conflict do nothing`, [district.schemaName]);
      throw error;
    }
  }

  /** `refreshDistrictSnapshot`: the district's staff (its officer or head) or the platform admin, for the request's district. */
  async refreshDistrictSnapshot(ctx: TenantServiceContext, academicYear: string): Promise<DistrictKpiSnapshotGql> {
    const year = this.figures.checkYear(academicYear);
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
    const year = this.figures.checkYear(academicYear);
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
      figures: d.snapshot
        ? figuresGql(figuresOf(d.snapshot.counts, isoOf(d.snapshot.asOf, today), { coverageRows: [d.snapshot.counts], academicYear: year }))
        : null,
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
      figures: figuresGql(
        figuresOf(counts, today, { coverageRows: withSnapshot.map((d) => d.snapshot!.counts), rowsRu: 'муниципалитетов', academicYear: year }),
      ),
    };
  }
}
