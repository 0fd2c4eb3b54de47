import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeadcount } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { agreedRoadmap, fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

const YEAR = '2025/2026';
const TODAY = '2025-10-15';

const LINK =
  'kpi kpiLabelRu op opRu target describedRu source status statusRu current currentDisplay academicYear setByName figures { labelRu value display formulaRu inputs { label value } }';
const ITEMS = /* GraphQL */ `
  query($id: ID!) {
    roadmapRevision(id: $id) {
      id
      sections { items { id key activity indicator suggestedKpi kpiLink { ${LINK} } } }
    }
  }
`;
const SET = /* GraphQL */ `
  mutation($input: SetRoadmapItemKpiLinkInput!) { setRoadmapItemKpiLink(input: $input) { id kpiLink { ${LINK} } } }
`;
const CLEAR = /* GraphQL */ `
  mutation ($id: ID!) {
    clearRoadmapItemKpiLink(itemId: $id) {
      id
      suggestedKpi
      kpiLink {
        kpi
      }
    }
  }
`;
const RESET = /* GraphQL */ `
  mutation ($id: ID!) {
    resetRoadmapItemKpiLink(itemId: $id) {
      id
      kpiLink {
        kpi
        source
      }
    }
  }
`;
const SCHOOL_FINAL = /* GraphQL */ `
  query ($id: ID!, $year: String!) {
    schoolDashboard(organizationId: $id, academicYear: $year) {
      counts {
        finalInvited
        finalAttended
      }
      figures {
        finalEventAttendance {
          value
          display
          numerator
          denominator
          formulaRu
          inputs {
            label
            value
          }
          target {
            value
            met
          }
          light
        }
      }
    }
  }
`;

let app: TestApp;
let w: RoadmapWorld;
let revisionId: string;

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await app.orm.em.getConnection().execute(query, params)) as T[];
}

async function items(token = w.tokens.curator1): Promise<any[]> {
  const data = await ok<{ roadmapRevision: any }>(app, ITEMS, token, { id: revisionId });
  return data.roadmapRevision.sections.flatMap((s: any) => s.items);
}

