import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Roadmap } from './roadmap.entity.js';
import { RoadmapRevision } from './revision.entity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import {
  AGREEMENT,
  APPROVAL,
  CAMPAIGN_PAGE,
  CREATE_CAMPAIGN,
  CREATE_ROADMAP,
  DECIDE,
  decide,
  fails,
  INBOX,
  MARK_DONE,
  ok,
  revision,
  REVISION,
  ROADMAP,
  roadmapWorld,
  SAVE_REVISION,
  throughDirector,
  type RoadmapWorld,
} from '../../test/roadmaps.js';

/**
 * Who may see and do what: another district (the «Kursk officer») sees nothing of this one and
 * decides nothing; a school's staff never reach a sibling school's roadmap; a director cannot
 * agree for the district; the region coordinator reads (and agrees only district roadmaps); the
 * district chooses who agrees.
 */
let app: TestApp;
let sibay: RoadmapWorld;
let kursk: RoadmapWorld;
let campaignId: string;
let roadmapId: string;
let submitted: any;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-09-15' });
  sibay = await roadmapWorld(app);
  kursk = await roadmapWorld(app);
  campaignId = (
    await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, sibay.tokens.officer, {
      input: { title: 'Дорожные карты на 2025/2026 учебный год', academicYear: '2025/2026', dueDate: '2025-09-20' },
    })
  ).createCampaign.id;
  const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, sibay.tokens.curator1, {
    input: { campaignId, programmeName: 'Вместе' },
  });
  roadmapId = createRoadmap.id;
  submitted = await throughDirector(app, sibay, createRoadmap.latestRevision);
});

afterAll(async () => {
  await app?.stop();
});

async function stateInDb(revisionId: string) {
  const em = app.orm.em.fork({ schema: sibay.district.schemaName });
  return (await em.findOneOrFail(RoadmapRevision, { id: revisionId })).state;
}

