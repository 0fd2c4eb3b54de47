import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistrict, createOrganization, createRegion, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { fails, ok } from '../../test/roadmaps.js';
import type { District } from '../directory/district.entity.js';
import type { Organization } from '../directory/organization.entity.js';
import type { Region } from '../directory/region.entity.js';

/**
 * What the admin's partner screens read besides the core flow: names of the parties of an
 * agreement and of an application's district, the schools a partner may propose to, restoring an
 * archived mentor — each across the partner boundary.
 */
let app: TestApp;
let region: Region;
let districtA: District;
let schoolA: Organization;
let schoolA2: Organization;
let t: Record<'officerA' | 'directorA', string>;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  region = await createRegion(app.orm);
  districtA = await createDistrict(app.orm, region, { name: 'ГО г. Первый' });
  schoolA = await createOrganization(app.orm, districtA);
  schoolA2 = await createOrganization(app.orm, districtA);
  t = {
    officerA: await app.tokenFor('district-officer', [groups.district(region, districtA)], 'sibay.officer'),
    directorA: await app.tokenFor('school-director', [groups.organization(region, districtA, schoolA)], 'gimnaziya.director'),
  };
});

afterAll(async () => {
  await app?.stop();
});

/** Numbers with valid check digits of our own (other test files apply with real companies' numbers). */
function innOf(nine: string): string {
  const sum = [2, 4, 10, 3, 5, 9, 4, 6, 8].reduce((acc, w, i) => acc + w * Number(nine[i]), 0);
  return `${nine}${(sum % 11) % 10}`;
}
const ogrnOf = (twelve: string) => `${twelve}${(BigInt(twelve) % 11n) % 10n}`;

async function partnerToken(name: string, inn: string, ogrn: string): Promise<string> {
  const response = await fetch(`${app.api.url}/partners/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      kind: 'university',
      inn,
      ogrn,
      address: 'г. Сибай',
      regionId: region.id,
      districtId: districtA.id,
      contactName: 'Иванова Анна Сергеевна',
      contactEmail: `${inn}@example.ru`,
      contactPhone: '+7 912 345-67-89',
      consent: true,
      consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
    }),
  });
  const { id } = (await response.json()) as { id: string };
  const listed = await ok<{ partnerApplications: any[] }>(
    app,
    `{ partnerApplications(status: "pending") { id district { name } region { name } } }`,
    t.officerA,
  );
  expect(listed.partnerApplications.find((a) => a.id === id)).toMatchObject({ district: { name: 'ГО г. Первый' }, region: { name: region.name } });
  const approved = (
    await ok<{ approvePartnerApplication: any }>(app, `mutation($id: ID!) { approvePartnerApplication(id: $id) { username temporaryPassword } }`, t.officerA, {
      id,
    })
  ).approvePartnerApplication;
  return (await app.idp.passwordGrant(approved.username, approved.temporaryPassword)).access_token;
}

const MENTOR = `mutation($input: PartnerMentorInput!) { createPartnerMentor(input: $input) { id } }`;
const ARCHIVE = `mutation($id: ID!) { archivePartnerMentor(id: $id) { id archivedOn } }`;
const RESTORE = `mutation($id: ID!) { restorePartnerMentor(id: $id) { id archivedOn } }`;
const SCHOOLS = `query($districtId: ID!) { partnerAgreementSchools(districtId: $districtId) { id shortName } }`;
const AGREEMENTS = `{ partnerAgreements { id partner { name } organization { shortName } district { name } } }`;

describe('partners: what the admin screens read', () => {
  it('restores archived mentors, lists schools to propose to and names the parties, never across partners', async () => {
    const sber = await partnerToken('ПАО «Сбербанк России»', innOf('027411111'), ogrnOf('102020000001'));
    const yandex = await partnerToken('ООО «Яндекс»', innOf('027422222'), ogrnOf('102020000002'));

    const { id } = (
      await ok<{ createPartnerMentor: { id: string } }>(app, MENTOR, sber, {
        input: { lastName: 'Кузнецов', firstName: 'Олег', consent: { textVersion: 'v1', signedOn: '2025-10-01' } },
      })
    ).createPartnerMentor;
    expect((await fails(app, RESTORE, sber, { id })).extensions).toMatchObject({ code: 'CONFLICT' });
    await ok(app, ARCHIVE, sber, { id });
    expect((await fails(app, RESTORE, yandex, { id })).extensions?.code).toBe('NOT_FOUND');
    expect((await ok<{ restorePartnerMentor: any }>(app, RESTORE, sber, { id })).restorePartnerMentor).toEqual({ id, archivedOn: null });

    const schools = (await ok<{ partnerAgreementSchools: any[] }>(app, SCHOOLS, sber, { districtId: districtA.id })).partnerAgreementSchools;
    expect(schools.map((s) => s.id).sort()).toEqual([schoolA.id, schoolA2.id].sort());
    expect((await fails(app, SCHOOLS, t.directorA, { districtId: districtA.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(app, SCHOOLS, sber, { districtId: 'nope' })).extensions).toMatchObject({ field: 'districtId' });

    await ok(app, `mutation($input: PartnerAgreementInput!) { proposePartnerAgreement(input: $input) { id } }`, sber, {
      input: { level: 'school', organizationId: schoolA.id, subject: 'Наставничество', periodStart: '2025-10-20' },
    });
    const seen = (await ok<{ partnerAgreements: any[] }>(app, AGREEMENTS, t.directorA)).partnerAgreements;
    expect(seen).toEqual([
      expect.objectContaining({
        partner: { name: 'ПАО «Сбербанк России»' },
        organization: { shortName: schoolA.shortName },
        district: { name: 'ГО г. Первый' },
      }),
    ]);
    expect((await ok<{ partnerAgreements: any[] }>(app, AGREEMENTS, yandex)).partnerAgreements).toEqual([]);
  });
});
