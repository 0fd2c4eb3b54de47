import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDistrict, createOrganization, createRegion, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ERASE_EXPIRED_APPLICANTS_JOB } from './jobs.js';
import { fails, ok } from '../../test/roadmaps.js';
import type { District } from '../directory/district.entity.js';
import type { Organization } from '../directory/organization.entity.js';
import type { Region } from '../directory/region.entity.js';

/**
 * Issue 6, the gaps: the contact person's consent stored with the application (and required), the
 * erasure of a rejected applicant's personal data (on request and after the retention period), and
 * the signed agreement files — uploaded by either party, read by the parties only — over real HTTP.
 */
let app: TestApp;
let region: Region;
let districtA: District;
let districtB: District;
let schoolA: Organization;
let schoolA2: Organization;
let t: Record<'officerA' | 'officerB' | 'directorA' | 'curatorA' | 'directorA2' | 'admin', string>;

const TODAY = '2025-10-15';
const MAX_BYTES = 8192;

beforeAll(async () => {
  // Workers on: the erasure after the retention period is a daily job, run below through the queue.
  app = await startTestApp({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES), JOBS_ENABLED: 'true', JOBS_POLL_INTERVAL_SECONDS: '0.5' }, { today: TODAY });
  region = await createRegion(app.orm);
  districtA = await createDistrict(app.orm, region, { name: 'ГО г. Первый' });
  districtB = await createDistrict(app.orm, region, { name: 'ГО г. Второй' });
  schoolA = await createOrganization(app.orm, districtA);
  schoolA2 = await createOrganization(app.orm, districtA);
  t = {
    officerA: await app.tokenFor('district-officer', [groups.district(region, districtA)], 'sibay.officer'),
    officerB: await app.tokenFor('district-officer', [groups.district(region, districtB)], 'sibay.officer'),
    directorA: await app.tokenFor('school-director', [groups.organization(region, districtA, schoolA)], 'gimnaziya.director'),
    curatorA: await app.tokenFor('school-curator', [groups.organization(region, districtA, schoolA)], 'gimnaziya.curator'),
    directorA2: await app.tokenFor('school-director', [groups.organization(region, districtA, schoolA2)], 'gimnaziya.director'),
    admin: await app.tokenFor('platform-admin', [], 'admin'),
  };
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(() => app.setToday(TODAY));

/** Numbers with valid check digits of our own. */
function innOf(nine: string): string {
  const sum = [2, 4, 10, 3, 5, 9, 4, 6, 8].reduce((acc, w, i) => acc + w * Number(nine[i]), 0);
  return `${nine}${(sum % 11) % 10}`;
}
const ogrnOf = (twelve: string) => `${twelve}${(BigInt(twelve) % 11n) % 10n}`;

function application(n: string, extra: Record<string, unknown> = {}) {
  return {
    name: `ООО «Партнёр ${n}»`,
    kind: 'enterprise',
    inn: innOf(`0274333${n}`),
    ogrn: ogrnOf(`10202000${n}00`),
    address: 'г. Сибай, ул. Ленина, д. 1',
    regionId: region.id,
    districtId: districtA.id,
    contactName: 'Петрова Мария Ивановна',
    contactPosition: 'Директор по персоналу',
    contactEmail: `hr${n}@example.ru`,
    contactPhone: '+7 912 000-00-00',
    consent: true,
    consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
    ...extra,
  };
}

async function apply(body: unknown) {
  const response = await fetch(`${app.api.url}/partners/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const APPLICATIONS = `{ partnerApplications { id status inn contactName contactPosition contactEmail contactPhone consentGivenAt consentTextVersion consentText personalDataErasedAt personalDataErasedByName } }`;
const REJECT = `mutation($id: ID!) { rejectPartnerApplication(id: $id, reason: "Нет подписи руководителя") { id status } }`;
const ERASE = `mutation($id: ID!) { erasePartnerApplicantData(id: $id) { id inn name contactName contactEmail contactPhone contactPosition personalDataErasedAt personalDataErasedByName consentTextVersion } }`;
const APPROVE = `mutation($id: ID!) { approvePartnerApplication(id: $id) { username temporaryPassword } }`;
const PROPOSE = `mutation($input: PartnerAgreementInput!) { proposePartnerAgreement(input: $input) { id } }`;
const DECIDE = `mutation($id: ID!, $accept: Boolean!, $reason: String) { decidePartnerAgreement(id: $id, accept: $accept, reason: $reason) { id decision } }`;
const FILES = `{ partnerAgreements { id files { id fileName contentType size uploadedByName uploadedBySide url } } }`;

const listed = async (id: string) => (await ok<{ partnerApplications: any[] }>(app, APPLICATIONS, t.officerA)).partnerApplications.find((a) => a.id === id);

async function partnerToken(n: string): Promise<string> {
  const { body } = await apply(application(n));
  const approved = (await ok<{ approvePartnerApplication: any }>(app, APPROVE, t.officerA, { id: body.id })).approvePartnerApplication;
  return (await app.idp.passwordGrant(approved.username, approved.temporaryPassword)).access_token;
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function upload(token: string | null, agreementId: string, fileName: string, data: Buffer) {
  const response = await fetch(`${app.api.url}/partner-files/agreements/${agreementId}?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new Uint8Array(data),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function download(token: string | null, url: string) {
  const response = await fetch(`${app.api.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, headers: response.headers, data: Buffer.from(await response.arrayBuffer()) };
}

describe('partners: the contact person consent and the erasure of an applicant', () => {
  it('requires the consent, stores its moment, version and text, and shows it to the officer', async () => {
    const missing = await apply(application('01', { consent: undefined }));
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'consent' });
    expect(missing.body.errors[0].message).toMatch(/^Согласие на обработку персональных данных: обязательно/);
    const refused = await apply(application('01', { consent: false }));
    expect(refused.body.errors[0].extensions.field).toBe('consent');
    const outdated = await apply(application('01', { consentTextVersion: 'partner-application-2020' }));
    expect(outdated.status).toBe(400);
    expect(outdated.body.errors[0].extensions.field).toBe('consentTextVersion');
    expect(outdated.body.errors[0].message).toMatch(/текст согласия изменился/);

    const before = Date.now();
    const created = await apply(application('01'));
    expect(created.status).toBe(201);
    const card = await listed(created.body.id);
    expect(card).toMatchObject({
      consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
      consentText: PARTNER_APPLICATION_CONSENT_RU.text,
      contactName: 'Петрова Мария Ивановна',
      personalDataErasedAt: null,
    });
    expect(new Date(card.consentGivenAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('erases a rejected applicant on request by the officer of its district only, keeping the requisites', async () => {
    const { body } = await apply(application('02'));
    // Pending: the contact person may still become the partner admin.
    expect((await fails(app, ERASE, t.officerA, { id: body.id })).extensions).toMatchObject({ code: 'CONFLICT' });
    await ok(app, REJECT, t.officerA, { id: body.id });
    expect((await fails(app, ERASE, t.officerB, { id: body.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(app, ERASE, t.directorA, { id: body.id })).extensions?.code).toBe('FORBIDDEN');
    const erased = (await ok<{ erasePartnerApplicantData: any }>(app, ERASE, t.officerA, { id: body.id })).erasePartnerApplicantData;
    expect(erased).toMatchObject({
      inn: innOf('027433302'),
      name: 'ООО «Партнёр 02»',
      contactName: '',
      contactEmail: '',
      contactPhone: '',
      contactPosition: null,
      personalDataErasedByName: expect.any(String),
      consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
    });
    expect(erased.personalDataErasedAt).not.toBeNull();
    // Nothing of the person is left in the table.
    const [row] = await app.orm.em.getConnection().execute(`select * from core.partner_application where id = ?`, [body.id]);
    expect(JSON.stringify(row)).not.toMatch(/Петрова|hr02@|79120000000/);
    expect((await fails(app, ERASE, t.officerA, { id: body.id })).extensions).toMatchObject({ code: 'CONFLICT' });
    // The same organisation may apply again.
    expect((await apply(application('02'))).status).toBe(201);
  });

  it('erases rejected applicants after the retention period (the daily job), never the approved or the pending', async () => {
    const rejected = (await apply(application('03'))).body.id as string;
    await ok(app, REJECT, t.officerA, { id: rejected });
    const pending = (await apply(application('04'))).body.id as string;
    const decidedDaysAgo = (days: number) =>
      app.orm.em.getConnection().execute(`update core.partner_application set decided_at = now() - make_interval(days => ?) where id = ?`, [days, rejected]);
    await decidedDaysAgo(179);
    expect(await app.api.jobs.runNow(ERASE_EXPIRED_APPLICANTS_JOB)).toMatchObject({ state: 'completed' });
    expect((await listed(rejected)).contactName).toBe('Петрова Мария Ивановна');
    await decidedDaysAgo(181);
    // Reading the list erases nothing: the job does.
    expect((await listed(rejected)).contactName).toBe('Петрова Мария Ивановна');
    const run = await app.api.jobs.runNow(ERASE_EXPIRED_APPLICANTS_JOB);
    expect(run).toMatchObject({ state: 'completed', summary: { erased: expect.any(Number) } });
    expect(run.summary!.erased).toBeGreaterThanOrEqual(1);
    expect(await listed(rejected)).toMatchObject({ contactName: '', contactEmail: '', personalDataErasedByName: null });
    expect((await listed(rejected)).personalDataErasedAt).not.toBeNull();
    expect((await listed(pending)).contactName).toBe('Петрова Мария Ивановна');
  });
});

describe('partners: the signed agreement files', () => {
  it('are uploaded by either party and read by the parties only', async () => {
    const sber = await partnerToken('05');
    const yandex = await partnerToken('06');
    const agreementId = (
      await ok<{ proposePartnerAgreement: { id: string } }>(app, PROPOSE, sber, {
        input: { level: 'school', organizationId: schoolA.id, subject: 'Наставничество', periodStart: '2025-10-20', number: '15-Н', signedOn: '2025-10-10' },
      })
    ).proposePartnerAgreement.id;

    // Limits: type, content, size, name — Russian messages on the field `file`.
    const exe = await upload(sber, agreementId, 'договор.exe', PDF);
    expect(exe.status).toBe(415);
    expect(exe.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/^Файл соглашения: недопустимый тип «\.exe».*PDF, DOCX, JPG, PNG/),
      extensions: { field: 'file' },
    });
    const xlsx = await upload(sber, agreementId, 'договор.xlsx', PDF);
    expect(xlsx.status).toBe(415);
    const fake = await upload(sber, agreementId, 'договор.pdf', Buffer.from('MZ this is not a pdf'));
    expect(fake.status).toBe(415);
    expect(fake.body.errors[0].message).toMatch(/содержимое не соответствует типу «\.pdf»/);
    const big = await upload(sber, agreementId, 'договор.pdf', Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]));
    expect(big.status).toBe(413);
    expect(big.body.errors[0].message).toMatch(/^Файл соглашения: слишком большой — не более 8 КБ/);
    const empty = await upload(sber, agreementId, 'договор.pdf', Buffer.alloc(0));
    expect(empty.status).toBe(400);

    // Nobody outside the agreement may attach (another partner, another district, another school).
    expect((await upload(yandex, agreementId, 'чужой.pdf', PDF)).status).toBe(404);
    expect((await upload(t.officerB, agreementId, 'чужой.pdf', PDF)).status).toBe(404);
    expect((await upload(t.directorA2, agreementId, 'чужой.pdf', PDF)).status).toBe(404);
    expect((await upload(null, agreementId, 'чужой.pdf', PDF)).status).toBe(401);
    // The school's curator reads the files but does not decide on the agreement.
    expect((await upload(t.curatorA, agreementId, 'скан.pdf', PDF)).status).toBe(403);

    const signed = await upload(sber, agreementId, 'Соглашение № 15-Н.pdf', PDF);
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({ fileName: 'Соглашение № 15-Н.pdf', contentType: 'application/pdf', size: PDF.length, uploadedBySide: 'partner' });
    const scan = await upload(t.directorA, agreementId, 'скан.png', PNG);
    expect(scan.body).toMatchObject({ uploadedBySide: 'counterpart', contentType: 'image/png' });

    // Read: the partner, the school's staff, the district's officer, the platform admin.
    for (const token of [sber, t.directorA, t.curatorA, t.officerA, t.admin]) {
      const got = await download(token, signed.body.url);
      expect(got.status).toBe(200);
      expect(got.data.equals(PDF)).toBe(true);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Соглашение № 15-Н.pdf')}`);
    }
    // Never: another partner, another district's officer, another school's director, no token.
    for (const token of [yandex, t.officerB, t.directorA2]) {
      const got = await download(token, signed.body.url);
      expect(got.status).toBe(404);
      expect(got.data.toString('utf8')).not.toContain('%PDF');
    }
    expect((await download(null, signed.body.url)).status).toBe(401);
    // An id that is not a UUID is refused by the route's schema, naming it.
    const malformed = await download(sber, '/partner-files/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.data.toString('utf8')).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });

    // The cards in GraphQL: to the parties, in upload order; another partner sees neither agreement nor files.
    const seen = (await ok<{ partnerAgreements: any[] }>(app, FILES, t.directorA)).partnerAgreements.find((a) => a.id === agreementId);
    expect(seen.files.map((f: any) => [f.fileName, f.uploadedBySide, f.url])).toEqual([
      ['Соглашение № 15-Н.pdf', 'partner', signed.body.url],
      ['скан.png', 'counterpart', scan.body.url],
    ]);
    expect((await ok<{ partnerAgreements: any[] }>(app, FILES, yandex)).partnerAgreements).toEqual([]);

    // Accepted and in force: still open for files; declined: closed.
    await ok(app, DECIDE, t.directorA, { id: agreementId, accept: true });
    expect((await upload(sber, agreementId, 'доп-соглашение.pdf', PDF)).status).toBe(201);
    const other = (
      await ok<{ proposePartnerAgreement: { id: string } }>(app, PROPOSE, sber, {
        input: { level: 'district', districtId: districtA.id, subject: 'Наставничество в муниципалитете', periodStart: '2025-10-20' },
      })
    ).proposePartnerAgreement.id;
    const districtFile = await upload(sber, other, 'муниципалитет.pdf', PDF);
    expect(districtFile.status).toBe(201);
    // A district agreement's file: the district's staff, not the schools.
    expect((await download(t.officerA, districtFile.body.url)).status).toBe(200);
    expect((await download(t.directorA, districtFile.body.url)).status).toBe(404);
    await ok(app, DECIDE, t.officerA, { id: other, accept: false, reason: 'Нет подписи' });
    const closed = await upload(sber, other, 'поздно.pdf', PDF);
    expect(closed.status).toBe(409);
    expect(closed.body.errors[0].message).toBe('Файл можно приложить только к предложенному или действующему соглашению');
  });
});