describe("another district's officer (Kursk) and Sibay's roadmap", () => {
  it('cannot see it: by id NOT_FOUND, lists empty, campaign invisible', async () => {
    const token = kursk.tokens.officer;
    expect((await fails(app, ROADMAP, token, { id: roadmapId })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, REVISION, token, { id: submitted.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(app, CAMPAIGN_PAGE, token, { id: campaignId })).extensions?.code).toBe('NOT_FOUND');
    expect((await ok<{ roadmaps: any }>(app, '{ roadmaps { total items { id } } }', token)).roadmaps).toEqual({ total: 0, items: [] });
    expect((await ok<{ campaigns: any }>(app, '{ campaigns { total } }', token)).campaigns.total).toBe(0);
    const inbox = (await ok<{ inbox: any }>(app, INBOX, token)).inbox;
    expect(inbox.toReview).toEqual([]);
    expect(inbox.deadlines).toEqual([]);
  });

  it('cannot decide on it, and naming the Sibay district is FORBIDDEN', async () => {
    const input = { revisionId: submitted.id, expectedVersion: submitted.version, action: 'RETURN', comment: 'Чужое замечание' };
    expect((await fails(app, DECIDE, kursk.tokens.officer, { input })).extensions?.code).toBe('NOT_FOUND');
    const viaHeader = await app.gql(DECIDE, { token: kursk.tokens.officer, variables: { input }, headers: { 'x-district-id': sibay.district.id } });
    expect(viaHeader.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(viaHeader.body.data ?? null).toBeNull();
    expect(await stateInDb(submitted.id)).toBe('submittedToDistrict');
    // …and nothing of Sibay landed in Kursk's schema.
    expect(await app.orm.em.fork({ schema: kursk.district.schemaName }).count(Roadmap, {})).toBe(0);
  });
});

describe('a school never reaches a sibling school', () => {
  it("the other school's curator and director: NOT_FOUND for reading, editing, deciding, executing", async () => {
    for (const token of [sibay.tokens.curator2, sibay.tokens.director2]) {
      expect((await fails(app, ROADMAP, token, { id: roadmapId })).extensions?.code).toBe('NOT_FOUND');
      expect(
        (await fails(app, DECIDE, token, { input: { revisionId: submitted.id, expectedVersion: submitted.version, action: 'APPROVE', approval: APPROVAL } }))
          .extensions?.code,
      ).toBe('NOT_FOUND');
    }
    const page = (await ok<{ campaign: any }>(app, CAMPAIGN_PAGE, sibay.tokens.curator2, { id: campaignId })).campaign;
    expect(page.schools.items.map((s: any) => s.organizationId)).toEqual([sibay.school2.id]);
    expect(page.counts.total).toBe(1);
    const list = (await ok<{ roadmaps: any }>(app, '{ roadmaps { total } }', sibay.tokens.curator2)).roadmaps;
    expect(list.total).toBe(0);
  });

  it("the other school's curator cannot edit, create for or execute the first school's roadmap", async () => {
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, sibay.tokens.curator1, {
      input: { programmeName: 'Вместе', source: 'EMPTY', periodStart: '2024-09-01', periodEnd: '2025-08-31' },
    });
    const draft = createRoadmap.latestRevision;
    const edit = await fails(app, SAVE_REVISION, sibay.tokens.curator2, { input: { revisionId: draft.id, expectedVersion: 1, sections: [] } });
    expect(edit.extensions?.code).toBe('NOT_FOUND');
    const create = await fails(app, CREATE_ROADMAP, sibay.tokens.curator2, { input: { programmeName: 'Чужая', organizationId: sibay.school1.id } });
    expect(create.extensions?.code).toBe('FORBIDDEN');
    const items = (await revision(app, sibay.tokens.curator1, submitted.id)).sections[0].items;
    expect((await fails(app, MARK_DONE, sibay.tokens.curator2, { input: { itemId: items[0].id } })).extensions?.code).toBe('NOT_FOUND');
    // The director of the school itself does not edit either (the curator does).
    const director = await fails(app, SAVE_REVISION, sibay.tokens.director1, { input: { revisionId: draft.id, expectedVersion: 1, sections: [] } });
    expect(director.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('roles at the district and the region', () => {
  it('a director cannot agree on behalf of the district, in any state', async () => {
    for (const action of ['AGREE', 'RECOMMEND_AGREEMENT', 'START_REVIEW', 'RETURN']) {
      const error = await fails(app, DECIDE, sibay.tokens.director1, {
        input: { revisionId: submitted.id, expectedVersion: submitted.version, action, comment: 'x', agreement: AGREEMENT },
      });
      expect(error.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await stateInDb(submitted.id)).toBe('submittedToDistrict');
  });

  it('the region coordinator reads the district (X-District-Id) but takes no part in a school roadmap', async () => {
    const headers = { 'x-district-id': sibay.district.id };
    const seen = await ok<{ roadmap: any }>(app, ROADMAP, sibay.tokens.coordinator, { id: roadmapId }, headers);
    expect(seen.roadmap.id).toBe(roadmapId);
    const agree = await fails(
      app,
      DECIDE,
      sibay.tokens.coordinator,
      { input: { revisionId: submitted.id, expectedVersion: submitted.version, action: 'AGREE', agreement: AGREEMENT } },
      headers,
    );
    expect(agree.extensions?.code).toBe('FORBIDDEN');
    expect(await stateInDb(submitted.id)).toBe('submittedToDistrict');
    const campaign = await app.gql(CREATE_CAMPAIGN, {
      token: sibay.tokens.coordinator,
      headers,
      variables: { input: { title: 'x', academicYear: '2025/2026', dueDate: '2025-10-01' } },
    });
    expect(campaign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A coordinator of another region cannot even name the district.
    const other = await app.gql(ROADMAP, { token: kursk.tokens.coordinator, headers, variables: { id: roadmapId } });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the district chooses who agrees: with «officer» the officer agrees alone and the head signs nothing', async () => {
    const officerSets = await fails(app, `mutation { setDistrictSettings(whoAgrees: OFFICER) { whoAgrees } }`, sibay.tokens.officer);
    expect(officerSets.extensions?.code).toBe('FORBIDDEN');
    const { setDistrictSettings } = await ok<{ setDistrictSettings: any }>(
      app,
      `mutation { setDistrictSettings(whoAgrees: OFFICER) { whoAgrees updatedByName } }`,
      sibay.tokens.head,
    );
    expect(setDistrictSettings.whoAgrees).toBe('OFFICER');
    const current = await revision(app, sibay.tokens.officer, submitted.id);
    expect(current.allowedActions).toEqual(['START_REVIEW', 'COMMENT', 'RETURN', 'AGREE']);
    const agreed = await decide(app, sibay.tokens.officer, current, 'AGREE', { agreement: { ...AGREEMENT, position: 'Методист' } });
    expect(agreed.state).toBe('AGREED');
    expect((await ok<{ inbox: any }>(app, INBOX, sibay.tokens.head)).inbox.toSign).toEqual([]);
    await ok(app, `mutation { setDistrictSettings(whoAgrees: HEAD) { whoAgrees } }`, sibay.tokens.head);
    expect((await ok<{ districtSettings: any }>(app, '{ districtSettings { whoAgrees } }', sibay.tokens.curator1)).districtSettings.whoAgrees).toBe('HEAD');
  });

  it("a district's own roadmap: the officer drafts, the head approves, the region coordinator agrees", async () => {
    const headers = { 'x-district-id': sibay.district.id };
    const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, sibay.tokens.officer, {
      input: { level: 'DISTRICT', source: 'EMPTY', programmeName: 'Наставничество в ГО г. Тестовск' },
    });
    expect(createRoadmap).toMatchObject({ level: 'DISTRICT', organization: null });
    expect(createRoadmap.title).toContain('муниципалитета');
    let draft = createRoadmap.latestRevision;
    const { saveRoadmapRevision } = await ok<{ saveRoadmapRevision: any }>(app, SAVE_REVISION, sibay.tokens.officer, {
      input: {
        revisionId: draft.id,
        expectedVersion: 1,
        sections: [
          {
            title: 'Согласование дорожных карт образовательных организаций',
            items: [
              {
                number: '1',
                activity: 'Согласование дорожных карт',
                deadlineText: 'Май–июнь',
                responsible: 'Методический отдел',
                expectedResult: 'Дорожные карты согласованы',
              },
            ],
          },
        ],
      },
    });
    draft = await decide(app, sibay.tokens.officer, saveRoadmapRevision, 'SUBMIT_TO_DIRECTOR');
    expect(draft.stateLabel).toBe('На утверждении у руководителя органа управления образованием');
    expect((await ok<{ inbox: any }>(app, INBOX, sibay.tokens.head)).inbox.toApprove.map((r: any) => r.id)).toEqual([draft.id]);
    const approved = await decide(app, sibay.tokens.head, draft, 'APPROVE', { approval: { ...APPROVAL, position: 'И.о. начальника управления образования' } });
    expect(approved).toMatchObject({ state: 'SUBMITTED_TO_DISTRICT', approval: { organization: 'Управление образования Администрации ГО г. Тестовск' } });
    // The district's officer does not review its own roadmap; the region does.
    expect((await ok<{ inbox: any }>(app, INBOX, sibay.tokens.officer)).inbox.toReview).toEqual([]);
    const coordinatorInbox = (await ok<{ inbox: any }>(app, INBOX, sibay.tokens.coordinator, {}, headers)).inbox;
    expect(coordinatorInbox.toReview.map((r: any) => r.id)).toEqual([approved.id]);
    const agreed = await ok<{ decideRoadmap: any }>(
      app,
      DECIDE,
      sibay.tokens.coordinator,
      {
        input: {
          revisionId: approved.id,
          expectedVersion: approved.version,
          action: 'AGREE',
          agreement: { position: 'Руководитель РНЦ', name: 'А.А. Иванова', date: '2025-10-01' },
        },
      },
      headers,
    );
    expect(agreed.decideRoadmap).toMatchObject({ state: 'AGREED', agreement: { authority: 'Республика Тест' } });
    // Schools do not see the district's roadmap.
    expect((await fails(app, ROADMAP, sibay.tokens.curator1, { id: createRoadmap.id })).extensions?.code).toBe('NOT_FOUND');
  });
});
