import { addDays } from '../../engine/clock.js';
import { nextAllowedMeetingTypes, wallClockIso } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDP_ADMIN_TOKEN } from '../../engine/auth/keycloak-admin.js';
import { DELIVER_NOTIFICATIONS_JOB } from '../notifications/jobs.js';
import { groups } from '../../test/factories.js';
import type { TestApp } from '../../test/harness.js';
import { startMailTestApp, type MailTestApp } from '../../test/mail.js';
import { ok, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';
import { IDLE_PAIRS_JOB, MEETING_REMINDERS_JOB } from './letter-jobs.js';

/**
 * Programme letters (issue 16) against a real SMTP server (the catcher): to the members who consented
 * to contact by e-mail — a minor's letters to the consenting representative, never to the child's own
 * address; nobody without that consent; each reminder once; an idle pair nudges its members and the
 * curator; questionnaire links only to consenting people; and a withdrawn participant's name, e-mail
 * and phone are in no letter sent after the withdrawal, nor left in the outbox.
 */
let app: TestApp;
let mail: MailTestApp;
let w: RoadmapWorld;
const ADMIN_URL = 'https://nastavnik.example.ru';
const ids: Record<string, string> = {};
const pairIds: string[] = [];

const self = (scopes: string[]) => ({ givenBy: 'self', textVersion: 'Согласие v1', signedOn: '2026-09-05', scopes });
const representative = (name: string, email: string, scopes: string[]) => ({
  givenBy: 'representative',
  representativeName: name,
  representativeRelation: 'mother',
  representativeDocument: 'Свидетельство о рождении IV-АР № 123456',
  representativeEmail: email,
  textVersion: 'Согласие v1',
  signedOn: '2026-09-05',
  scopes,
});
const CONTACT = ['processing', 'contact-email'];

/** The withdrawn girl and her representative: none of this may be in a letter after the withdrawal. */
const WITHDRAWN = ['Кузнецова', 'Дарья', 'darya@example.ru', '917 777', 'Кузнецов Андрей', 'andrey@example.ru'];

async function idpUser(username: string, email: string, group: string, role: string) {
  const response = await fetch(`${app.idp.adminUrl}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEFAULT_IDP_ADMIN_TOKEN}` },
    body: JSON.stringify({ username, email, firstName: 'Лилия', lastName: 'Исхакова', groups: [group], clientRoles: { api: [role] } }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

const to = (address: string) => mail.lettersTo(address);
const arrived = (address: string, count: number) => expect.poll(() => to(address).length, { timeout: 20_000 }).toBe(count);
const settle = async () => {
  await app.api.jobs.runNow(DELIVER_NOTIFICATIONS_JOB);
  await new Promise((resolve) => setTimeout(resolve, 500));
};

beforeAll(async () => {
  mail = await startMailTestApp({ ADMIN_PUBLIC_URL: ADMIN_URL, PAIR_IDLE_DAYS: '21' });
  app = mail.app;
  w = await roadmapWorld(app);
  await idpUser('t1.curator', 'curator1@school.test', groups.organization(w.region, w.district, w.school1), 'school-curator');
  await idpUser('t2.curator', 'curator2@school.test', groups.organization(w.region, w.district, w.school2), 'school-curator');
  const curator = w.tokens.curator1;
  const { createProgramme } = await ok<{ createProgramme: { id: string } }>(
    app,
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
    curator,
    {
      input: {
        name: 'Письма пар',
        forms: ['teacher-pupil'],
        kinds: ['traditional'],
        targetGroups: ['6 классы'],
        periodStart: '2026-09-01',
        periodEnd: '2027-05-31',
      },
    },
  );
  ids.programme = createProgramme.id;
  const create = async (key: string, input: Record<string, unknown>) => {
    const { createParticipant } = await ok<{ createParticipant: { id: string } }>(
      app,
      `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`,
      curator,
      { input: { programmeId: createProgramme.id, ...input } },
    );
    ids[key] = createParticipant.id;
  };
  const teacher = { role: 'MENTOR', category: 'teacher' };
  const pupil = { role: 'MENTEE', category: 'pupil', birthDate: '2014-07-19' };
  await create('mentor', {
    ...teacher,
    username: 'gimnaziya.mentor',
    lastName: 'Байгускарова',
    firstName: 'Зульфия',
    email: 'zulfiya@example.ru',
    consents: [self(CONTACT)],
  });
  await create('mentee', {
    ...pupil,
    lastName: 'Сергеев',
    firstName: 'Максим',
    email: 'maxim@example.ru',
    phone: '+7 917 444-55-66',
    consents: [representative('Сергеева Ольга Николаевна', 'olga@example.ru', CONTACT)],
  });
  await create('mentor2', { ...teacher, lastName: 'Другая', firstName: 'Анна', email: 'anna@example.ru', consents: [self(CONTACT)] });
  await create('mentee2', {
    ...pupil,
    lastName: 'Кузнецова',
    firstName: 'Дарья',
    email: 'darya@example.ru',
    phone: '+7 917 777-88-99',
    consents: [representative('Кузнецов Андрей', 'andrey@example.ru', CONTACT)],
  });
  // Addresses, but no consent to contact by e-mail: nothing may reach them.
  await create('mentor3', { ...teacher, lastName: 'Безсогласия', firstName: 'Ирина', email: 'irina@example.ru', consents: [self(['processing'])] });
  await create('mentee3', {
    ...pupil,
    lastName: 'Петров',
    firstName: 'Пётр',
    consents: [representative('Петрова Анна', 'petrova@example.ru', ['processing'])],
  });
  const { confirmPairs } = await ok<{ confirmPairs: Array<{ id: string }> }>(
    app,
    `mutation($p: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $p, pairs: $pairs) { id } }`,
    curator,
    {
      p: createProgramme.id,
      pairs: [
        { mentorId: ids.mentor, menteeIds: [ids.mentee], startDate: '2026-09-15', endDate: '2027-05-31' },
        { mentorId: ids.mentor3, menteeIds: [ids.mentee3], startDate: '2026-09-15', endDate: '2027-05-31' },
      ],
    },
  );
  pairIds.push(...confirmPairs.map((pair) => pair.id));
}, 60_000);

afterAll(async () => {
  await mail?.stop();
});

describe('programme letters', () => {
  it('pair confirmed: the mentor and the minor’s representative, not the minor, not those without consent', async () => {
    await arrived('zulfiya@example.ru', 1);
    await arrived('olga@example.ru', 1);
    await settle();
    for (const address of ['maxim@example.ru', 'darya@example.ru', 'irina@example.ru', 'petrova@example.ru']) expect(to(address), address).toEqual([]);
    const [mentor] = to('zulfiya@example.ru');
    expect(mentor!.subject).toBe('Наставническая пара утверждена — «Письма пар»');
    expect(mentor!.text).toContain('наставляемый: Сергеев Максим');
    expect(mentor!.text).toContain('с 15.09.2026 по 31.05.2027');
    expect(mentor!.text).toContain(`Открыть страницу пары: ${ADMIN_URL}/my?district=${w.district.id}`);
    const [parent] = to('olga@example.ru');
    expect(parent!.subject).toBe('Максим Сергеев: наставническая пара утверждена — «Письма пар»');
    expect(parent!.text).toContain('Здравствуйте, Ольга Николаевна!');
    expect(parent!.text).toContain('наставник: Байгускарова Зульфия');
    // No login: no link, the school's curator instead; and nothing of the child's contacts.
    // (Only the unsubscribe link of the kind leads to the platform: no page behind a login.)
    expect(parent!.text.replace(/https:\/\/nastavnik\.example\.ru\/public\/unsubscribe\/\S+/g, '')).not.toContain(ADMIN_URL);
    expect(parent!.text).toContain('Куратор программы: Исхакова Лилия, curator1@school.test.');
    expect(parent!.text).not.toContain('917 444');
    expect(parent!.text).not.toContain('maxim@example.ru');
  });

  it('the meeting reminder arrives once, a day ahead, with the zone named', async () => {
    const starts = wallClockIso(new Date(Date.now() + 3 * 3_600_000), 'Europe/Moscow');
    await ok(app, `mutation($input: PlanMeetingInput!) { planMeeting(input: $input) { id } }`, w.tokens.curator1, {
      input: { pairId: pairIds[0], date: starts.slice(0, 10), time: starts.slice(11, 16), type: nextAllowedMeetingTypes([])[0], place: 'Кабинет 204' },
    });
    await app.api.jobs.runNow(MEETING_REMINDERS_JOB);
    await app.api.jobs.runNow(MEETING_REMINDERS_JOB);
    await arrived('olga@example.ru', 2);
    await arrived('zulfiya@example.ru', 2);
    await settle();
    expect(to('olga@example.ru')).toHaveLength(2);
    const [reminder] = to('olga@example.ru');
    expect(reminder!.subject).toContain(`${starts.slice(8, 10)}.${starts.slice(5, 7)}.${starts.slice(0, 4)} в ${starts.slice(11, 16)} по московскому времени`);
    expect(reminder!.text).toContain('Место: Кабинет 204.');
    expect(to('zulfiya@example.ru')[0]!.text).toContain(`Файл для календаря (.ics) — на странице пары`);
    expect(to('zulfiya@example.ru')[0]!.text).toContain(`${ADMIN_URL}/my?district=${w.district.id}`);
    expect(to('maxim@example.ru')).toEqual([]);
    // The other pair planned nothing: nothing for it.
    expect(to('irina@example.ru')).toEqual([]);
  });

  it('idle pairs nudge their consenting members and the curator (pages, no names), once per period', async () => {
    await app.api.jobs.runNow(IDLE_PAIRS_JOB);
    await app.api.jobs.runNow(IDLE_PAIRS_JOB);
    await arrived('curator1@school.test', 1);
    await arrived('zulfiya@example.ru', 3);
    await settle();
    expect(to('zulfiya@example.ru')).toHaveLength(3);
    expect(to('zulfiya@example.ru')[0]!.subject).toBe('Давно не было встреч — «Письма пар»');
    expect(to('olga@example.ru')[0]!.text).toContain('С утверждения пары (15.09.2026) встречи не отмечались');
    const [summary] = to('curator1@school.test');
    for (const id of pairIds) expect(summary!.text).toContain(`${ADMIN_URL}/programmes/${ids.programme}/pairs/${id}?district=${w.district.id}`);
    for (const name of ['Сергеев', 'Кузнецова', 'Байгускарова', 'Петров']) expect(summary!.text).not.toContain(name);
    expect(to('curator2@school.test')).toEqual([]);
    for (const address of ['maxim@example.ru', 'darya@example.ru', 'irina@example.ru', 'petrova@example.ru']) expect(to(address), address).toEqual([]);
  });

  it('questionnaire links by e-mail: only to consenting people (a minor’s to the representative); the log hides the link', async () => {
    const { sendQuestionnaireLinksByEmail: report } = await ok<any>(
      app,
      `mutation($input: IssueQuestionnaireLinksInput!) { sendQuestionnaireLinksByEmail(input: $input) { sent skipped skippedPeople { participantId participantName reason } } }`,
      w.tokens.curator1,
      { input: { programmeId: ids.programme, kind: 'mentee', participantIds: [ids.mentee, ids.mentee3] } },
    );
    expect(report).toEqual({ sent: 1, skipped: 1, skippedPeople: [{ participantId: ids.mentee3, participantName: 'Петров Пётр', reason: 'no-consent' }] });
    await arrived('olga@example.ru', 4);
    const [letter] = to('olga@example.ru');
    const url = /https:\/\/nastavnik\.example\.ru(\/public\/surveys\/[A-Za-z0-9._-]+)/.exec(letter!.text)?.[1];
    expect(url, letter!.text).toBeDefined();
    const form = await fetch(`${app.api.url}${url}`);
    expect(form.status).toBe(200);
    await settle();
    expect(to('petrova@example.ru')).toEqual([]);
    expect(to('maxim@example.ru')).toEqual([]);
    const log = await ok<any>(app, `{ notificationLog(page: { limit: 50 }) { items { kind recipient recipientName subject } } }`, w.tokens.officer);
    expect(JSON.stringify(log)).not.toContain(url!.split('/').pop()!);
    expect(log.notificationLog.items.find((item: any) => item.kind === 'questionnaires.link')).toMatchObject({
      recipient: 'o***@example.ru',
      recipientName: null,
    });
    // Another school's curator cannot send this programme's links.
    const refused = await app.gql(`mutation($input: IssueQuestionnaireLinksInput!) { sendQuestionnaireLinksByEmail(input: $input) { sent } }`, {
      token: w.tokens.curator2,
      variables: { input: { programmeId: ids.programme, kind: 'mentee', participantIds: [ids.mentee] } },
    });
    expect(refused.body.errors?.length).toBeGreaterThan(0);
  });

  it('a withdrawn participant’s data is in no letter afterwards, her pair’s waiting letters are failed, nothing is left in the outbox', async () => {
    // Her pair is confirmed while the relay refuses for a while: the letters — the mentor's naming her — wait for a retry.
    mail.catcher.failNext(2);
    const { confirmPairs } = await ok<{ confirmPairs: Array<{ id: string }> }>(
      app,
      `mutation($p: ID!, $pairs: [ConfirmPairInput!]!) { confirmPairs(programmeId: $p, pairs: $pairs) { id } }`,
      w.tokens.curator1,
      { p: ids.programme, pairs: [{ mentorId: ids.mentor2, menteeIds: [ids.mentee2], startDate: '2026-09-15', endDate: '2027-05-31' }] },
    );
    const pairId = confirmPairs[0]!.id;
    const conn = app.orm.em.getConnection();
    const ofPair = () =>
      conn.execute<Array<{ recipient_address: string; status: string; attempts: number; text: string }>>(
        `select recipient_address, status, attempts, text from "core"."notification" where starts_with(dedup_key, ?) order by recipient_address`,
        [`pairs.confirmed:${pairId}:`],
      );
    await expect
      .poll(async () => (await ofPair()).map((row) => `${row.recipient_address} ${row.status} ${row.attempts}`), { timeout: 20_000 })
      .toEqual(['andrey@example.ru pending 1', 'anna@example.ru pending 1']);
    expect((await ofPair()).find((row) => row.recipient_address === 'anna@example.ru')!.text).toContain('наставляемый: Кузнецова Дарья');

    await ok(app, `mutation($id: ID!) { withdrawConsent(participantId: $id) { id anonymized } }`, w.tokens.curator1, { id: ids.mentee2 });
    // Both failed for good and blanked: the mentor's too, because it names her.
    expect((await ofPair()).map((row) => `${row.recipient_address}|${row.status}|${row.text}`)).toEqual(['|failed|', '|failed|']);

    const before = new Set(mail.catcher.letters().map((letter) => letter.id));
    // Every job again, a meeting of her pair planned, and a whole idle period later.
    const starts = wallClockIso(new Date(Date.now() + 2 * 3_600_000), 'Europe/Moscow');
    await ok(app, `mutation($input: PlanMeetingInput!) { planMeeting(input: $input) { id } }`, w.tokens.curator1, {
      input: { pairId, date: starts.slice(0, 10), time: starts.slice(11, 16), type: nextAllowedMeetingTypes([])[0] },
    });
    await app.api.jobs.runNow(MEETING_REMINDERS_JOB);
    app.setToday(addDays(starts.slice(0, 10), 22));
    try {
      await app.api.jobs.runNow(IDLE_PAIRS_JOB);
    } finally {
      app.setToday(null);
    }
    // The other member still hears of the meeting and the idle pair. (Of this programme: the jobs
    // also serve the pairs other test files left in the shared database, whose people may share her address.)
    await expect.poll(() => to('anna@example.ru').filter((letter) => letter.text.includes('«Письма пар»')).length, { timeout: 20_000 }).toBe(2);
    await settle();
    const after = mail.catcher.letters().filter((letter) => !before.has(letter.id));
    expect(after.length).toBeGreaterThan(2);
    for (const letter of after) {
      const all = `${letter.envelopeTo.join(',')} ${letter.subject} ${letter.text} ${letter.html}`;
      for (const value of WITHDRAWN) expect(all, `${letter.subject} → ${letter.envelopeTo.join(',')}`).not.toContain(value);
    }
    expect(to('andrey@example.ru')).toEqual([]);
    expect(to('darya@example.ru')).toEqual([]);
    const rows = await conn.execute<Array<{ all: string }>>(
      `select concat_ws(' ', recipient_address, recipient_name, subject, text, html, link) as all from "core"."notification"`,
    );
    for (const row of rows) for (const value of WITHDRAWN) expect(row.all).not.toContain(value);
  });
});
