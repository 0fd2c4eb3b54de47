import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeadcount } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { agreedRoadmap, fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

const YEAR = '2025/2026';
const TODAY = '2025-10-15';

const DRILL = /* GraphQL */ `
  query ($org: ID!, $year: String!, $kind: DrillDownKind!, $page: PageInput, $role: String, $category: String) {
    kpiDrillDown(organizationId: $org, academicYear: $year, kind: $kind, page: $page, role: $role, category: $category) {
      kind
      kindRu
      organizationId
      personal
      anonymised
      noteRu
      total
      limit
      offset
      items {
        id
        label
        number
        roleRu
        categoryRu
        dueRu
        doneOnRu
        status
        statusRu
        detail
        roadmapId
      }
    }
  }
`;
const SCHOOL = /* GraphQL */ `
  query ($id: ID!, $year: String!) {
    schoolDashboard(organizationId: $id, academicYear: $year) {
      counts {
        participants
        withConsent
        execution {
          total
          onTime
          late
          overdue
          notYetDue
        }
      }
      figures {
        plansAtTarget {
          numerator
          denominator
        }
      }
    }
  }
`;

let app: TestApp;
let w: RoadmapWorld;
let other: RoadmapWorld;

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await app.orm.em.getConnection().execute(query, params)) as T[];
}

