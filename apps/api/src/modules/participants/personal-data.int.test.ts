import { PERSONAL_DATA_ACCESS, type PersonalDataPart, type PersonalDataViewer } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { post } from '../../test/imports.js';
import { ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * The role × personal-field table (PERSONAL_DATA_ACCESS, docs/architecture.md) tested as a table:
 * every role calls every operation that returns a person, and each field the table does not give
 * that role must be absent (null / empty / «Данные скрыты»), each field it gives must be there.
 * One school, a group (adult mentor, two minor mentees), a meeting with notes, a consent scan.
 */
let app: TestApp;
let w: RoadmapWorld;
const TODAY = '2026-10-15';

const MINOR = {
  lastName: 'Тайнова',
  firstName: 'Вера',
  middleName: 'Игоревна',
  birthDate: '2013-04-02',
  classOrPosition: '7 «А»',
  phone: '+7 917 000-11-22',
  email: 'vera@example.ru',
  specialGroups: ['difficult-life-situation'],
  text: 'Трудно с геометрией',
};
const CO_MINOR = {
  lastName: 'Соседова',
  firstName: 'Ольга',
  birthDate: '2013-06-09',
  classOrPosition: '7 «А»',
  phone: '+7 917 000-33-44',
  text: 'Хочу в олимпиаду',
};
const ADULT = {
  lastName: 'Наставников',
  firstName: 'Игорь',
  middleName: 'Петрович',
  classOrPosition: 'учитель математики',
  phone: '+7 917 555-66-77',
  email: 'mentor@example.ru',
  experienceYears: 12,
  text: 'Геометрия, олимпиады',
};
const NOTES = 'Вера рассказала о трудностях дома';
const TASK = 'Разобрать задачи на подобие треугольников';

let ids: { programme: string; minor: string; coMinor: string; adult: string; pair: string; scan: string };
let tokens: Record<string, string>;
/** How each actor stands to each person of the group (the table's viewer), and the header it needs. */
let actors: Array<{ name: string; token: string; headers: Record<string, string>; viewerOf: Record<'minor' | 'coMinor' | 'adult', PersonalDataViewer> }>;

const PERSON = `id displayName lastName firstName middleName birthDate classOrPosition experienceYears email phone specialGroups tags freeText
  consents { id representativeName representativeDocument attachmentId }`;
const PAIR = `id mentor { ${PERSON} } mentees { ${PERSON} } meetings { type date notes feedback } tasks { title done } progress { total }`;

const consent = (extra: Record<string, unknown> = {}) => ({
  givenBy: 'representative',
  representativeName: 'Тайнова Анна Сергеевна',
  representativeRelation: 'mother',
  representativeDocument: 'Свидетельство о рождении II-АР № 654321',
  textVersion: 'Согласие v1',
  signedOn: '2026-09-05',
  ...extra,
});

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
  const school = [groups.organization(w.region, w.district, w.school1)];
  tokens = {
    ...w.tokens,
    mentor: await app.tokenFor('mentor', school, 'gimnaziya.mentor'),
    mentee: await app.tokenFor('mentee', school, 'gimnaziya.mentee'),
    partner: await app.tokenFor('partner-admin', ['/partners/sibay-institute'], 'partner.admin'),
  };
  const curator = tokens.curator1!;
  const scanUpload = await post(
    app,
    `/attachments?fileName=${encodeURIComponent('Согласие Тайновой.pdf')}&organizationId=${w.school1.id}`,
    curator,
    new TextEncoder().encode('%PDF-1.4\n% скан согласия\n%%EOF\n'),
  );
  expect(scanUpload.status).toBe(201);
  const { createProgramme } = await ok<{ createProgramme: { id: string } }>(
    app,
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
    curator,
    {
      input: { name: 'Тайна', forms: ['teacher-pupil'], kinds: ['group'], targetGroups: ['7 классы'], periodStart: '2026-09-01', periodEnd: '2027-05-31' },
    },
  );
  const create = async (input: Record<string, unknown>) =>
    (
      await ok<{ createParticipant: { id: string } }>(app, `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`, curator, {
        input,
      })
    ).createParticipant.id;
  const minor = await create({
    programmeId: createProgramme.id,
    role: 'MENTEE',
    category: 'pupil',
    username: 'gimnaziya.mentee',
    ...MINOR,
    consents: [consent({ attachmentId: scanUpload.body.id })],
  });
  const coMinor = await create({
    programmeId: createProgramme.id,
    role: 'MENTEE',
    category: 'pupil',
    ...CO_MINOR,
    consents: [consent({ representativeName: 'Соседов Иван' })],
  });
  const adult = await create({
    programmeId: createProgramme.id,
    role: 'MENTOR',
    category: 'teacher',
    username: 'gimnaziya.mentor',
    ...ADULT,
    consents: [{ givenBy: 'self', textVersion: 'Согласие v1', signedOn: '2026-09-05' }],
  });
  const { confirmPairs } = await ok<{ confirmPairs: Array<{ id: string }> }>(
    app,
    `mutation($p: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $p, pairs: $pairs) { id } }`,
    curator,
    {
      p: createProgramme.id,
      pairs: [{ mentorId: adult, menteeIds: [minor, coMinor], kind: 'group', startDate: '2026-09-15', endDate: '2027-05-31' }],
    },
  );
  const pair = confirmPairs[0]!.id;
  await ok(app, `mutation($pairId: ID!, $tasks: [PlanTaskInput!]!) { setPairPlan(pairId: $pairId, tasks: $tasks) { id } }`, curator, {
    pairId: pair,
    tasks: [{ title: TASK, deadline: '2026-11-30' }],
  });
  await ok(app, `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`, tokens.mentor!, {
    input: { pairId: pair, type: 'acquaintance', date: '2026-09-20', notes: NOTES, feedback: 'Познакомились' },
  });
  ids = { programme: createProgramme.id, minor, coMinor, adult, pair, scan: scanUpload.body.id };
  const district = { 'x-district-id': w.district.id };
  const same = (viewer: PersonalDataViewer) => ({ minor: viewer, coMinor: viewer, adult: viewer });
  actors = [
    { name: 'curator', token: curator, headers: {}, viewerOf: same('school-staff') },
    { name: 'director', token: tokens.director1!, headers: {}, viewerOf: same('school-staff') },
    { name: 'district-officer', token: tokens.officer!, headers: {}, viewerOf: same('district-staff') },
    { name: 'district-head', token: tokens.head!, headers: {}, viewerOf: same('district-staff') },
    { name: 'platform-admin', token: tokens.admin!, headers: district, viewerOf: same('platform') },
    { name: 'region-coordinator', token: tokens.coordinator!, headers: district, viewerOf: same('region') },
    { name: 'mentor', token: tokens.mentor!, headers: {}, viewerOf: { minor: 'pair-mentor', coMinor: 'pair-mentor', adult: 'self' } },
    { name: 'mentee', token: tokens.mentee!, headers: {}, viewerOf: { minor: 'self', coMinor: 'co-mentee', adult: 'pair-mentee' } },
  ];
});

