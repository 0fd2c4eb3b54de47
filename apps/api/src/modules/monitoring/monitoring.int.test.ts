import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { District } from '../directory/district.entity.js';
import type { Region } from '../directory/region.entity.js';
import { createDistrict, createHeadcount, createRegion, groups, uniqueCode } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { download } from '../../test/imports.js';
import { agreedRoadmap, CREATE_ROADMAP, decide, fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';
import { KPI_REFRESH_JOB } from './jobs.js';
import { seedMonitoringDistrict } from '../../seed/monitoring-scale.js';

const YEAR = '2025/2026';
const TODAY = '2025-10-15';

const KPI = 'value display numerator denominator formulaRu inputs { label value } target { value met textRu } light lightRu';
const FIGURES = `figures {
  pupilCoverage { ${KPI} } teacherCoverage { ${KPI} } federalTarget70 { ${KPI} } consentsCollected { ${KPI} }
  plansDone { ${KPI} } plansAtTarget { ${KPI} } roadmapExecution { ${KPI} } partnerMentorShare { ${KPI} }
  finalEventAttendance { ${KPI} } satisfaction { ${KPI} } impact { ${KPI} }
}`;
const COUNTS = `counts {
  schools schoolsWithHeadcount pupils teachers pupilParticipants teacherParticipants mentors mentees partnerMentors participants withConsent
  execution { total onTime late overdue notYetDue doneUndated }
  byRoleCategory { role roleRu category categoryRu count }
}`;
const DISTRICT_DASHBOARD = /* GraphQL */ `
  query($year: String!, $page: PageInput, $sort: DashboardSort) {
    districtDashboard(academicYear: $year, page: $page, sort: $sort) {
      districtId districtName academicYear asOf
      schools { total limit offset items { organizationId code shortName hasHeadcount ${COUNTS} ${FIGURES} } }
      ${COUNTS}
      ${FIGURES}
    }
  }
`;
const SCHOOL_DASHBOARD = /* GraphQL */ `
  query($id: ID!, $year: String!) { schoolDashboard(organizationId: $id, academicYear: $year) { organizationId shortName hasHeadcount ${COUNTS} ${FIGURES} } }
`;
const REGION_DASHBOARD = /* GraphQL */ `
  query($id: ID!, $year: String!) {
    regionDashboard(regionId: $id, academicYear: $year) {
      regionId regionName asOf districtsWithoutSnapshot
      districts { districtId name asOf counts { participants withConsent pupils } }
      ${COUNTS}
      ${FIGURES}
    }
  }
`;
const REFRESH = /* GraphQL */ `
  mutation ($year: String!) {
    refreshDistrictSnapshot(academicYear: $year) {
      districtId
      academicYear
      asOf
      counts {
        participants
        withConsent
        pupils
        schools
      }
    }
  }
`;

let app: TestApp;
let region: Region;
let big: District;
let small: District;
let officerBig: string;
let officerSmall: string;

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await app.orm.em.getConnection().execute(query, params)) as T[];
}