const byIndicator = (list: any[], start: string) => list.find((i) => i.indicator.startsWith(start));

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
  await createHeadcount(app.orm, w.district, w.school1, { academicYear: YEAR, pupils: 500, teachers: 40 });
  const agreed = await agreedRoadmap(app, w, { periodStart: '2025-09-01', periodEnd: '2026-08-31' });
  revisionId = agreed.revision.id;
  // 60 pupils (12 % of 500) and 3 teachers (7,5 % of 40), all with a valid consent.
  const s = `"${w.district.schemaName}"`;
  const programme = randomUUID();
  await sql(
    `insert into ${s}.programme (id, organization_id, name, forms, kinds, target_groups, period_start, period_end, created_by_user_id)
     values (?, ?, 'Вместе', '["teacher-pupil"]', '[]', '[]', '2025-09-01', '2026-08-31', 'test')`,
    [programme, w.school1.id],
  );
  await sql(
    `insert into ${s}.participant (id, organization_id, programme_id, role, category, last_name, first_name, special_groups, tags, free_text)
     select gen_random_uuid(), ?, ?, case when g <= 3 then 'mentor' else 'mentee' end, case when g <= 3 then 'teacher' else 'pupil' end,
       'Фамилия' || g, 'Имя', '[]', '[]', '' from generate_series(1, 63) g`,
    [w.school1.id, programme],
  );
  await sql(
    `insert into ${s}.participant_consent (id, participant_id, given_by, scopes, text_version, signed_on, recorded_by_name)
     select gen_random_uuid(), p.id, 'self', '[]', 'v1', '2025-09-01', 'test' from ${s}.participant p where p.organization_id = ?`,
    [w.school1.id],
  );
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe('roadmap items linked to computed KPIs', () => {
  it('suggests links from the indicator texts and shows their live status, with formula and inputs', async () => {
    const list = await items();
    const coverage = byIndicator(list, 'Не менее 10%');
    expect(coverage.suggestedKpi).toBe('coverage');
    expect(coverage.kpiLink).toMatchObject({
      kpi: 'coverage',
      op: '>=',
      opRu: 'не менее',
      target: 10,
      source: 'suggested',
      status: 'notMet',
      statusRu: 'Не выполнено',
      current: 7.5,
      currentDisplay: '7,5 %',
      academicYear: YEAR,
      describedRu: 'Охват целевой группы: не менее 10 %',
    });
    // Both target groups, each with its formula and inputs (for the hover).
    expect(coverage.kpiLink.figures.map((f: any) => f.value)).toEqual([12, 7.5]);
    expect(coverage.kpiLink.figures[0].formulaRu).toBe('участники ÷ численность группы × 100 %');
    expect(coverage.kpiLink.figures[1].inputs).toEqual([
      { label: 'Участники (педагоги)', value: 3 },
      { label: 'Численность группы (педагоги)', value: 40 },
    ]);

    const consents = byIndicator(list, 'Согласия');
    expect(consents.kpiLink).toMatchObject({ kpi: 'consentsCollected', status: 'met', statusRu: 'Выполнено', current: 100 });
    // No pairs yet: plans and final events have «нет данных».
    expect(byIndicator(list, 'Индивидуальные планы').kpiLink).toMatchObject({
      kpi: 'plansDone',
      status: 'noData',
      current: null,
      currentDisplay: 'нет данных',
    });
    expect(byIndicator(list, 'Приняло участие').kpiLink).toMatchObject({ kpi: 'finalEventAttendance', status: 'noData' });
    // A count of publications is not a computed KPI: no link.
    expect(byIndicator(list, 'Не менее 5 публикаций')).toMatchObject({ suggestedKpi: null, kpiLink: null });
  });

  it('computes the statuses of all items in one batch (the participants aggregate runs once)', async () => {
    const { result, queries } = await app.countQueries(() => items());
    expect(result.filter((i) => i.kpiLink).length).toBeGreaterThanOrEqual(4);
    expect(queries.filter((q) => /from "district_[a-z0-9_]+"\."participant" p join/.test(q))).toHaveLength(1);
    expect(queries.filter((q) => /"roadmap_item_kpi_link"/.test(q))).toHaveLength(1);
  });

  it('the curator sets, clears and resets a link; bad input names the field; others may not', async () => {
    const list = await items();
    const publications = byIndicator(list, 'Не менее 5 публикаций');
    const set = (await ok<{ setRoadmapItemKpiLink: any }>(app, SET, w.tokens.curator1, { input: { itemId: publications.id, kpi: 'consentsCollected' } }))
      .setRoadmapItemKpiLink;
    expect(set.kpiLink).toMatchObject({ kpi: 'consentsCollected', target: 100, source: 'manual', status: 'met', setByName: expect.any(String) });

    const coverage = byIndicator(list, 'Не менее 10%');
    const lowered = (await ok<{ setRoadmapItemKpiLink: any }>(app, SET, w.tokens.curator1, { input: { itemId: coverage.id, kpi: 'coverage', target: 5 } }))
      .setRoadmapItemKpiLink;
    expect(lowered.kpiLink).toMatchObject({ target: 5, status: 'met', current: 7.5, source: 'manual' });
    const cleared = (await ok<{ clearRoadmapItemKpiLink: any }>(app, CLEAR, w.tokens.curator1, { id: coverage.id })).clearRoadmapItemKpiLink;
    expect(cleared).toMatchObject({ kpiLink: null, suggestedKpi: 'coverage' });
    expect(byIndicator(await items(), 'Не менее 10%').kpiLink).toBeNull();
    const reset = (await ok<{ resetRoadmapItemKpiLink: any }>(app, RESET, w.tokens.curator1, { id: coverage.id })).resetRoadmapItemKpiLink;
    expect(reset.kpiLink).toEqual({ kpi: 'coverage', source: 'suggested' });

    const badKpi = await fails(app, SET, w.tokens.curator1, { input: { itemId: coverage.id, kpi: 'publications' } });
    expect(badKpi.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kpi' });
    expect(badKpi.message).toMatch(/^Показатель/);
    const badTarget = await fails(app, SET, w.tokens.curator1, { input: { itemId: coverage.id, kpi: 'coverage', target: 150 } });
    expect(badTarget.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'target' });
    const noTarget = await fails(app, SET, w.tokens.curator1, { input: { itemId: coverage.id, kpi: 'partnerMentorShare' } });
    expect(noTarget.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'target' });

    // Another school's curator cannot even find the item; the district officer is not the author.
    expect((await fails(app, SET, w.tokens.curator2, { input: { itemId: coverage.id, kpi: 'coverage' } })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, CLEAR, w.tokens.curator2, { id: coverage.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, SET, w.tokens.officer, { input: { itemId: coverage.id, kpi: 'coverage' } })).extensions?.code).toBe('FORBIDDEN');
    // The district officer still reads the status.
    expect(byIndicator(await items(w.tokens.officer), 'Не менее 5 публикаций').kpiLink).toMatchObject({ kpi: 'consentsCollected', source: 'manual' });
  });
});

