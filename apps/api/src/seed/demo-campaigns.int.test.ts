import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './demo-directory.js';
import { District } from '../modules/directory/district.entity.js';
import { startTestApp, type TestApp } from '../test/harness.js';
import { CAMPAIGN_PAGE, ok } from '../test/roadmaps.js';
import { Campaign } from '../modules/campaigns/campaign.entity.js';

/** The demo campaign of Sibay, seen by the demo users (real password grant). */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-09-15' });
});

afterAll(async () => {
  await app?.stop();
});

const token = async (username: string) => (await app.idp.passwordGrant(username, 'demo')).access_token;

describe('demo campaign', () => {
  it('is seeded once, whatever the number of runs', async () => {
    await seedDemo(app.orm);
    const sibay = await app.orm.em.fork().findOneOrFail(District, { code: 'sibay' });
    // The current year's campaign of ./demo-current.ts stands beside it (see demo-current.int.test.ts).
    const campaigns = await app.orm.em.fork({ schema: sibay.schemaName }).find(Campaign, { academicYear: '2025/2026' });
    expect(campaigns.map((c) => [c.title, c.dueDate, c.allOrganizations, c.organizationIds.length])).toEqual([
      ['Дорожные карты на 2025/2026 учебный год', '2025-09-20', false, 2],
    ]);
  });

  it('the Sibay officer sees both schools; the Gimnaziya curator sees the campaign and its line; Kursk sees nothing', async () => {
    const officer = await token('sibay.officer');
    const { campaigns } = await ok<{ campaigns: any }>(app, '{ campaigns { items { id title dueDate } } }', officer);
    const demo = campaigns.items.filter((c: any) => c.title.includes('2025/2026'));
    expect(demo).toEqual([expect.objectContaining({ title: 'Дорожные карты на 2025/2026 учебный год', dueDate: '2025-09-20' })]);
    const page = (await ok<{ campaign: any }>(app, CAMPAIGN_PAGE, officer, { id: demo[0].id })).campaign;
    expect(page.schools.items.map((s: any) => s.organization.shortName)).toEqual(['МОБУ «Гимназия»', 'МОБУ «СОШ № 4»']);
    expect(page.counts).toMatchObject({ total: 2, notStarted: 2 });

    const curator = await token('gimnaziya.curator');
    const mine = (await ok<{ campaign: any }>(app, CAMPAIGN_PAGE, curator, { id: demo[0].id })).campaign;
    expect(mine.schools.items.map((s: any) => s.organization.shortName)).toEqual(['МОБУ «Гимназия»']);

    const kursk = await token('kursk.officer');
    expect((await ok<{ campaigns: any }>(app, '{ campaigns { total } }', kursk)).campaigns.total).toBe(0);
  });
});
