import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * A withdrawal of consent erases the person everywhere (issue 12, item 1): the person's names, phone,
 * e-mail and login are written into every kind of place — pair texts through the API, the rest with
 * SQL where no API writes them — then `withdrawConsent` over HTTP, then EVERY column of EVERY table
 * of the district schema and of `core` is searched: no hit, except a namesake's own rows in another
 * school. Another person's texts stay, the non-personal facts stay, the erasure is recorded.
 */
let app: TestApp;
let w: RoadmapWorld;
const TODAY = '2025-12-05';

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
});

afterAll(async () => {
  await app?.stop();
});

const LOGIN = 'alina.ereyzerova';
const EMAIL = 'Alina.E@example.org';
/**
 * What the search looks for, written independently of the code under test: the last name's stem, the
 * first and middle names and the mother's first name at a word start (any case), the phone's digits
 * with any separators, the e-mail, the login.
 */
// The person's names are rare on purpose: `core` is shared by every test file of the run, where an
// «Алина Сергеевна» of another test would be a false hit.
const NEEDLE =
  '(^|[^А-Яа-яЁё])([Ээ]рейзеров|ЭРЕЙЗЕРОВ|[Аа]риэлл|АРИЭЛЛ|[Сс]вятозаровн|[Ее]вдоки)|917[ ()-]*123[ -]*45[ -]*67|9171234567|[Aa]lina[.][Ee]@|alina[.]ereyzerova';

const sql = async <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);

async function person(programmeId: string, token: string, input: Record<string, unknown>) {
  const { createParticipant } = await ok<{ createParticipant: { id: string } }>(
    app,
    `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`,
    token,
    { input: { programmeId, ...input } },
  );
  return createParticipant.id;
}

async function programme(token: string, name: string) {
  const { createProgramme } = await ok<{ createProgramme: { id: string } }>(
    app,
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
    token,
    {
      input: { name, forms: ['teacher-pupil'], kinds: ['traditional', 'group'], periodStart: '2025-09-01', periodEnd: '2026-08-31' },
    },
  );
  return createProgramme.id;
}

const pupil = (lastName: string, firstName: string, middleName: string, mother: string, extra: Record<string, unknown> = {}) => ({
  role: 'MENTEE',
  lastName,
  firstName,
  middleName,
  category: 'pupil',
  birthDate: '2012-03-01',
  classOrPosition: '7 «Б»',
  tags: ['математика'],
  consents: [
    {
      givenBy: 'representative',
      representativeName: mother,
      representativeRelation: 'mother',
      representativeDocument: 'Свидетельство о рождении',
      textVersion: 'v1',
      signedOn: '2025-09-05',
    },
  ],
  ...extra,
});
const teacher = (lastName: string, firstName: string, text = '') => ({
  role: 'MENTOR',
  lastName,
  firstName,
  category: 'teacher',
  classOrPosition: 'учитель математики',
  tags: ['математика'],
  text,
  consents: [{ givenBy: 'self', textVersion: 'v1', signedOn: '2025-09-05' }],
});

async function pairs(token: string, programmeId: string, list: Array<{ mentorId: string; menteeIds: string[]; kind?: string }>) {
  const { confirmPairs } = await ok<{ confirmPairs: Array<{ id: string }> }>(
    app,
    `mutation($p: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $p, pairs: $pairs) { id } }`,
    token,
    { p: programmeId, pairs: list.map((p) => ({ ...p, startDate: '2025-10-01', endDate: '2026-05-31' })) },
  );
  return confirmPairs.map((p) => p.id);
}

const meeting = (token: string, pairId: string, type: string, date: string, notes: string, feedback: string) =>
  ok(app, `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`, token, { input: { pairId, type, date, notes, feedback } });
const plan = (token: string, pairId: string, tasks: Array<{ title: string; deadline: string; done?: boolean }>) =>
  ok(app, `mutation($id: ID!, $tasks: [PlanTaskInput!]!) { setPairPlan(pairId: $id, tasks: $tasks) { id } }`, token, { id: pairId, tasks });