describe('attendance of final events', () => {
  it('participants of pairs that held the final meeting ÷ those of pairs due it; the linked item follows', async () => {
    const before = (await ok<{ schoolDashboard: any }>(app, SCHOOL_FINAL, w.tokens.curator1, { id: w.school1.id, year: YEAR })).schoolDashboard;
    expect(before.figures.finalEventAttendance).toMatchObject({ value: null, display: 'нет данных', light: 'grey' });

    const s = `"${w.district.schemaName}"`;
    const pair = (mentees: number, status: string, end: string) =>
      sql<{ id: string }>(
        `insert into ${s}.mentoring_pair (id, programme_id, organization_id, form, kind, mentor_id, mentee_ids, start_date, end_date, status, explanation, tasks, extensions)
         select gen_random_uuid(), (select id from ${s}.programme where organization_id = ? limit 1), ?, 'teacher-pupil', 'individual', gen_random_uuid(),
           (select jsonb_agg(gen_random_uuid()::text) from generate_series(1, ?)), '2025-09-01', ?::date, ?, '[]', '[]', '[]' returning id`,
        [w.school1.id, w.school1.id, mentees, end, status],
      ).then((rows) => rows[0]!.id);
    const held = await pair(1, 'completed', '2026-05-31'); // 2 members, final meeting held
    await pair(2, 'active', '2025-10-01'); // 3 members, period over, no final meeting
    await pair(4, 'active', '2026-05-31'); // 5 members, still working: not counted
    const heldEarly = await pair(1, 'active', '2026-05-31'); // 2 members, final meeting already held
    for (const id of [held, heldEarly]) {
      await sql(
        `insert into ${s}.pair_meeting (id, pair_id, type, date, notes, feedback, recorded_by_name) values (gen_random_uuid(), ?, 'final', '2025-10-10', '', 'Отзыв', 'test')`,
        [id],
      );
    }
    await sql(
      `insert into ${s}.pair_meeting (id, pair_id, type, date, notes, feedback, recorded_by_name) values (gen_random_uuid(), ?, 'regular', '2025-10-01', '', 'Отзыв', 'test')`,
      [held],
    );

    const after = (await ok<{ schoolDashboard: any }>(app, SCHOOL_FINAL, w.tokens.curator1, { id: w.school1.id, year: YEAR })).schoolDashboard;
    // Direct count: members of pairs with a final meeting ÷ members of pairs finished or with one.
    const [direct] = await sql<{ attended: number; invited: number }>(
      `select coalesce(sum(1 + jsonb_array_length(mentee_ids)) filter (where exists (select 1 from ${s}.pair_meeting m where m.pair_id = mp.id and m.type = 'final')), 0)::int as attended,
         coalesce(sum(1 + jsonb_array_length(mentee_ids)) filter (where mp.status = 'completed' or mp.end_date < ?::date
           or exists (select 1 from ${s}.pair_meeting m where m.pair_id = mp.id and m.type = 'final')), 0)::int as invited
       from ${s}.mentoring_pair mp where mp.organization_id = ?`,
      [TODAY, w.school1.id],
    );
    expect(direct).toEqual({ attended: 4, invited: 7 });
    expect(after.counts).toEqual({ finalInvited: 7, finalAttended: 4 });
    expect(after.figures.finalEventAttendance).toMatchObject({ numerator: 4, denominator: 7, target: { value: 90, met: false }, light: 'red' });
    expect(after.figures.finalEventAttendance.value).toBeCloseTo(400 / 7, 10);
    expect(after.figures.finalEventAttendance.formulaRu).toContain('итоговую встречу');

    const item = byIndicator(await items(), 'Приняло участие');
    expect(item.kpiLink).toMatchObject({ kpi: 'finalEventAttendance', status: 'notMet' });
    expect(item.kpiLink.current).toBeCloseTo(400 / 7, 10);
  });
});

