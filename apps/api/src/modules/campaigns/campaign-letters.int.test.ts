import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDP_ADMIN_TOKEN } from '../../engine/auth/keycloak-admin.js';
import { createOrganization, groups } from '../../test/factories.js';
import type { TestApp } from '../../test/harness.js';
import { startMailTestApp, type MailTestApp } from '../../test/mail.js';
import {
  AGREEMENT,
  CREATE_CAMPAIGN,
  CREATE_ROADMAP,
  decide,
  MARK_DONE,
  ok,
  revision,
  roadmapWorld,
  SAVE_REVISION,
  throughDirector,
  type RoadmapWorld,
} from '../../test/roadmaps.js';
import { EXECUTION_WEEKLY_LETTERS_JOB } from '../execution/jobs.js';
import { CAMPAIGN_DEADLINE_LETTERS_JOB } from './jobs.js';

/**
 * A campaign's letters (issue 16) against a real SMTP server (the catcher) and the identity
 * provider's admin API: «a new campaign» reaches the curator and the director of each addressed
 * school only; the morning job at due−7, due−1 and due+1 writes only to the schools that have not
 * submitted, with one summary to the district's officer, and a second run sends nothing twice; the
 * Monday letter lists a roadmap's overdue items and those of the week. Another district's people and
 * campaigns never mix in.
 */
let app: TestApp;
let mail: MailTestApp;
let w: RoadmapWorld;
let other: RoadmapWorld;
const ADMIN_URL = 'https://nastavnik.example.ru';
const DUE = '2026-09-20';
let campaignId: string;
let roadmapId: string;

