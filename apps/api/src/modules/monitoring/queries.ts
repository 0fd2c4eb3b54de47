import type { ExecutionItem, IsoDate } from '@nastavnik/domain';

/**
 * The monitoring counts of one district schema, gathered with a fixed number of SQL aggregates
 * (GROUP BY organisation) — never one statement per school, never entities loaded to be counted.
 * The KPI formulas of `@nastavnik/domain` are then applied to these counts (./figures.ts).
 */

/** Anything that runs raw SQL with `?` placeholders (a MikroORM connection). */
export interface SqlRunner {
  execute(sql: string, params?: unknown[]): Promise<unknown>;
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

/**
 * Final events (итоговая встреча of the pairs), in participants (the mentor and the mentees of a pair):
 * `invited` — members of the pairs that finished their work (completed, or the end date passed) or
 * already held their final meeting; `attended` — members of the pairs that held it. A meeting carries
 * no attendance list, so a pair's final meeting counts for all its members.
 */
export interface FinalEventRow {
  invited: number;
  attended: number;
}

/** Items of the agreed revisions in force, grouped by their due date in force and execution mark. */
export interface ExecutionRow {
  due: IsoDate | null;
  done: boolean;
  doneOn: IsoDate | null;
  count: number;
}

/**
 * Questionnaires (modules/questionnaires) of the academic year, summed in SQL. Scale answers are put
 * on one 1–5 scale (a 1–10 answer v counts as 1 + (v − 1) × 4 ÷ 9), «satisfied» from 4.
 * - satisfaction: every scale answer of the satisfaction questionnaires;
 * - impact: per respondent, the mean scale answer of their latest «before» and latest «after»
 *   response; change = after − before; improved when it rose.
 */
export interface SurveyCounts {
  satAnswers: number;
  satSum: number;
  satSatisfied: number;
  satOutOfScale: number;
  impactPairs: number;
  impactSum: number;
  impactImproved: number;
  impactUnpaired: number;
}

export const EMPTY_SURVEYS: SurveyCounts = {
  satAnswers: 0,
  satSum: 0,
  satSatisfied: 0,
  satOutOfScale: 0,
  impactPairs: 0,
  impactSum: 0,
  impactImproved: 0,
  impactUnpaired: 0,
};

export interface OrganizationCounts {
  organization: OrganizationRow;
  headcount: HeadcountRow | null;
  participants: ParticipantCountRow[];
  plans: PlanPercentRow[];
  finalEvent: FinalEventRow;
  execution: ExecutionRow[];
  surveys: SurveyCounts;
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

/** The day after an ISO date (an exclusive upper bound for timestamps). */
function nextDay(date: IsoDate): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
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
 * Six statements, whatever the number of schools: the district's organisations (core), their
 * headcounts, participants by role × category (with valid consents and partner mentors), the pairs'
 * plan percents with their final meetings, the execution of the agreed roadmaps in force, and the
 * questionnaires' satisfaction and impact sums.
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

