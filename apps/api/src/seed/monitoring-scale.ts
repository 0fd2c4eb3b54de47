import type { SqlRunner } from '../modules/monitoring/queries.js';
import { academicYearBounds } from '../modules/monitoring/queries.js';

/**
 * Bulk monitoring data for tests and the benchmark (`bench/district-dashboard.bench.mjs`): a
 * district's schools with headcounts, programmes, participants with consents, pairs with plans and
 * agreed roadmaps with execution marks — all with SQL `generate_series` inserts (a dozen statements
 * whatever the size). Ids are derived with md5 so later statements can reference earlier rows.
 *
 * The mix, by the school's number n (1…schools) and the participant's number k (1…perSchool + n % 5):
 * - headcount: none when n % 10 = 0; pupils = 0 when n % 7 = 0; else pupils 200 + 3n, teachers 20 + n % 11;
 * - participant: mentor when k % 4 = 1, else mentee; category by k % 5 (pupil ×2, teacher, young-specialist,
 *   student); a mentor from a partner organisation when k % 8 = 1; consent valid unless k % 6 = 0
 *   (withdrawn when k % 12 = 0, none otherwise); an expired consent (valid until 2025-01-31) when k % 9 = 0;
 * - a pair for each mentor with the next participant as mentee; its plan: 4 tasks with k % 5 done (no tasks when k % 20 = 1);
 * - an agreed roadmap in force when n % 3 ≠ 0, with 6 items of several deadline kinds and execution marks,
 *   plus a later draft revision (never counted);
 * - a final meeting for the pairs of k % 3 = 1; the pairs of k % 24 = 9 completed (without one);
 * - questionnaires: satisfaction (two 1–5 answers) from k % 8 = 2; impact before (2) from k % 4 = 3, after (3–5) from k % 8 = 3.
 */
export interface SeedOptions {
  districtId: string;
  schemaName: string;
  /** Prefix of the organisations' codes (unique per call). */
  codePrefix: string;
  schools: number;
  /** Participants per school (plus n % 5). */
  perSchool: number;
  academicYear: string;
}

