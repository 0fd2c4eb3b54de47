import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistrict, createRegion, groups } from '../../test/factories.js';
import type { TestApp } from '../../test/harness.js';
import { startMailTestApp, type MailTestApp } from '../../test/mail.js';
import { fails, ok } from '../../test/roadmaps.js';
import type { District } from '../directory/district.entity.js';
import type { Region } from '../directory/region.entity.js';

/**
 * The approval letter (issue 16) through the real catcher and the embedded provider: exactly one
 * letter to the application's contact, with the login and a one-time link that sets the password,
 * which then works for signing in; the link works once; another district's officer cannot approve.
 */
let mail: MailTestApp;
let app: TestApp;
let region: Region;
let districtA: District;
let districtB: District;
let officerA: string;
let officerB: string;
// The admin's address must be a redirect URI of the `admin` client (Keycloak checks it too).
const ADMIN_URL = 'http://localhost:5173';
const CONTACT = 'contact@partner.test';
const APPROVE = `mutation($id: ID!) { approvePartnerApplication(id: $id) { username temporaryPassword } }`;

beforeAll(async () => {
  mail = await startMailTestApp({ ADMIN_PUBLIC_URL: ADMIN_URL });
  app = mail.app;
  region = await createRegion(app.orm);
  districtA = await createDistrict(app.orm, region, { name: 'ГО г. Первый' });
  districtB = await createDistrict(app.orm, region, { name: 'ГО г. Второй' });
  officerA = await app.tokenFor('district-officer', [groups.district(region, districtA)], 'sibay.officer');
  officerB = await app.tokenFor('district-officer', [groups.district(region, districtB)], 'sibay.officer');
});

afterAll(async () => {
  await mail?.stop();
});

async function apply(): Promise<string> {
  const response = await fetch(`${app.api.url}/partners/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'АО «Проверка писем»',
      kind: 'enterprise',
      // Numbers of their own (valid check digits): other suites share the database and its duplicate check.
      inn: '5027123457',
      ogrn: '1025000123455',
      address: 'г. Москва, ул. Вавилова, д. 19',
      regionId: region.id,
      districtId: districtA.id,
      contactName: 'Партнёрова Анна Сергеевна',
      contactPosition: 'Руководитель программ',
      contactEmail: CONTACT,
      contactPhone: '8 (912) 345-67-89',
      consent: true,
      consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const form = (password: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ 'password-new': password, 'password-confirm': password }),
});

describe('an approved partner gets the way to set a password', () => {
  it('one letter to the contact with a one-time link that sets the password used to sign in', async () => {
    const id = await apply();
    await expect.poll(() => mail.lettersTo(CONTACT).length, { timeout: 20_000 }).toBe(1); // «получена»

    // Another district's officer cannot approve it.
    expect((await fails(app, APPROVE, officerB, { id })).extensions?.code).toBe('FORBIDDEN');
    const { approvePartnerApplication: approved } = await ok<{ approvePartnerApplication: { username: string; temporaryPassword: string } }>(
      app,
      APPROVE,
      officerA,
      { id },
    );
    await expect.poll(() => mail.lettersTo(CONTACT).length, { timeout: 20_000 }).toBe(2);
    const letter = mail.lettersTo(CONTACT).find((l) => l.subject.includes('одобрена'))!;
    expect(letter.subject).toBe('Заявка «АО «Проверка писем»» одобрена');
    expect(letter.text).toContain('Здравствуйте, Партнёрова Анна Сергеевна!');
    expect(letter.text).toContain(`Имя пользователя: ${approved.username}`);
    expect(letter.text).toContain('ГО г. Первый');
    expect(letter.text).not.toContain(approved.temporaryPassword);
    const link = /Установить пароль: (\S+)/.exec(letter.text)?.[1];
    expect(link).toMatch(new RegExp(`^${app.idp.issuer}/login-actions/action-token\\?key=`));
    expect(letter.html).toContain(`href="${link!.replace(/&/g, '&amp;')}"`);
    expect(letter.text).toMatch(/действует до \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} \(МСК/);

    // The link: the form, the new password, sign-in with it; the temporary one no longer works.
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Установка пароля');
    const set = await fetch(link!, form('Partner-Pass-2026'));
    expect(set.status).toBe(200);
    expect(await set.text()).toContain(`href="${ADMIN_URL}/"`);
    const { access_token } = await app.idp.passwordGrant(approved.username, 'Partner-Pass-2026');
    expect((await ok<{ myPartnerOrganization: { name: string } }>(app, `{ myPartnerOrganization { name } }`, access_token)).myPartnerOrganization.name).toBe(
      'АО «Проверка писем»',
    );
    await expect(app.idp.passwordGrant(approved.username, approved.temporaryPassword)).rejects.toThrow(/401/);

    // Once only.
    const again = await fetch(link!, form('Other-Pass-2026'));
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Ссылка уже использована');
    await expect(app.idp.passwordGrant(approved.username, 'Other-Pass-2026')).rejects.toThrow(/401/);

    // Nobody else got it, and the letter is in district A's log only (other suites share the database and its outbox).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(
      mail.catcher
        .letters()
        .filter((l) => l.subject.includes('«АО «Проверка писем»» одобрена'))
        .map((l) => l.envelopeTo),
    ).toEqual([[CONTACT]]);
    const rows = await app.orm.em
      .getConnection()
      .execute<Array<{ district_id: string; status: string }>>(`select district_id, status from core.notification where dedup_key = ?`, [
        `partners.application-approved:${id}`,
      ]);
    expect(rows).toEqual([{ district_id: districtA.id, status: 'sent' }]);
  });
});
