import type { ExecutionItem, IsoDate } from '@nastavnik/domain';

/**
 * The monitoring counts of one district schema, gathered with a fixed number of SQL aggregates
 * (GROUP BY organisation) — never one statement per school, never entities loaded to be counted.
 * The KPI formulas of `@nastavnik/domain` are then applied to these counts (./figures.ts).
 */

/** Anything that runs raw SQL with `?` placeholders (a MikroORM connection). */
export interface SqlRunner {
  execute(sql: string, params?: any[]): Promise<unknown>;
}

async function run<T>(sql: SqlRunner, query: string, params: unknown[]): Promise<T> {
  return (await sql.execute(query, params)) as T;
}

export interface DistrictRef {
  id: string;
  schemaName: string;
}

export interface OrganizationRow {
  id: string;
  code: string;
  shortName: string;
}

export interface HeadcountRow {
  pupils: number;
  teachers: number;
}

export interface ParticipantCountRow {
  role: 'mentor' | 'mentee';
  category: string;
  count: number;
  withConsent: number;
  fromPartner: number;
}

/** Plans of the pairs: how many pairs reached each percent (null: a plan without tasks). */
export interface PlanPercentRow {
  percent: number | null;
  count: number;
}

/** Items of the agreed revisions in force, grouped by their due date in force and execution mark. */
export interface ExecutionRow {
  due: IsoDate | null;
  done: boolean;
  doneOn: IsoDate | null;
  count: number;
}

export interface OrganizationCounts {
  organization: OrganizationRow;
  headcount: HeadcountRow | null;
  participants: ParticipantCountRow[];
  plans: PlanPercentRow[];
  execution: ExecutionRow[];
}

export interface StatFormCountRow {
  role: 'mentor' | 'mentee';
  form: string;
  category: string;
  count: number;
}

/** The form code of participants not yet in a pair (the statistical form shows it as written). */
export const NO_PAIR_FORM = 'Не распределены по парам';

/** 2025/2026 → 2025-09-01 … 2026-08-31. */
export function academicYearBounds(academicYear: string): { start: IsoDate; end: IsoDate } {
  const first = Number(academicYear.slice(0, 4));
  return { start: `${first}-09-01` as IsoDate, end: `${first + 1}-08-31` as IsoDate };
}

const schemaOf = (district: DistrictRef) => {
  if (!/^[a-z0-9_]+$/.test(district.schemaName)) throw new Error(`unexpected schema name ${district.schemaName}`);
  return `"${district.schemaName}"`;
};

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** `and <column> in (…)` for a narrowed request (one school), else nothing. */
function orgFilter(column: string, organizationIds: readonly string[] | null, params: unknown[]): string {
  if (!organizationIds) return '';
  if (organizationIds.length === 0) return ' and false';
  params.push(...organizationIds);
  return ` and ${column} in (${placeholders(organizationIds)})`;
}

/**
 * The due date in force of an item on `today`, in SQL — the same rule as the domain's
 * `nextDueDate`: for scheduled deadlines (months, recurring, end of academic year) the end of the
 * latest occurrence already started (else the first), else the deadline's own due date.
 */
const DUE_IN_FORCE_SQL = `case when i."deadline"->>'kind' in ('months', 'recurring', 'endOfAcademicYear') then coalesce(
    (select o.value->>'end' from jsonb_array_elements(i."deadline"->'occurrences') with ordinality as o(value, n)
      where o.value->>'start' <= ? order by o.n desc limit 1),
    i."deadline"->'occurrences'->0->>'end',
    i."deadline"->>'due')
  else i."deadline"->>'due' end`;

/**
 * Five statements, whatever the number of schools: the district's organisations (core), their
 * headcounts, participants by role × category (with valid consents and partner mentors), the pairs'
 * plan percents, and the execution of the agreed roadmaps in force.
 */