describe('withdrawal of consent: erasure everywhere', () => {
  it('leaves no trace of the person in any column of the district schema or core; the namesake and the other person keep theirs', async () => {
    const s = `"${w.district.schemaName}"`;
    const curator = w.tokens.curator1;
    const sole = await programme(curator, 'Индивидуальное наставничество');

    // The person's consent scan (an attachment of her school) and a file whose name holds her name.
    const scanId = randomUUID();
    const fileId = randomUUID();
    await sql(
      `insert into ${s}."attachment" (id, organization_id, file_name, content_type, size, sha256, storage, uploaded_by_user_id, uploaded_by_name) values
        (?, ?, 'Скан согласия Эрейзеровой О. П..pdf', 'application/pdf', 3, repeat('a', 64), 'database', 'gimnaziya.curator', 'Куратор'),
        (?, ?, 'Грамота_Эрейзерова_Ариэлла.pdf', 'application/pdf', 3, repeat('b', 64), 'database', 'gimnaziya.curator', 'Куратор')`,
      [scanId, w.school1.id, fileId, w.school1.id],
    );
    await sql(`insert into ${s}."attachment_content" (attachment_id, data) values (?, '\\x414243'), (?, '\\x414243')`, [scanId, fileId]);

    const alinaInput = pupil('Эрейзерова', 'Ариэлла', 'Святозаровна', 'Эрейзерова Евдокия Петровна', {
      email: EMAIL,
      phone: '+7 917 123-45-67',
      username: LOGIN,
    });
    (alinaInput.consents[0] as Record<string, unknown>).attachmentId = scanId;
    const alina = await person(sole, curator, alinaInput);
    const kuznetsova = await person(sole, curator, teacher('Кузнецова', 'Ирина'));
    const sidorov = await person(sole, curator, teacher('Сидоров', 'Пётр', 'Веду Эрейзерову с сентября, тел. 8-917-123-45-67'));
    const vera = await person(sole, curator, pupil('Сохранова', 'Вера', 'Ильинична', 'Сохранова Анна Павловна'));

    // The individual pair (the person is its only mentee); once it is completed she joins a group.: meetings, plan, completion, a case.
    const [individual] = await pairs(curator, sole, [{ mentorId: kuznetsova, menteeIds: [alina] }]);
    await meeting(
      curator,
      individual!,
      'acquaintance',
      '2025-10-02',
      'Ариэлла Э. рассказала о трудностях дома, тел. мамы +7 917 123-45-67, почта alina.e@example.org',
      'Эрейзеровой А. С. — прогресс',
    );
    await meeting(curator, individual!, 'trial', '2025-10-09', 'Ариэллу хвалили', 'Эрейзерова довольна');
    await plan(curator, individual!, [
      { title: 'Подготовить Ариэллу к олимпиаде', deadline: '2025-11-01', done: true },
      { title: 'Разобрать с Эрейзеровой дроби', deadline: '2025-11-15', done: true },
    ]);
    await ok(app, `mutation($input: CompletePairInput!) { completePair(input: $input) { status } }`, curator, {
      input: { pairId: individual, reason: 'mentee-request', on: '2025-11-20', comment: 'Эрейзерова Ариэлла переехала, мама Эрейзерова О. П. звонила' },
    });
    await ok(app, `mutation($input: BestPracticeInput!) { createBestPractice(input: $input) { id } }`, curator, {
      input: {
        pairId: individual,
        title: 'Как Ариэлла Эрейзерова полюбила дроби',
        summary: 'Ариэлла С. занималась с Кузнецовой И.',
        results: 'Эрейзеровой — призовое место',
      },
    });

    // The group (the person with Сохранова Вера): redaction keeps Вера.
    const [groupPair] = await pairs(curator, sole, [{ mentorId: sidorov, menteeIds: [alina, vera], kind: 'group' }]);
    await meeting(
      curator,
      groupPair!,
      'acquaintance',
      '2025-11-21',
      'Ариэлла и Сохранова Вера работали вместе; Эрейзерова Ариэлла Святозаровна — лидер; тел. 8 (917) 123 45 67',
      'Вера: «Ариэлле спасибо», ЭРЕЙЗЕРОВОЙ А.С. — пять',
    );
    await plan(curator, groupPair!, [
      { title: 'Ариэлла: доклад', deadline: '2025-12-20' },
      { title: 'Вера Сохранова: презентация', deadline: '2025-12-20' },
    ]);
    // A member's mark of a task keeps a note (and who marked it): pair text like the task itself.
    const { pair: groupPlan } = await ok<any>(app, `query($id: ID!) { pair(id: $id) { tasks { id } } }`, curator, { id: groupPair });
    await ok(app, `mutation($input: MarkPlanTaskInput!) { markPlanTask(input: $input) { id } }`, curator, {
      input: { pairId: groupPair, taskId: groupPlan.tasks[0].id, done: true, note: 'Эрейзерова Ариэлла выступила, тел. 8-917-123-45-67' },
    });
    await ok(app, `mutation($input: ExtendPairInput!) { extendPair(input: $input) { id } }`, curator, {
      input: { pairId: groupPair, until: '2026-06-30', comment: 'по просьбе Эрейзеровой и Сохрановой', mutualConsent: true },
    });

    // Places no API of this test writes: questionnaire answers, roadmap texts, comments, audit, news,
    // SWOT, the access log (the person as viewer), a partner agreement of the district in core.
    const response = async (participantId: string | null, pairId: string, role: string, text: string, by: string | null) => {
      const id = randomUUID();
      await sql(
        `insert into ${s}."questionnaire_response" (id, programme_id, organization_id, template_id, kind, participant_id, respondent_key, respondent_role, pair_id, phase, source, answered_by, entered_by_name)
          values (?, ?, ?, ?, 'satisfaction', ?, ?, ?, ?, 'final', 'staff', 'self', ?)`,
        [id, sole, w.school1.id, randomUUID(), participantId, randomUUID(), role, pairId, by],
      );
      await sql(`insert into ${s}."questionnaire_answer" (id, response_id, question_id, value_number, value_text) values (?, ?, 'q1', 5, ?)`, [
        randomUUID(),
        id,
        text,
      ]);
    };
    await response(alina, groupPair!, 'mentee', 'Мне (Ариэлла, 7 «Б») понравилось, пишите alina.e@example.org', 'Ариэлла Святозаровна Эрейзерова');
    await response(sidorov, groupPair!, 'mentor', 'Эрейзерова А. старалась, Сохранова Вера тоже', null);
    await response(kuznetsova, individual!, 'mentor', 'Ариэлла молодец', null);

    const roadmap = randomUUID();
    const revision = randomUUID();
    await sql(`insert into ${s}."roadmap" (id, level, organization_id, created_by_user_id, created_by_name) values (?, 'school', ?, 'u1', 'Куратор')`, [
      roadmap,
      w.school1.id,
    ]);
    await sql(
      `insert into ${s}."roadmap_revision" (id, roadmap_id, number, state, title, programme_name, period_start, period_end, approval, created_by_user_id, created_by_name)
        values (?, ?, 1, 'draft', 'Дорожная карта', 'Программа', '2025-09-01', '2026-08-31', ?, 'u1', 'Куратор')`,
      [revision, roadmap, JSON.stringify({ name: 'И.И. Варламова', note: 'ответственная\nЭрейзерова О. П.' })],
    );
    await sql(
      `insert into ${s}."roadmap_section" (id, revision_id, key, position, title, task) values (?, ?, ?, 1, 'Раздел', 'Сопровождение Эрейзеровой А. С.')`,
      [randomUUID(), revision, randomUUID()],
    );
    await sql(
      `insert into ${s}."review_comment" (id, roadmap_id, revision_id, body, action, author_user_id, author_name, author_role)
        values (?, ?, ?, 'Учесть успехи Эрейзеровой Ариэллы (тел. 89171234567)', 'comment', ?, 'Ариэлла Святозаровна Эрейзерова', 'school-curator')`,
      [randomUUID(), roadmap, revision, LOGIN],
    );
    await sql(
      `insert into ${s}."roadmap_events" (id, roadmap_id, revision_id, user_id, user_name, role, action, comment, data)
        values (?, ?, ?, 'u1', 'Куратор', 'school-curator', 'save', 'Добавлена Эрейзерова', ?)`,
      [randomUUID(), roadmap, revision, JSON.stringify({ summary: 'Изменено:\nЭрейзерова Ариэлла', list: ['Ариэлла Э.', 3] })],
    );
    await sql(
      `insert into ${s}."school_news" (id, organization_id, title, published_on, body, created_by_user_id, created_by_name) values
        (?, ?, 'Поздравляем Ариэллу Эрейзерову', '2025-11-01', 'Эрейзерова А. С. и Сохранова Вера Ильинична — призёры', 'u1', 'Куратор'),
        (?, ?, 'Победа', '2025-11-01', 'Эрейзерова Мария Ивановна — победитель', 'u2', 'Куратор 2')`,
      [randomUUID(), w.school1.id, randomUUID(), w.school2.id],
    );
    await sql(
      `insert into ${s}."swot_form" (id, organization_id, academic_year, form_date, strengths, weaknesses, opportunities, threats, author_name, author_user_id)
        values (?, ?, '2025/2026', '2025-11-01', ?, '[]', '[]', '[]', 'Куратор', 'u1')`,
      [randomUUID(), w.school1.id, JSON.stringify(['Наставляемая Эрейзерова — призёр', 'Сохранова Вера — активистка'])],
    );
    await sql(
      `insert into ${s}."participant_access_log" (id, participant_id, organization_id, user_id, user_name, operation) values (?, ?, ?, ?, 'Ариэлла Святозаровна Эрейзерова', 'pairs')`,
      [randomUUID(), vera, w.school1.id, LOGIN],
    );
    await sql(
      `insert into core."partner_agreement" (id, partner_id, level, district_id, organization_id, subject, period_start, decision, proposed_by_name)
        values (?, ?, 'school', ?, ?, 'Наставничество для Эрейзеровой Ариэллы Святозаровны (+7 917 123-45-67)', '2025-09-01', 'pending', 'Партнёр')`,
      [randomUUID(), randomUUID(), w.district.id, w.school1.id],
    );

    // The namesake in another school keeps her name and her texts.
    const otherProgramme = await programme(w.tokens.curator2, 'Наставничество СОШ № 4');
    const namesake = await person(otherProgramme, w.tokens.curator2, pupil('Эрейзерова', 'Мария', 'Ивановна', 'Эрейзерова Тамара Ивановна'));

    const before = await sql<{ n: number }>(`select count(*)::int as n from ${s}."pair_meeting"`);
    await ok(app, `mutation($id: ID!) { withdrawConsent(participantId: $id) { id anonymized } }`, curator, { id: alina });

    // Every column of every table, as text.
    const hits: Array<{ place: string; value: string }> = [];
    for (const schema of [w.district.schemaName, 'core']) {
      const columns = await sql<{ table_name: string; column_name: string }>(
        `select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t
          on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE' where c.table_schema = ?`,
        [schema],
      );
      expect(columns.length).toBeGreaterThan(50);
      for (const { table_name, column_name } of columns) {
        const rows = await sql<{ value: string }>(`select "${column_name}"::text as value from "${schema}"."${table_name}" where "${column_name}"::text ~ ?`, [
          NEEDLE,
        ]);
        for (const row of rows) hits.push({ place: `${schema}.${table_name}.${column_name}`, value: row.value });
      }
    }
    // Only the namesake: her participant row, her mother in her consent, her school's news.
    expect(hits.map((h) => `${h.place}: ${h.value}`).sort()).toEqual(
      [
        `${w.district.schemaName}.participant.last_name: Эрейзерова`,
        `${w.district.schemaName}.participant_consent.representative_name: Эрейзерова Тамара Ивановна`,
        `${w.district.schemaName}.school_news.body: Эрейзерова Мария Ивановна — победитель`,
      ].sort(),
    );
    const [kept] = await sql(`select last_name, first_name from ${s}."participant" where id = ?`, [namesake]);
    expect(kept).toEqual({ last_name: 'Эрейзерова', first_name: 'Мария' });

    // The other person's texts stay (the pair's shared text is redacted, not wiped).
    const [groupMeeting] = await sql(`select notes, feedback from ${s}."pair_meeting" where pair_id = ?`, [groupPair]);
    expect(groupMeeting.notes).toBe('[данные удалены] и Сохранова Вера работали вместе; [данные удалены] — лидер; тел. [данные удалены]');
    expect(groupMeeting.feedback).toBe('Вера: «[данные удалены] спасибо», [данные удалены] — пять');
    expect(JSON.stringify((await sql(`select body from ${s}."school_news" where organization_id = ?`, [w.school1.id]))[0].body)).toContain(
      'Сохранова Вера Ильинична',
    );

    // The facts stay: meetings with their dates and types, statuses, tasks with deadlines and marks.
    expect((await sql<{ n: number }>(`select count(*)::int as n from ${s}."pair_meeting"`))[0]!.n).toBe(before[0]!.n);
    const soleMeetings = await sql(`select type, date::text as date, notes, feedback from ${s}."pair_meeting" where pair_id = ? order by date`, [individual]);
    expect(soleMeetings).toEqual([
      { type: 'acquaintance', date: '2025-10-02', notes: '[удалено: отзыв согласия 05.12.2025]', feedback: '[удалено: отзыв согласия 05.12.2025]' },
      { type: 'trial', date: '2025-10-09', notes: '[удалено: отзыв согласия 05.12.2025]', feedback: '[удалено: отзыв согласия 05.12.2025]' },
    ]);
    const [solePair] = await sql(
      `select status, completion_reason, completed_on::text as completed_on, completion_comment, tasks from ${s}."mentoring_pair" where id = ?`,
      [individual],
    );
    expect(solePair).toMatchObject({
      status: 'completed',
      completion_reason: 'mentee-request',
      completed_on: '2025-11-20',
      completion_comment: '[удалено: отзыв согласия 05.12.2025]',
    });
    expect(solePair.tasks.map((t: any) => [t.title, t.deadline, t.done])).toEqual([
      ['[удалено: отзыв согласия 05.12.2025]', '2025-11-01', true],
      ['[удалено: отзыв согласия 05.12.2025]', '2025-11-15', true],
    ]);
    const [shared] = await sql(`select status, tasks, extensions from ${s}."mentoring_pair" where id = ?`, [groupPair]);
    expect(shared.status).toBe('active');
    expect(shared.tasks.map((t: any) => t.title)).toEqual(['[данные удалены]: доклад', 'Вера Сохранова: презентация']);
    expect(shared.extensions[0]).toMatchObject({ until: '2026-06-30', comment: 'по просьбе [данные удалены] и Сохрановой' });
    // The person as viewer in the access log: the entry stays, without her.
    expect(await sql(`select user_name, operation from ${s}."participant_access_log" where participant_id = ? and operation = 'pairs'`, [vera])).toEqual([
      { user_name: 'Участник (данные удалены)', operation: 'pairs' },
    ]);
    // The consent scan is gone; the consent keeps its facts.
    expect(await sql(`select id from ${s}."attachment" where id = ?`, [scanId])).toEqual([]);
    expect(await sql(`select attachment_id from ${s}."attachment_content" where attachment_id = ?`, [scanId])).toEqual([]);
    const [consent] = await sql(
      `select signed_on::text as signed_on, scopes, text_version, withdrawn_on::text as withdrawn_on, attachment_id from ${s}."participant_consent" where participant_id = ?`,
      [alina],
    );
    expect(consent).toEqual({ signed_on: '2025-09-05', scopes: ['processing'], text_version: 'v1', withdrawn_on: TODAY, attachment_id: null });

    // The record: when, by whom, how many per place — no text.
    const records = await sql(
      `select participant_id, erased_on::text as erased_on, by_user_id, places from ${s}."personal_data_erasure" where participant_id = ?`,
      [alina],
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ erased_on: TODAY, by_user_id: expect.any(String) });
    expect(records[0].places).toMatchObject({
      'pair_meeting.notes': 3,
      'pair_meeting.feedback': 3,
      'mentoring_pair.tasks': 2,
      'mentoring_pair.completion_comment': 1,
      'best_practice.title': 1,
      'questionnaire_answer.value_text': expect.any(Number),
      'review_comment.body': 1,
      'review_comment.author_name': 1,
      'roadmap_events.data': 1,
      'attachment.file_name': 2,
      'attachment (consent scans)': 1,
      'participant_access_log.user_name': 1,
      'participant_access_log.user_id': 1,
      'review_comment.author_user_id': 1,
      'core.partner_agreement.subject': 1,
    });
    expect(JSON.stringify(records[0].places)).not.toMatch(/Эрейзеров|Ариэлл/);
  });
});
