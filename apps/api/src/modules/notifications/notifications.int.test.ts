import type { MailCatcher } from '@nastavnik/mailcatcher';
import { PARTNER_APPLICATION_CONSENT_RU } from '@nastavnik/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDistrict, createRegion, groups } from '../../test/factories.js';
import type { TestApp } from '../../test/harness.js';
import { startMailTestApp, type MailTestApp } from '../../test/mail.js';
import { fails, ok } from '../../test/roadmaps.js';
import type { District } from '../directory/district.entity.js';
import type { Region } from '../directory/region.entity.js';
import { DELIVER_NOTIFICATIONS_JOB } from './jobs.js';

/**
 * The notifications' outbox against a real SMTP server (the embedded catcher, STARTTLS): the
 * partner applicant's letters arrive once each, in Russian, with text and HTML; a relay's temporary
 * refusal is retried and visible, a permanent one fails the letter; erasing the applicant erases
 * their letters and nothing of theirs is sent afterwards.
 */
let app: TestApp;
let catcher: MailCatcher;
let region: Region;
let district: District;
let officer: string;

let mail: MailTestApp;

beforeAll(async () => {
  mail = await startMailTestApp();
  ({ app, catcher } = mail);
  region = await createRegion(app.orm);
  district = await createDistrict(app.orm, region, { name: 'ГО г. Почтовый' });
  officer = await app.tokenFor('district-officer', [groups.district(region, district)], 'sibay.officer');
});

afterAll(async () => {
  await mail?.stop();
});

beforeEach(() => catcher.clear());

function innOf(nine: string): string {
  const sum = [2, 4, 10, 3, 5, 9, 4, 6, 8].reduce((acc, w, i) => acc + w * Number(nine[i]), 0);
  return `${nine}${(sum % 11) % 10}`;
}

const ogrnOf = (twelve: string) => `${twelve}${(BigInt(twelve) % 11n) % 10n}`;