afterAll(async () => {
  await app?.stop();
});

const FIELD_PARTS: Record<string, PersonalDataPart> = {
  lastName: 'identity',
  firstName: 'identity',
  middleName: 'identity',
  classOrPosition: 'identity',
  experienceYears: 'identity',
  birthDate: 'birthDate',
  email: 'contacts',
  phone: 'contacts',
  specialGroups: 'specialGroups',
  tags: 'freeText',
  freeText: 'freeText',
  consents: 'consents',
};
const stored: Record<'minor' | 'coMinor' | 'adult', Record<string, unknown>> = {
  minor: {
    lastName: MINOR.lastName,
    birthDate: MINOR.birthDate,
    email: MINOR.email,
    phone: MINOR.phone,
    specialGroups: MINOR.specialGroups,
    freeText: MINOR.text,
    classOrPosition: MINOR.classOrPosition,
  },
  coMinor: { lastName: CO_MINOR.lastName, birthDate: CO_MINOR.birthDate, phone: CO_MINOR.phone, freeText: CO_MINOR.text },
  adult: { lastName: ADULT.lastName, email: ADULT.email, phone: ADULT.phone, experienceYears: ADULT.experienceYears, freeText: ADULT.text },
};
const isEmpty = (value: unknown) => value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** Every field of the person as the table says for this viewer: present when given, absent when not. */
function expectTable(person: Record<string, any>, who: 'minor' | 'coMinor' | 'adult', viewer: PersonalDataViewer, context: string) {
  const kind = who === 'adult' ? 'adult' : 'minor';
  const parts = new Set(PERSONAL_DATA_ACCESS[viewer][kind]);
  for (const [field, part] of Object.entries(FIELD_PARTS)) {
    const value = person[field];
    const expected = stored[who][field];
    if (!parts.has(part)) expect(isEmpty(value), `${context}: ${who}.${field} must be hidden from ${viewer}, got ${JSON.stringify(value)}`).toBe(true);
    else if (field === 'consents') expect(value.length, `${context}: ${who}.consents for ${viewer}`).toBeGreaterThan(0);
    else if (expected !== undefined) expect(value, `${context}: ${who}.${field} must be shown to ${viewer}`).toEqual(expected);
  }
  if (parts.has('identity')) expect(person.displayName).toContain(stored[who].lastName as string);
  else expect(person.displayName, `${context}: ${who}.displayName for ${viewer}`).toBe('Данные скрыты');
  // No field anywhere in the person's JSON leaks a hidden value (e.g. a name inside another field).
  const json = JSON.stringify(person);
  for (const [field, value] of Object.entries(stored[who])) {
    if (typeof value !== 'string' || parts.has(FIELD_PARTS[field]!)) continue;
    expect(json.includes(value), `${context}: ${who}'s ${field} appears in the answer to ${viewer}`).toBe(false);
  }
}