describe('the shared tag catalogue', () => {
  it('is served to any logged-in user without a district, and partner mentors get canonical tags', async () => {
    const QUERY = `{ tagCatalogue { code label tags { tag synonyms } } }`;
    const anonymous = await fetch(`${app.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const partner = await partnerToken('07');
    for (const token of [partner, t.curatorA]) {
      const groups = (await ok<{ tagCatalogue: any[] }>(app, QUERY, token)).tagCatalogue;
      expect(groups.map((g) => g.label)).toEqual(expect.arrayContaining(['Учебные предметы', 'Профориентация', 'Цифровые навыки']));
      expect(groups.find((g) => g.code === 'digital').tags).toContainEqual(
        expect.objectContaining({ tag: 'программирование', synonyms: expect.arrayContaining(['кодинг']) }),
      );
    }
    const mentor = (
      await ok<{ createPartnerMentor: { tags: string[] } }>(
        app,
        `mutation($input: PartnerMentorInput!) { createPartnerMentor(input: $input) { tags } }`,
        partner,
        {
          input: {
            lastName: 'Орлов',
            firstName: 'Иван',
            tags: ['Кодинг', ' English ', 'программирование', 'Пчеловодство'],
            consent: { textVersion: 'v1', signedOn: '2025-10-01' },
          },
        },
      )
    ).createPartnerMentor;
    expect(mentor.tags).toEqual(['программирование', 'английский язык', 'пчеловодство']);
  });
});