  // The pairs' plans and, in the same pass, their final meetings (no extra statement).
  const plParams: unknown[] = [today, end, start];
  const plSql = `select x."organizationId", x.percent, count(*)::int as count,
      coalesce(sum(x.members) filter (where x.held or x.finished), 0)::int as "finalInvited",
      coalesce(sum(x.members) filter (where x.held), 0)::int as "finalAttended"
    from (
      select mp.organization_id as "organizationId",
        case when jsonb_array_length(mp.tasks) = 0 then null
          else floor((select count(*) from jsonb_array_elements(mp.tasks) t where (t->>'done')::boolean) * 100.0
            / jsonb_array_length(mp.tasks))::int end as percent,
        1 + case when jsonb_typeof(mp.mentee_ids) = 'array' then jsonb_array_length(mp.mentee_ids) else 0 end as members,
        fm.pair_id is not null as held,
        (mp.status = 'completed' or mp.end_date < ?::date) as finished
      from ${s}."mentoring_pair" mp
      left join (select distinct m.pair_id from ${s}."pair_meeting" m where m.type = 'final') fm on fm.pair_id = mp.id
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

  // The questionnaires: one statement for satisfaction and impact (see SurveyCounts).
  const endNext = nextDay(end);
  const svParams: unknown[] = [start, endNext];
  const svOrg = orgFilter('qr.organization_id', organizationIds, svParams);
  svParams.push(start, endNext);
  const svOrg2 = orgFilter('qr.organization_id', organizationIds, svParams);
  // An answer on the 1–5 scale (float arithmetic), null when it is not a scale answer or off its scale.
  const NORM = `case when a.scale_max in (5, 10) and a.value_number between 1 and a.scale_max
    then 1 + (a.value_number - 1) * 4 / (a.scale_max - 1)::float8 end`;
  const svSql = `with sat as (
      select qr.organization_id as "organizationId",
        count(n.v)::int as "satAnswers",
        coalesce(sum(n.v), 0)::float as "satSum",
        count(*) filter (where n.v >= 4)::int as "satSatisfied",
        count(*) filter (where n.v is null and a.scale_max is not null and a.value_number is not null)::int as "satOutOfScale"
      from ${s}."questionnaire_response" qr join ${s}."questionnaire_answer" a on a.response_id = qr.id
      cross join lateral (select ${NORM} as v) n
      where qr.kind = 'satisfaction' and qr.submitted_at >= ?::date and qr.submitted_at < ?::date${svOrg}
      group by 1
    ), latest as (
      select distinct on (qr.respondent_key, qr.phase) qr.id, qr.organization_id, qr.respondent_key, qr.phase
      from ${s}."questionnaire_response" qr
      where qr.kind = 'impact' and qr.phase in ('before', 'after') and qr.submitted_at >= ?::date and qr.submitted_at < ?::date${svOrg2}
      order by qr.respondent_key, qr.phase, qr.submitted_at desc, qr.id desc
    ), people as (
      -- One response per respondent and phase (the latest), so the mean of its answers is the respondent's score.
      select l.organization_id, l.respondent_key,
        avg(${NORM}) filter (where l.phase = 'before') as b, avg(${NORM}) filter (where l.phase = 'after') as a
      from latest l left join ${s}."questionnaire_answer" a on a.response_id = l.id group by 1, 2
    ), imp as (
      select organization_id as "organizationId",
        count(*) filter (where b is not null and a is not null)::int as "impactPairs",
        coalesce(sum(a - b) filter (where b is not null and a is not null), 0)::float as "impactSum",
        count(*) filter (where a > b)::int as "impactImproved",
        count(*) filter (where (b is null) <> (a is null))::int as "impactUnpaired"
      from people group by 1
    )
    select coalesce(sat."organizationId", imp."organizationId") as "organizationId",
      coalesce(sat."satAnswers", 0) as "satAnswers", coalesce(sat."satSum", 0) as "satSum", coalesce(sat."satSatisfied", 0) as "satSatisfied",
      coalesce(sat."satOutOfScale", 0) as "satOutOfScale", coalesce(imp."impactPairs", 0) as "impactPairs", coalesce(imp."impactSum", 0) as "impactSum",
      coalesce(imp."impactImproved", 0) as "impactImproved", coalesce(imp."impactUnpaired", 0) as "impactUnpaired"
    from sat full join imp on imp."organizationId" = sat."organizationId"`;

  type WithOrg<T> = T & { organizationId: string };
  const [orgs, headcounts, participants, plans, execution, surveys] = await Promise.all([
    run<OrganizationRow[]>(sql, orgSql, orgParams),
    run<WithOrg<HeadcountRow>[]>(sql, hcSql, hcParams),
    run<WithOrg<ParticipantCountRow>[]>(sql, pSql, pParams),
    run<WithOrg<PlanPercentRow & { finalInvited: number; finalAttended: number }>[]>(sql, plSql, plParams),
    run<WithOrg<ExecutionRow>[]>(sql, exSql, exParams),
    run<WithOrg<SurveyCounts>[]>(sql, svSql, svParams),
  ]);

  const byOrg = new Map<string, OrganizationCounts>(
    orgs.map((organization) => [
      organization.id,
      { organization, headcount: null, participants: [], plans: [], finalEvent: { invited: 0, attended: 0 }, execution: [], surveys: { ...EMPTY_SURVEYS } },
    ]),
  );
  for (const { organizationId, ...row } of headcounts) {
    const entry = byOrg.get(organizationId);
    if (entry) entry.headcount = row;
  }
  for (const { organizationId, ...row } of participants) byOrg.get(organizationId)?.participants.push(row);
  for (const { organizationId, finalInvited, finalAttended, ...row } of plans) {
    const entry = byOrg.get(organizationId);
    if (!entry) continue;
    entry.plans.push(row);
    entry.finalEvent.invited += finalInvited;
    entry.finalEvent.attended += finalAttended;
  }
  for (const { organizationId, ...row } of execution) byOrg.get(organizationId)?.execution.push(row);
  for (const { organizationId, ...row } of surveys) {
    const entry = byOrg.get(organizationId);
    if (entry) entry.surveys = { ...EMPTY_SURVEYS, ...row };
  }
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

/** One month of the execution series (YYYY-MM) — see `gatherExecutionSeries`. */
export interface ExecutionMonthRow {
  month: string;
  planned: number;
  doneOnTime: number;
  doneLate: number;
  overdue: number;
}

/**
 * Execution over time, one statement: for every month of the academic year (generate_series over
 * date_trunc('month')), the items of the agreed roadmaps in force (school level; one school or all)
 * with their due date in force (the dashboard's rule, DUE_IN_FORCE_SQL):
 * - planned: due in the month;
 * - doneOnTime: done in the month (by the date of the mark; undated marks in the month they were due)
 *   on or before the due date, or without one;
 * - doneLate: done in the month after the due date;
 * - overdue: due in the month, not done, and the due date has passed (`today`).
 * Items with neither a due date nor a dated mark belong to no month.
 */
export async function gatherExecutionSeries(
  sql: SqlRunner,
  district: DistrictRef,
  academicYear: string,
  today: IsoDate,
  organizationIds: readonly string[] | null = null,
): Promise<ExecutionMonthRow[]> {
  const s = schemaOf(district);
  const { start, end } = academicYearBounds(academicYear);
  const params: unknown[] = [today, end, start];
  const itemsSql = `select d.due::date as due, coalesce(e.done, false) as done, e.done_on
      from ${s}."roadmap" r
      join ${s}."roadmap_revision" v on v.id = r.in_force_revision_id and v.state = 'agreed'
      join ${s}."roadmap_item" i on i.revision_id = v.id
      left join ${s}."item_execution" e on e.roadmap_id = r.id and e.item_key = i.key
      cross join lateral (select ${DUE_IN_FORCE_SQL} as due) d
      where r.level = 'school' and r.organization_id is not null
        and v.period_start <= ?::date and v.period_end >= ?::date${orgFilter('r.organization_id', organizationIds, params)}`;
  params.push(start, end, today);
  return run<ExecutionMonthRow[]>(
    sql,
    `with items as (${itemsSql}),
     months as (select m::date as month from generate_series(date_trunc('month', ?::date), date_trunc('month', ?::date), interval '1 month') m)
     select to_char(m.month, 'YYYY-MM') as month,
       count(i.done) filter (where date_trunc('month', i.due) = m.month)::int as planned,
       count(i.done) filter (where i.done and date_trunc('month', coalesce(i.done_on, i.due)) = m.month
         and (i.due is null or i.done_on is null or i.done_on <= i.due))::int as "doneOnTime",
       count(i.done) filter (where i.done and i.done_on > i.due and date_trunc('month', i.done_on) = m.month)::int as "doneLate",
       count(i.done) filter (where not i.done and i.due < ?::date and date_trunc('month', i.due) = m.month)::int as overdue
     from months m
     left join items i on date_trunc('month', i.due) = m.month or date_trunc('month', coalesce(i.done_on, i.due)) = m.month
     group by m.month order by m.month`,
    params,
  );
}