async function apply(nine: string, email: string): Promise<string> {
  const response = await fetch(`${app.api.url}/partners/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `ООО «Письмо ${nine}»`,
      kind: 'enterprise',
      inn: innOf(nine),
      ogrn: ogrnOf(`1${nine}00`),
      address: 'г. Сибай',
      regionId: region.id,
      districtId: district.id,
      contactName: 'Иванова Анна Сергеевна',
      contactEmail: email,
      contactPhone: '+7 912 345-67-89',
      consent: true,
      consentTextVersion: PARTNER_APPLICATION_CONSENT_RU.version,
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const sql = <T>(text: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(text, params);
const lettersTo = (address: string) => mail.lettersTo(address);
const reject = (id: string, reason: string) =>
  ok(app, `mutation($id: ID!, $reason: String!) { rejectPartnerApplication(id: $id, reason: $reason) { id } }`, officer, { id, reason });

describe('letters to a partner applicant', () => {
  it('arrive once each over STARTTLS, in Russian, text and HTML: received, then rejected with the reason', async () => {
    const id = await apply('770000001', 'anna@partner.example');
    await expect.poll(() => lettersTo('anna@partner.example').length, { timeout: 20_000 }).toBe(1);
    const [received] = lettersTo('anna@partner.example');
    expect(received).toMatchObject({ subject: 'Заявка «ООО «Письмо 770000001»» получена', secure: true, from: 'noreply@nastavnik.local' });
    expect(received!.text).toContain('Здравствуйте, Иванова Анна Сергеевна!');
    expect(received!.text).toContain('Её рассмотрит муниципалитет: ГО г. Почтовый.');
    expect(received!.html).toContain('<html lang="ru">');
    expect(received!.headers['x-nastavnik-kind']).toBe('partners.application-received');

    await reject(id, 'ИНН не совпадает с выпиской ЕГРЮЛ');
    await expect.poll(() => lettersTo('anna@partner.example').length, { timeout: 20_000 }).toBe(2);
    const [rejected] = lettersTo('anna@partner.example');
    expect(rejected!.subject).toBe('Заявка «ООО «Письмо 770000001»» отклонена');
    expect(rejected!.text).toContain('Причина: ИНН не совпадает с выпиской ЕГРЮЛ');

    // The outbox keeps both as sent, one row each: a repeated run sends nothing twice.
    await app.api.jobs.runNow(DELIVER_NOTIFICATIONS_JOB);
    const rows = await sql<{ kind: string; status: string; attempts: number }>(
      `select kind, status, attempts from core.notification where person_ref = ? order by created_at`,
      [`partner_application:${id}`],
    );
    expect(rows).toEqual([
      { kind: 'partners.application-received', status: 'sent', attempts: 1 },
      { kind: 'partners.application-rejected', status: 'sent', attempts: 1 },
    ]);
    expect(lettersTo('anna@partner.example')).toHaveLength(2);
  });

  it('a temporary refusal is retried and the failure stays visible; a permanent one fails the letter', async () => {
    catcher.failNext(1, 451);
    const id = await apply('770000002', 'boris@partner.example');
    const row = () =>
      sql<{ status: string; attempts: number; last_error: string | null }>(`select status, attempts, last_error from core.notification where person_ref = ?`, [
        `partner_application:${id}`,
      ]).then((rows) => rows[0]);
    await expect.poll(async () => (await row())?.attempts, { timeout: 20_000 }).toBe(1);
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row())!.last_error).toContain('Временная ошибка почтового сервера');
    expect(lettersTo('boris@partner.example')).toHaveLength(0);
    // The retry is due a minute later; the test moves it to now instead of waiting.
    await sql(`update core.notification set next_attempt_at = now() where person_ref = ?`, [`partner_application:${id}`]);
    await app.api.jobs.runNow(DELIVER_NOTIFICATIONS_JOB);
    expect(await row()).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(lettersTo('boris@partner.example')).toHaveLength(1);

    catcher.failNext(1, 550);
    await reject(id, 'Повторная заявка');
    await expect
      .poll(
        async () =>
          (
            await sql<{ status: string }>(`select status from core.notification where kind = 'partners.application-rejected' and person_ref = ?`, [
              `partner_application:${id}`,
            ])
          )[0]?.status,
        { timeout: 20_000 },
      )
      .toBe('failed');
    expect(lettersTo('boris@partner.example')).toHaveLength(1);
  });

  it('erasing the applicant erases their letters, and a letter still waiting is never sent', async () => {
    // A relay that keeps refusing: the received letter stays pending.
    catcher.failNext(100, 451);
    const id = await apply('770000003', 'vera@partner.example');
    await expect
      .poll(
        async () =>
          (await sql<{ attempts: number }>(`select attempts from core.notification where person_ref = ?`, [`partner_application:${id}`]))[0]?.attempts,
        { timeout: 20_000 },
      )
      .toBe(1);
    await reject(id, 'Нет подписи');
    await ok(app, `mutation($id: ID!) { erasePartnerApplicantData(id: $id) { id } }`, officer, { id });
    catcher.failNext(0);
    const rows = await sql<{ kind: string; status: string; recipient_address: string; text: string; last_error: string }>(
      `select kind, status, recipient_address, text, last_error from core.notification where person_ref = ? order by created_at`,
      [`partner_application:${id}`],
    );
    expect(rows).toEqual([
      {
        kind: 'partners.application-received',
        status: 'failed',
        recipient_address: '',
        text: '',
        last_error: 'Персональные данные удалены: письмо не отправлено',
      },
      {
        kind: 'partners.application-rejected',
        status: 'failed',
        recipient_address: '',
        text: '',
        last_error: 'Персональные данные удалены: письмо не отправлено',
      },
    ]);
    await sql(`update core.notification set next_attempt_at = now() where person_ref = ?`, [`partner_application:${id}`]);
    await app.api.jobs.runNow(DELIVER_NOTIFICATIONS_JOB);
    const all = await sql<{ text: string }>(`select text from core.notification where text like '%Иванова Анна%' and person_ref = ?`, [
      `partner_application:${id}`,
    ]);
    expect(all).toEqual([]);
    expect(catcher.letters().filter((l) => l.text.includes('770000003') || l.subject.includes('770000003'))).toEqual([]);
  });
});

const LOG = `query($status: String) { notificationLog(status: $status, page: { limit: 50 }) {
  total items { kind kindLabel recipient recipientName subject status statusLabel attempts lastError sentAt } } }`;

describe('the delivery log', () => {
  it("the district's officer sees its letters; the platform admin all; another district's officer none of them", async () => {
    const id = await apply('770000004', 'gleb@partner.example');
    await expect.poll(() => lettersTo('gleb@partner.example').length, { timeout: 20_000 }).toBe(1);
    const mine = (await ok<any>(app, LOG, officer)).notificationLog;
    const entry = mine.items.find((item: any) => item.recipient === 'gleb@partner.example');
    expect(entry).toMatchObject({
      kind: 'partners.application-received',
      kindLabel: 'Заявка партнёра получена',
      recipientName: 'Иванова Анна Сергеевна',
      status: 'sent',
      statusLabel: 'Отправлено',
      attempts: 1,
      lastError: null,
    });
    // The letters of the failing relay above are in the same log with the relay's answer.
    const failed = (await ok<any>(app, LOG, officer, { status: 'failed' })).notificationLog.items;
    expect(failed.some((item: any) => /Адрес отклонён|Персональные данные удалены/.test(item.lastError))).toBe(true);

    const admin = await app.tokenFor('platform-admin', [], 'admin');
    expect((await ok<any>(app, LOG, admin)).notificationLog.total).toBeGreaterThanOrEqual(mine.total);

    const elsewhere = await createDistrict(app.orm, region, { name: 'ГО г. Соседний' });
    const stranger = await app.tokenFor('district-officer', [groups.district(region, elsewhere)], 'kursk.officer');
    expect((await ok<any>(app, LOG, stranger)).notificationLog).toMatchObject({ total: 0, items: [] });
    // Naming our district in the header does not help: the tenant comes from the verified grants.
    expect((await fails(app, LOG, stranger, {}, { 'X-District-Id': district.id })).extensions?.code).toBe('FORBIDDEN');
    const curator = await app.tokenFor('school-curator', [groups.district(region, district)], 'gimnaziya.curator');
    expect((await fails(app, LOG, curator)).extensions?.code).toBe('FORBIDDEN');
    void id;
  });

  it("masks a participant's or representative's own address and name", async () => {
    await sql(
      `insert into core.notification (id, kind, channel, dedup_key, district_id, audience, recipient_address, recipient_name, subject, text, html, status, attempts, next_attempt_at)
       values (gen_random_uuid(), 'pairs.confirmed', 'email', 'test-mask-1', ?, 'representative', 'olga.sergeeva@mail.ru', 'Сергеева Ольга', 'Пара подтверждена', 't', 'h', 'sent', 1, now())`,
      [district.id],
    );
    const items = (await ok<any>(app, LOG, officer)).notificationLog.items;
    const masked = items.find((item: any) => item.subject === 'Пара подтверждена');
    expect(masked).toMatchObject({ recipient: 'o***@mail.ru', recipientName: null });
    expect(JSON.stringify(items)).not.toContain('olga.sergeeva');
  });
});