beforeAll(async () => {
  // Workers on (the refresh runs as a job below); KPI_REFRESH_INTERVAL_SECONDS stays 0: no schedule mid-test.
  app = await startTestApp({ JOBS_ENABLED: 'true', JOBS_POLL_INTERVAL_SECONDS: '0.5' }, { today: TODAY });
  region = await createRegion(app.orm);
  big = await createDistrict(app.orm, region);
  small = await createDistrict(app.orm, region);
  const conn = app.orm.em.getConnection();
  await seedMonitoringDistrict(conn, {
    districtId: big.id,
    schemaName: big.schemaName,
    codePrefix: uniqueCode('s'),
    schools: 50,
    perSchool: 12,
    academicYear: YEAR,
  });
  await seedMonitoringDistrict(conn, {
    districtId: small.id,
    schemaName: small.schemaName,
    codePrefix: uniqueCode('s'),
    schools: 5,
    perSchool: 12,
    academicYear: YEAR,
  });
  officerBig = await app.tokenFor('district-officer', [groups.district(region, big)], 'sibay.officer');
  officerSmall = await app.tokenFor('district-officer', [groups.district(region, small)], 'sibay.head');
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

async function dashboard(token: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return (await ok<{ districtDashboard: any }>(app, DISTRICT_DASHBOARD, token, { year: YEAR, page: { limit: 100 }, ...variables }, headers)).districtDashboard;
}

describe('district dashboard over 50 schools', () => {
  it('gives the same figures as counting the rows directly', async () => {
    const d = await dashboard(officerBig);
    expect(d.schools.total).toBe(50);
    const s = `"${big.schemaName}"`;
    // Per school: participants by category, headcounts, consents — counted here with plain SQL.
    const direct = await sql<{
      id: string;
      n: number;
      pupils: number | null;
      teachers: number | null;
      pupil_p: number;
      teacher_p: number;
      all_p: number;
      consent: number;
      mentors: number;
      partner: number;
    }>(
      `select o.id, row_number() over (order by o.code)::int as n, h.pupils, h.teachers,
         (select count(*) from ${s}.participant p where p.organization_id = o.id and p.category = 'pupil')::int as pupil_p,
         (select count(*) from ${s}.participant p where p.organization_id = o.id and p.category = 'teacher')::int as teacher_p,
         (select count(*) from ${s}.participant p where p.organization_id = o.id)::int as all_p,
         (select count(distinct c.participant_id) from ${s}.participant p join ${s}.participant_consent c on c.participant_id = p.id
            where p.organization_id = o.id and c.withdrawn_on is null and (c.valid_until is null or c.valid_until >= '${TODAY}'))::int as consent,
         (select count(*) from ${s}.participant p where p.organization_id = o.id and p.role = 'mentor')::int as mentors,
         (select count(*) from ${s}.participant p where p.organization_id = o.id and p.role = 'mentor' and p.partner_id is not null)::int as partner
       from core.organization o left join ${s}.headcount h on h.organization_id = o.id and h.academic_year = '${YEAR}'
       where o.district_id = ? order by o.code`,
      [big.id],
    );
    const rows = new Map<string, any>(d.schools.items.map((item: any) => [item.organizationId, item]));
    let pupilsSum = 0;
    let pupilParticipantsSum = 0;
    let expectedExecution = { total: 0, onTime: 0, late: 0, overdue: 0, notYetDue: 0, doneUndated: 0 };
    for (const x of direct) {
      const row = rows.get(x.id);
      expect(row.counts).toMatchObject({ pupilParticipants: x.pupil_p, teacherParticipants: x.teacher_p, participants: x.all_p, withConsent: x.consent });
      expect(row.figures.consentsCollected.numerator).toBe(x.consent);
      expect(row.figures.consentsCollected.denominator).toBe(x.all_p);
      expect(row.figures.partnerMentorShare).toMatchObject({ numerator: x.partner, denominator: x.mentors });
      if (x.pupils === null || x.pupils === 0) {
        // No headcount, or zero pupils: «нет данных», never a division by zero.
        expect(row.figures.pupilCoverage).toMatchObject({ value: null, display: 'нет данных', light: 'grey', lightRu: 'Нет данных' });
      } else {
        expect(row.figures.pupilCoverage.value).toBeCloseTo((x.pupil_p * 100) / x.pupils, 10);
        pupilsSum += x.pupils;
        pupilParticipantsSum += x.pupil_p;
      }
      expect(row.hasHeadcount).toBe(x.pupils !== null);
      // Roadmap execution, from the seed's rules (today 15.10.2025): see seed.ts.
      if (x.n % 3 !== 0) {
        const e = {
          total: 6,
          onTime: (x.n % 2 === 0 ? 1 : 0) + (x.n % 4 === 1 ? 1 : 0) + 1,
          late: x.n % 2 === 1 ? 1 : 0,
          overdue: (x.n % 4 === 1 ? 0 : 1) + 1,
          notYetDue: 2,
          doneUndated: x.n % 4 === 1 ? 1 : 0,
        };
        expect(row.counts.execution).toEqual(e);
        expectedExecution = Object.fromEntries(Object.entries(expectedExecution).map(([k, v]) => [k, v + e[k as keyof typeof e]])) as typeof e;
      } else {
        expect(row.counts.execution.total).toBe(0);
        expect(row.figures.roadmapExecution.display).toBe('нет данных');
      }
    }
    // District totals: weighted coverage (Σ participants ÷ Σ pupils over schools with a headcount).
    expect(d.figures.pupilCoverage.value).toBeCloseTo((pupilParticipantsSum * 100) / pupilsSum, 10);
    expect(d.figures.pupilCoverage.numerator).toBe(pupilParticipantsSum);
    expect(d.figures.pupilCoverage.denominator).toBe(pupilsSum);
    const [totals] = await sql<{ p: number; c: number; items: number }>(
      `select (select count(*) from ${s}.participant)::int as p,
         (select count(distinct c.participant_id) from ${s}.participant_consent c where c.withdrawn_on is null
            and (c.valid_until is null or c.valid_until >= '${TODAY}'))::int as c,
         (select count(*) from ${s}.roadmap r join ${s}.roadmap_item i on i.revision_id = r.in_force_revision_id)::int as items`,
    );
    expect(d.counts.participants).toBe(totals!.p);
    expect(d.counts.withConsent).toBe(totals!.c);
    expect(d.counts.execution).toEqual(expectedExecution);
    expect(d.counts.execution.total).toBe(totals!.items);
    // Plans: the average of floor(done × 100 ÷ tasks) over the plans with tasks.
    const [plans] = await sql<{ avg: number; n: number }>(
      `select avg(floor((select count(*) from jsonb_array_elements(tasks) t where (t->>'done')::boolean) * 100.0 / jsonb_array_length(tasks)))::float as avg,
         count(*)::int as n from ${s}.mentoring_pair where jsonb_array_length(tasks) > 0`,
    );
    expect(d.figures.plansDone.value).toBeCloseTo(plans!.avg, 10);
    expect(d.figures.plansDone.inputs[0]).toEqual({ label: 'Планов с задачами', value: plans!.n });
    expect(d.figures.consentsCollected.target).toMatchObject({ value: 100, met: false, textRu: 'не менее 100 %' });
    expect(d.figures.pupilCoverage.formulaRu).toBe('Σ участники ÷ Σ численность группы × 100 %');
  });

  it('final events, satisfaction and impact equal the rows counted directly', async () => {
    const q = `query($year: String!) { districtDashboard(academicYear: $year) {
      figures { finalEventAttendance { numerator denominator } satisfaction { numerator denominator } impact { numerator denominator inputs { label value } } improvedShare { numerator } }
    } }`;
    const f = (await ok<{ districtDashboard: any }>(app, q, officerBig, { year: YEAR })).districtDashboard.figures;
    const s = `"${big.schemaName}"`;
    const [direct] = await sql<{
      attended: number;
      invited: number;
      answers: number;
      score: number;
      pairs: number;
      change: number;
      unpaired: number;
      improved: number;
    }>(
      `select
         (select coalesce(sum(1 + jsonb_array_length(mp.mentee_ids)), 0) from ${s}.mentoring_pair mp
            where exists (select 1 from ${s}.pair_meeting m where m.pair_id = mp.id and m.type = 'final'))::int as attended,
         (select coalesce(sum(1 + jsonb_array_length(mp.mentee_ids)), 0) from ${s}.mentoring_pair mp where mp.status = 'completed' or mp.end_date < '${TODAY}'
            or exists (select 1 from ${s}.pair_meeting m where m.pair_id = mp.id and m.type = 'final'))::int as invited,
         (select count(*) from ${s}.questionnaire_answer a join ${s}.questionnaire_response r on r.id = a.response_id where r.kind = 'satisfaction')::int as answers,
         (select coalesce(sum(a.value_number), 0) from ${s}.questionnaire_answer a join ${s}.questionnaire_response r on r.id = a.response_id where r.kind = 'satisfaction')::float as score,
         (select count(distinct respondent_key) from ${s}.questionnaire_response where kind = 'impact' and phase = 'after')::int as pairs,
         (select coalesce(sum(case when r.phase = 'after' then a.value_number else -a.value_number end), 0)
            from ${s}.questionnaire_answer a join ${s}.questionnaire_response r on r.id = a.response_id where r.kind = 'impact'
              and r.respondent_key in (select respondent_key from ${s}.questionnaire_response where kind = 'impact' and phase = 'after'))::float as change,
         (select count(distinct respondent_key) from ${s}.questionnaire_response where kind = 'impact')::int
           - 2 * (select count(distinct respondent_key) from ${s}.questionnaire_response where kind = 'impact' and phase = 'after')::int
           + (select count(distinct respondent_key) from ${s}.questionnaire_response where kind = 'impact' and phase = 'after')::int as unpaired,
         (select count(*) from ${s}.questionnaire_answer a join ${s}.questionnaire_response r on r.id = a.response_id
            where r.kind = 'impact' and r.phase = 'after' and a.value_number > 2)::int as improved`,
    );
    expect(direct!.attended).toBeGreaterThan(0);
    expect(direct!.invited).toBeGreaterThan(direct!.attended);
    expect(f.finalEventAttendance).toEqual({ numerator: direct!.attended, denominator: direct!.invited });
    expect(direct!.answers).toBeGreaterThan(0);
    expect(f.satisfaction).toEqual({ numerator: direct!.score, denominator: direct!.answers });
    expect(direct!.pairs).toBeGreaterThan(0);
    expect(f.impact.denominator).toBe(direct!.pairs);
    expect(f.impact.numerator).toBeCloseTo(direct!.change, 8);
    expect(f.improvedShare.numerator).toBe(direct!.improved);
    expect(direct!.unpaired).toBeGreaterThan(0);
    expect(f.impact.inputs[2]).toEqual({ label: 'Участников только с одной анкетой (не учитываются)', value: direct!.unpaired });
  });

  it('sorts and pages the schools; «нет данных» last', async () => {
    const d = await dashboard(officerBig, { sort: { field: 'PUPIL_COVERAGE', descending: true }, page: { limit: 100 } });
    const values = d.schools.items.map((s: any) => s.figures.pupilCoverage.value);
    const known = values.filter((v: number | null) => v !== null);
    expect(known).toEqual([...known].sort((a: number, b: number) => b - a));
    expect(values.slice(known.length).every((v: number | null) => v === null)).toBe(true);
    const page = await dashboard(officerBig, { page: { limit: 10, offset: 10 } });
    expect(page.schools).toMatchObject({ total: 50, limit: 10, offset: 10 });
    expect(page.schools.items).toHaveLength(10);
  });

  it('costs the same number of SQL statements for 5 and for 50 schools', async () => {
    // Both actors once first: the directory cache (issue 14) makes a cold first request dearer.
    await dashboard(officerSmall);
    await dashboard(officerBig);
    const five = await app.countQueries(() => dashboard(officerSmall));
    const fifty = await app.countQueries(() => dashboard(officerBig));
    expect(five.result.schools.total).toBe(5);
    expect(fifty.result.schools.total).toBe(50);
    expect(fifty.queries.length).toBe(five.queries.length);
    expect(fifty.queries.length).toBeLessThanOrEqual(15);
  });

  it('a school dashboard: its own figures; a school of another district is NOT_FOUND', async () => {
    const d = await dashboard(officerBig, { page: { limit: 1 } });
    const first = d.schools.items[0];
    const school = (await ok<{ schoolDashboard: any }>(app, SCHOOL_DASHBOARD, officerBig, { id: first.organizationId, year: YEAR })).schoolDashboard;
    expect(school.counts).toEqual(first.counts);
    expect(school.figures.pupilCoverage).toEqual(first.figures.pupilCoverage);
    const error = await fails(app, SCHOOL_DASHBOARD, officerSmall, { id: first.organizationId, year: YEAR });
    expect(error.extensions?.code).toBe('NOT_FOUND');
    const bad = await fails(app, SCHOOL_DASHBOARD, officerBig, { id: first.organizationId, year: '2025-2027' });
    expect(bad.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('a school with a zero headcount and no participants', () => {
  it('shows «нет данных» for every share, no division errors', async () => {
    const w = await roadmapWorld(app);
    await createHeadcount(app.orm, w.district, w.school1, { academicYear: YEAR, pupils: 0, teachers: 0 });
    const school = (await ok<{ schoolDashboard: any }>(app, SCHOOL_DASHBOARD, w.tokens.curator1, { id: w.school1.id, year: YEAR })).schoolDashboard;
    expect(school.hasHeadcount).toBe(true);
    for (const code of ['pupilCoverage', 'teacherCoverage', 'federalTarget70', 'consentsCollected', 'plansDone', 'roadmapExecution', 'partnerMentorShare']) {
      expect(school.figures[code].value, code).toBeNull();
      expect(school.figures[code].display, code).toBe('нет данных');
    }
    // A curator sees only their school.
    const other = await fails(app, SCHOOL_DASHBOARD, w.tokens.curator1, { id: w.school2.id, year: YEAR });
    expect(other.extensions?.code).toBe('NOT_FOUND');
    const forbidden = await fails(app, DISTRICT_DASHBOARD, w.tokens.curator1, { year: YEAR });
    expect(forbidden.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('region dashboard (from the snapshot only)', () => {
  it('a coordinator sees their region only, with the as-of time; figures match after a refresh', async () => {
    const coordinator = await app.tokenFor('region-coordinator', [groups.region(region)], 'rnc.bashkortostan');
    const otherRegion = await createRegion(app.orm);
    const stranger = await app.tokenFor('region-coordinator', [groups.region(otherRegion)], 'rnc.bashkortostan');
    // The district dashboards viewed above refreshed their districts' roll-ups too; start from none.
    await app.orm.em.getConnection().execute(`delete from "core"."district_kpi_snapshot" where region_id = ?`, [region.id]);

    const before = (await ok<{ regionDashboard: any }>(app, REGION_DASHBOARD, coordinator, { id: region.id, year: YEAR })).regionDashboard;
    expect(before.districtsWithoutSnapshot).toBe(2);
    expect(before.asOf).toBeNull();
    expect(before.counts.participants).toBe(0);

    const refreshedBig = (await ok<{ refreshDistrictSnapshot: any }>(app, REFRESH, officerBig, { year: YEAR })).refreshDistrictSnapshot;
    const refreshedSmall = (await ok<{ refreshDistrictSnapshot: any }>(app, REFRESH, officerSmall, { year: YEAR })).refreshDistrictSnapshot;
    expect(refreshedBig.counts.schools).toBe(50);

    const { result, queries } = await app.countQueries(() => ok<{ regionDashboard: any }>(app, REGION_DASHBOARD, coordinator, { id: region.id, year: YEAR }));
    const r = result.regionDashboard;
    // Nothing but the shared schema at request time.
    expect(queries.filter((q) => /"district_[a-z0-9_]+"\./.test(q))).toEqual([]);
    expect(r.districtsWithoutSnapshot).toBe(0);
    expect(new Date(r.asOf).getTime()).toBe(Math.min(new Date(refreshedBig.asOf).getTime(), new Date(refreshedSmall.asOf).getTime()));
    const bigRow = r.districts.find((d: any) => d.districtId === big.id);
    expect(bigRow.asOf).toBe(refreshedBig.asOf);

    const bigLive = await dashboard(officerBig);
    const smallLive = await dashboard(officerSmall);
    expect(bigRow.counts).toEqual({ participants: bigLive.counts.participants, withConsent: bigLive.counts.withConsent, pupils: bigLive.counts.pupils });
    expect(r.counts.participants).toBe(bigLive.counts.participants + smallLive.counts.participants);
    expect(r.counts.execution.overdue).toBe(bigLive.counts.execution.overdue + smallLive.counts.execution.overdue);
    const pupils = bigLive.figures.pupilCoverage.denominator + smallLive.figures.pupilCoverage.denominator;
    const covered = bigLive.figures.pupilCoverage.numerator + smallLive.figures.pupilCoverage.numerator;
    expect(r.figures.pupilCoverage.value).toBeCloseTo((covered * 100) / pupils, 10);
    expect(r.figures.roadmapExecution.numerator).toBe(bigLive.counts.execution.onTime + smallLive.counts.execution.onTime);
    expect(r.figures.plansDone.numerator).toBe(bigLive.figures.plansDone.numerator + smallLive.figures.plansDone.numerator);
    // Final events and questionnaires reach the region through the snapshot too.
    for (const code of ['finalEventAttendance', 'satisfaction', 'impact']) {
      expect(r.figures[code].denominator, code).toBe(bigLive.figures[code].denominator + smallLive.figures[code].denominator);
      expect(r.figures[code].numerator, code).toBeCloseTo(bigLive.figures[code].numerator + smallLive.figures[code].numerator, 8);
    }
    expect(r.figures.finalEventAttendance.denominator).toBeGreaterThan(0);

    // Another region's coordinator: FORBIDDEN; a district officer cannot read a region.
    expect((await fails(app, REGION_DASHBOARD, stranger, { id: region.id, year: YEAR })).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(app, REGION_DASHBOARD, officerBig, { id: region.id, year: YEAR })).extensions?.code).toBe('FORBIDDEN');
    // A coordinator cannot refresh a district snapshot.
    expect((await fails(app, REFRESH, coordinator, { year: YEAR }, { 'x-district-id': big.id })).extensions?.code).toBe('FORBIDDEN');
  });

  it('the region statistical form sums the snapshots', async () => {
    const coordinator = await app.tokenFor('region-coordinator', [groups.region(region)], 'rnc.bashkortostan');
    const file = await download(app, `/exports/stat-form.xlsx?academicYear=${encodeURIComponent(YEAR)}&regionId=${region.id}`, coordinator);
    expect(file.status).toBe(200);
    const sheet = strFromU8(unzipSync(new Uint8Array(file.bytes))['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain(region.name);
    expect(sheet).toContain('Всего');
    const stranger = await app.tokenFor('region-coordinator', [groups.region(await createRegion(app.orm))], 'rnc.bashkortostan');
    expect((await download(app, `/exports/stat-form.xlsx?academicYear=${encodeURIComponent(YEAR)}&regionId=${region.id}`, stranger)).status).toBe(403);
  });
});

describe('scheduled refresh', () => {
  it('runs as a job of the queue: every migrated district refreshed, the run recorded with its summary', async () => {
    await sql(`delete from core.district_kpi_snapshot where district_id = ?`, [small.id]);
    const before = Date.now();
    const run = await app.api.jobs.runNow(KPI_REFRESH_JOB);
    expect(run).toMatchObject({ state: 'completed', trigger: 'manual', retryCount: 0, error: null });
    expect(run.summary).toMatchObject({ academicYear: YEAR, refreshed: expect.any(Number) });
    expect(run.summary!.refreshedCodes).toContain(small.code);
    const [row] = await sql<{ as_of: Date; schools: number }>(
      `select as_of, schools from core.district_kpi_snapshot where district_id = ? and academic_year = ?`,
      [small.id, YEAR],
    );
    expect(row!.schools).toBe(5);
    expect(new Date(row!.as_of).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // Off (interval 0): no schedule stored for it, so no replica runs it on its own.
    const [job] = (await app.api.jobs.overview()).filter((j) => j.name === KPI_REFRESH_JOB);
    expect(job).toMatchObject({ schedule: null, nextRunAt: null });
    expect(job!.runs[0]).toMatchObject({ id: run.id, state: 'completed' });
  });

  it('visits only the districts that changed since their snapshot: marks are written by the changing transaction', async () => {
    const marked = async (schema: string) => (await sql(`select 1 from core.kpi_dirty where schema_name = ?`, [schema])).length > 0;
    const pupilsInSnapshot = () =>
      sql<{ pupils: number }>(`select pupils from core.district_kpi_snapshot where district_id = ? and academic_year = ?`, [small.id, YEAR]);
    await app.api.jobs.runNow(KPI_REFRESH_JOB);
    expect(await marked(small.schemaName)).toBe(false);
    expect(await marked(big.schemaName)).toBe(false);
    const [before] = await pupilsInSnapshot();
    // Nothing changed: neither district is visited again.
    const idle = await app.api.jobs.runNow(KPI_REFRESH_JOB);
    expect(idle.summary!.refreshedCodes).not.toContain(small.code);
    expect(idle.summary!.refreshedCodes).not.toContain(big.code);
    expect(idle.summary!.unchanged).toBeGreaterThanOrEqual(2);
    // A change that is rolled back leaves no mark; a committed one marks its own district only.
    await app.orm.em
      .getConnection()
      .transactional(async (tx) => {
        await app.orm.em.getConnection().execute(`update "${small.schemaName}"."headcount" set pupils = pupils + 1`, [], 'run', tx);
        expect(await app.orm.em.getConnection().execute(`select 1 from core.kpi_dirty where schema_name = ?`, [small.schemaName], 'all', tx)).toHaveLength(1);
        throw new Error('rollback');
      })
      .catch((error: Error) => expect(error.message).toBe('rollback'));
    expect(await marked(small.schemaName)).toBe(false);
    await sql(`update "${small.schemaName}"."headcount" set pupils = pupils + 1`);
    expect(await marked(small.schemaName)).toBe(true);
    expect(await marked(big.schemaName)).toBe(false);
    const next = await app.api.jobs.runNow(KPI_REFRESH_JOB);
    expect(next.summary!.refreshedCodes).toContain(small.code);
    expect(next.summary!.refreshedCodes).not.toContain(big.code);
    expect(await marked(small.schemaName)).toBe(false);
    // The snapshot has the change (one more pupil in each school's headcount).
    const [after] = await pupilsInSnapshot();
    expect(after!.pupils).toBeGreaterThan(before!.pupils);
  });
});

describe('reports', () => {
  it('the statistical form (XLSX) of the district, in Russian, with the counts', async () => {
    const file = await download(app, `/exports/stat-form.xlsx?academicYear=${encodeURIComponent(YEAR)}`, officerSmall);
    expect(file.status).toBe(200);
    const sheet = strFromU8(unzipSync(new Uint8Array(file.bytes))['xl/worksheets/sheet1.xml']!);
    for (const text of ['Сведения о численности участников программ наставничества', 'Наставник', 'Наставляемый', 'Обучающийся', 'Педагог', 'Всего']) {
      expect(sheet).toContain(text);
    }
    const [total] = await sql<{ n: number }>(`select count(*)::int as n from "${small.schemaName}".participant`);
    // Each participant is in at most one form here, so the grand total is the number of participants.
    expect(sheet).toMatch(new RegExp(`Всего</t></is></c>(?:<c [^>]*/>)*<c [^>]*><v>${total!.n}</v>`));
    const bad = await download(app, `/exports/stat-form.xlsx?academicYear=2025`, officerSmall);
    expect(bad.status).toBe(400);
  });

  it('the district note (DOCX) with the figures and conclusions in Russian', async () => {
    const file = await download(app, `/exports/district-note.docx?academicYear=${encodeURIComponent(YEAR)}`, officerBig);
    expect(file.status).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(file.bytes))['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, '');
    const live = await dashboard(officerBig);
    expect(text).toContain('ИНФОРМАЦИОННО-АНАЛИТИЧЕСКАЯ СПРАВКА');
    expect(text).toContain(
      `Охват обучающихся наставничеством составил ${live.figures.pupilCoverage.display} (цель 10 % ${live.figures.pupilCoverage.target.met ? 'достигнута' : 'не достигнута'})`,
    );
    expect(text).toContain('Итого по муниципалитету');
    expect(text).toContain('Школа № 1');
    expect(text).toContain(`просрочено — ${live.counts.execution.overdue}`);
    const curator = await app.tokenFor('school-curator', [], 'gimnaziya.curator');
    expect((await download(app, `/exports/district-note.docx?academicYear=${encodeURIComponent(YEAR)}`, curator)).status).toBe(403);
  });
});

describe('public page of a school', () => {
  let w: RoadmapWorld;
  it('shows only the agreed roadmap in force and the programmes — no drafts, no returned revisions, no participants', async () => {
    w = await roadmapWorld(app);
    const agreed = await agreedRoadmap(app, w, { periodStart: '2025-09-01', periodEnd: '2026-08-31' });
    // A draft and a returned revision of other roadmaps of the same school.
    const draft = (
      await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, { input: { programmeName: 'Черновая', organizationId: w.school1.id } })
    ).createRoadmap;
    const second = (
      await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, { input: { programmeName: 'Возвращённая', organizationId: w.school1.id } })
    ).createRoadmap;
    const sent = await decide(app, w.tokens.curator1, second.latestRevision, 'SUBMIT_TO_DIRECTOR');
    const returned = await decide(app, w.tokens.director1, sent, 'RETURN_TO_CURATOR', { comment: 'Доработать' });
    expect(returned.state).toBe('RETURNED_BY_DIRECTOR');
    // A programme with a participant (a minor) and a consent.
    const s = `"${w.district.schemaName}"`;
    await sql(
      `insert into ${s}.programme (id, organization_id, name, forms, kinds, target_groups, period_start, period_end, created_by_user_id)
       values ('00000000-0000-7000-8000-000000000001', ?, 'Программа «Шаг навстречу»', '["teacher-pupil"]', '[]', '[]', '2025-09-01', '2026-08-31', 'test')`,
      [w.school1.id],
    );
    await sql(
      `insert into ${s}.participant (id, organization_id, programme_id, role, category, last_name, first_name, birth_date, special_groups, tags, free_text)
       values ('00000000-0000-7000-8000-000000000002', ?, '00000000-0000-7000-8000-000000000001', 'mentee', 'pupil', 'Секретова', 'Алиса', '2012-03-04', '[]', '[]', 'Просьба о помощи')`,
      [w.school1.id],
    );

    const url = `${app.api.url}/public/schools/${w.district.code}/${w.school1.code}`;
    const json = await fetch(url);
    expect(json.status).toBe(200);
    expect(json.headers.get('access-control-allow-origin')).toBe('*');
    const body = await json.text();
    const page = JSON.parse(body);
    expect(page.organization).toMatchObject({ code: w.school1.code, shortName: w.school1.shortName });
    expect(page.programmes).toEqual([{ name: 'Программа «Шаг навстречу»', forms: [expect.any(String)], periodStart: '2025-09-01', periodEnd: '2026-08-31' }]);
    expect(page.roadmaps.map((r: any) => r.revisionId)).toEqual([agreed.revision.id]);
    expect(page.roadmaps[0].sections.length).toBeGreaterThan(0);
    expect(page.roadmaps[0].sections[0].items.length).toBeGreaterThan(0);
    expect(page.bestPractices).toEqual([]);
    for (const secret of ['Секретова', 'Алиса', '2012-03-04', 'Просьба', draft.latestRevision.id, returned.id, 'Черновая', 'Возвращённая', 'Доработать']) {
      expect(body).not.toContain(secret);
    }

    const html = await fetch(`${url}.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    // Embeddable on the school's own site: any site may frame it, and it runs no script.
    expect(html.headers.get('x-frame-options')).toBeNull();
    expect(html.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const htmlText = await html.text();
    expect(htmlText).not.toContain('<script');
    expect(htmlText).toContain('<html lang="ru">');
    expect(htmlText).toContain('Дорожная карта (согласованная, действующая)');
    expect(htmlText).toContain('Программа «Шаг навстречу»');
    for (const secret of ['Секретова', 'Алиса', draft.latestRevision.id, 'Черновая', 'Возвращённая']) expect(htmlText).not.toContain(secret);

    // Files: the agreed revision in force only; a draft or returned revision is 404, as is an unknown school.
    const docx = await fetch(`${app.api.url}${page.roadmaps[0].docxUrl}`);
    expect(docx.status).toBe(200);
    const docText = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml']!);
    expect(docText).toContain('УТВЕРЖДАЮ');
    expect(docText).not.toContain('ПРОЕКТ');
    const pdf = await fetch(`${app.api.url}${page.roadmaps[0].pdfUrl}`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    for (const id of [draft.latestRevision.id, returned.id]) {
      expect((await fetch(`${url}/roadmaps/${id}.docx`)).status).toBe(404);
    }
    expect((await fetch(`${app.api.url}/public/schools/${w.district.code}/no-such-school`)).status).toBe(404);
    expect((await fetch(`${app.api.url}/public/schools/${w.district.code}/${w.school2.code}`)).status).toBe(200);
  });
});
