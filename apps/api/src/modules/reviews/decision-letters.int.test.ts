import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDP_ADMIN_TOKEN } from '../../engine/auth/keycloak-admin.js';
import { groups } from '../../test/factories.js';
import type { TestApp } from '../../test/harness.js';
import { startMailTestApp, type MailTestApp } from '../../test/mail.js';
import { APPROVAL, CREATE_CAMPAIGN, CREATE_ROADMAP, decide, ok, revision, roadmapWorld, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * The approval loop by letters (issue 16), against a real SMTP server (the catcher) and the
 * identity provider's admin API for who holds which role where: each decision on a school's roadmap
 * reaches exactly the people it concerns — not another school's curator, not a disabled account,
 * not a mentor of the same school — with a link to the roadmap and, when returned, the remarks.
 */
let app: TestApp;
let w: RoadmapWorld;
const ADMIN_URL = 'https://nastavnik.example.ru';

async function idpUser(username: string, email: string, group: string, role: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${app.idp.adminUrl}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEFAULT_IDP_ADMIN_TOKEN}` },
    body: JSON.stringify({ username, email, firstName: 'Лилия', lastName: 'Исхакова', groups: [group], clientRoles: { api: [role] }, ...extra }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

let mail: MailTestApp;

beforeAll(async () => {
  mail = await startMailTestApp({ ADMIN_PUBLIC_URL: ADMIN_URL });
  app = mail.app;
  w = await roadmapWorld(app);
  const school1 = groups.organization(w.region, w.district, w.school1);
  const school2 = groups.organization(w.region, w.district, w.school2);
  const district = groups.district(w.region, w.district);
  await idpUser('t1.curator', 'curator1@school.test', school1, 'school-curator', { attributes: { middleName: ['Фанисовна'] } });
  await idpUser('t1.director', 'director1@school.test', school1, 'school-director');
  await idpUser('t.officer', 'officer@district.test', district, 'district-officer');
  await idpUser('t2.curator', 'curator2@school.test', school2, 'school-curator');
  await idpUser('t2.director', 'director2@school.test', school2, 'school-director');
  await idpUser('t1.gone', 'gone@school.test', school1, 'school-curator', { enabled: false });
  await idpUser('t1.mentor', 'mentor1@school.test', school1, 'mentor');
});

afterAll(async () => {
  await mail?.stop();
});

// The «new campaign» letters (campaign-letters.int.test.ts) go to the same schools when the reminder test opens its campaign.
const to = (address: string) => mail.lettersTo(address).filter((letter) => !letter.subject.startsWith('Новая кампания'));
const arrived = (address: string, count: number) => expect.poll(() => to(address).length, { timeout: 20_000 }).toBe(count);

describe('letters of the approval loop', () => {
  let roadmapId: string;
  let current: { id: string; version: number };

  it('submitted by the curator: the director is asked to approve, with the link', async () => {
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, w.tokens.curator1, {
      input: { programmeName: 'Вместе', organizationId: w.school1.id },
    });
    roadmapId = createRoadmap.id;
    current = await decide(app, w.tokens.curator1, createRoadmap.latestRevision, 'SUBMIT_TO_DIRECTOR');
    await arrived('director1@school.test', 1);
    const [letter] = to('director1@school.test');
    expect(letter!.subject).toBe('Дорожная карта ждёт утверждения: МОБУ «Гимназия»');
    expect(letter!.text).toContain(`${ADMIN_URL}/roadmaps/${roadmapId}?district=${w.district.id}`);
    expect(letter!.text).toContain('Здравствуйте, Лилия!');
    expect(letter!.html).toContain(`href="${ADMIN_URL}/roadmaps/${roadmapId}?district=${w.district.id}"`);
  });

  it('approved by the director: the district’s officer is told it waits for agreement', async () => {
    current = await decide(app, w.tokens.director1, current, 'APPROVE', { approval: APPROVAL });
    await arrived('officer@district.test', 1);
    expect(to('officer@district.test')[0]!.subject).toBe('На согласование: дорожная карта МОБУ «Гимназия»');
  });

  it('returned by the district: the curator gets the comment and the remarks on items', async () => {
    const view = await revision(app, w.tokens.officer, current.id);
    const item = view.sections[1].items[0];
    current = await decide(app, w.tokens.officer, current, 'COMMENT', { itemKey: item.key, comment: 'Уточните срок: к какой дате?' });
    current = await decide(app, w.tokens.officer, current, 'RETURN', { comment: 'Доработать по замечаниям' });
    await arrived('curator1@school.test', 1);
    const [letter] = to('curator1@school.test');
    expect(letter!.subject).toBe('Дорожная карта возвращена на доработку: МОБУ «Гимназия»');
    expect(letter!.text).toContain('Здравствуйте, Лилия Фанисовна!');
    expect(letter!.text).toContain('Комментарий: Доработать по замечаниям');
    expect(letter!.text).toContain('Замечания к мероприятиям:\n• Уточните срок: к какой дате?');
    expect(letter!.text).toContain(`${ADMIN_URL}/roadmaps/${roadmapId}?district=${w.district.id}`);
  });

  it('nobody else got a letter: not another school, not a disabled account, not a mentor; each letter once', async () => {
    // Give the queue a moment for anything that should not be there.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const address of ['curator2@school.test', 'director2@school.test', 'gone@school.test', 'mentor1@school.test'])
      expect(to(address), address).toEqual([]);
    expect(to('director1@school.test')).toHaveLength(1);
    expect(to('officer@district.test')).toHaveLength(1);
    expect(to('curator1@school.test')).toHaveLength(1);
    // The district's log lists them as sent.
    const log = await ok<any>(app, `{ notificationLog(page: { limit: 20 }) { items { kind recipient status } } }`, w.tokens.officer);
    expect(log.notificationLog.items.map((item: any) => `${item.kind} ${item.recipient} ${item.status}`).sort()).toEqual([
      'roadmaps.returned curator1@school.test sent',
      'roadmaps.submitted officer@district.test sent',
      'roadmaps.waits-for-director director1@school.test sent',
    ]);
  });
});

describe('«Напомнить» by e-mail', () => {
  it('the reminded school’s curator and director get the due date and the campaign link at once; the reminder says when', async () => {
    const { createCampaign } = await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, w.tokens.officer, {
      input: { title: 'Дорожные карты на 2026/2027 учебный год', academicYear: '2026/2027', dueDate: '2026-09-10' },
    });
    const { remindCampaignSchools } = await ok<{ remindCampaignSchools: Array<{ id: string }> }>(
      app,
      `mutation($c: ID!, $ids: [ID!]!) { remindCampaignSchools(campaignId: $c, organizationIds: $ids) { id } }`,
      w.tokens.officer,
      { c: createCampaign.id, ids: [w.school2.id] },
    );
    await arrived('curator2@school.test', 1);
    await arrived('director2@school.test', 1);
    const [letter] = to('curator2@school.test');
    expect(letter!.subject).toMatch(/^Напоминание: дорожная карта (до 10\.09\.2026|не представлена) — Дорожные карты на 2026\/2027 учебный год$/);
    expect(letter!.text).toContain('МОБУ «СОШ № 4»');
    expect(letter!.text).toContain(`${ADMIN_URL}/roadmaps/campaigns/${createCampaign.id}?district=${w.district.id}`);
    // School 1 was not reminded: its people got nothing more than before.
    expect(to('curator1@school.test')).toHaveLength(1);
    const [row] = await app.orm.em
      .getConnection()
      .execute<Array<{ delivered_at: string | null }>>(`select delivered_at::text from "${w.district.schemaName}".campaign_reminder where id = ?`, [
        remindCampaignSchools[0]!.id,
      ]);
    expect(row!.delivered_at).toMatch(/^\d{4}-\d{2}-\d{2} /);
  });
});
