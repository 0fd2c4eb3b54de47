import { federalTargetTextRu, type IsoDate } from '@nastavnik/domain';
import type { TenantDistrict } from '../../engine/tenancy/tenant.js';
import { figuresOf, type Figures, type MonitoringCounts } from './figures.js';
import type { DistrictFigures, SchoolFiguresRow } from './figures-source.js';
import type { SqlRunner } from './queries.js';
import { DashboardSortField, type DashboardSortInput } from './types.js';

/**
 * The maintained figures behind the district dashboard (issue 14, goal 3): the refresh stores every
 * school's counts with its sort keys (`dashboard_school`) and the district's totals
 * (`dashboard_total`); a dashboard view then reads one page of rows sorted in SQL — rows read are
 * proportional to the page, not to the district's 100,000 participants.
 */

/** The SQL column of each sort field (the figure's value; the same as the live sort compared). */
const SORT_COLUMN: Record<Exclude<DashboardSortField, DashboardSortField.NAME>, string> = {
  [DashboardSortField.PUPIL_COVERAGE]: 'pupil_coverage',
  [DashboardSortField.TEACHER_COVERAGE]: 'teacher_coverage',
  [DashboardSortField.FEDERAL_TARGET]: 'federal_target',
  [DashboardSortField.CONSENTS]: 'consents',
  [DashboardSortField.PLANS]: 'plans',
  [DashboardSortField.EXECUTION]: 'execution',
  [DashboardSortField.FINAL_EVENT]: 'final_event',
  [DashboardSortField.PARTICIPANTS]: 'participants',
};

/**
 * ORDER BY of a page. Names compare in Russian (`localeCompare('ru')`, computed at refresh into
 * `name_group` — equal names share it — and `name_order`, which breaks ties by id); «нет данных»
 * (null) is last in both directions; ties always go by name ascending.
 */
export function orderBy(sort?: DashboardSortInput | null): string {
  const field = sort?.field ?? DashboardSortField.NAME;
  const direction = sort?.descending ? 'desc' : 'asc';
  if (field === DashboardSortField.NAME) return sort?.descending ? 'name_group desc, name_order asc' : 'name_order asc';
  return `${SORT_COLUMN[field]} ${direction} nulls last, name_order asc`;
}

const schemaOf = (district: Pick<TenantDistrict, 'schemaName'>) => {
  if (!/^[a-z0-9_]+$/.test(district.schemaName)) throw new Error(`unexpected schema name ${district.schemaName}`);
  return `"${district.schemaName}"`;
};

type StoredCounts = MonitoringCounts & { executionKpiItems?: unknown };

/** A school's counts without the item list the district's totals were computed from (not shown, and large). */
function storedCounts(counts: StoredCounts): MonitoringCounts {
  const { executionKpiItems: _items, ...rest } = counts;
  return rest;
}

/**
 * Replaces the stored figures of one academic year with `figures`, in one statement: the totals,
 * every school's row (schools gone are deleted), and the other years marked stale — the caller has
 * taken the district's change mark, so their figures may no longer hold. A school's figures are not
 * stored (9 KB each with their labels and formulas): its counts give them back on the day they were
 * computed for (`figuresOf`), for the page's rows only.
 */