export async function gatherDistrictCounts(
  sql: SqlRunner,
  district: DistrictRef,
  academicYear: string,
  today: IsoDate,
  organizationIds: readonly string[] | null = null,
): Promise<OrganizationCounts[]> {
  const s = schemaOf(district);
  const { start, end } = academicYearBounds(academicYear);

  const orgParams: unknown[] = [district.id];
  const orgSql = `select o.id, o.code, o.short_name as "shortName" from "core"."organization" o
    where o.district_id = ?${orgFilter('o.id', organizationIds, orgParams)} order by o.short_name, o.id`;

  const hcParams: unknown[] = [academicYear];
  const hcSql = `select h.organization_id as "organizationId", h.pupils, h.teachers from ${s}."headcount" h
    where h.academic_year = ?${orgFilter('h.organization_id', organizationIds, hcParams)}`;

  const pParams: unknown[] = [today, end, start];
  const pSql = `select p.organization_id as "organizationId", p.role, p.category, count(*)::int as count,
      count(*) filter (where exists (select 1 from ${s}."participant_consent" c where c.participant_id = p.id
        and c.withdrawn_on is null and (c.valid_until is null or c.valid_until >= ?::date)))::int as "withConsent",
      count(*) filter (where p.partner_id is not null)::int as "fromPartner"
    from ${s}."participant" p join ${s}."programme" g on g.id = p.programme_id
    where g.period_start <= ?::date and g.period_end >= ?::date${orgFilter('p.organization_id', organizationIds, pParams)}
    group by 1, 2, 3`;

  const plParams: unknown[] = [end, start];
  const plSql = `select x."organizationId", x.percent, count(*)::int as count from (
      select mp.organization_id as "organizationId",
        case when jsonb_array_length(mp.tasks) = 0 then null
          else floor((select count(*) from jsonb_array_elements(mp.tasks) t where (t->>'done')::boolean) * 100.0
            / jsonb_array_length(mp.tasks))::int end as percent
      from ${s}."mentoring_pair" mp
      where mp.start_date <= ?::date and mp.end_date >= ?::date${orgFilter('mp.organization_id', organizationIds, plParams)}
    ) x group by 1, 2`;

  const exParams: unknown[] = [today, end, start];
  const exSql = `select r.organization_id as "organizationId", d.due, coalesce(e.done, false) as done,
      to_char(e.done_on, 'YYYY-MM-DD') as "doneOn", count(*)::int as count
    from ${s}."roadmap" r
    join ${s}."roadmap_revision" v on v.id = r.in_force_revision_id and v.state = 'agreed'
    join ${s}."roadmap_item" i on i.revision_id = v.id
    left join ${s}."item_execution" e on e.roadmap_id = r.id and e.item_key = i.key
    cross join lateral (select ${DUE_IN_FORCE_SQL} as due) d
    where r.level = 'school' and r.organization_id is not null
      and v.period_start <= ?::date and v.period_end >= ?::date${orgFilter('r.organization_id', organizationIds, exParams)}
    group by 1, 2, 3, 4`;

  type WithOrg<T> = T & { organizationId: string };
  const [orgs, headcounts, participants, plans, execution] = await Promise.all([
    run<OrganizationRow[]>(sql, orgSql, orgParams),
    run<WithOrg<HeadcountRow>[]>(sql, hcSql, hcParams),
    run<WithOrg<ParticipantCountRow>[]>(sql, pSql, pParams),
    run<WithOrg<PlanPercentRow>[]>(sql, plSql, plParams),
    run<WithOrg<ExecutionRow>[]>(sql, exSql, exParams),
  ]);

  const byOrg = new Map<string, OrganizationCounts>(
    orgs.map((organization) => [organization.id, { organization, headcount: null, participants: [], plans: [], execution: [] }]),
  );
  for (const { organizationId, ...row } of headcounts) {
    const entry = byOrg.get(organizationId);
    if (entry) entry.headcount = row;
  }
  for (const { organizationId, ...row } of participants) byOrg.get(organizationId)?.participants.push(row);
  for (const { organizationId, ...row } of plans) byOrg.get(organizationId)?.plans.push(row);
  for (const { organizationId, ...row } of execution) byOrg.get(organizationId)?.execution.push(row);
  return [...byOrg.values()];
}

/** Participants by role × form (of their pairs; «Не распределены по парам» without one) × category: one statement. */
export async function gatherStatFormCounts(sql: SqlRunner, district: DistrictRef, academicYear: string): Promise<StatFormCountRow[]> {
  const s = schemaOf(district);
  const { start, end } = academicYearBounds(academicYear);
  return run<StatFormCountRow[]>(
    sql,
    `with members as (
       select mp.mentor_id::text as participant_id, mp.form from ${s}."mentoring_pair" mp
       where mp.start_date <= ?::date and mp.end_date >= ?::date
       union
       select m.value #>> '{}', mp.form from ${s}."mentoring_pair" mp cross join jsonb_array_elements(mp.mentee_ids) m
       where mp.start_date <= ?::date and mp.end_date >= ?::date and jsonb_typeof(m.value) = 'string'
     )
     select p.role, coalesce(f.form, ?) as form, p.category, count(*)::int as count
     from ${s}."participant" p join ${s}."programme" g on g.id = p.programme_id
     left join members f on f.participant_id = p.id::text
     where g.period_start <= ?::date and g.period_end >= ?::date
     group by 1, 2, 3`,
    [end, start, end, start, NO_PAIR_FORM, end, start],
  );
}

/** Rows with a multiplicity, spread back into the items the domain's `roadmapExecution` takes. */
export function executionItems(rows: readonly ExecutionRow[]): ExecutionItem[] {
  const items: ExecutionItem[] = [];
  for (const row of rows) for (let i = 0; i < row.count; i++) items.push({ due: row.due, done: row.done, doneOn: row.doneOn });
  return items;
}

/** Plan percents with a multiplicity, spread back into the plans the domain's `plansDone` takes. */
export function planList(rows: readonly PlanPercentRow[]): { percent: number | null }[] {
  const plans: { percent: number | null }[] = [];
  for (const row of rows) for (let i = 0; i < row.count; i++) plans.push({ percent: row.percent });
  return plans;
}
