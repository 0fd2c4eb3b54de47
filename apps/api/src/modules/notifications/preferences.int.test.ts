import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDP_ADMIN_TOKEN } from '../../engine/auth/keycloak-admin.js';
import { groups } from '../../test/factories.js';
import type { TestApp } from '../../test/harness.js';
import { startMailTestApp, type MailTestApp } from '../../test/mail.js';
import { CREATE_CAMPAIGN, fails, ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';
import { DELIVER_NOTIFICATIONS_JOB, SEND_DIGESTS_JOB } from './jobs.js';

/**
 * Each recipient's choice per kind (issue 16, item 2) and the in-app inbox (item 4), against a real
 * SMTP server: a user who switched a kind off gets none of it (and the log says why); the letter's
 * one-click link (RFC 8058 POST) switches it off, its GET only asks; a kind the process requires
 * cannot be switched off and carries no link; «digest» gathers letters into one a day; the inbox
 * shows a user their own copies only.
 */
let app: TestApp;
let w: RoadmapWorld;
let mail: MailTestApp;
/** The tokens of the users who have addresses in the identity provider (the letters' recipients). */
let curator: string;
let director: string;
let otherCurator: string;
const ADMIN_URL = 'https://nastavnik.example.ru';

async function idpUser(username: string, email: string, group: string, role: string) {
  const response = await fetch(`${app.idp.adminUrl}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEFAULT_IDP_ADMIN_TOKEN}` },
    body: JSON.stringify({ username, email, firstName: 'Анна', lastName: 'Петрова', groups: [group], clientRoles: { api: [role] } }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

const REMIND = `mutation($campaignId: ID!, $ids: [ID!]!) { remindCampaignSchools(campaignId: $campaignId, organizationIds: $ids) { id } }`;
const SET = `mutation($kind: String!, $mode: String!) { setMyNotificationPreference(kind: $kind, mode: $mode) { kind mode requiredReason } }`;
const MINE = `{ myNotificationPreferences { kind label mode requiredReason } }`;
const INBOX = `{ myNotifications { total unread items { id kind subject link readAt } } }`;

let campaignCount = 0;
/** A fresh campaign reminded to school 1 (the reminder is limited per campaign and school). */
async function remindSchool1(): Promise<void> {
  campaignCount += 1;
  const { createCampaign } = await ok<{ createCampaign: { id: string } }>(app, CREATE_CAMPAIGN, w.tokens.officer, {
    input: { title: `Кампания ${campaignCount}`, academicYear: '2025/2026', dueDate: '2025-09-10' },
  });
  await ok(app, REMIND, w.tokens.officer, { campaignId: createCampaign.id, ids: [w.school1.id] });
  await app.api.jobs.runNow(DELIVER_NOTIFICATIONS_JOB);
}

const sql = <T>(text: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(text, params);
/** The reminders and digests to an address (a campaign's own «new campaign» letters are another kind's). */
const to = (address: string) =>
  mail.lettersTo(address).filter((letter) => ['campaigns.reminder', 'notifications.digest'].includes(letter.headers['x-nastavnik-kind'] ?? ''));

beforeAll(async () => {
  mail = await startMailTestApp({ ADMIN_PUBLIC_URL: ADMIN_URL });
  app = mail.app;
  w = await roadmapWorld(app);
  const school1 = groups.organization(w.region, w.district, w.school1);
  await idpUser('pref.curator', 'curator@pref.test', school1, 'school-curator');
  await idpUser('pref.director', 'director@pref.test', school1, 'school-director');
  curator = await app.tokenFor('school-curator', [school1], 'pref.curator');
  director = await app.tokenFor('school-director', [school1], 'pref.director');
  // School 2's curator, a login of this file only (other files' letters to shared demo logins would blur the check).
  const school2 = groups.organization(w.region, w.district, w.school2);
  await idpUser('pref.other', 'other@pref.test', school2, 'school-curator');
  otherCurator = await app.tokenFor('school-curator', [school2], 'pref.other');
});

afterAll(async () => {
  await mail?.stop();
});

beforeEach(() => mail.catcher.clear());

describe('preferences per kind', () => {
  it('lists every kind with its mode; a required kind says why and cannot be switched off', async () => {
    const { myNotificationPreferences } = await ok<{ myNotificationPreferences: any[] }>(app, MINE, curator);
    expect(myNotificationPreferences).toContainEqual({
      kind: 'campaigns.reminder',
      label: 'Напоминание о сроке кампании',
      mode: 'immediate',
      requiredReason: null,
    });
    const returned = myNotificationPreferences.find((row) => row.kind === 'roadmaps.returned');
    expect(returned.requiredReason).toMatch(/процесс/);
    const refused = await fails(app, SET, curator, { kind: 'roadmaps.returned', mode: 'off' });
    expect(refused.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toMatch(/отключить нельзя/);
    const unknown = await fails(app, SET, curator, { kind: 'campaigns.reminder', mode: 'sometimes' });
    expect(unknown.message).toBe('Режим: неизвестное значение «sometimes»');
  });

  it('a user who switched a kind off gets none of it; the log says why; the others still get theirs', async () => {
    await ok(app, SET, curator, { kind: 'campaigns.reminder', mode: 'off' });
    await remindSchool1();
    await expect.poll(() => to('director@pref.test').length, { timeout: 20_000 }).toBe(1);
    expect(to('curator@pref.test')).toHaveLength(0);
    const [row] = await sql<{ status: string; last_error: string }>(
      `select status, last_error from core.notification where recipient_address = 'curator@pref.test' and channel = 'email' and kind = 'campaigns.reminder' order by created_at desc limit 1`,
    );
    expect(row).toEqual({ status: 'suppressed', last_error: 'Получатель отключил такие письма' });
    await ok(app, SET, curator, { kind: 'campaigns.reminder', mode: 'immediate' });
  });

  it('every letter of a kind that may be switched off has a one-click unsubscribe: GET asks, POST switches it off', async () => {
    await remindSchool1();
    await expect.poll(() => to('director@pref.test').length, { timeout: 20_000 }).toBe(1);
    const [letter] = to('director@pref.test');
    expect(letter!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const url = /<(.+)>/.exec(letter!.headers['list-unsubscribe']!)![1]!;
    expect(url.startsWith(`${ADMIN_URL}/public/unsubscribe/`)).toBe(true);
    expect(letter!.text).toContain(`Отписаться от писем «Напоминание о сроке кампании»: ${url}`);
    expect(letter!.html).toContain(`href="${url}"`);
    const local = url.replace(ADMIN_URL, app.api.url);

    const page = await fetch(local);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Больше не присылать письма «Напоминание о сроке кампании» на адрес d***@pref.test?');
    expect(html).not.toContain('director@pref.test');
    // The GET only asked: a mail scanner opening the link switches nothing off.
    mail.catcher.clear();
    await remindSchool1();
    await expect.poll(() => to('director@pref.test').length, { timeout: 20_000 }).toBe(1);

    const click = await fetch(local, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(click.status).toBe(200);
    expect(await click.text()).toContain('больше не придут');
    mail.catcher.clear();
    await remindSchool1();
    await expect.poll(() => to('curator@pref.test').length, { timeout: 20_000 }).toBe(1);
    expect(to('director@pref.test')).toHaveLength(0);
    const { myNotificationPreferences } = await ok<{ myNotificationPreferences: any[] }>(app, MINE, director);
    expect(myNotificationPreferences.find((row) => row.kind === 'campaigns.reminder').mode).toBe('off');
    await ok(app, SET, director, { kind: 'campaigns.reminder', mode: 'immediate' });

    const forged = await fetch(`${app.api.url}/public/unsubscribe/${'x'.repeat(32)}`, { method: 'POST' });
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain('Ссылка для отписки не найдена');
  });

  it('«digest» holds the letters and sends one summary listing them', async () => {
    await ok(app, SET, curator, { kind: 'campaigns.reminder', mode: 'digest' });
    await remindSchool1();
    await remindSchool1();
    await expect.poll(() => to('director@pref.test').length, { timeout: 20_000 }).toBe(2);
    expect(to('curator@pref.test')).toHaveLength(0);
    await app.api.jobs.runNow(SEND_DIGESTS_JOB);
    await app.api.jobs.runNow(DELIVER_NOTIFICATIONS_JOB);
    await expect.poll(() => to('curator@pref.test').length, { timeout: 20_000 }).toBe(1);
    const [digest] = to('curator@pref.test');
    expect(digest!.subject).toBe('Сводка уведомлений: 2 письма');
    // Both held letters are listed, each with its link.
    expect(digest!.text).toMatch(new RegExp(`1\\. .+ — ${ADMIN_URL}/roadmaps/campaigns/.+\\n2\\. .+ — ${ADMIN_URL}/roadmaps/campaigns/`));
    expect(digest!.headers['list-unsubscribe']).toBeUndefined();
    const statuses = await sql<{ status: string }>(
      `select distinct status from core.notification where recipient_address = 'curator@pref.test' and kind = 'campaigns.reminder' and channel = 'email' and created_at > now() - interval '1 minute'`,
    );
    expect(statuses.map((row) => row.status)).toContain('digested');
    // Nothing twice: the next run finds nothing held.
    await app.api.jobs.runNow(SEND_DIGESTS_JOB);
    await app.api.jobs.runNow(DELIVER_NOTIFICATIONS_JOB);
    expect(to('curator@pref.test')).toHaveLength(1);
    await ok(app, SET, curator, { kind: 'campaigns.reminder', mode: 'immediate' });
  });
});

describe('the in-app inbox', () => {
  it("shows a user their own letters' copies, unread first, and marks them read; nobody else sees them", async () => {
    await remindSchool1();
    const mine = await ok<{ myNotifications: any }>(app, INBOX, curator);
    expect(mine.myNotifications.unread).toBeGreaterThan(0);
    const newest = mine.myNotifications.items.find((item: any) => item.kind === 'campaigns.reminder');
    expect(newest).toMatchObject({ kind: 'campaigns.reminder', readAt: null });
    expect(newest.link).toContain(`${ADMIN_URL}/roadmaps/campaigns/`);
    // The other school's curator and the officer have none of school 1's letters.
    // (School 2's own «new campaign» letters are there; school 1's reminders are not.)
    const theirs = await ok<{ myNotifications: any }>(app, INBOX, otherCurator);
    expect(theirs.myNotifications.items.filter((item: any) => item.kind === 'campaigns.reminder')).toEqual([]);
    const marked = await ok<{ markNotificationsRead: number }>(app, `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, otherCurator, {
      ids: [newest.id],
    });
    expect(marked.markNotificationsRead).toBe(0);
    await ok(app, `mutation { markNotificationsRead(ids: []) }`, curator);
    const after = await ok<{ myNotifications: any }>(app, INBOX, curator);
    expect(after.myNotifications.unread).toBe(0);
  });
});