export async function writeDashboard(
  sql: SqlRunner,
  district: Pick<TenantDistrict, 'schemaName'>,
  academicYear: string,
  figures: DistrictFigures,
  computedFor: IsoDate,
  asOf: Date,
): Promise<void> {
  const s = schemaOf(district);
  const byName = [...figures.schools].sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru') || a.organizationId.localeCompare(b.organizationId));
  let group = 0;
  const rows = byName.map((row, index) => {
    if (index > 0 && byName[index - 1]!.shortName.localeCompare(row.shortName, 'ru') !== 0) group++;
    const f = row.figures;
    return {
      organization_id: row.organizationId,
      code: row.code,
      short_name: row.shortName,
      name_order: index,
      name_group: group,
      has_headcount: row.hasHeadcount,
      pupil_coverage: f.pupilCoverage.value,
      teacher_coverage: f.teacherCoverage.value,
      federal_target: f.federalTarget70.value,
      consents: f.consentsCollected.value,
      plans: f.plansDone.value,
      execution: f.roadmapExecution.value,
      final_event: f.finalEventAttendance.value,
      participants: row.counts.participants,
      counts: storedCounts(row.counts),
    };
  });
  await sql.execute(
    `with total as (
       insert into ${s}."dashboard_total" ("academic_year", "counts", "figures", "computed_for", "as_of", "stale")
       values (?, ?::jsonb, ?::jsonb, ?::date, ?, false)
       on conflict ("academic_year") do update set "counts" = excluded."counts", "figures" = excluded."figures",
         "computed_for" = excluded."computed_for", "as_of" = excluded."as_of", "stale" = false
     ), others as (
       update ${s}."dashboard_total" set "stale" = true where "academic_year" <> ?
     ), rows as (
       select * from jsonb_to_recordset(?::jsonb) as r("organization_id" uuid, "code" text, "short_name" text, "name_order" int,
         "name_group" int, "has_headcount" boolean, "pupil_coverage" float8, "teacher_coverage" float8, "federal_target" float8,
         "consents" float8, "plans" float8, "execution" float8, "final_event" float8, "participants" int, "counts" jsonb)
     ), gone as (
       delete from ${s}."dashboard_school" d where d."academic_year" = ? and d."organization_id" not in (select "organization_id" from rows)
     )
     insert into ${s}."dashboard_school" ("academic_year", "organization_id", "code", "short_name", "name_order", "name_group", "has_headcount",
       "pupil_coverage", "teacher_coverage", "federal_target", "consents", "plans", "execution", "final_event", "participants", "counts")
     select ?, r.* from rows r
     on conflict ("academic_year", "organization_id") do update set "code" = excluded."code", "short_name" = excluded."short_name",
       "name_order" = excluded."name_order", "name_group" = excluded."name_group", "has_headcount" = excluded."has_headcount",
       "pupil_coverage" = excluded."pupil_coverage", "teacher_coverage" = excluded."teacher_coverage", "federal_target" = excluded."federal_target",
       "consents" = excluded."consents", "plans" = excluded."plans", "execution" = excluded."execution", "final_event" = excluded."final_event",
       "participants" = excluded."participants", "counts" = excluded."counts"`,
    [
      academicYear,
      JSON.stringify(figures.counts),
      JSON.stringify(figures.figures),
      computedFor,
      asOf,
      academicYear,
      JSON.stringify(rows),
      academicYear,
      academicYear,
    ],
  );
}

/** The stored totals of a year (null: never computed) and one page of its schools. */
export interface StoredDashboard {
  counts: MonitoringCounts;
  figures: Figures;
  computedFor: IsoDate;
  asOf: Date;
  stale: boolean;
  total: number;
  schools: SchoolFiguresRow[];
}

interface PageRow {
  counts: MonitoringCounts;
  figures: Figures;
  computed_for: string;
  as_of: Date | string;
  stale: boolean;
  total: number;
  schools: Array<{
    organization_id: string;
    code: string;
    short_name: string;
    has_headcount: boolean;
    counts: MonitoringCounts;
  }> | null;
}

/** One statement: the totals of the year, the number of schools and the page, sorted in SQL. */
export async function readDashboard(
  sql: SqlRunner,
  district: Pick<TenantDistrict, 'schemaName'>,
  academicYear: string,
  window: { limit: number; offset: number },
  sort?: DashboardSortInput | null,
): Promise<StoredDashboard | null> {
  const s = schemaOf(district);
  const rows = (await sql.execute(
    `select t."counts", t."figures", to_char(t."computed_for", 'YYYY-MM-DD') as "computed_for", t."as_of", t."stale",
       (select count(*)::int from ${s}."dashboard_school" c where c."academic_year" = t."academic_year") as "total",
       (select json_agg(json_build_object('organization_id', p."organization_id", 'code', p."code", 'short_name', p."short_name",
          'has_headcount', p."has_headcount", 'counts', p."counts") order by p.n)
        from (select d.*, row_number() over (order by ${orderBy(sort)}) as n from ${s}."dashboard_school" d
              where d."academic_year" = t."academic_year" order by ${orderBy(sort)} limit ? offset ?) p) as "schools"
     from ${s}."dashboard_total" t where t."academic_year" = ?`,
    [window.limit, window.offset, academicYear],
  )) as PageRow[];
  const row = rows[0];
  if (!row) return null;
  const computedFor = row.computed_for as IsoDate;
  // Totals stored before the target's text named the academic year say it for the year read.
  const federal = row.figures.federalTarget70;
  const figures = federal?.target
    ? { ...row.figures, federalTarget70: { ...federal, target: { ...federal.target, textRu: federalTargetTextRu(academicYear) } } }
    : row.figures;
  return {
    counts: row.counts,
    figures,
    computedFor,
    asOf: new Date(row.as_of),
    stale: row.stale,
    total: row.total,
    schools: (row.schools ?? []).map((school) => ({
      organizationId: school.organization_id,
      code: school.code,
      shortName: school.short_name,
      hasHeadcount: school.has_headcount,
      counts: school.counts,
      figures: figuresOf(school.counts, computedFor, { academicYear }),
    })),
  };
}
