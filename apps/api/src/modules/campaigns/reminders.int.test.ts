import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { CREATE_CAMPAIGN, CREATE_ROADMAP, fails, ok, roadmapWorld, throughDirector, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * «Напомнить» (issue 15): the district's staff remind schools that have not submitted; the reminder
 * is recorded, shown on the campaign page and in the school's inbox; not twice within the hour;
 * all or nothing with a reason per refused row; nobody else reminds, and no other district's school.
 */
const REMIND = /* GraphQL */ `
  mutation ($campaignId: ID!, $ids: [ID!]!) {
    remindCampaignSchools(campaignId: $campaignId, organizationIds: $ids) {
      id
      organizationId
      remindedByName
      remindedAt
      campaign {
        id
      }
      organization {
        shortName
      }
    }
  }
`;
const PAGE = /* GraphQL */ `
  query ($id: ID!) {
    campaign(id: $id) {
      schools(page: { limit: 100 }) {
        items {
          organizationId
          status
          overdue
          lastReminder {
            remindedByName
            remindedAt
          }
        }
      }
    }
  }
`;
const INBOX_REMINDERS = /* GraphQL */ `
  {
    inbox {
      total
      reminders {
        remindedByName
        remindedAt
        campaign {
          id
          title
          dueDate
        }
        organization {
          id
        }
      }
    }
  }
`;

let app: TestApp;
let sibay: RoadmapWorld;
let kursk: RoadmapWorld;
let campaignId: string;

const reminderRows = async () =>
  (await app.orm.em.getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from "${sibay.district.schemaName}"."campaign_reminder"`))[0]!.n;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-09-15' });
  sibay = await roadmapWorld(app);
  kursk = await roadmapWorld(app);
  campaignId = (
    await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, sibay.tokens.officer, {
      input: { title: 'Дорожные карты на 2025/2026 учебный год', academicYear: '2025/2026', dueDate: '2025-09-10' },
    })
  ).createCampaign.id;
  // School 1 submits; school 2 has not started and is overdue.
  const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, sibay.tokens.curator1, { input: { campaignId, programmeName: 'Вместе' } });
  await throughDirector(app, sibay, createRoadmap.latestRevision);
});

afterAll(async () => {
  await app?.stop();
});

describe('reminding a school of the campaign due date', () => {
  it('the officer reminds an overdue school: recorded, on the campaign page and in that school’s inbox only', async () => {
    const { remindCampaignSchools } = await ok<{ remindCampaignSchools: any[] }>(app, REMIND, sibay.tokens.officer, { campaignId, ids: [sibay.school2.id] });
    expect(remindCampaignSchools).toHaveLength(1);
    expect(remindCampaignSchools[0]).toMatchObject({
      organizationId: sibay.school2.id,
      campaign: { id: campaignId },
      organization: { shortName: 'МОБУ «СОШ № 4»' },
    });
    expect(remindCampaignSchools[0].remindedByName).toBeTruthy();

    const rows = (await ok<{ campaign: any }>(app, PAGE, sibay.tokens.officer, { id: campaignId })).campaign.schools.items;
    const school2 = rows.find((row: any) => row.organizationId === sibay.school2.id);
    expect(school2).toMatchObject({ status: 'NOT_STARTED', overdue: true, lastReminder: { remindedByName: remindCampaignSchools[0].remindedByName } });
    expect(rows.find((row: any) => row.organizationId === sibay.school1.id).lastReminder).toBeNull();

    const inbox2 = (await ok<{ inbox: any }>(app, INBOX_REMINDERS, sibay.tokens.curator2)).inbox;
    expect(inbox2.reminders).toHaveLength(1);
    expect(inbox2.reminders[0]).toMatchObject({ campaign: { id: campaignId, dueDate: '2025-09-10' }, organization: { id: sibay.school2.id } });
    expect((await ok<{ inbox: any }>(app, INBOX_REMINDERS, sibay.tokens.curator1)).inbox.reminders).toEqual([]);
    expect((await ok<{ inbox: any }>(app, INBOX_REMINDERS, kursk.tokens.curator2)).inbox.reminders).toEqual([]);
  });

  it('a second reminder within the hour is refused with the time of the first; after an hour it is allowed', async () => {
    const before = await reminderRows();
    const error = await fails(app, REMIND, sibay.tokens.head, { campaignId, ids: [sibay.school2.id] });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^Ничего не сделано: 1 из 1/);
    const rows = error.extensions?.rows as Array<{ id: string; reason: string }>;
    expect(rows).toEqual([
      { id: sibay.school2.id, reason: expect.stringMatching(/^Уже напомнили \d\d\.\d\d\.\d{4} \d\d:\d\d \(МСК\); повторить можно после /) },
    ]);
    expect(await reminderRows()).toBe(before);

    await app.orm.em.getConnection().execute(`update "${sibay.district.schemaName}"."campaign_reminder" set reminded_at = now() - interval '61 minutes'`);
    await ok(app, REMIND, sibay.tokens.head, { campaignId, ids: [sibay.school2.id] });
    expect(await reminderRows()).toBe(before + 1);
  });

  it('all or nothing: a submitted school or another district’s school in the selection refuses the whole action, each with its reason', async () => {
    await app.orm.em.getConnection().execute(`update "${sibay.district.schemaName}"."campaign_reminder" set reminded_at = now() - interval '2 hours'`);
    const before = await reminderRows();
    const error = await fails(app, REMIND, sibay.tokens.officer, { campaignId, ids: [sibay.school2.id, sibay.school1.id, kursk.school1.id, 'not-an-id'] });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^Ничего не сделано: 3 из 4/);
    expect(error.extensions?.rows).toEqual([
      { id: sibay.school1.id, reason: 'Карта уже представлена — напоминать не о чем' },
      { id: kursk.school1.id, reason: 'Кампания не адресована этой организации' },
      { id: 'not-an-id', reason: 'Не найдено или нет доступа' },
    ]);
    expect(await reminderRows()).toBe(before);
    expect((await fails(app, REMIND, sibay.tokens.officer, { campaignId, ids: [] })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organizationIds',
    });
  });

  it('only the campaign district’s staff remind: school staff, the coordinator, the admin and another district’s officer are refused', async () => {
    const before = await reminderRows();
    await app.orm.em.getConnection().execute(`update "${sibay.district.schemaName}"."campaign_reminder" set reminded_at = now() - interval '2 hours'`);
    for (const token of [sibay.tokens.curator2, sibay.tokens.director2, sibay.tokens.coordinator, sibay.tokens.admin]) {
      const headers = { 'x-district-id': sibay.district.id };
      expect((await fails(app, REMIND, token, { campaignId, ids: [sibay.school2.id] }, headers)).extensions?.code).toBe('FORBIDDEN');
    }
    // Kursk's officer: the campaign is not in Kursk (NOT_FOUND); naming Sibay's district is FORBIDDEN.
    expect((await fails(app, REMIND, kursk.tokens.officer, { campaignId, ids: [sibay.school2.id] })).extensions?.code).toBe('NOT_FOUND');
    const viaHeader = await fails(app, REMIND, kursk.tokens.officer, { campaignId, ids: [sibay.school2.id] }, { 'x-district-id': sibay.district.id });
    expect(viaHeader.extensions?.code).toBe('FORBIDDEN');
    expect(await reminderRows()).toBe(before);
  });
});