async function drill(token: string, kind: string, extra: Record<string, unknown> = {}) {
  return (await ok<{ kpiDrillDown: any }>(app, DRILL, token, { org: w.school1.id, year: YEAR, kind, page: { limit: 100 }, ...extra })).kpiDrillDown;
}

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
  other = await roadmapWorld(app);
  await createHeadcount(app.orm, w.district, w.school1, { academicYear: YEAR });
  await agreedRoadmap(app, w, { periodStart: '2025-09-01', periodEnd: '2026-08-31' });
  const s = `"${w.district.schemaName}"`;
  const programme = randomUUID();
  await sql(
    `insert into ${s}.programme (id, organization_id, name, forms, kinds, target_groups, period_start, period_end, created_by_user_id)
     values (?, ?, 'Вместе', '["teacher-pupil"]', '[]', '[]', '2025-09-01', '2026-08-31', 'test')`,
    [programme, w.school1.id],
  );
  // 10 people: 2 mentors (teachers, one from a partner), 8 mentees (pupils); consents for 1–7 only.
  await sql(
    `insert into ${s}.participant (id, organization_id, programme_id, role, category, partner_id, last_name, first_name, special_groups, tags, free_text)
     select md5('dd' || g)::uuid, ?, ?, case when g <= 2 then 'mentor' else 'mentee' end, case when g <= 2 then 'teacher' else 'pupil' end,
       case when g = 2 then gen_random_uuid() end, 'Секретов' || g, 'Пётр', '[]', '[]', '' from generate_series(1, 10) g`,
    [w.school1.id, programme],
  );
  await sql(
    `insert into ${s}.participant_consent (id, participant_id, given_by, scopes, text_version, signed_on, recorded_by_name)
     select gen_random_uuid(), md5('dd' || g)::uuid, 'self', '[]', 'v1', '2025-09-01', 'test' from generate_series(1, 7) g`,
  );
  // Two pairs: plan 1 of 4 done (25 %), plan 4 of 4 done (100 %); the second finished without a final meeting.
  await sql(
    `insert into ${s}.mentoring_pair (id, programme_id, organization_id, form, kind, mentor_id, mentee_ids, start_date, end_date, status, explanation, tasks, extensions)
     select gen_random_uuid(), ?, ?, 'teacher-pupil', 'individual', md5('dd' || g)::uuid, jsonb_build_array(md5('dd' || (g + 2))::uuid::text),
       '2025-09-01', case when g = 1 then '2026-05-31'::date else '2025-10-01'::date end, 'active', '[]',
       (select jsonb_agg(jsonb_build_object('id', t::text, 'title', 'Задача', 'deadline', null, 'done', t <= case when g = 1 then 1 else 4 end, 'doneOn', null))
          from generate_series(1, 4) t), '[]'
     from generate_series(1, 2) g`,
    [programme, w.school1.id],
  );
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe('drill-down to the rows behind a number', () => {
  it('roadmap items: the same totals as the dashboard’s execution counts', async () => {
    const school = (await ok<{ schoolDashboard: any }>(app, SCHOOL, w.tokens.curator1, { id: w.school1.id, year: YEAR })).schoolDashboard;
    const e = school.counts.execution;
    expect(e.total).toBeGreaterThan(0);
    expect(e.overdue).toBeGreaterThan(0);
    const all = await drill(w.tokens.officer, 'ITEMS_ALL');
    expect(all).toMatchObject({ total: e.total, personal: false, anonymised: false, noteRu: null });
    expect(all.items[0]).toMatchObject({ id: expect.any(String), label: expect.any(String), roadmapId: expect.any(String) });
    for (const [kind, count] of [
      ['ITEMS_OVERDUE', e.overdue],
      ['ITEMS_ON_TIME', e.onTime],
      ['ITEMS_LATE', e.late],
      ['ITEMS_NOT_YET_DUE', e.notYetDue],
    ] as const) {
      const page = await drill(w.tokens.officer, kind);
      expect(page.total, kind).toBe(count);
      expect(page.items).toHaveLength(count);
    }
    const overdue = await drill(w.tokens.officer, 'ITEMS_OVERDUE');
    expect(overdue.items.every((i: any) => i.status === 'overdue' && i.statusRu === 'Просрочено' && /^\d\d\.\d\d\.\d{4}$/.test(i.dueRu))).toBe(true);
    // Paginated; a page past the end still tells the total.
    const two = await drill(w.tokens.officer, 'ITEMS_ALL', { page: { limit: 2, offset: 1 } });
    expect(two).toMatchObject({ total: e.total, limit: 2, offset: 1 });
    expect(two.items.map((i: any) => i.id)).toEqual(all.items.slice(1, 3).map((i: any) => i.id));
    expect((await drill(w.tokens.officer, 'ITEMS_ALL', { page: { limit: 5, offset: 500 } })).total).toBe(e.total);
    // The region's coordinator may see the items.
    expect((await drill(w.tokens.coordinator, 'ITEMS_OVERDUE')).total).toBe(e.overdue);
  });

  it('school staff see the names of the people behind a number, and every person shown is logged', async () => {
    const before = await sql<{ n: number }>(`select count(*)::int as n from "${w.district.schemaName}".participant_access_log where operation = 'drill-down'`);
    const page = await drill(w.tokens.curator1, 'PARTICIPANTS_WITHOUT_CONSENT');
    expect(page).toMatchObject({ personal: true, anonymised: false, total: 3 });
    expect(page.items.map((i: any) => i.label).sort()).toEqual(['Секретов10 Пётр', 'Секретов8 Пётр', 'Секретов9 Пётр']);
    expect(page.items[0]).toMatchObject({
      roleRu: expect.any(String),
      categoryRu: expect.any(String),
      status: 'noConsent',
      statusRu: 'Нет действующего согласия',
    });
    const log = await sql<{ participant_id: string; user_id: string }>(
      `select participant_id, user_id from "${w.district.schemaName}".participant_access_log where operation = 'drill-down'`,
    );
    expect(log.length - before[0]!.n).toBe(3);
    expect(new Set(log.map((l) => l.participant_id))).toEqual(new Set(page.items.map((i: any) => i.id)));

    const consents = (await ok<{ schoolDashboard: any }>(app, SCHOOL, w.tokens.curator1, { id: w.school1.id, year: YEAR })).schoolDashboard.counts;
    expect((await drill(w.tokens.curator1, 'PARTICIPANTS_WITH_CONSENT')).total).toBe(consents.withConsent);
    expect((await drill(w.tokens.curator1, 'PARTICIPANTS')).total).toBe(consents.participants);
    expect((await drill(w.tokens.curator1, 'PARTICIPANTS', { role: 'mentor', category: 'teacher' })).total).toBe(2);
    expect((await drill(w.tokens.curator1, 'PARTNER_MENTORS')).items.map((i: any) => i.label)).toEqual(['Секретов2 Пётр']);
    const plans = await drill(w.tokens.curator1, 'PLANS_BELOW_TARGET');
    expect(plans.items.map((i: any) => i.label)).toEqual(['Наставник: Секретов1 Пётр']);
    expect(plans.items[0].detail).toContain('план: 25 %');
    expect((await drill(w.tokens.curator1, 'FINAL_MEETING_MISSING')).items.map((i: any) => i.label)).toEqual(['Наставник: Секретов2 Пётр']);
    const bad = await fails(app, DRILL, w.tokens.curator1, { org: w.school1.id, year: YEAR, kind: 'PARTICIPANTS', category: 'martian' });
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'category' });
    const badRole = await fails(app, DRILL, w.tokens.curator1, { org: w.school1.id, year: YEAR, kind: 'PARTICIPANTS', role: 'constructor' });
    expect(badRole.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
  });

  it('the district sees anonymised rows (nothing personal, nothing logged); the region and other schools or districts see no persons', async () => {
    const before = await sql<{ n: number }>(`select count(*)::int as n from "${w.district.schemaName}".participant_access_log`);
    const response = await app.gql<{ kpiDrillDown: any }>(DRILL, {
      token: w.tokens.officer,
      variables: { org: w.school1.id, year: YEAR, kind: 'PARTICIPANTS', page: { limit: 100 } },
    });
    const page = response.body.data!.kpiDrillDown;
    expect(page).toMatchObject({ personal: false, anonymised: true, total: 10 });
    expect(page.noteRu).toContain('обезличены');
    expect(page.items.every((i: any) => i.id === null && /^Участник \d+$/.test(i.label))).toBe(true);
    expect(JSON.stringify(response.body)).not.toContain('Секретов');
    const pairs = await drill(w.tokens.head, 'PLANS');
    expect(pairs.items.map((i: any) => i.label)).toEqual(['Пара 1', 'Пара 2']);
    expect(JSON.stringify(pairs)).not.toContain('Секретов');
    const after = await sql<{ n: number }>(`select count(*)::int as n from "${w.district.schemaName}".participant_access_log`);
    expect(after[0]!.n).toBe(before[0]!.n);

    // The region's coordinator: counts and items only.
    for (const kind of ['PARTICIPANTS', 'PARTICIPANTS_WITHOUT_CONSENT', 'PLANS', 'PARTNER_MENTORS']) {
      const error = await fails(app, DRILL, w.tokens.coordinator, { org: w.school1.id, year: YEAR, kind });
      expect(error.extensions?.code, kind).toBe('FORBIDDEN');
    }
    // Another school's curator, another district's officer (even naming this district): not found / forbidden.
    expect((await fails(app, DRILL, w.tokens.curator2, { org: w.school1.id, year: YEAR, kind: 'PARTICIPANTS' })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, DRILL, other.tokens.officer, { org: w.school1.id, year: YEAR, kind: 'PARTICIPANTS' })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, DRILL, other.tokens.officer, { org: w.school1.id, year: YEAR, kind: 'ITEMS_ALL' })).extensions?.code).toBe('NOT_FOUND');
    const crossing = await app.gql(DRILL, {
      token: other.tokens.officer,
      variables: { org: w.school1.id, year: YEAR, kind: 'PARTICIPANTS' },
      headers: { 'X-District-Id': w.district.id },
    });
    expect(crossing.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(crossing.body)).not.toContain('Секретов');
  });
});