export async function seedMonitoringDistrict(sql: SqlRunner, o: SeedOptions): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(o.schemaName)) throw new Error('bad schema');
  const s = `"${o.schemaName}"`;
  const { start, end } = academicYearBounds(o.academicYear);
  const orgs = `(select id, row_number() over (order by code) as n from "core"."organization" where district_id = '${o.districtId}' and code like '${o.codePrefix}-%')`;
  const steps: Array<[string, unknown[]]> = [
    [
      `insert into "core"."organization" (id, code, name, short_name, kind, district_id)
       select md5(?::text || g)::uuid, ?::text || '-' || lpad(g::text, 5, '0'), 'Муниципальное общеобразовательное бюджетное учреждение «Школа № ' || g || '»',
         'Школа № ' || g, 'SCHOOL', ? from generate_series(1, ?) g`,
      [o.codePrefix, o.codePrefix, o.districtId, o.schools],
    ],
    [
      `insert into ${s}."headcount" (id, organization_id, academic_year, pupils, teachers, updated_at)
       select md5(o.id::text || 'hc')::uuid, o.id, ?, case when o.n % 7 = 0 then 0 else 200 + 3 * o.n end, 20 + o.n % 11, now()
       from ${orgs} o where o.n % 10 <> 0`,
      [o.academicYear],
    ],
    [
      `insert into ${s}."programme" (id, organization_id, name, forms, kinds, target_groups, period_start, period_end, created_by_user_id)
       select md5(o.id::text || 'pr')::uuid, o.id, 'Программа наставничества «Вместе»', '["teacher-pupil","pupil-pupil"]', '[]', '[]', ?::date, ?::date, 'seed'
       from ${orgs} o`,
      [start, end],
    ],
    [
      `insert into ${s}."participant" (id, organization_id, programme_id, role, category, partner_id, last_name, first_name,
         special_groups, tags, free_text)
       select md5(o.id::text || 'p' || k)::uuid, o.id, md5(o.id::text || 'pr')::uuid,
         case when k % 4 = 1 then 'mentor' else 'mentee' end,
         (array['pupil', 'pupil', 'teacher', 'young-specialist', 'student'])[k % 5 + 1],
         case when k % 8 = 1 then md5('partner' || (k % 3))::uuid end,
         'Участник' || k, 'Имя', '[]', '[]', ''
       from ${orgs} o cross join lateral generate_series(1, ? + (o.n % 5)::int) k`,
      [o.perSchool],
    ],
    [
      `insert into ${s}."participant_consent" (id, participant_id, given_by, scopes, text_version, signed_on, valid_until, withdrawn_on, recorded_by_name)
       select md5(o.id::text || 'c' || k)::uuid, md5(o.id::text || 'p' || k)::uuid, 'self', '[]', 'v1', '2025-09-01',
         case when k % 9 = 0 then '2025-01-31'::date end, case when k % 12 = 0 then '2025-10-01'::date end, 'seed'
       from ${orgs} o cross join lateral generate_series(1, ? + (o.n % 5)::int) k where k % 6 <> 0 or k % 12 = 0`,
      [o.perSchool],
    ],
    [
      `insert into ${s}."mentoring_pair" (id, programme_id, organization_id, form, kind, mentor_id, mentee_ids, start_date, end_date, status,
         explanation, tasks, extensions)
       select md5(o.id::text || 'pair' || k)::uuid, md5(o.id::text || 'pr')::uuid, o.id,
         case when k % 3 = 0 then 'pupil-pupil' else 'teacher-pupil' end, 'individual', md5(o.id::text || 'p' || k)::uuid,
         jsonb_build_array(md5(o.id::text || 'p' || (k + 1))::uuid::text), ?::date, ?::date, 'active', '[]',
         case when k % 20 = 1 then '[]'::jsonb else (select jsonb_agg(jsonb_build_object('id', t::text, 'title', 'Задача ' || t, 'deadline', null,
           'done', t <= k % 5, 'doneOn', null)) from generate_series(1, 4) t) end, '[]'
       from ${orgs} o cross join lateral generate_series(1, ? + (o.n % 5)::int - 1) k where k % 4 = 1`,
      [start, end, o.perSchool],
    ],
    [
      `insert into ${s}."roadmap" (id, level, organization_id, created_by_user_id, created_by_name)
       select md5(o.id::text || 'rm')::uuid, 'school', o.id, 'seed', 'seed' from ${orgs} o where o.n % 3 <> 0`,
      [],
    ],
    [
      `insert into ${s}."roadmap_revision" (id, roadmap_id, number, state, title, programme_name, period_start, period_end, created_by_user_id, created_by_name)
       select md5(o.id::text || 'rv' || r)::uuid, md5(o.id::text || 'rm')::uuid, r, case r when 1 then 'agreed' else 'draft' end,
         'Дорожная карта ' || o.n, 'Вместе', ?::date, ?::date, 'seed', 'seed'
       from ${orgs} o cross join generate_series(1, 2) r where o.n % 3 <> 0`,
      [start, end],
    ],
    [
      `update ${s}."roadmap" r set in_force_revision_id = md5(r.organization_id::text || 'rv1')::uuid,
         latest_revision_id = md5(r.organization_id::text || 'rv2')::uuid where r.created_by_user_id = 'seed'`,
      [],
    ],
    [
      `insert into ${s}."roadmap_section" (id, revision_id, key, position, title)
       select md5(o.id::text || 'sc' || r)::uuid, md5(o.id::text || 'rv' || r)::uuid, md5(o.id::text || 'sk')::uuid, 0, 'Основной этап'
       from ${orgs} o cross join generate_series(1, 2) r where o.n % 3 <> 0`,
      [],
    ],
    [
      // Items (the same keys in both revisions): 1 date in the past, 2 date in the future, 3 by schedule (no due),
      // 4 monthly occurrences (September and May), 5 a past date, 6 continuous to the end of the year.
      `insert into ${s}."roadmap_item" (id, revision_id, section_id, key, position, number, activity, deadline_text, deadline, due_date)
       select md5(o.id::text || 'it' || r || '-' || i)::uuid, md5(o.id::text || 'rv' || r)::uuid, md5(o.id::text || 'sc' || r)::uuid,
         md5(o.id::text || 'ik' || i)::uuid, i, i::text, 'Мероприятие ' || i, 'срок ' || i,
         case i
           when 1 then jsonb_build_object('kind', 'date', 'original', 'до 30.09', 'due', ?::text, 'before', true)
           when 2 then jsonb_build_object('kind', 'date', 'original', 'до 31.05', 'due', ?::text, 'before', true)
           when 3 then jsonb_build_object('kind', 'bySchedule', 'original', 'по графику', 'due', null)
           when 4 then jsonb_build_object('kind', 'months', 'original', 'сентябрь, май', 'due', ?::text, 'occurrences',
             jsonb_build_array(jsonb_build_object('start', ?::text, 'end', ?::text), jsonb_build_object('start', ?::text, 'end', ?::text)))
           when 5 then jsonb_build_object('kind', 'date', 'original', 'до 10.10', 'due', ?::text, 'before', true)
           else jsonb_build_object('kind', 'continuous', 'original', 'в течение года', 'start', ?::text, 'end', ?::text, 'due', ?::text)
         end, null
       from ${orgs} o cross join generate_series(1, 2) r cross join generate_series(1, 6) i where o.n % 3 <> 0`,
      [
        `${start.slice(0, 4)}-09-30`,
        `${end.slice(0, 4)}-05-31`,
        `${end.slice(0, 4)}-05-31`,
        `${start.slice(0, 4)}-09-01`,
        `${start.slice(0, 4)}-09-30`,
        `${end.slice(0, 4)}-05-01`,
        `${end.slice(0, 4)}-05-31`,
        `${start.slice(0, 4)}-10-10`,
        start,
        end,
        end,
      ],
    ],
    [
      // Marks: item 1 done on time (n even) or late (n odd); item 4 done undated when n % 4 = 1; item 5 undone (overdue) or
      // marked then undone (done = false) when n % 5 = 0; item 6 done on time.
      `insert into ${s}."item_execution" (id, roadmap_id, item_key, done, done_on, marked_by_user_id, marked_by_name)
       select md5(o.id::text || 'ex' || m.i)::uuid, md5(o.id::text || 'rm')::uuid, md5(o.id::text || 'ik' || m.i)::uuid, m.done, m.done_on, 'seed', 'seed'
       from ${orgs} o cross join lateral (values
         (1, true, case when o.n % 2 = 0 then ?::date else ?::date end),
         (4, o.n % 4 = 1, null::date),
         (5, false, null::date),
         (6, true, ?::date)
       ) as m(i, done, done_on)
       where o.n % 3 <> 0 and (m.i <> 4 or o.n % 4 = 1) and (m.i <> 5 or o.n % 5 = 0)`,
      [`${start.slice(0, 4)}-09-20`, `${start.slice(0, 4)}-10-05`, `${start.slice(0, 4)}-10-01`],
    ],
    [
      // Final meetings: held by the pairs of k % 3 = 1; the pairs of k % 24 = 9 are completed without one.
      `insert into ${s}."pair_meeting" (id, pair_id, type, date, notes, feedback, recorded_by_name)
       select md5(o.id::text || 'fm' || k)::uuid, md5(o.id::text || 'pair' || k)::uuid, 'final', ?::date, '', 'Отзыв', 'seed'
       from ${orgs} o cross join lateral generate_series(1, ? + (o.n % 5)::int - 1) k where k % 4 = 1 and k % 3 = 1`,
      [`${start.slice(0, 4)}-10-01`, o.perSchool],
    ],
    [
      `update ${s}."mentoring_pair" set status = 'completed' where created_at is not null and id in (
         select md5(o.id::text || 'pair' || k)::uuid from ${orgs} o cross join lateral generate_series(1, ? + (o.n % 5)::int - 1) k where k % 24 = 9)`,
      [o.perSchool],
    ],
    [
      // Questionnaires (mid-autumn: few programmes have ended): a satisfaction response (two 1–5 answers) from k % 8 = 2;
      // impact «before» (one 1–5 answer) from k % 4 = 3 and «after» from k % 8 = 3 only.
      `insert into ${s}."questionnaire_response" (id, programme_id, organization_id, template_id, kind, participant_id, respondent_key, respondent_role,
         phase, source, answered_by, submitted_at)
       select md5(o.id::text || 'qr' || k || ph)::uuid, md5(o.id::text || 'pr')::uuid, o.id, md5('tpl')::uuid,
         case when k % 4 = 2 then 'satisfaction' else 'impact' end, md5(o.id::text || 'p' || k)::uuid, md5(o.id::text || 'p' || k)::uuid, 'mentee',
         case when k % 4 = 2 then null else ph end, 'link', 'self', ?::timestamptz + (case ph when 'after' then interval '30 days' else interval '0 days' end)
       from ${orgs} o cross join lateral generate_series(1, ? + (o.n % 5)::int) k cross join (values ('before'), ('after')) as p(ph)
       where (k % 8 = 2 and ph = 'before') or (k % 4 = 3 and (ph = 'before' or k % 8 = 3))`,
      [`${start.slice(0, 4)}-09-20T12:00:00Z`, o.perSchool],
    ],
    [
      `insert into ${s}."questionnaire_answer" (id, response_id, question_id, value_number, scale_max)
       select md5(r.id::text || q)::uuid, r.id, 'q' || q,
         case when r.kind = 'satisfaction' then 1 + (abs(hashtext(r.id::text || q)) % 5) when r.phase = 'before' then 2 else 3 + (abs(hashtext(r.id::text)) % 3) end, 5
       from ${s}."questionnaire_response" r cross join generate_series(1, 2) q
       where r.organization_id in (select id from ${orgs} x) and (r.kind = 'satisfaction' or q = 1)`,
      [],
    ],
  ];
  for (const [query, params] of steps) await sql.execute(query, params);
  for (const table of [
    'participant',
    'participant_consent',
    'mentoring_pair',
    'pair_meeting',
    'roadmap_item',
    'item_execution',
    'headcount',
    'questionnaire_response',
    'questionnaire_answer',
  ]) {
    await sql.execute(`analyze ${s}."${table}"`, []);
  }
  await sql.execute(`analyze "core"."organization"`, []);
}