describe('satisfaction and impact from the questionnaires', () => {
  const SURVEYS = /* GraphQL */ `
    query ($id: ID!, $year: String!) {
      schoolDashboard(organizationId: $id, academicYear: $year) {
        figures {
          satisfaction {
            value
            display
            numerator
            denominator
            formulaRu
            inputs {
              label
              value
            }
            inconsistent
          }
          satisfiedShare {
            value
            numerator
            denominator
          }
          impact {
            value
            display
            numerator
            denominator
            inputs {
              label
              value
            }
          }
          improvedShare {
            value
            numerator
            denominator
          }
        }
      }
    }
  `;

  it('sums the answers of the academic year in SQL; a linked item follows', async () => {
    const s = `"${w.district.schemaName}"`;
    const empty = (await ok<{ schoolDashboard: any }>(app, SURVEYS, w.tokens.curator1, { id: w.school1.id, year: YEAR })).schoolDashboard.figures;
    expect(empty.satisfaction).toMatchObject({ value: null, display: 'нет данных' });
    expect(empty.impact).toMatchObject({ value: null, display: 'нет данных' });

    const response = async (
      organizationId: string,
      kind: string,
      respondent: string,
      phase: string | null,
      on: string,
      answers: Array<[number | null, number | null]>,
    ) => {
      const id = randomUUID();
      await sql(
        `insert into ${s}.questionnaire_response (id, programme_id, organization_id, template_id, kind, respondent_key, respondent_role, phase, source, answered_by, submitted_at)
         values (?, gen_random_uuid(), ?, gen_random_uuid(), ?, ?, 'mentee', ?, 'link', 'self', ?::timestamptz)`,
        [id, organizationId, kind, respondent, phase, `${on}T10:00:00+05:00`],
      );
      for (const [value, scale] of answers) {
        await sql(
          `insert into ${s}.questionnaire_answer (id, response_id, question_id, value_number, scale_max, value_text) values (gen_random_uuid(), ?, 'q', ?, ?, ?)`,
          [id, value, scale, value === null ? 'Текст' : null],
        );
      }
    };
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    // Satisfaction: 5, 4 (of 5), 10 and 1 (of 10 → 5 and 1), a text answer, 7 of 5 off the scale; last year's answer ignored.
    await response(w.school1.id, 'satisfaction', a, null, '2025-10-01', [
      [5, 5],
      [4, 5],
      [10, 10],
      [1, 10],
      [null, null],
      [7, 5],
    ]);
    await response(w.school1.id, 'satisfaction', b, null, '2024-10-01', [[1, 5]]);
    await response(w.school2.id, 'satisfaction', b, null, '2025-10-01', [[1, 5]]);
    // Impact: A before 2 then 3 (the latest counts), after 4,5 → +1,5; B 4 → 3 (−1); C before only.
    await response(w.school1.id, 'impact', a, 'before', '2025-09-05', [
      [2, 5],
      [2, 5],
    ]);
    await response(w.school1.id, 'impact', a, 'before', '2025-09-10', [
      [3, 5],
      [3, 5],
    ]);
    await response(w.school1.id, 'impact', a, 'after', '2025-10-10', [
      [4, 5],
      [5, 5],
    ]);
    await response(w.school1.id, 'impact', b, 'before', '2025-09-05', [[4, 5]]);
    await response(w.school1.id, 'impact', b, 'after', '2025-10-10', [[3, 5]]);
    await response(w.school1.id, 'impact', c, 'before', '2025-09-05', [[1, 5]]);

    const f = (await ok<{ schoolDashboard: any }>(app, SURVEYS, w.tokens.curator1, { id: w.school1.id, year: YEAR })).schoolDashboard.figures;
    expect(f.satisfaction).toMatchObject({ value: 3.75, numerator: 15, denominator: 4, inconsistent: true, formulaRu: 'сумма оценок ÷ число ответов' });
    expect(f.satisfaction.inputs).toContainEqual({ label: 'Оценок вне шкалы (не учтены)', value: 1 });
    expect(f.satisfiedShare).toMatchObject({ value: 75, numerator: 3, denominator: 4 });
    expect(f.impact).toMatchObject({ value: 0.25, numerator: 0.5, denominator: 2, display: '+0,3 балла' });
    expect(f.impact.inputs).toContainEqual({ label: 'Участников только с одной анкетой (не учитываются)', value: 1 });
    expect(f.improvedShare).toMatchObject({ value: 50, numerator: 1, denominator: 2 });

    // The district's totals include the other school's answer.
    const district = (
      await ok<{ districtDashboard: any }>(
        app,
        `query($y: String!) { districtDashboard(academicYear: $y) { figures { satisfaction { numerator denominator } } } }`,
        w.tokens.officer,
        { y: YEAR },
      )
    ).districtDashboard.figures;
    expect(district.satisfaction).toMatchObject({ numerator: 16, denominator: 5 });

    // An item linked to the share of satisfied answers.
    const item = byIndicator(await items(), 'Не менее 5 публикаций');
    const linked = (await ok<{ setRoadmapItemKpiLink: any }>(app, SET, w.tokens.curator1, { input: { itemId: item.id, kpi: 'satisfiedShare', target: 80 } }))
      .setRoadmapItemKpiLink;
    expect(linked.kpiLink).toMatchObject({ kpi: 'satisfiedShare', status: 'notMet', current: 75 });
  });
});