async function idpUser(username: string, email: string, group: string, role: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${app.idp.adminUrl}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEFAULT_IDP_ADMIN_TOKEN}` },
    body: JSON.stringify({ username, email, firstName: 'Лилия', lastName: 'Исхакова', groups: [group], clientRoles: { api: [role] }, ...extra }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

/** The letters of this file's kinds (the approval loop writes to the same people about the roadmap it submits). */
const OURS = /^(Новая кампания|Срок|Не представили|Исполнение)/;
const to = (address: string) => mail.lettersTo(address).filter((letter) => OURS.test(letter.subject));
const arrived = (address: string, count: number) => expect.poll(() => to(address).map((letter) => letter.subject), { timeout: 20_000 }).toHaveLength(count);
/** Lets the queue send anything it should not have. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
const SCHOOL1 = ['c1@school.test', 'd1@school.test'];
const SCHOOL2 = ['c2@school.test', 'd2@school.test'];
const NEVER = ['c3@school.test', 'gone@school.test', 'mentor@school.test'];

beforeAll(async () => {
  mail = await startMailTestApp({ ADMIN_PUBLIC_URL: ADMIN_URL });
  app = mail.app;
  app.setToday('2026-09-01');
  w = await roadmapWorld(app);
  other = await roadmapWorld(app);
  const school3 = await createOrganization(app.orm, w.district, { shortName: 'МОБУ «СОШ № 9»' });
  const school = (world: RoadmapWorld, s: RoadmapWorld['school1']) => groups.organization(world.region, world.district, s);
  await idpUser('s1.curator', 'c1@school.test', school(w, w.school1), 'school-curator', { attributes: { middleName: ['Фанисовна'] } });
  await idpUser('s1.director', 'd1@school.test', school(w, w.school1), 'school-director');
  await idpUser('s2.curator', 'c2@school.test', school(w, w.school2), 'school-curator');
  await idpUser('s2.director', 'd2@school.test', school(w, w.school2), 'school-director');
  // Not addressed by the campaign, disabled, or not a curator or director: never written to.
  await idpUser('s3.curator', 'c3@school.test', groups.organization(w.region, w.district, school3), 'school-curator');
  await idpUser('s1.gone', 'gone@school.test', school(w, w.school1), 'school-curator', { enabled: false });
  await idpUser('s1.mentor', 'mentor@school.test', school(w, w.school1), 'mentor');
  await idpUser('a.officer', 'officer@district.test', groups.district(w.region, w.district), 'district-officer');
  // The other district: its own school and officer.
  await idpUser('b1.curator', 'bc1@other.test', school(other, other.school1), 'school-curator');
  await idpUser('b.officer', 'officer@other.test', groups.district(other.region, other.district), 'district-officer');
});

afterAll(async () => {
  await mail?.stop();
});

describe('a new campaign', () => {
  it('reaches the curator and the director of each addressed school, with the due date and the campaign link', async () => {
    const { createCampaign } = await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, w.tokens.officer, {
      input: { title: 'Кампания А', academicYear: '2026/2027', dueDate: DUE, organizationIds: [w.school1.id, w.school2.id] },
    });
    campaignId = createCampaign.id;
    await ok(app, CREATE_CAMPAIGN, other.tokens.officer, { input: { title: 'Кампания Б', academicYear: '2026/2027', dueDate: DUE } });
    for (const address of [...SCHOOL1, ...SCHOOL2, 'bc1@other.test']) await arrived(address, 1);
    const [letter] = to('c1@school.test');
    const link = `${ADMIN_URL}/roadmaps/campaigns/${campaignId}?district=${w.district.id}`;
    expect(letter!.subject).toBe('Новая кампания: дорожная карта до 20.09.2026 — Кампания А');
    expect(letter!.text).toContain('Здравствуйте, Лилия Фанисовна!');
    expect(letter!.text).toContain('Муниципалитет (ГО г. Тестовск) открыл кампанию «Кампания А».');
    expect(letter!.text).toContain('Дорожную карту МОБУ «Гимназия» нужно подготовить');
    expect(letter!.text).toContain(link);
    expect(letter!.html).toContain(`href="${link}"`);
    expect(to('d2@school.test')[0]!.text).toContain('Дорожную карту МОБУ «СОШ № 4»');
    expect(to('bc1@other.test')[0]!.subject).toBe('Новая кампания: дорожная карта до 20.09.2026 — Кампания Б');
  });

  it('nobody else: not a school outside the campaign, a disabled account, a mentor, an officer; stamped once', async () => {
    await settle();
    for (const address of [...NEVER, 'officer@district.test', 'officer@other.test']) expect(to(address), address).toEqual([]);
    const [row] = await app.orm.em
      .getConnection()
      .execute<Array<{ stamped: boolean }>>(`select opened_letters_at is not null as stamped from "${w.district.schemaName}".campaign where id = ?`, [
        campaignId,
      ]);
    expect(row!.stamped).toBe(true);
  });
});

describe('the deadline letters', () => {
  const run = async (today: string) => {
    app.setToday(today);
    expect(await app.api.jobs.runNow(CAMPAIGN_DEADLINE_LETTERS_JOB)).toMatchObject({ state: 'completed' });
  };

  beforeAll(async () => {
    // School 1 submits its roadmap (with the items the weekly letter is tested on below); school 2 does not.
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, {
      input: { programmeName: 'Вместе', organizationId: w.school1.id, campaignId, source: 'EMPTY' },
    });
    roadmapId = createRoadmap.id;
    const item = (number: string, activity: string, deadlineText: string, responsible = '') => ({ number, activity, deadlineText, responsible });
    const saved = await ok<{ saveRoadmapRevision: any }>(app, SAVE_REVISION, w.tokens.curator1, {
      input: {
        revisionId: createRoadmap.latestRevision.id,
        expectedVersion: createRoadmap.latestRevision.version,
        sections: [
          {
            title: 'Подготовительный этап',
            task: 'Задача этапа: запуск',
            items: [
              item('1.1', 'Приказ о внедрении целевой модели', 'до 05.10.2026', 'Директор'),
              item('1.2', 'Положение о наставничестве', 'до 06.10.2026'),
              item('1.3', 'Анкетирование наставляемых', 'до 12.10.2026', 'Куратор'),
              item('1.4', 'Встреча с родителями', 'до 18.10.2026'),
              item('1.5', 'Отчёт за четверть', 'до 19.10.2026'),
              item('1.6', 'Итоги полугодия', 'до 30.11.2026'),
            ],
          },
        ],
      },
    });
    await throughDirector(app, w, saved.saveRoadmapRevision);
  });

  it('at due−7: the school that has not submitted is reminded, the one that did is not; the officer gets the summary', { timeout: 60_000 }, async () => {
    await run('2026-09-13');
    for (const address of SCHOOL2) await arrived(address, 2);
    const [letter] = to('c2@school.test');
    expect(letter!.subject).toBe('Срок 20.09.2026: дорожная карта ещё не представлена — Кампания А');
    expect(letter!.text).toContain('до 20.09.2026 — через 7 дней');
    expect(letter!.text).toContain(`${ADMIN_URL}/roadmaps/campaigns/${campaignId}?district=${w.district.id}`);
    await arrived('officer@district.test', 1);
    const [summary] = to('officer@district.test');
    expect(summary!.subject).toBe('Не представили дорожные карты: 1 из 2 — Кампания А');
    expect(summary!.text).toContain('• МОБУ «СОШ № 4»');
    expect(summary!.text).not.toContain('Гимназия');
    // The other district's own campaign: its school and officer, about their campaign only.
    await arrived('bc1@other.test', 2);
    expect(to('bc1@other.test')[0]!.subject).toContain('Кампания Б');
    await arrived('officer@other.test', 1);
    expect(to('officer@other.test')[0]!.subject).toBe('Не представили дорожные карты: 2 из 2 — Кампания Б');
  });

  it('a second run the same day, and a day between the stages, send nothing', async () => {
    await run('2026-09-13');
    await run('2026-09-14');
    await settle();
    for (const address of SCHOOL1) expect(to(address), address).toHaveLength(1);
    for (const address of SCHOOL2) expect(to(address), address).toHaveLength(2);
    expect(to('officer@district.test')).toHaveLength(1);
    expect(to('officer@other.test')).toHaveLength(1);
  });

  it('at due−1 and at due+1: one letter each to the school that has not submitted, one summary each', { timeout: 60_000 }, async () => {
    await run('2026-09-19');
    for (const address of SCHOOL2) await arrived(address, 3);
    expect(to('d2@school.test')[0]!.text).toContain('до 20.09.2026 — завтра');
    await run('2026-09-21');
    await run('2026-09-21');
    for (const address of SCHOOL2) await arrived(address, 4);
    expect(to('c2@school.test')[0]!.subject).toBe('Срок истёк: дорожная карта не представлена — Кампания А');
    await arrived('officer@district.test', 3);
    expect(to('officer@district.test')[0]!.text).toContain('Срок (20.09.2026) истёк.');
    await settle();
    for (const address of SCHOOL2) expect(to(address), address).toHaveLength(4);
    for (const address of SCHOOL1) expect(to(address), address).toHaveLength(1);
    for (const address of NEVER) expect(to(address), address).toEqual([]);
    expect(to('bc1@other.test').every((letter) => !letter.text.includes('Кампания А'))).toBe(true);
    expect(to('officer@other.test').every((letter) => !letter.text.includes('Кампания А'))).toBe(true);
  });
});

describe('the weekly execution letter', () => {
  it('lists the roadmap’s overdue items and those due within 7 days, not done ones only, to its school', { timeout: 60_000 }, async () => {
    // The district agrees school 1's roadmap; one overdue item is marked done.
    const { roadmap } = await ok<{ roadmap: any }>(app, `query($id: ID!) { roadmap(id: $id) { latestRevision { id version } } }`, w.tokens.officer, {
      id: roadmapId,
    });
    let current = await decide(app, w.tokens.officer, roadmap.latestRevision, 'RECOMMEND_AGREEMENT');
    current = await decide(app, w.tokens.head, current, 'AGREE', { agreement: AGREEMENT });
    const view = await revision(app, w.tokens.curator1, current.id);
    const positional = view.sections[0].items.find((i: any) => i.number === '1.2');
    await ok(app, MARK_DONE, w.tokens.curator1, { input: { itemId: positional.id, documentNumber: 'приказ № 12' } });

    app.setToday('2026-10-12');
    expect(await app.api.jobs.runNow(EXECUTION_WEEKLY_LETTERS_JOB)).toMatchObject({ state: 'completed' });
    for (const address of SCHOOL1) await arrived(address, 2);
    const [letter] = to('c1@school.test');
    expect(letter!.subject).toBe('Исполнение дорожной карты: просрочено 1, на неделе 2 — МОБУ «Гимназия»');
    expect(letter!.text).toContain('Просрочено (1):\n• 1.1 Приказ о внедрении целевой модели — срок 05.10.2026 (ответственный: Директор)');
    expect(letter!.text).toContain(
      'Срок в ближайшие 7 дней (2):\n• 1.3 Анкетирование наставляемых — срок 12.10.2026 (ответственный: Куратор)\n• 1.4 Встреча с родителями — срок 18.10.2026',
    );
    for (const absent of ['Положение о наставничестве', 'Отчёт за четверть', 'Итоги полугодия']) expect(letter!.text).not.toContain(absent);
    expect(letter!.text).toContain(`${ADMIN_URL}/roadmaps/${roadmapId}?district=${w.district.id}`);

    // Again the same week: nothing new; nobody without a roadmap in force gets one.
    app.setToday('2026-10-14');
    await app.api.jobs.runNow(EXECUTION_WEEKLY_LETTERS_JOB);
    await settle();
    for (const address of SCHOOL1) expect(to(address), address).toHaveLength(2);
    for (const address of SCHOOL2) expect(to(address), address).toHaveLength(4);
    for (const address of [...NEVER, 'bc1@other.test'])
      expect(
        to(address).some((l) => l.subject.startsWith('Исполнение')),
        address,
      ).toBe(false);
  });
});
