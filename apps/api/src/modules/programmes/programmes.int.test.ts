import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { post } from '../../test/imports.js';
import { fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * A school's programme over real HTTP: base with consents (152-ФЗ), access log, withdrawal, matching,
 * pairs, the order, plan, meetings, completion; row scope between schools, mentor self-view, partner.
 */
let app: TestApp;
let w: RoadmapWorld;
let mentorToken: string;
let partnerToken: string;

const TODAY = '2025-10-15';

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
  mentorToken = await app.tokenFor('mentor', [groups.organization(w.region, w.district, w.school1)], 'licey21.curator');
  partnerToken = await app.tokenFor('partner-admin', ['/partners/sibay-institute'], 'partner.admin');
});

afterAll(async () => {
  await app?.stop();
});

const PARTICIPANT_FIELDS = `id role category displayName lastName firstName birthDate classOrPosition tags freeText anonymized ageBand
  consents { id givenBy representativeName representativeRelation scopes signedOn withdrawnOn }`;
const CREATE_PROGRAMME = `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id name forms kinds organizationId periodStart periodEnd } }`;
const CREATE_PARTICIPANT = `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { ${PARTICIPANT_FIELDS} } }`;
const PARTICIPANT = `query($id: ID!) { participant(id: $id) { ${PARTICIPANT_FIELDS} } }`;
const PARTICIPANTS = `query($programmeId: ID!, $role: ParticipantRole) { participants(programmeId: $programmeId, role: $role, page: { limit: 100 }) { total items { ${PARTICIPANT_FIELDS} } } }`;
const ACCESS_LOG = `query($id: ID!) { participantAccessLog(participantId: $id) { participantId userName operation at } }`;
const SUGGEST = `query($programmeId: ID!) { suggestMatches(programmeId: $programmeId) {
  form kind totalScore
  suggestions { mentorId menteeIds type score explanation { factor points text menteeId } mentor { displayName } mentees { displayName } }
  unmatched { menteeId reason text }
} }`;
const PAIR_FIELDS = `id status form kind startDate endDate completionReason completedOn
  mentor { id displayName birthDate } mentees { id displayName birthDate }
  tasks { id title deadline done doneOn } progress { total done percent labelRu }
  meetings { type date notes feedback } nextMeetingTypes extensions { from until comment }`;