const whoIs = (id: string): 'minor' | 'coMinor' | 'adult' => (id === ids.minor ? 'minor' : id === ids.coMinor ? 'coMinor' : 'adult');

describe('role × personal field: the table is what every operation returns', () => {
  it('participants and participant(id): staff by the table; mentors, mentees and partners get no base at all', async () => {
    for (const actor of actors) {
      const list = await app.gql<any>(`query($p: ID!) { participants(programmeId: $p, page: { limit: 100 }) { items { ${PERSON} } } }`, {
        token: actor.token,
        headers: actor.headers,
        variables: { p: ids.programme },
      });
      const card = await app.gql<any>(`query($id: ID!) { participant(id: $id) { ${PERSON} } }`, {
        token: actor.token,
        headers: actor.headers,
        variables: { id: ids.minor },
      });
      expect(list.status, actor.name).toBeLessThan(500);
      if (actor.name === 'mentor' || actor.name === 'mentee') {
        expect(list.body.data?.participants ?? null, `${actor.name} must not read the base`).toBeNull();
        expect(card.body.data?.participant ?? null).toBeNull();
        continue;
      }
      expect(list.body.errors, actor.name).toBeUndefined();
      expect(list.body.data.participants.items).toHaveLength(3);
      for (const person of list.body.data.participants.items)
        expectTable(person, whoIs(person.id), actor.viewerOf[whoIs(person.id)], `${actor.name} participants`);
      expectTable(card.body.data.participant, 'minor', actor.viewerOf.minor, `${actor.name} participant(id)`);
    }
    const partner = await app.gql<any>(`query($p: ID!) { participants(programmeId: $p) { items { id lastName } } }`, {
      token: tokens.partner!,
      variables: { p: ids.programme },
    });
    expect(partner.body.data?.participants ?? null).toBeNull();
  });

  it('the access log records who saw a person: not those to whom the table shows nothing of them', async () => {
    const logged = async (participantId: string) =>
      (
        await app.orm.em
          .getConnection()
          .execute<Array<{ user_name: string }>>(
            `select distinct user_name from "${w.district.schemaName}".participant_access_log where participant_id = ? and operation = 'list'`,
            [participantId],
          )
      ).map((row) => row.user_name);
    const nameOf = async (token: string, headers: Record<string, string> = {}) =>
      (await ok<any>(app, `{ me { displayName } }`, token, {}, headers)).me.displayName as string;
    const coordinator = await nameOf(tokens.coordinator!, { 'x-district-id': w.district.id });
    const officer = await nameOf(tokens.officer!);
    const curator = await nameOf(tokens.curator1!);
    expect(await logged(ids.minor)).toContain(curator);
    expect(await logged(ids.minor)).not.toContain(coordinator);
    expect(await logged(ids.minor)).not.toContain(officer);
    expect(await logged(ids.adult)).toContain(officer);
    expect(await logged(ids.adult)).not.toContain(coordinator);
  });

  it('pairs, pair(id), myPairs: people by the table; notes and tasks only for the school and the pair', async () => {
    for (const actor of actors) {
      const member = actor.name === 'mentor' || actor.name === 'mentee';
      const answers = member
        ? [(await ok<any>(app, `{ myPairs { ${PAIR} } }`, actor.token, {}, actor.headers)).myPairs[0]]
        : [
            (await ok<any>(app, `query($p: ID!) { pairs(programmeId: $p) { ${PAIR} } }`, actor.token, { p: ids.programme }, actor.headers)).pairs[0],
            (await ok<any>(app, `query($id: ID!) { pair(id: $id) { ${PAIR} } }`, actor.token, { id: ids.pair }, actor.headers)).pair,
          ];
      for (const pair of answers) {
        expect(pair.id).toBe(ids.pair);
        for (const person of [pair.mentor, ...pair.mentees]) expectTable(person, whoIs(person.id), actor.viewerOf[whoIs(person.id)], `${actor.name} pair`);
        const readsText = ['curator', 'director', 'mentor', 'mentee'].includes(actor.name);
        expect(pair.meetings).toHaveLength(1);
        expect(pair.meetings[0].date).toBe('2026-09-20');
        expect(pair.meetings[0].notes === NOTES, `${actor.name} meeting notes`).toBe(readsText);
        expect(pair.tasks[0].title === TASK, `${actor.name} plan task`).toBe(readsText);
        expect(pair.progress.total).toBe(1);
      }
    }
  });

  it('the pairs order (DOCX naming the children): the school only', async () => {
    for (const actor of actors) {
      const response = await fetch(`${app.api.url}/exports/programmes/${ids.programme}/pairs-order.docx`, {
        headers: { authorization: `Bearer ${actor.token}`, ...actor.headers },
      });
      await response.arrayBuffer();
      const school = actor.name === 'curator' || actor.name === 'director';
      expect(school ? response.status === 200 : [403, 404].includes(response.status), `${actor.name}: ${response.status}`).toBe(true);
    }
  });

  it("the consent scan: the person's school only; every other role gets 404", async () => {
    for (const actor of actors) {
      const response = await fetch(`${app.api.url}/attachments/${ids.scan}`, { headers: { authorization: `Bearer ${actor.token}`, ...actor.headers } });
      const body = await response.text();
      const school = actor.name === 'curator' || actor.name === 'director';
      expect(response.status, actor.name).toBe(school ? 200 : 404);
      if (!school) expect(body).not.toContain('скан согласия');
    }
    // The scan stays while the consent cites it (the participants module answers the attachments service).
    const refused = await app.gql<any>(`mutation($id: ID!) { deleteAttachment(id: $id) }`, { token: tokens.curator1!, variables: { id: ids.scan } });
    expect(refused.body.errors?.[0]).toMatchObject({
      message: 'Файл — скан согласия участника на обработку персональных данных: его нельзя удалить',
      extensions: { code: 'CONFLICT' },
    });
  });

  it("mentors and mentees do not read the school's partner agreements", async () => {
    for (const name of ['mentor', 'mentee'] as const) {
      const response = await app.gql<any>(`{ partnerAgreements { id } }`, { token: tokens[name]! });
      expect(response.body.data?.partnerAgreements ?? null, name).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await ok<any>(app, `{ partnerAgreements { id } }`, tokens.curator1!)).partnerAgreements).toEqual(expect.any(Array));
  });
});
