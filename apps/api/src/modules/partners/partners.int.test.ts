import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDistrict, createOrganization, createRegion, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { fails, ok } from '../../test/roadmaps.js';
import type { District } from '../directory/district.entity.js';
import type { Organization } from '../directory/organization.entity.js';
import type { Region } from '../directory/region.entity.js';

/**
 * Issue 6 over real HTTP with the real embedded idp: public sign-up → officer approval → the partner
 * admin's account in the idp (password grant) → mentor registry with consent → agreement → the
 * school's matching → placement without mentee data → the agreement ends → no new pairs.
 */
let app: TestApp;
let region: Region;
let districtA: District;
let districtB: District;
let schoolA: Organization;
let t: Record<'officerA' | 'officerB' | 'directorA' | 'curatorA' | 'admin', string>;

const TODAY = '2025-10-15';
// Real check digits: ПАО Сбербанк, ООО «Яндекс».
const SBER = { inn: '7707083893', ogrn: '1027700132195' };
const YANDEX = { inn: '7736207543', ogrn: '1027700229193' };

beforeAll(async () => {
  app = await startTestApp({}, { today: TODAY });
  region = await createRegion(app.orm);
  districtA = await createDistrict(app.orm, region, { name: 'ГО г. Первый' });
  districtB = await createDistrict(app.orm, region, { name: 'ГО г. Второй' });
  schoolA = await createOrganization(app.orm, districtA);
  const org = [groups.organization(region, districtA, schoolA)];
  t = {
    officerA: await app.tokenFor('district-officer', [groups.district(region, districtA)], 'sibay.officer'),
    officerB: await app.tokenFor('district-officer', [groups.district(region, districtB)], 'sibay.officer'),
    directorA: await app.tokenFor('school-director', org, 'gimnaziya.director'),
    curatorA: await app.tokenFor('school-curator', org, 'gimnaziya.curator'),
    admin: await app.tokenFor('platform-admin', [], 'admin'),
  };
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(() => app.setToday(TODAY));

function application(extra: Record<string, unknown> = {}) {
  return {
    name: 'ПАО «Сбербанк России»',
    kind: 'enterprise',
    ...SBER,
    address: 'г. Москва, ул. Вавилова, д. 19',
    regionId: region.id,
    districtId: districtA.id,
    contactName: 'Партнёрова Анна Сергеевна',
    contactPosition: 'Руководитель программ',
    contactEmail: 'anna@example.ru',
    contactPhone: '8 (912) 345-67-89',
    consent: true,
    consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
    ...extra,
  };
}

async function apply(body: unknown, raw?: string) {
  const response = await fetch(`${app.api.url}/partners/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const APPROVE = `mutation($id: ID!) { approvePartnerApplication(id: $id) { username temporaryPassword partner { id code name kind } application { id status partnerId adminUsername decidedByName } } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectPartnerApplication(id: $id, reason: $reason) { id status rejectReason } }`;
const APPLICATIONS = `query($status: String) { partnerApplications(status: $status) { id name inn status districtId } }`;
const MY_PARTNER = `{ myPartnerOrganization { id code name kind } }`;
const MENTORS = `query($all: Boolean) { partnerMentors(includeArchived: $all) { id displayName tags capacity availability archivedOn consents { scopes textVersion signedOn } } }`;
const CREATE_MENTOR = `mutation($input: PartnerMentorInput!) { createPartnerMentor(input: $input) { id displayName partnerId tags } }`;
const ARCHIVE = `mutation($id: ID!) { archivePartnerMentor(id: $id) { id archivedOn } }`;
const PROPOSE = `mutation($input: PartnerAgreementInput!) { proposePartnerAgreement(input: $input) { id status statusLabelRu level organizationId districtId decision } }`;
const DECIDE = `mutation($id: ID!, $accept: Boolean!, $reason: String) { decidePartnerAgreement(id: $id, accept: $accept, reason: $reason) { id decision status decidedByName } }`;
const AGREEMENTS = `{ partnerAgreements { id status partnerId } }`;
const PLACEMENTS = `{ partnerPlacements { mentorId mentorName schoolName programmeName districtName activePairs mentees meetings agreementInForce } }`;
const CREATE_PROGRAMME = `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`;
const CREATE_PARTICIPANT = `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`;
const PARTICIPANTS = `query($programmeId: ID!) { participants(programmeId: $programmeId, role: MENTOR, page: { limit: 100 }) { items { id displayName category partnerId } } }`;
const SUGGEST = `query($programmeId: ID!) { suggestMatches(programmeId: $programmeId) {
  suggestions { mentorId menteeIds score mentor { displayName } }
  excludedMentors { mentorId reason text } unmatched { menteeId reason }
} }`;
const CONFIRM = `mutation($programmeId: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $programmeId, pairs: $pairs) { id mentor { id } partnerAgreementInForce } }`;
const PAIRS = `query($programmeId: ID!) { pairs(programmeId: $programmeId) { id mentor { id } partnerAgreementInForce } }`;
const SHARE = `{ partnerMentorShare { organizationId mentors partnerMentors share } partnerOrganizationShare { partnersInForce partnersApproved schools schoolsWithPartner schoolShare } }`;

const mentorInput = (extra: Record<string, unknown> = {}) => ({
  lastName: 'Кузнецов',
  firstName: 'Олег',
  middleName: 'Петрович',
  position: 'Инженер-программист',
  email: 'kuznetsov@example.ru',
  tags: ['программирование', 'робототехника'],
  text: 'Веду кружок робототехники, готовлю к олимпиадам по программированию',
  availability: 'вт, чт после 16:00',
  capacity: 1,
  consent: { textVersion: 'Согласие партнёра v1', signedOn: '2025-10-01' },
  ...extra,
});

const mentee = (programmeId: string, extra: Record<string, unknown> = {}) => ({
  programmeId,
  role: 'MENTEE',
  lastName: 'Секретова',
  firstName: 'Мария',
  category: 'pupil',
  birthDate: '2011-03-01',
  classOrPosition: '8 «А»',
  tags: ['программирование'],
  text: 'Хочу научиться программировать роботов',
  consents: [
    {
      givenBy: 'representative',
      representativeName: 'Секретова Елена Петровна',
      representativeRelation: 'mother',
      representativeDocument: 'Свидетельство о рождении II-АР № 123456',
      textVersion: 'Согласие v1',
      signedOn: '2025-09-05',
    },
  ],
  ...extra,
});

describe('partners: from the public sign-up to a pair in a school', () => {
  it('runs the whole journey and stops new pairs when the agreement ends', async () => {
    // — sign-up: check digits, duplicates, limits —
    const badInn = await apply(application({ inn: '7707083894' }));
    expect(badInn.status).toBe(400);
    expect(badInn.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inn' });
    expect(badInn.body.errors[0].message).toMatch(/^ИНН: /);
    const badOgrn = await apply(application({ ogrn: '1027700132196' }));
    expect(badOgrn.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ogrn' });
    expect(badOgrn.body.errors[0].message).toMatch(/^ОГРН: /);
    const wrongDistrict = await apply(application({ districtId: '00000000-0000-7000-8000-000000000000' }));
    expect(wrongDistrict.body.errors[0].extensions).toMatchObject({ field: 'districtId' });
    expect((await apply(null, '{not json')).status).toBe(400);
    expect((await apply(null, JSON.stringify({ ...application(), address: 'x'.repeat(20_000) }))).status).toBe(413);

    const submitted = await apply(application());
    expect(submitted).toMatchObject({ status: 201, body: { status: 'pending' } });
    const duplicate = await apply(application({ name: 'Сбер (повторно)', inn: ' 7707 083 893 ' }));
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'inn', reason: 'DUPLICATE' });
    expect(duplicate.body.errors[0].message).toContain('ПАО «Сбербанк России»');

    // — review: only the officer of that district (or the platform admin) —
    const listedB = await ok<{ partnerApplications: any[] }>(app, APPLICATIONS, t.officerB, { status: 'pending' });
    expect(listedB.partnerApplications.map((a) => a.id)).not.toContain(submitted.body.id);
    expect((await fails(app, APPROVE, t.officerB, { id: submitted.body.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(app, APPROVE, t.curatorA, { id: submitted.body.id })).extensions?.code).toBe('FORBIDDEN');
    const listedA = await ok<{ partnerApplications: any[] }>(app, APPLICATIONS, t.officerA, { status: 'pending' });
    expect(listedA.partnerApplications).toEqual([expect.objectContaining({ id: submitted.body.id, inn: SBER.inn, status: 'pending' })]);

    const approved = (await ok<{ approvePartnerApplication: any }>(app, APPROVE, t.officerA, { id: submitted.body.id })).approvePartnerApplication;
    expect(approved).toMatchObject({
      username: `p${SBER.inn}.admin`,
      partner: { code: `p${SBER.inn}`, name: 'ПАО «Сбербанк России»', kind: 'ENTERPRISE' },
      application: { status: 'approved', adminUsername: `p${SBER.inn}.admin` },
    });
    expect(approved.temporaryPassword).toMatch(/^[A-Za-z0-9]{14}$/);
    expect((await fails(app, APPROVE, t.officerA, { id: submitted.body.id })).extensions).toMatchObject({ code: 'CONFLICT', reason: 'STATE' });
    // Still a duplicate once approved.
    const afterApproval = await apply(application());
    expect(afterApproval.body.errors[0].message).toMatch(/^ИНН: организация с этим ИНН уже зарегистрирована/);

    // — the partner admin logs in through the idp's real token endpoint —
    const { access_token: partner } = await app.idp.passwordGrant(approved.username, approved.temporaryPassword);
    expect((await ok<{ myPartnerOrganization: any }>(app, MY_PARTNER, partner)).myPartnerOrganization).toMatchObject({ code: `p${SBER.inn}` });

    // — mentor registry with consent —
    const noConsent = await fails(app, CREATE_MENTOR, partner, { input: { ...mentorInput(), consent: { textVersion: '', signedOn: '2025-10-01' } } });
    expect(noConsent.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String(noConsent.extensions?.field)).toMatch(/^consent/);
    const m1 = (await ok<{ createPartnerMentor: any }>(app, CREATE_MENTOR, partner, { input: mentorInput() })).createPartnerMentor;
    const m2 = (
      await ok<{ createPartnerMentor: any }>(app, CREATE_MENTOR, partner, {
        input: mentorInput({ lastName: 'Смирнова', firstName: 'Ольга', middleName: null, email: null, tags: ['робототехника'] }),
      })
    ).createPartnerMentor;
    const listed = (await ok<{ partnerMentors: any[] }>(app, MENTORS, partner)).partnerMentors;
    expect(listed.map((m) => m.displayName)).toEqual(['Кузнецов Олег Петрович', 'Смирнова Ольга']);
    expect(listed[0].consents).toEqual([{ scopes: ['processing'], textVersion: 'Согласие партнёра v1', signedOn: '2025-10-01' }]);

    // — agreement: proposed by the partner, accepted by the school's director —
    const proposed = (
      await ok<{ proposePartnerAgreement: any }>(app, PROPOSE, partner, {
        input: {
          level: 'school',
          organizationId: schoolA.id,
          subject: 'Наставничество сотрудников банка над школьниками',
          number: '15/25',
          signedOn: '2025-10-10',
          periodStart: '2025-10-10',
          periodEnd: '2026-05-31',
        },
      })
    ).proposePartnerAgreement;
    expect(proposed).toMatchObject({ status: 'proposed', statusLabelRu: 'Предложено', districtId: districtA.id });
    const badPeriod = await fails(app, PROPOSE, partner, {
      input: { level: 'school', organizationId: schoolA.id, subject: 'x', periodStart: '2026-01-01', periodEnd: '2025-01-01' },
    });
    expect(badPeriod.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodEnd' });
    expect((await fails(app, DECIDE, t.officerB, { id: proposed.id, accept: true })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, DECIDE, t.directorA, { id: proposed.id, accept: false })).extensions).toMatchObject({ field: 'reason' });
    const accepted = (await ok<{ decidePartnerAgreement: any }>(app, DECIDE, t.directorA, { id: proposed.id, accept: true })).decidePartnerAgreement;
    expect(accepted).toMatchObject({ decision: 'accepted', status: 'active' });

    // KPI: the district has one partner in force, its only school is covered.
    const kpiBefore = await ok<any>(app, SHARE, t.officerA);
    expect(kpiBefore.partnerOrganizationShare).toEqual({ partnersInForce: 1, partnersApproved: 1, schools: 1, schoolsWithPartner: 1, schoolShare: 1 });

    // — the school's matching offers the partner mentors —
    const programmeId = (
      await ok<{ createProgramme: any }>(app, CREATE_PROGRAMME, t.curatorA, {
        input: {
          name: 'Профессии будущего',
          forms: ['employer-pupil'],
          kinds: ['traditional'],
          targetGroups: ['8–9 классы'],
          periodStart: '2025-09-01',
          periodEnd: '2026-08-31',
        },
      })
    ).createProgramme.id;
    const menteeId = (await ok<{ createParticipant: any }>(app, CREATE_PARTICIPANT, t.curatorA, { input: mentee(programmeId) })).createParticipant.id;
    const suggested = (await ok<{ suggestMatches: any }>(app, SUGGEST, t.curatorA, { programmeId })).suggestMatches;
    const base = (await ok<{ participants: any }>(app, PARTICIPANTS, t.curatorA, { programmeId })).participants.items;
    expect(base).toHaveLength(2);
    expect(base.every((p: any) => p.category === 'partner-employee' && p.partnerId === approved.partner.id)).toBe(true);
    const kuznetsov = base.find((p: any) => p.displayName.startsWith('Кузнецов'));
    const smirnova = base.find((p: any) => p.displayName.startsWith('Смирнова'));
    expect(suggested.suggestions).toEqual([expect.objectContaining({ mentorId: kuznetsov.id, menteeIds: [menteeId] })]);
    // A second run copies nobody twice.
    await ok(app, SUGGEST, t.curatorA, { programmeId });
    expect((await ok<{ participants: any }>(app, PARTICIPANTS, t.curatorA, { programmeId })).participants.items).toHaveLength(2);

    const [pair] = (
      await ok<{ confirmPairs: any[] }>(app, CONFIRM, t.curatorA, {
        programmeId,
        pairs: [{ mentorId: kuznetsov.id, menteeIds: [menteeId], startDate: '2025-10-20', endDate: '2026-05-20' }],
      })
    ).confirmPairs;
    expect(pair).toMatchObject({ mentor: { id: kuznetsov.id }, partnerAgreementInForce: true });

    // — the partner sees where its mentors work, never the mentees —
    const placementsResponse = await app.gql<{ partnerPlacements: any[] }>(PLACEMENTS, { token: partner });
    const placements = placementsResponse.body.data!.partnerPlacements;
    expect(placements).toEqual(
      expect.arrayContaining([
        {
          mentorId: m1.id,
          mentorName: 'Кузнецов Олег Петрович',
          schoolName: schoolA.shortName,
          programmeName: 'Профессии будущего',
          districtName: 'ГО г. Первый',
          activePairs: 1,
          mentees: 1,
          meetings: 0,
          agreementInForce: true,
        },
        expect.objectContaining({ mentorId: m2.id, activePairs: 0, mentees: 0 }),
      ]),
    );
    expect(JSON.stringify(placementsResponse.body)).not.toMatch(/Секретова|Мария|2011-03-01/);
    // No tenant for a partner: no programme data, no participants, no pairs.
    for (const query of [PARTICIPANTS, PAIRS]) {
      const refused = await fails(app, query, partner, { programmeId });
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refused.extensions?.code);
    }
    const withHeader = await app.gql(PARTICIPANTS, { token: partner, variables: { programmeId }, headers: { 'x-district-id': districtA.id } });
    expect(withHeader.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(withHeader.body)).not.toMatch(/Секретова/);

    // KPI: both mentors of the school's base come from a partner.
    const kpi = await ok<any>(app, SHARE, t.officerA);
    expect(kpi.partnerMentorShare).toEqual([{ organizationId: schoolA.id, mentors: 2, partnerMentors: 2, share: 1 }]);

    // — the agreement ends: no new pairs with its mentors, the existing pair is flagged —
    app.setToday('2026-06-01');
    const mentee2 = (
      await ok<{ createParticipant: any }>(app, CREATE_PARTICIPANT, t.curatorA, { input: mentee(programmeId, { lastName: 'Другая', birthDate: '2011-05-05' }) })
    ).createParticipant.id;
    const later = (await ok<{ suggestMatches: any }>(app, SUGGEST, t.curatorA, { programmeId })).suggestMatches;
    expect(later.suggestions).toEqual([]);
    expect(later.excludedMentors).toEqual([expect.objectContaining({ mentorId: smirnova.id, reason: 'partner-not-available' })]);
    const refused = await fails(app, CONFIRM, t.curatorA, {
      programmeId,
      pairs: [{ mentorId: smirnova.id, menteeIds: [mentee2], startDate: '2026-06-02', endDate: '2026-12-20' }],
    });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pairs[0].mentorId', reason: 'PARTNER_AGREEMENT' });
    expect(refused.message).toMatch(/^Соглашение с организацией-партнёром не действует/);
    const pairs = (await ok<{ pairs: any[] }>(app, PAIRS, t.curatorA, { programmeId })).pairs;
    expect(pairs).toEqual([{ id: pair.id, mentor: { id: kuznetsov.id }, partnerAgreementInForce: false }]);
    expect((await ok<{ partnerAgreements: any[] }>(app, AGREEMENTS, partner)).partnerAgreements).toEqual([
      expect.objectContaining({ id: proposed.id, status: 'expired' }),
    ]);
    expect((await ok<{ partnerPlacements: any[] }>(app, PLACEMENTS, partner)).partnerPlacements.every((p) => p.agreementInForce === false)).toBe(true);
    app.setToday(TODAY);
  });

  it('a partner sees only its own mentors and agreements; rejections need a reason', async () => {
    const yandex = await apply(application({ name: 'ООО «Яндекс»', ...YANDEX, contactEmail: 'y@example.ru', districtId: districtB.id }));
    expect(yandex.status).toBe(201);
    // The platform admin may approve for any district.
    const approved = (await ok<{ approvePartnerApplication: any }>(app, APPROVE, t.admin, { id: yandex.body.id })).approvePartnerApplication;
    const { access_token: other } = await app.idp.passwordGrant(approved.username, approved.temporaryPassword);
    expect((await ok<{ partnerMentors: any[] }>(app, MENTORS, other, { all: true })).partnerMentors).toEqual([]);
    expect((await ok<{ partnerPlacements: any[] }>(app, PLACEMENTS, other)).partnerPlacements).toEqual([]);
    expect((await ok<{ partnerAgreements: any[] }>(app, AGREEMENTS, other)).partnerAgreements).toEqual([]);
    const [sberMentor] = await app.orm.em.getConnection().execute<Array<{ id: string }>>(`select id from core.partner_mentor order by created_at limit 1`);
    expect((await fails(app, ARCHIVE, other, { id: sberMentor!.id })).extensions?.code).toBe('NOT_FOUND');
    const own = (await ok<{ createPartnerMentor: any }>(app, CREATE_MENTOR, other, { input: mentorInput({ lastName: 'Яндексов' }) })).createPartnerMentor;
    expect((await ok<{ archivePartnerMentor: any }>(app, ARCHIVE, other, { id: own.id })).archivePartnerMentor.archivedOn).toBe(TODAY);
    expect((await ok<{ partnerMentors: any[] }>(app, MENTORS, other)).partnerMentors).toEqual([]);
    // CSV import: good rows are created, bad ones reported with their field; staff cannot import.
    const csv = [
      'Фамилия;Имя;Отчество;Должность;Компетенции (теги через запятую);Доступность;Сколько наставляемых;Согласие: версия текста;Согласие: дата подписания',
      'Импортов;Илья;;Разработчик;python, анализ данных;пн;2;Согласие v1;2025-10-01',
      ';Без фамилии;;;;;;Согласие v1;2025-10-01',
      'Безсогласия;Пётр;;;;;;;',
    ].join('\r\n');
    const importCsv = (token: string, body: string) =>
      fetch(`${app.api.url}/partners/mentors/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
    const imported = await importCsv(other, csv);
    expect(imported.status).toBe(200);
    const report = (await imported.json()) as any;
    expect(report).toMatchObject({ total: 3, imported: 1 });
    expect(report.rows.map((r: any) => [r.rowNumber, r.ok, r.field])).toEqual(
      [
        [2, true, ''],
        [3, false, 'lastName'],
        [4, false, expect.stringMatching(/^consent/)],
      ].map(([n, okRow, field]) => [n, okRow, okRow ? null : field]),
    );
    expect(report.rows[1].message).toBe('Фамилия: поле обязательно');
    expect((await importCsv(other, 'Фамилия;Имя\nА;Б')).status).toBe(400);
    expect((await importCsv(t.directorA, csv)).status).toBe(403);
    expect((await ok<{ partnerMentors: any[] }>(app, MENTORS, other)).partnerMentors.map((m) => [m.displayName, m.tags, m.capacity])).toEqual([
      ['Импортов Илья', ['python', 'анализ данных'], 2],
    ]);
    await ok(app, ARCHIVE, other, { id: (await ok<{ partnerMentors: any[] }>(app, MENTORS, other)).partnerMentors[0].id });

    // Staff of schools and districts have no partner registry.
    expect((await fails(app, MENTORS, t.directorA)).extensions?.code).toBe('FORBIDDEN');

    const third = await apply(application({ name: 'АНО «Третий»', kind: 'alumni', inn: '', ogrn: '', contactEmail: 't@example.ru' }));
    expect(third.status).toBe(201);
    expect((await fails(app, REJECT, t.officerA, { id: third.body.id, reason: '  ' })).extensions).toMatchObject({ field: 'reason' });
    expect((await fails(app, REJECT, t.officerB, { id: third.body.id, reason: 'Чужой' })).extensions?.code).toBe('FORBIDDEN');
    const rejected = (await ok<{ rejectPartnerApplication: any }>(app, REJECT, t.officerA, { id: third.body.id, reason: 'Нет сведений об организации' }))
      .rejectPartnerApplication;
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'Нет сведений об организации' });
  });

  it('limits sign-ups per address', async () => {
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) {
      last = (await apply(application({ name: `Орг ${i}`, inn: '', ogrn: '', kind: 'alumni', contactEmail: `r${i}@example.ru` }))).status;
    }
    expect(last).toBe(429);
  });
});