const CONFIRM = `mutation($programmeId: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $programmeId, pairs: $pairs) { ${PAIR_FIELDS} } }`;
const MEETING = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { type date feedback } }`;

async function programme(token = w.tokens.curator1, name = 'Вместе') {
  const { createProgramme } = await ok<{ createProgramme: any }>(app, CREATE_PROGRAMME, token, {
    input: {
      name,
      forms: ['teacher-pupil'],
      kinds: ['traditional'],
      targetGroups: ['обучающиеся 5–9 классов'],
      periodStart: '2025-09-01',
      periodEnd: '2026-08-31',
      curatorName: 'Петрова А. А.',
    },
  });
  return createProgramme;
}

const representativeConsent = (extra: Record<string, unknown> = {}) => ({
  givenBy: 'representative',
  representativeName: 'Иванова Елена Петровна',
  representativeRelation: 'mother',
  representativeDocument: 'Свидетельство о рождении II-АР № 123456',
  textVersion: 'Согласие v1',
  signedOn: '2025-09-05',
  ...extra,
});
const selfConsent = { givenBy: 'self', textVersion: 'Согласие v1', signedOn: '2025-09-05' };

function mentee(programmeId: string, extra: Record<string, unknown> = {}) {
  return {
    programmeId,
    role: 'MENTEE',
    lastName: 'Иванова',
    firstName: 'Мария',
    middleName: 'Сергеевна',
    category: 'pupil',
    birthDate: '2012-03-01',
    classOrPosition: '7 «Б»',
    phone: '+7 912 345-67-89',
    specialGroups: ['gifted'],
    tags: ['математика'],
    text: 'Хочу подготовиться к олимпиаде по математике',
    consents: [representativeConsent()],
    ...extra,
  };
}

function mentor(programmeId: string, extra: Record<string, unknown> = {}) {
  return {
    programmeId,
    role: 'MENTOR',
    lastName: 'Сидоров',
    firstName: 'Пётр',
    middleName: 'Ильич',
    category: 'teacher',
    classOrPosition: 'учитель математики',
    email: 'sidorov@example.ru',
    tags: ['математика'],
    text: 'Готовлю к олимпиадам по математике',
    consents: [selfConsent],
    ...extra,
  };
}

async function create(input: Record<string, unknown>, token = w.tokens.curator1) {
  return (await ok<{ createParticipant: any }>(app, CREATE_PARTICIPANT, token, { input })).createParticipant;
}

const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);

async function docxText(url: string, token: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${app.api.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) return { status: response.status, text: new TextDecoder().decode(bytes), headers: response.headers };
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
  return { status: 200, text: xml.replace(/<[^>]+>/g, ''), headers: response.headers };
}

describe('a programme from base to completion', () => {
  it('programme → base with consents → matching → pairs → order → plan → meetings in order → completion', async () => {
    const p = await programme();
    expect(p).toMatchObject({ name: 'Вместе', forms: ['teacher-pupil'], organizationId: w.school1.id });

    const masha = await create(mentee(p.id));
    expect(masha).toMatchObject({ role: 'MENTEE', displayName: 'Иванова Мария Сергеевна', anonymized: false });
    expect(masha.consents).toEqual([expect.objectContaining({ givenBy: 'representative', representativeRelation: 'mother', scopes: ['processing'] })]);
    const teacher = await create(mentor(p.id, { username: 'licey21.curator' }));
    const other = await create(mentee(p.id, { lastName: 'Петров', firstName: 'Олег', middleName: null, tags: ['рисование'], text: 'Рисую комиксы' }));

    // Matching suggests Masha with the maths teacher and explains why; the other mentee is listed without a pair.
    const { suggestMatches } = await ok<{ suggestMatches: any }>(app, SUGGEST, w.tokens.curator1, { programmeId: p.id });
    expect(suggestMatches.suggestions).toHaveLength(1);
    const [suggestion] = suggestMatches.suggestions;
    expect(suggestion).toMatchObject({ mentorId: teacher.id, menteeIds: [masha.id], type: 'pair', mentor: { displayName: 'Сидоров Пётр Ильич' } });
    expect(suggestion.score).toBeGreaterThan(0);
    expect(suggestion.explanation.map((f: any) => f.factor)).toContain('tags');
    expect(suggestion.explanation.find((f: any) => f.factor === 'tags').text).toContain('математика');
    expect(suggestMatches.unmatched.map((u: any) => u.menteeId)).toEqual([other.id]);
    expect(suggestMatches.unmatched[0].text).toMatch(/\S/);

    // The curator confirms the suggestion.
    const { confirmPairs } = await ok<{ confirmPairs: any[] }>(app, CONFIRM, w.tokens.curator1, {
      programmeId: p.id,
      pairs: [{ mentorId: teacher.id, menteeIds: [masha.id], startDate: '2025-10-01', endDate: '2026-05-31', score: suggestion.score }],
    });
    const pair = confirmPairs[0];
    expect(pair).toMatchObject({
      status: 'active',
      form: 'teacher-pupil',
      kind: 'traditional',
      mentor: { id: teacher.id },
      mentees: [{ id: masha.id }],
      nextMeetingTypes: ['acquaintance'],
    });
    const twice = await fails(app, CONFIRM, w.tokens.curator1, {
      programmeId: p.id,
      pairs: [{ mentorId: teacher.id, menteeIds: [other.id], startDate: '2025-10-01', endDate: '2026-05-31' }],
    });
    expect(twice.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pairs[0].mentorId' });

    // The director's order as DOCX, with its number and date recorded.
    const order = await docxText(`/exports/programmes/${p.id}/pairs-order.docx?number=${encodeURIComponent('45-од')}&date=2025-10-02`, w.tokens.director1);
    expect(order.status).toBe(200);
    expect(order.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(order.text).toContain('О закреплении наставнических пар/групп');
    expect(order.text).toContain('№ 45-од');
    expect(order.text).toContain('02.10.2025');
    expect(order.text).toContain('Сидоров Пётр Ильич');
    expect(order.text).toContain('Иванова Мария Сергеевна');
    expect(order.text).toContain('Учитель – ученик');
    expect(order.text).not.toContain('Петров Олег');
    const { programme: recorded } = await ok<{ programme: any }>(app, `query($id: ID!) { programme(id: $id) { orderNumber orderDate } }`, w.tokens.curator1, {
      id: p.id,
    });
    expect(recorded).toEqual({ orderNumber: '45-од', orderDate: '2025-10-02' });
    expect((await docxText(`/exports/programmes/${p.id}/pairs-order.docx`, w.tokens.curator2)).status).toBe(404);

    // Individual plan with tasks and progress.
    const SET_PLAN = `mutation($pairId: ID!, $tasks: [PlanTaskInput!]!) { setPairPlan(pairId: $pairId, tasks: $tasks) { ${PAIR_FIELDS} } }`;
    const planned = (
      await ok<{ setPairPlan: any }>(app, SET_PLAN, w.tokens.curator1, {
        pairId: pair.id,
        tasks: [
          { title: 'Разобрать задачи школьного этапа олимпиады', deadline: '2025-10-31', done: true },
          { title: 'Подготовиться к муниципальному этапу', deadline: '2025-12-15' },
        ],
      })
    ).setPairPlan;
    expect(planned.progress).toEqual({ total: 2, done: 1, percent: 50, labelRu: '50 %' });
    expect(planned.tasks[0]).toMatchObject({ done: true, doneOn: TODAY });

    // Meetings in the methodology's order; out of order is refused with the reason.
    const outOfOrder = await fails(app, MEETING, w.tokens.curator1, { input: { pairId: pair.id, type: 'trial', date: '2025-10-03', feedback: 'Хорошо' } });
    expect(outOfOrder.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'type' });
    expect(outOfOrder.message).toBe('Вид встречи: сейчас возможна «Встреча-знакомство», а не «Пробная встреча»');
    const noFeedback = await fails(app, MEETING, w.tokens.curator1, { input: { pairId: pair.id, type: 'acquaintance', date: '2025-10-03', feedback: ' ' } });
    expect(noFeedback.message).toBe('Обратная связь: обязательна после каждой встречи');
    const dates: Array<[string, string]> = [
      ['acquaintance', '2025-10-03'],
      ['trial', '2025-10-06'],
      ['planning', '2025-10-08'],
      ['regular', '2025-10-10'],
      ['final', '2025-10-14'],
    ];
    for (const [type, date] of dates) {
      await ok(app, MEETING, type === 'regular' ? mentorToken : w.tokens.curator1, {
        input: { pairId: pair.id, type, date, notes: 'Заметки', feedback: 'Встреча полезна' },
      });
    }
    // Completion: «plan done» after every task is done.
    await ok(app, SET_PLAN, w.tokens.curator1, {
      pairId: pair.id,
      tasks: planned.tasks.map((t: any) => ({ id: t.id, title: t.title, deadline: t.deadline, done: true })),
    });
    const COMPLETE = `mutation($input: CompletePairInput!) { completePair(input: $input) { ${PAIR_FIELDS} } }`;
    const noReason = await fails(app, COMPLETE, w.tokens.curator1, { input: { pairId: pair.id, reason: 'mentee-request', on: TODAY } });
    expect(noReason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    const { completePair } = await ok<{ completePair: any }>(app, COMPLETE, w.tokens.curator1, { input: { pairId: pair.id, reason: 'plan-done', on: TODAY } });
    expect(completePair).toMatchObject({
      status: 'completed',
      completionReason: 'plan-done',
      completedOn: TODAY,
      progress: { percent: 100 },
      nextMeetingTypes: [],
    });
    expect(completePair.meetings.map((m: any) => m.type)).toEqual(dates.map(([type]) => type));
    const after = await fails(app, MEETING, w.tokens.curator1, { input: { pairId: pair.id, type: 'regular', date: TODAY, feedback: 'x' } });
    expect(after.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATE' });
  });

  it('a plan is extended by mutual consent', async () => {
    const p = await programme(w.tokens.curator1, 'Продление');
    const m = await create(mentee(p.id));
    const t = await create(mentor(p.id));
    const { confirmPairs } = await ok<{ confirmPairs: any[] }>(app, CONFIRM, w.tokens.curator1, {
      programmeId: p.id,
      pairs: [{ mentorId: t.id, menteeIds: [m.id], startDate: '2025-10-01', endDate: '2025-12-31' }],
    });
    const EXTEND = `mutation($input: ExtendPairInput!) { extendPair(input: $input) { endDate extensions { from until comment } } }`;
    const noConsent = await fails(app, EXTEND, w.tokens.curator1, {
      input: { pairId: confirmPairs[0].id, until: '2026-03-31', comment: 'Болезнь', mutualConsent: false },
    });
    expect(noConsent.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mutualConsent' });
    const { extendPair } = await ok<{ extendPair: any }>(app, EXTEND, w.tokens.curator1, {
      input: { pairId: confirmPairs[0].id, until: '2026-03-31', comment: 'Болезнь', mutualConsent: true },
    });
    expect(extendPair).toEqual({ endDate: '2026-03-31', extensions: [{ from: '2025-12-31', until: '2026-03-31', comment: 'Болезнь' }] });
  });
});

describe('age and consent rules', () => {
  it('no consent, a minor with only their own consent, an out-of-range age are refused with clear messages', async () => {
    const p = await programme(w.tokens.curator1, 'Согласия');
    const none = await fails(app, CREATE_PARTICIPANT, w.tokens.curator1, { input: mentee(p.id, { consents: [] }) });
    expect(none.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'consents' });
    expect(none.message).toContain('152-ФЗ');
    const ownOnly = await fails(app, CREATE_PARTICIPANT, w.tokens.curator1, { input: mentee(p.id, { consents: [selfConsent] }) });
    expect(ownOnly.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'consents[0].givenBy' });
    expect(ownOnly.message).toBe('Кто даёт согласие: участник несовершеннолетний (13) — согласие даёт законный представитель');
    const noRelation = await fails(app, CREATE_PARTICIPANT, w.tokens.curator1, {
      input: mentee(p.id, { consents: [representativeConsent({ representativeRelation: null })] }),
    });
    expect(noRelation.extensions).toMatchObject({ field: 'consents[0].representativeRelation' });
    const tooYoung = await fails(app, CREATE_PARTICIPANT, w.tokens.curator1, { input: mentee(p.id, { birthDate: '2017-01-01' }) });
    expect(tooYoung.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'birthDate' });
    expect(tooYoung.message).toMatch(/от 10 до 19 лет/);
    // Every problem of the person at once, each with its field (not one per attempt).
    const empty = await fails(app, CREATE_PARTICIPANT, w.tokens.curator1, { input: mentee(p.id, { lastName: ' ', firstName: '', birthDate: '2017-01-01' }) });
    expect(empty.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lastName' });
    expect(empty.extensions!.fields).toEqual([
      { field: 'lastName', message: 'Фамилия: поле обязательно' },
      { field: 'firstName', message: 'Имя: поле обязательно' },
      { field: 'birthDate', message: expect.stringMatching(/от 10 до 19 лет/) },
    ]);
    const adultByRepresentative = await fails(app, CREATE_PARTICIPANT, w.tokens.curator1, {
      input: mentor(p.id, { birthDate: '1980-01-01', consents: [representativeConsent()] }),
    });
    expect(adultByRepresentative.message).toMatch(/согласие даёт он сам/);
    // Two representatives are fine.
    const two = await create(
      mentee(p.id, {
        consents: [representativeConsent(), representativeConsent({ representativeName: 'Иванов Сергей Петрович', representativeRelation: 'father' })],
      }),
    );
    expect(two.consents).toHaveLength(2);
    const { participants } = await ok<{ participants: any }>(app, PARTICIPANTS, w.tokens.curator1, { programmeId: p.id });
    expect(participants.total).toBe(1);
  });
});

describe('personal data: access log and withdrawal', () => {
  it('viewing a card is logged (who, when, which operation); the log is for the school’s director and curator', async () => {
    const p = await programme(w.tokens.curator1, 'Журнал');
    const person = await create(mentee(p.id));
    await ok(app, PARTICIPANT, w.tokens.director1, { id: person.id });
    const teacher = await create(mentor(p.id));
    await ok(app, PARTICIPANTS, w.tokens.curator1, { programmeId: p.id });
    await ok(app, PARTICIPANTS, w.tokens.officer, { programmeId: p.id });
    const { participantAccessLog } = await ok<{ participantAccessLog: any[] }>(app, ACCESS_LOG, w.tokens.curator1, { id: person.id });
    const operations = participantAccessLog.map((e) => e.operation);
    expect(operations).toEqual(expect.arrayContaining(['create', 'view-card', 'list']));
    // The district officer's list shows the child's figures only (docs/architecture.md): not a view of the child; the adult's name was seen.
    const officerName = (await ok<{ me: { displayName: string } }>(app, `{ me { displayName } }`, w.tokens.officer)).me.displayName;
    expect(participantAccessLog.filter((e) => e.userName === officerName)).toEqual([]);
    const teacherLog = (await ok<{ participantAccessLog: any[] }>(app, ACCESS_LOG, w.tokens.curator1, { id: teacher.id })).participantAccessLog;
    expect(teacherLog.filter((e) => e.userName === officerName).map((e) => e.operation)).toEqual(['list']);
    expect(participantAccessLog.find((e) => e.operation === 'view-card')).toMatchObject({
      participantId: person.id,
      userName: expect.any(String),
      at: expect.any(String),
    });
    expect((await fails(app, ACCESS_LOG, w.tokens.officer, { id: person.id })).extensions?.code).toBe('FORBIDDEN');
  });

  it('withdrawal anonymises the person in place (nothing personal left in the row), marks consents withdrawn, logs it; no more edits or matching', async () => {
    const p = await programme(w.tokens.curator1, 'Отзыв');
    const person = await create(mentee(p.id));
    const t = await create(mentor(p.id));
    const { withdrawConsent } = await ok<{ withdrawConsent: any }>(
      app,
      `mutation($id: ID!) { withdrawConsent(participantId: $id) { ${PARTICIPANT_FIELDS} } }`,
      w.tokens.curator1,
      { id: person.id },
    );
    expect(withdrawConsent).toMatchObject({
      id: person.id,
      anonymized: true,
      displayName: 'Участник (данные обезличены)',
      lastName: null,
      firstName: null,
      birthDate: null,
      category: 'pupil',
      ageBand: '10-14',
      tags: [],
      freeText: '',
    });
    expect(withdrawConsent.consents[0]).toMatchObject({ withdrawnOn: TODAY, representativeName: null });
    const [row] = await sql(`select * from "${w.district.schemaName}"."participant" where id = ?`, [person.id]);
    for (const column of ['last_name', 'first_name', 'middle_name', 'birth_date', 'class_or_position', 'email', 'phone', 'username', 'experience_years']) {
      expect(row[column], column).toBeNull();
    }
    expect(row).toMatchObject({ special_groups: [], tags: [], free_text: '', anonymized: true, category: 'pupil', organization_id: w.school1.id });
    // The phone by its digits beyond the operator code: a bare «912» also turns up in the row's uuids and timestamps.
    expect(JSON.stringify(row)).not.toMatch(/Иванова|Мария|2012-03-01|912 345/);
    const consents = await sql(`select * from "${w.district.schemaName}"."participant_consent" where participant_id = ?`, [person.id]);
    expect(JSON.stringify(consents)).not.toMatch(/Иванова Елена|II-АР/);
    const log = await sql(`select operation from "${w.district.schemaName}"."participant_access_log" where participant_id = ?`, [person.id]);
    expect(log.map((r) => r.operation)).toContain('withdraw-consent');
    // Counts keep the person.
    const { participants } = await ok<{ participants: any }>(app, PARTICIPANTS, w.tokens.curator1, { programmeId: p.id, role: 'MENTEE' });
    expect(participants.total).toBe(1);

    const edit = await fails(app, `mutation($id: ID!, $input: ParticipantDataInput!) { updateParticipant(id: $id, input: $input) { id } }`, w.tokens.curator1, {
      id: person.id,
      input: { lastName: 'Иванова', firstName: 'Мария', category: 'pupil', birthDate: '2012-03-01' },
    });
    expect(edit.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATE' });
    const again = await fails(app, `mutation($id: ID!) { withdrawConsent(participantId: $id) { id } }`, w.tokens.curator1, { id: person.id });
    expect(again.extensions?.code).toBe('CONFLICT');
    const { suggestMatches } = await ok<{ suggestMatches: any }>(app, SUGGEST, w.tokens.curator1, { programmeId: p.id });
    expect(suggestMatches.suggestions).toEqual([]);
    const pairUp = await fails(app, CONFIRM, w.tokens.curator1, {
      programmeId: p.id,
      pairs: [{ mentorId: t.id, menteeIds: [person.id], startDate: '2025-10-01', endDate: '2026-05-31' }],
    });
    expect(pairUp.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pairs[0].menteeIds[0]' });
  });
});

describe('row scope', () => {
  it('a curator of another school of the same district sees neither the programme nor its people, by id or in lists', async () => {
    const p = await programme(w.tokens.curator1, 'Чужая школа');
    const person = await create(mentee(p.id));
    expect((await fails(app, PARTICIPANT, w.tokens.curator2, { id: person.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, PARTICIPANTS, w.tokens.curator2, { programmeId: p.id })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'programmeId',
    });
    const { programmes } = await ok<{ programmes: any }>(app, `{ programmes(page: { limit: 100 }) { items { id } } }`, w.tokens.curator2);
    expect(programmes.items.map((x: any) => x.id)).not.toContain(p.id);
    const foreignWrite = await fails(app, CREATE_PARTICIPANT, w.tokens.curator2, { input: mentee(p.id) });
    expect(foreignWrite.extensions?.code).toBe('BAD_USER_INPUT');
    // The district's staff read, but do not manage.
    const { programmes: all } = await ok<{ programmes: any }>(app, `{ programmes(page: { limit: 100 }) { items { id } } }`, w.tokens.officer);
    expect(all.items.map((x: any) => x.id)).toContain(p.id);
    expect((await fails(app, CREATE_PARTICIPANT, w.tokens.officer, { input: mentee(p.id) })).extensions?.code).toBe('FORBIDDEN');
  });

  it('a mentor sees only their own pair (myPairs), others’ pairs are NOT_FOUND; the bases are closed to them', async () => {
    const p = await programme(w.tokens.curator1, 'Свои пары');
    const own = await create(mentor(p.id, { username: 'sh25.curator' }));
    const otherMentor = await create(mentor(p.id, { lastName: 'Кузнецов' }));
    const m1 = await create(mentee(p.id));
    const m2 = await create(mentee(p.id, { lastName: 'Смирнова' }));
    const { confirmPairs } = await ok<{ confirmPairs: any[] }>(app, CONFIRM, w.tokens.curator1, {
      programmeId: p.id,
      pairs: [
        { mentorId: own.id, menteeIds: [m1.id], startDate: '2025-10-01', endDate: '2026-05-31' },
        { mentorId: otherMentor.id, menteeIds: [m2.id], startDate: '2025-10-01', endDate: '2026-05-31' },
      ],
    });
    const token = await app.tokenFor('mentor', [groups.organization(w.region, w.district, w.school1)], 'sh25.curator');
    const { myPairs } = await ok<{ myPairs: any[] }>(app, `{ myPairs { ${PAIR_FIELDS} } }`, token);
    expect(myPairs.map((x) => x.id)).toEqual([confirmPairs[0].id]);
    expect(myPairs[0].mentees[0]).toMatchObject({ displayName: 'Иванова Мария Сергеевна', birthDate: null });
    expect((await ok<{ pair: any }>(app, `query($id: ID!) { pair(id: $id) { id } }`, token, { id: confirmPairs[0].id })).pair.id).toBe(confirmPairs[0].id);
    expect((await fails(app, `query($id: ID!) { pair(id: $id) { id } }`, token, { id: confirmPairs[1].id })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, PARTICIPANT, token, { id: m2.id })).extensions?.code).toBe('NOT_FOUND');
    expect(
      (await fails(app, MEETING, token, { input: { pairId: confirmPairs[1].id, type: 'acquaintance', date: TODAY, feedback: 'x' } })).extensions,
    ).toMatchObject({ field: 'pairId' });
    const { pairs } = await ok<{ pairs: any[] }>(app, `query($id: ID!) { pairs(programmeId: $id) { id } }`, w.tokens.curator1, { id: p.id });
    expect(pairs).toHaveLength(2);
  });

  it('a partner admin never sees mentees’ personal data', async () => {
    const p = await programme(w.tokens.curator1, 'Партнёр');
    const person = await create(mentee(p.id));
    for (const [query, variables] of [
      [PARTICIPANT, { id: person.id }],
      [PARTICIPANTS, { programmeId: p.id }],
      [`query($id: ID!) { pairs(programmeId: $id) { id mentees { displayName } } }`, { id: p.id }],
    ] as const) {
      const response = await app.gql(query, { token: partnerToken, variables });
      expect(Object.values(response.body.data ?? {}).every((value) => value === null)).toBe(true);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const viaHeader = await app.gql(query, { token: partnerToken, variables, headers: { 'x-district-id': w.district.id } });
      expect(viaHeader.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(viaHeader.body)).not.toContain('Иванова');
    }
    const mine = await app.gql(`{ myPairs { id mentees { displayName } } }`, { token: partnerToken });
    expect(mine.body.data?.myPairs ?? []).toEqual([]);
  });
});

describe('bulk import', () => {
  it('the template downloads; good rows are imported with their consent, bad rows and rows without consent are reported', async () => {
    const template = await fetch(`${app.api.url}/participants/import-template.csv?role=mentee`, { headers: { authorization: `Bearer ${w.tokens.curator1}` } });
    expect(template.status).toBe(200);
    const templateText = await template.text();
    expect(templateText).toContain('Фамилия;Имя');
    expect(templateText).toContain('Дата согласия');
    const p = await programme(w.tokens.curator1, 'Импорт');
    const csv = [
      'Фамилия;Имя;Отчество;Категория;Дата рождения;Класс / должность;Запрос (теги);Запрос (описание);Дата согласия;Согласие дал;Законный представитель (ФИО);Кем приходится;Документ представителя',
      'Орлова;Анна;Игоревна;Обучающийся;12.05.2012;6 «А»;математика;Олимпиады;01.09.2025;Законный представитель;Орлова Ирина Павловна;Мать;Свидетельство о рождении I-АР № 1',
      'Белов;Иван;;Обучающийся;01.02.2011;7 «В»;чтение;;;;;;',
      'Седов;Кирилл;;;01.02.2011;7 «В»;чтение;;01.09.2025;Законный представитель;Седова Ольга;Мать;Св-во',
      'Жуков;Павел;;Обучающийся;01.02.2011;7 «В»;чтение;;01.09.2025;Участник;;;',
    ].join('\r\n');
    const response = await post(
      app,
      `/participants/import?programmeId=${p.id}&role=mentee&fileName=base.csv`,
      w.tokens.curator1,
      new TextEncoder().encode(csv),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.summary).toMatchObject({ total: 4, imported: 1, error: 3 });
    const [good, noConsent, noCategory, ownConsent] = response.body.rows;
    expect(good).toMatchObject({ rowNumber: 2, status: 'ok', participantId: expect.any(String) });
    expect(noConsent.status).toBe('error');
    expect(noConsent.issues.map((i: any) => i.message)).toContain('Нет данных о согласии (дата согласия и кто его дал): участник без согласия не сохраняется');
    expect(noCategory.status).toBe('error');
    expect(ownConsent.issues[0].message).toMatch(/законный представитель/);
    const { participant } = await ok<{ participant: any }>(app, PARTICIPANT, w.tokens.curator1, { id: good.participantId });
    expect(participant).toMatchObject({
      displayName: 'Орлова Анна Игоревна',
      tags: ['математика'],
      consents: [{ givenBy: 'representative', representativeRelation: 'mother', signedOn: '2025-09-01' }],
    });
    const foreign = await post(app, `/participants/import?programmeId=${p.id}&role=mentee`, w.tokens.curator2, new TextEncoder().encode(csv));
    expect(foreign.status).toBe(400);
  });
});

describe('load shape', () => {
  it('the participants list with tags and consents costs the same number of statements for 3 and for 12 people', async () => {
    const measure = async (count: number) => {
      const p = await programme(w.tokens.curator1, `Нагрузка ${count}`);
      for (let i = 0; i < count; i++) await create(mentee(p.id, { lastName: `Ученица${i}` }));
      const { result, queries } = await app.countQueries(() => app.gql(PARTICIPANTS, { token: w.tokens.curator1, variables: { programmeId: p.id } }));
      expect(result.body.errors).toBeUndefined();
      expect((result.body.data as any).participants.items).toHaveLength(count);
      return queries.length;
    };
    const small = await measure(3);
    const large = await measure(12);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
  });
});
