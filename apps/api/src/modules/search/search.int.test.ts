import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistrict, createOrganization, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { CREATE_ROADMAP, fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * The global search as each role: it finds what the role's own lists show and nothing else —
 * another school's child, another district's people, another partner's mentors, children's names
 * for district staff, anybody for the region — and takes `%` literally.
 */
let app: TestApp;
let w: RoadmapWorld;
let t: Record<string, string>;
const TODAY = '2026-10-15';
let ids: Record<string, string>;

const SEARCH = `query($q: String!, $first: Int) { search(query: $q, first: $first) { kind id title subtitle path } }`;
type Hit = { kind: string; id: string; title: string; subtitle: string | null; path: string };

async function search(token: string, q: string, headers: Record<string, string> = {}): Promise<Hit[]> {
  return (await ok<{ search: Hit[] }>(app, SEARCH, token, { q }, headers)).search;
}

const selfConsent = { givenBy: 'self', textVersion: 'Согласие v1', signedOn: '2026-09-05' };
const parentConsent = {
  givenBy: 'representative',
  representativeName: 'Родителева Анна',
  representativeRelation: 'mother',
  representativeDocument: 'Свидетельство о рождении II-АР № 123456',
  textVersion: 'Согласие v1',
  signedOn: '2026-09-05',
};

async function programmeWithPeople(curator: string, name: string, people: Array<Record<string, unknown>>) {
  const { createProgramme } = await ok<{ createProgramme: { id: string } }>(
    app,
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
    curator,
    { input: { name, forms: ['teacher-pupil'], kinds: ['group'], targetGroups: ['7 классы'], periodStart: '2026-09-01', periodEnd: '2027-05-31' } },
  );
  const created: string[] = [];
  for (const person of people) {
    const { createParticipant } = await ok<{ createParticipant: { id: string } }>(
      app,
      `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`,
      curator,
      { input: { programmeId: createProgramme.id, ...person } },
    );
    created.push(createParticipant.id);
  }
  return { programme: createProgramme.id, people: created };
}

const child = (lastName: string) => ({
  role: 'MENTEE',
  category: 'pupil',
  lastName,
  firstName: 'Вера',
  birthDate: '2013-04-02',
  classOrPosition: '7 «А»',
  consents: [parentConsent],
});
const teacher = (lastName: string) => ({
  role: 'MENTOR',
  category: 'teacher',
  lastName,
  firstName: 'Игорь',
  classOrPosition: 'учитель',
  consents: [selfConsent],
});

async function partnerToken(name: string, inn: string, ogrn: string): Promise<string> {
  const response = await fetch(`${app.api.url}/partners/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      kind: 'university',
      inn,
      ogrn,
      address: 'г. Тестовск',
      regionId: w.region.id,
      districtId: w.district.id,
      contactName: 'Иванова Анна Сергеевна',
      contactEmail: `${inn}@example.ru`,
      contactPhone: '+7 912 345-67-89',
      consent: true,
      consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
    }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  const { id } = (await response.json()) as { id: string };
  const { approvePartnerApplication } = await ok<{ approvePartnerApplication: { username: string; temporaryPassword: string } }>(
    app,
    `mutation($id: ID!) { approvePartnerApplication(id: $id) { username temporaryPassword } }`,
    w.tokens.officer,
    { id },
  );
  return (await app.idp.passwordGrant(approvePartnerApplication.username, approvePartnerApplication.temporaryPassword)).access_token;
}
function innOf(nine: string): string {
  const sum = [2, 4, 10, 3, 5, 9, 4, 6, 8].reduce((acc, weight, i) => acc + weight * Number(nine[i]), 0);
  return `${nine}${(sum % 11) % 10}`;
}
const ogrnOf = (twelve: string) => `${twelve}${(BigInt(twelve) % 11n) % 10n}`;

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  w = await roadmapWorld(app);
  const districtB = await createDistrict(app.orm, w.region, { name: 'ГО г. Другой' });
  const schoolB = await createOrganization(app.orm, districtB, { shortName: 'МОБУ «Гимназия Б»' });
  const percent = await createOrganization(app.orm, w.district, { shortName: 'Лицей «100%»', name: 'Лицей «100%»' });
  const thousand = await createOrganization(app.orm, w.district, { shortName: 'Лицей № 1000', name: 'Лицей № 1000' });
  const school1 = [groups.organization(w.region, w.district, w.school1)];
  t = {
    ...w.tokens,
    curatorB: await app.tokenFor('school-curator', [groups.organization(w.region, districtB, schoolB)], 'sosh4.curator'),
    mentor: await app.tokenFor('mentor', school1, 'gimnaziya.mentor'),
    mentee: await app.tokenFor('mentee', school1, 'gimnaziya.mentee'),
  };
  const one = await programmeWithPeople(t.curator1!, 'Искатели', [child('Тайнова'), teacher('Наставников')]);
  const two = await programmeWithPeople(t.curator2!, 'Соседи', [child('Соседкина')]);
  const other = await programmeWithPeople(t.curatorB!, 'Чужие', [child('Уникальнова'), teacher('Тайнов')]);
  const { createRoadmap } = await ok<{ createRoadmap: { id: string } }>(app, CREATE_ROADMAP, t.curator1!, {
    input: { programmeName: 'Вместе', organizationId: w.school1.id },
  });
  t.partner1 = await partnerToken('ООО «Поисковик»', innOf('027433333'), ogrnOf('102020000003'));
  t.partner2 = await partnerToken('ООО «Другой партнёр»', innOf('027444444'), ogrnOf('102020000004'));
  const mentor = async (token: string, lastName: string) =>
    (
      await ok<{ createPartnerMentor: { id: string } }>(app, `mutation($input: PartnerMentorInput!) { createPartnerMentor(input: $input) { id } }`, token, {
        input: { lastName, firstName: 'Олег', consent: { textVersion: 'v1', signedOn: '2026-10-01' } },
      })
    ).createPartnerMentor.id;
  ids = {
    programme1: one.programme,
    child1: one.people[0]!,
    teacher1: one.people[1]!,
    child2: two.people[0]!,
    childB: other.people[0]!,
    teacherB: other.people[1]!,
    districtB: districtB.id,
    roadmap: createRoadmap.id,
    percent: percent.id,
    thousand: thousand.id,
    partnerMentor1: await mentor(t.partner1, 'Поисков'),
    partnerMentor2: await mentor(t.partner2, 'Поискова'),
  };
});

afterAll(async () => {
  await app?.stop();
});

const idsOf = (hits: Hit[], kind?: string) => hits.filter((h) => !kind || h.kind === kind).map((h) => h.id);

describe('global search', () => {
  it('finds for the school curator their school, its roadmap, programme and people — not the sibling school’s child', async () => {
    const school = await search(t.curator1!, 'гимназ');
    expect(school).toEqual(
      expect.arrayContaining([
        {
          kind: 'ORGANIZATION',
          id: w.school1.id,
          title: 'МОБУ «Гимназия»',
          subtitle: expect.any(String),
          path: `/districts/${w.district.id}/organizations/${w.school1.id}`,
        },
        { kind: 'ROADMAP', id: ids.roadmap, title: 'Дорожная карта: МОБУ «Гимназия»', subtitle: null, path: `/roadmaps/${ids.roadmap}` },
      ]),
    );
    expect(await search(t.curator1!, 'искат')).toEqual([
      { kind: 'PROGRAMME', id: ids.programme1, title: 'Искатели', subtitle: null, path: `/programmes/${ids.programme1}` },
    ]);
    const people = await search(t.curator1!, 'ТАЙНОВ');
    expect(people).toEqual([
      {
        kind: 'PARTICIPANT',
        id: ids.child1,
        title: 'Тайнова Вера',
        subtitle: 'Наставляемый · 7 «А»',
        path: `/programmes/${ids.programme1}/participants/${ids.child1}`,
      },
    ]);
    expect(await search(t.curator1!, 'вера тайн')).toHaveLength(1);
    expect(await search(t.curator1!, 'Соседкина')).toEqual([]);
    expect(idsOf(await search(t.curator2!, 'Соседкина'))).toEqual([ids.child2]);
    expect(idsOf(await search(t.curator2!, 'гимназ'))).toEqual([]);
  });

  it('logs each person it shows in the access log, as the base list does', async () => {
    await search(t.curator1!, 'Наставников');
    const { participantAccessLog } = await ok<{ participantAccessLog: Array<{ operation: string }> }>(
      app,
      `query($id: ID!) { participantAccessLog(participantId: $id) { operation } }`,
      t.curator1!,
      { id: ids.teacher1 },
    );
    expect(participantAccessLog.map((e) => e.operation)).toContain('search');
  });

  it('shows the district staff adults by name but never a child, and the region nobody', async () => {
    for (const token of [t.officer!, t.head!]) {
      expect(idsOf(await search(token, 'Наставников'))).toEqual([ids.teacher1]);
      expect(await search(token, 'Тайнова')).toEqual([]);
      expect(await search(token, 'Соседкина')).toEqual([]);
      expect(idsOf(await search(token, 'Гимназия'), 'ORGANIZATION')).toEqual([w.school1.id]);
    }
    const inA = { 'x-district-id': w.district.id };
    expect(await search(t.coordinator!, 'Наставников', inA)).toEqual([]);
    expect(await search(t.coordinator!, 'Тайнова', inA)).toEqual([]);
    expect(idsOf(await search(t.admin!, 'Наставников', inA))).toEqual([ids.teacher1]);
    expect(await search(t.admin!, 'Тайнова', inA)).toEqual([]);
  });

  it('never crosses the district: a name that exists only in district B is not found from A', async () => {
    for (const token of [t.curator1!, t.director1!, t.officer!, t.head!, t.mentor!, t.mentee!]) {
      expect(await search(token, 'Уникальнова')).toEqual([]);
      expect(await search(token, 'Чужие')).toEqual([]);
      expect(idsOf(await search(token, 'Гимназия Б'))).toEqual([]);
    }
    expect(await search(t.admin!, 'Уникальнова', { 'x-district-id': w.district.id })).toEqual([]);
    // «Тайнов» (a teacher in B) is not found from A; A's «Тайнова» is not found from B.
    expect(idsOf(await search(t.curator1!, 'Тайнов'))).toEqual([ids.child1]);
    expect(idsOf(await search(t.curatorB!, 'Тайнов'))).toEqual([ids.teacherB]);
    expect(idsOf(await search(t.curatorB!, 'Тайнова'))).toEqual([]);
    expect(idsOf(await search(t.curatorB!, 'Уникальнова'))).toEqual([ids.childB]);
    // Naming district B in the header does not help an actor of A.
    expect((await fails(app, SEARCH, t.curator1!, { q: 'Уникальнова' }, { 'x-district-id': ids.districtB! })).extensions?.code).toBe('FORBIDDEN');
  });

  it('gives mentors and mentees no base, and partners only their own mentors', async () => {
    for (const token of [t.mentor!, t.mentee!]) {
      expect(await search(token, 'Тайнова')).toEqual([]);
      expect(await search(token, 'Соседкина')).toEqual([]);
    }
    const own = await search(t.partner1!, 'Поисков');
    expect(own).toEqual(
      expect.arrayContaining([{ kind: 'PARTNER_MENTOR', id: ids.partnerMentor1, title: 'Поисков Олег', subtitle: expect.any(String), path: '/my-partner' }]),
    );
    expect(idsOf(own, 'PARTNER_MENTOR')).toEqual([ids.partnerMentor1]);
    expect(idsOf(await search(t.partner2!, 'Поисков'), 'PARTNER_MENTOR')).toEqual([ids.partnerMentor2]);
    for (const name of ['Тайнова', 'Наставников', 'Уникальнова', 'Соседкина']) expect(await search(t.partner1!, name)).toEqual([]);
    expect(idsOf(await search(t.officer!, 'Поисков'), 'PARTNER_MENTOR')).toEqual([]);
  });

  it('takes % and _ literally and is case-insensitive', async () => {
    expect(idsOf(await search(t.officer!, '0%'))).toEqual([ids.percent]);
    // Unescaped, «%%» would match every name.
    expect(await search(t.officer!, '%%')).toEqual([]);
    expect(await search(t.officer!, '1_0')).toEqual([]);
    expect(idsOf(await search(t.officer!, 'ЛИЦЕЙ № 1000'))).toEqual([ids.thousand]);
  });

  it('refuses a too short or too long query and a bad limit with a Russian message', async () => {
    for (const q of ['', ' а ', 'x']) {
      const error = await fails(app, SEARCH, t.curator1!, { q });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
      expect(error.message).toBe('Поле «Поиск»: введите не менее 2 символов.');
    }
    expect((await fails(app, SEARCH, t.curator1!, { q: 'я'.repeat(101) })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    expect((await fails(app, SEARCH, t.curator1!, { q: 'Тайнова', first: 21 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await ok(app, SEARCH, t.officer!, { q: 'Лицей', first: 1 })).toEqual({ search: [expect.objectContaining({ kind: 'ORGANIZATION' })] });
  });
});
