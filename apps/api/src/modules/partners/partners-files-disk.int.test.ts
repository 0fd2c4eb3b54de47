import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistrict, createOrganization, createRegion, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ok } from '../../test/roadmaps.js';

/** The signed agreement files with ATTACHMENT_STORAGE=disk: bytes under `<dir>/core/<id>`, none in the database. */
let app: TestApp;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'partner-files-'));
  app = await startTestApp({ ATTACHMENT_STORAGE: 'disk', ATTACHMENT_DIR: dir }, { today: '2025-10-15' });
});

afterAll(async () => {
  await app?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Numbers with valid check digits of our own (the test database is shared by the files of one run). */
function innOf(nine: string): string {
  const sum = [2, 4, 10, 3, 5, 9, 4, 6, 8].reduce((acc, w, i) => acc + w * Number(nine[i]), 0);
  return `${nine}${(sum % 11) % 10}`;
}
const ogrnOf = (twelve: string) => `${twelve}${(BigInt(twelve) % 11n) % 10n}`;

describe('partners: agreement files on disk', () => {
  it('keeps the bytes in the disk storage under core/ and serves them to the counterpart', async () => {
    const region = await createRegion(app.orm);
    const district = await createDistrict(app.orm, region);
    const school = await createOrganization(app.orm, district);
    const officer = await app.tokenFor('district-officer', [groups.district(region, district)], 'sibay.officer');
    const director = await app.tokenFor('school-director', [groups.organization(region, district, school)], 'gimnaziya.director');
    const applied = await fetch(`${app.api.url}/partners/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'ООО «Дисковое хранение»',
        kind: 'enterprise',
        inn: innOf('027455555'),
        ogrn: ogrnOf('102020000055'),
        address: 'г. Сибай',
        regionId: region.id,
        districtId: district.id,
        contactName: 'Иванова Анна',
        contactEmail: 'a@example.ru',
        contactPhone: '+7 912 345-67-89',
        consent: true,
        consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
      }),
    });
    const appliedBody = (await applied.json()) as { id: string };
    expect(applied.status, JSON.stringify(appliedBody)).toBe(201);
    const { id } = appliedBody;
    const approved = (
      await ok<{ approvePartnerApplication: any }>(app, `mutation($id: ID!) { approvePartnerApplication(id: $id) { username temporaryPassword } }`, officer, {
        id,
      })
    ).approvePartnerApplication;
    const partner = (await app.idp.passwordGrant(approved.username, approved.temporaryPassword)).access_token;
    const agreementId = (
      await ok<{ proposePartnerAgreement: { id: string } }>(
        app,
        `mutation($input: PartnerAgreementInput!) { proposePartnerAgreement(input: $input) { id } }`,
        partner,
        {
          input: { level: 'school', organizationId: school.id, subject: 'Наставничество', periodStart: '2025-10-20' },
        },
      )
    ).proposePartnerAgreement.id;
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const uploaded = await fetch(`${app.api.url}/partner-files/agreements/${agreementId}?fileName=${encodeURIComponent('скан.jpg')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner}` },
      body: new Uint8Array(jpeg),
    });
    expect(uploaded.status).toBe(201);
    const card = (await uploaded.json()) as { id: string; url: string };
    expect((await readFile(path.join(dir, 'core', card.id))).equals(jpeg)).toBe(true);
    const rows = await app.orm.em
      .getConnection()
      .execute<Array<{ count: number }>>(`select count(*)::int as count from core.partner_agreement_file_content where file_id = ?`, [card.id]);
    expect(rows[0]!.count).toBe(0);
    const got = await fetch(`${app.api.url}${card.url}`, { headers: { authorization: `Bearer ${director}` } });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(jpeg)).toBe(true);
  });
});
