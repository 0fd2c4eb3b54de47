import { schoolCampaignStatus, type RoadmapState } from '@nastavnik/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { District } from '../directory/district.entity.js';
import { createDistrict, createOrganization, groups } from '../../test/factories.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { CREATE_CAMPAIGN, CREATE_ROADMAP, fails, ok, roadmapWorld, throughDirector, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * The region's roadmap overview: two districts of one region (one with a district roadmap and a campaign
 * half submitted, one with a fresh campaign), a third district in another region. The counts equal
 * direct SQL counts; the statement over the district schemas is one, whatever the number of districts.
 */
let app: TestApp;
let a: RoadmapWorld;
let b: RoadmapWorld;
let second: District;
let secondOfficer: string;
const campaigns: Record<string, string> = {};

const OVERVIEW = /* GraphQL */ `
  query ($regionId: ID!, $academicYear: String) {
    regionRoadmapOverview(regionId: $regionId, academicYear: $academicYear) {
      regionId
      regionName
      academicYear
      districts {
        districtId
        code
        name
        roadmapId
        roadmapLatestRevisionId
        roadmapState
        roadmapInForce
        campaign {
          id
          title
          academicYear
          dueDate
          pastDue
          counts {
            total
            notStarted
            draft
            withDirector
            submitted
            returned
            agreed
            overdue
          }
        }
      }
    }
  }
`;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-10-15' });
  a = await roadmapWorld(app);
  b = await roadmapWorld(app);
  second = await createDistrict(app.orm, a.region, { name: 'ГО г. Второй' });
  await createOrganization(app.orm, second, { shortName: 'МОБУ «СОШ № 1»' });
  await createOrganization(app.orm, second, { shortName: 'МОБУ «СОШ № 2»' });
  secondOfficer = await app.tokenFor('district-officer', [groups.district(a.region, second)], 'sibay.officer');

  const campaign = async (token: string, academicYear: string, dueDate: string) =>
    (await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, token, { input: { title: `Кампания ${academicYear}`, academicYear, dueDate } })).createCampaign
      .id as string;
  campaigns.aOld = await campaign(a.tokens.officer, '2024/2025', '2024-09-20');
  campaigns.a = await campaign(a.tokens.officer, '2025/2026', '2025-09-20');
  campaigns.second = await campaign(secondOfficer, '2025/2026', '2025-12-01');
  campaigns.b = await campaign(b.tokens.officer, '2025/2026', '2025-09-20');

  // District A: school 1 submitted, school 2 not started (overdue); the district's own roadmap in draft.
  const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, a.tokens.curator1, {
    input: { campaignId: campaigns.a, programmeName: 'Вместе' },
  });
  await throughDirector(app, a, createRoadmap.latestRevision);
  await ok(app, CREATE_ROADMAP, a.tokens.officer, { input: { level: 'DISTRICT', source: 'EMPTY', programmeName: 'Наставничество в муниципалитете' } });
});

afterAll(async () => {
  await app?.stop();
});

/** Counts of a campaign straight from the tables (the domain maps the latest revision's state). */
async function directCounts(district: District, campaignId: string, today: string, dueDate: string) {
  const rows = await app.orm.em.getConnection().execute<Array<{ state: RoadmapState | null }>>(
    `select lr.state from "core"."organization" o
     left join "${district.schemaName}"."roadmap" r on r.campaign_id = ? and r.organization_id = o.id and r.level = 'school'
     left join "${district.schemaName}"."roadmap_revision" lr on lr.id = r.latest_revision_id
     where o.district_id = ?`,
    [campaignId, district.id],
  );
  const counts = { total: rows.length, notStarted: 0, draft: 0, withDirector: 0, submitted: 0, returned: 0, agreed: 0, overdue: 0 };
  for (const row of rows) {
    const status = schoolCampaignStatus(row.state);
    counts[status] += 1;
    if (today > dueDate && status !== 'submitted' && status !== 'agreed') counts.overdue += 1;
  }
  return counts;
}

describe('regionRoadmapOverview', () => {
  it('one row per district of the region, counts equal to direct SQL, in one statement over the schemas', async () => {
    const { result, queries } = await app.countQueries(() => app.gql(OVERVIEW, { token: a.tokens.coordinator, variables: { regionId: a.region.id } }));
    expect(result.body.errors).toBeUndefined();
    const overview = result.body.data!.regionRoadmapOverview;
    expect(overview.regionName).toBe('Республика Тест');
    expect(overview.districts.map((d: any) => d.districtId).sort()).toEqual([a.district.id, second.id].sort());
    const rowA = overview.districts.find((d: any) => d.districtId === a.district.id);
    const rowSecond = overview.districts.find((d: any) => d.districtId === second.id);
    expect(rowA).toMatchObject({ roadmapState: 'DRAFT', roadmapInForce: false, campaign: { id: campaigns.a, pastDue: true } });
    expect(rowA.roadmapId).toBeTruthy();
    expect(rowA.campaign.counts).toEqual(await directCounts(a.district, campaigns.a!, '2025-10-15', '2025-09-20'));
    expect(rowA.campaign.counts).toMatchObject({ total: 2, submitted: 1, notStarted: 1, overdue: 1 });
    expect(rowSecond).toMatchObject({ roadmapId: null, roadmapState: null, roadmapInForce: false, campaign: { id: campaigns.second, pastDue: false } });
    expect(rowSecond.campaign.counts).toEqual(await directCounts(second, campaigns.second!, '2025-10-15', '2025-12-01'));
    expect(rowSecond.campaign.counts).toMatchObject({ total: 2, notStarted: 2, overdue: 0 });

    // The overview itself: one statement over all district schemas (plus the directory read).
    const overDistricts = queries.filter((sql) => /"district_[a-z0-9_]+"\./.test(sql));
    expect(overDistricts).toHaveLength(1);
    expect(overDistricts[0]).toContain('union all');
    expect(overDistricts[0]).toContain(`"${a.district.schemaName}"`);
    expect(overDistricts[0]).toContain(`"${second.schemaName}"`);
    expect(overDistricts[0]).not.toContain(b.district.schemaName);
  });

  it("an academic year picks that year's campaign; the platform admin reads any region", async () => {
    const { regionRoadmapOverview } = await ok<{ regionRoadmapOverview: any }>(app, OVERVIEW, a.tokens.admin, {
      regionId: a.region.id,
      academicYear: '2024/2025',
    });
    const rowA = regionRoadmapOverview.districts.find((d: any) => d.districtId === a.district.id);
    expect(rowA.campaign).toMatchObject({ id: campaigns.aOld, academicYear: '2024/2025' });
    expect(rowA.campaign.counts).toEqual(await directCounts(a.district, campaigns.aOld!, '2025-10-15', '2024-09-20'));
    expect(regionRoadmapOverview.districts.find((d: any) => d.districtId === second.id).campaign).toBeNull();
    const other = await ok<{ regionRoadmapOverview: any }>(app, OVERVIEW, a.tokens.admin, { regionId: b.region.id });
    expect(other.regionRoadmapOverview.districts.map((d: any) => d.districtId)).toEqual([b.district.id]);
  });

  it("another region's coordinator, a district officer and a school are refused", async () => {
    expect((await fails(app, OVERVIEW, b.tokens.coordinator, { regionId: a.region.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(app, OVERVIEW, a.tokens.officer, { regionId: a.region.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(app, OVERVIEW, a.tokens.curator1, { regionId: a.region.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(app, OVERVIEW, a.tokens.coordinator, { regionId: a.region.id, academicYear: '2025' })).extensions?.code).toBe('BAD_USER_INPUT');
  });
});
