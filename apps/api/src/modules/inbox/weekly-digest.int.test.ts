import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDP_ADMIN_TOKEN } from '../../engine/auth/keycloak-admin.js';
import { createDistrict, createOrganization, groups } from '../../test/factories.js';
import type { TestApp } from '../../test/harness.js';
import { startMailTestApp, type MailTestApp } from '../../test/mail.js';
import { agreedRoadmap, CREATE_CAMPAIGN, CREATE_ROADMAP, ok, roadmapWorld, throughDirector, type RoadmapWorld } from '../../test/roadmaps.js';
import type { District } from '../directory/district.entity.js';
import { WEEKLY_DIGEST_JOB } from './weekly-digest.js';

/**
 * The weekly digest (issue 16) through the real job queue, the identity provider's directory and
 * the real catcher: each officer and head of a district gets one letter naming what waits and what
 * is overdue there; another district's letter has none of it; a second run in the week sends nothing.
 */
let mail: MailTestApp;
let app: TestApp;
let w: RoadmapWorld;
let other: District;
let campaignId: string;
const ADMIN_URL = 'https://nastavnik.example.ru';
// A Monday, after the campaigns' due date and within their academic year.
const MONDAY = '2026-12-14';

async function idpUser(username: string, email: string, group: string, role: string) {
  const response = await fetch(`${app.idp.adminUrl}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEFAULT_IDP_ADMIN_TOKEN}` },
    body: JSON.stringify({ username, email, firstName: 'Лилия', lastName: 'Исхакова', groups: [group], clientRoles: { api: [role] } }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

const campaign = (title: string) => ({ input: { title, academicYear: '2026/2027', dueDate: '2026-12-01' } });

beforeAll(async () => {
  mail = await startMailTestApp({ ADMIN_PUBLIC_URL: ADMIN_URL });
  app = mail.app;
  w = await roadmapWorld(app);
  other = await createDistrict(app.orm, w.region, { name: 'ГО г. Чужой' });
  const otherSchool = await createOrganization(app.orm, other, { shortName: 'МОБУ «Чужая школа»' });
  const district = groups.district(w.region, w.district);
  await idpUser('dg.officer', 'officer@digest.test', district, 'district-officer');
  await idpUser('dg.head', 'head@digest.test', district, 'district-head');
  await idpUser('dg.curator', 'curator@digest.test', groups.organization(w.region, w.district, w.school1), 'school-curator');
  await idpUser('dg.other', 'other@digest.test', groups.district(w.region, other), 'district-officer');

  // District A: a campaign; school 1 submitted (waits for the district), school 2 did not (overdue).
  const { createCampaign } = await ok<{ createCampaign: { id: string } }>(app, CREATE_CAMPAIGN, w.tokens.officer, campaign('Дорожные карты — Тестовск'));
  campaignId = createCampaign.id;
  const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, {
    input: { programmeName: 'Вместе', organizationId: w.school1.id, campaignId },
  });
  await throughDirector(app, w, createRoadmap.latestRevision);
  // …and a roadmap in force of school 1 (outside the campaign) whose template items are due by the Monday.
  await agreedRoadmap(app, w, { programmeName: 'Действующая' });

  // District B: an overdue campaign of its own school.
  const otherOfficer = await app.tokenFor('district-officer', [groups.district(w.region, other)], 'sibay.officer');
  await ok(app, CREATE_CAMPAIGN, otherOfficer, campaign('Дорожные карты — Чужой'));
  expect(otherSchool.id).toBeTruthy();
  app.setToday(MONDAY);
});

afterAll(async () => {
  await mail?.stop();
});

const digestsTo = (address: string) => mail.lettersTo(address).filter((letter) => letter.subject.startsWith('Сводка за неделю'));

describe('the weekly digest', () => {
  it('one letter per officer and head of the district, naming what waits and what is overdue, with links', async () => {
    const run = await app.api.jobs.runNow(WEEKLY_DIGEST_JOB, { timeoutMs: 60_000 });
    expect(run.state, JSON.stringify(run)).toBe('completed');
    for (const address of ['officer@digest.test', 'head@digest.test', 'other@digest.test']) {
      await expect.poll(() => digestsTo(address).length, { timeout: 20_000 }).toBe(1);
    }
    const [letter] = digestsTo('officer@digest.test');
    expect(letter!.subject).toBe('Сводка за неделю: ГО г. Тестовск, 14.12.2026');
    expect(letter!.text).toMatch(/Ждут решения муниципалитета — 1 дорожная карта:\n• МОБУ «Гимназия» — «Вместе» \([^)]+, ждёт \d+ (день|дня|дней)\)/);
    expect(letter!.text).toContain('• «Дорожные карты — Тестовск» — срок 01.12.2026, не представили 1: МОБУ «СОШ № 4»');
    expect(letter!.text).toContain(`${ADMIN_URL}/roadmaps/campaigns/${campaignId}?district=${w.district.id}`);
    expect(letter!.text).toContain(`Открыть «Входящие»: ${ADMIN_URL}/inbox?district=${w.district.id}`);
    expect(letter!.text).toMatch(/Просроченные мероприятия действующих дорожных карт — 1 школа:\n• МОБУ «Гимназия»: \d+/);
    expect(letter!.text).toContain('• согласовано дорожных карт: 1');
    expect(digestsTo('head@digest.test')[0]!.text).toContain('МОБУ «СОШ № 4»');
  });

  it('another district’s data is in neither letter; a school’s curator gets none', async () => {
    const ours = [...digestsTo('officer@digest.test'), ...digestsTo('head@digest.test')].map((letter) => letter.text + letter.html).join('\n');
    expect(ours).not.toContain('Чужой');
    expect(ours).not.toContain('Чужая школа');
    expect(ours).not.toContain(other.id);
    const [theirs] = digestsTo('other@digest.test');
    expect(theirs!.subject).toBe('Сводка за неделю: ГО г. Чужой, 14.12.2026');
    expect(theirs!.text).toContain('не представили 1: МОБУ «Чужая школа»');
    for (const foreign of ['Тестовск', 'Гимназия', 'СОШ № 4', w.district.id, campaignId]) expect(theirs!.text + theirs!.html).not.toContain(foreign);
    expect(theirs!.text).toContain('Ждут решения муниципалитета: ничего.');
    expect(mail.lettersTo('curator@digest.test').filter((letter) => letter.subject.startsWith('Сводка'))).toEqual([]);
  });

  it('a second run in the same week sends nothing more; the next week’s does', async () => {
    const again = await app.api.jobs.runNow(WEEKLY_DIGEST_JOB, { timeoutMs: 60_000 });
    expect(again.state).toBe('completed');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(digestsTo('officer@digest.test')).toHaveLength(1);
    expect(digestsTo('other@digest.test')).toHaveLength(1);
    app.setToday('2026-12-21');
    await app.api.jobs.runNow(WEEKLY_DIGEST_JOB, { timeoutMs: 60_000 });
    await expect.poll(() => digestsTo('officer@digest.test').length, { timeout: 20_000 }).toBe(2);
  });
});
