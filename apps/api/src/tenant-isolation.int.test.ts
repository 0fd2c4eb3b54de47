import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { District } from './modules/directory/district.entity.js';
import type { Organization } from './modules/directory/organization.entity.js';
import type { Region } from './modules/directory/region.entity.js';
import { Headcount } from './modules/headcounts/headcount.entity.js';
import { createDistrict, createHeadcount, createOrganization, createRegion, groups } from './test/factories.js';
import { errorCodes, startTestApp, type TestApp } from './test/harness.js';

/**
 * Two tenants with look-alike data: same organisation codes and names, headcounts that differ
 * only in numbers (A: 1xx pupils, B: 2xx). Every request below comes from A's side and must
 * never reveal B (and a school must never reveal its sibling school).
 */
interface World {
  region: Region;
  district: District;
  school1: Organization;
  school2: Organization;
}

let app: TestApp;
let a: World;
let b: World;
let a2: District;
let tokens: { officerA: string; curatorA1: string; coordinatorA: string; admin: string };

async function world(pupilsBase: number): Promise<World> {
  const region = await createRegion(app.orm);
  const district = await createDistrict(app.orm, region, { name: 'ГО г. Близнецы', authorityName: 'Управление образования' });
  const school1 = await createOrganization(app.orm, district, { code: 'school-1', shortName: 'МБОУ «СОШ № 1»', name: 'Школа № 1' });
  const school2 = await createOrganization(app.orm, district, { code: 'school-2', shortName: 'МБОУ «СОШ № 2»', name: 'Школа № 2' });
  await createHeadcount(app.orm, district, school1, { pupils: pupilsBase + 1, teachers: 11 });
  await createHeadcount(app.orm, district, school2, { pupils: pupilsBase + 2, teachers: 12 });
  return { region, district, school1, school2 };
}

beforeAll(async () => {
  app = await startTestApp();
  a = await world(100);
  b = await world(200);
  a2 = await createDistrict(app.orm, a.region, { name: 'Второй округ региона A' });
  tokens = {
    officerA: await app.tokenFor('district-officer', [groups.district(a.region, a.district)]),
    curatorA1: await app.tokenFor('school-curator', [groups.organization(a.region, a.district, a.school1)]),
    coordinatorA: await app.tokenFor('region-coordinator', [groups.region(a.region)]),
    admin: await app.tokenFor('platform-admin', []),
  };
});

afterAll(async () => {
  await app?.stop();
});

const DISTRICT = `query($id: ID!) { district(id: $id) { id code } }`;
const ORGANIZATION = `query($id: ID!) { organization(id: $id) { id code headcounts { pupils } } }`;
const REGION = `query($id: ID!) { region(id: $id) { id } }`;
const DISTRICTS = `query($filter: DistrictFilter) { districts(page: { limit: 100 }, filter: $filter) { total items { id code } } }`;
const ORGANIZATIONS = `query($filter: OrganizationFilter) {
  organizations(page: { limit: 100 }, filter: $filter) { total items { id code district { id } headcounts { pupils teachers } } }
}`;
const ORGANIZATIONS_NO_HEADCOUNTS = `query($filter: OrganizationFilter) {
  organizations(page: { limit: 100 }, filter: $filter) { total items { id code district { id } } }
}`;
const SET_HEADCOUNT = `mutation($input: SetHeadcountInput!) { setHeadcount(input: $input) { id pupils teachers academicYear } }`;

const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

async function headcountsIn(district: District, organization: Organization) {
  const em = app.orm.em.fork({ schema: district.schemaName });
  return (await em.find(Headcount, { organizationId: organization.id })).map((h) => ({ pupils: h.pupils, teachers: h.teachers }));
}

describe("district officer of A never reaches district B's tenant", () => {
  it('B by id: NOT_FOUND for the district, its region and its organisations', async () => {
    for (const [query, id] of [
      [DISTRICT, b.district.id],
      [REGION, b.region.id],
      [ORGANIZATION, b.school1.id],
      [ORGANIZATION, b.school2.id],
    ] as const) {
      const response = await app.gql(query, { token: tokens.officerA, variables: { id } });
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
      expect(Object.values(response.body.data ?? {})).toEqual([null]);
    }
  });

  it('A by id works (the same queries are not simply broken)', async () => {
    const response = await app.gql(ORGANIZATION, { token: tokens.officerA, variables: { id: a.school1.id } });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.organization).toEqual({ id: a.school1.id, code: 'school-1', headcounts: [{ pupils: 101 }] });
  });

  it('lists contain A and never B', async () => {
    const districts = (await app.gql(DISTRICTS, { token: tokens.officerA })).body.data!.districts;
    expect(idsOf(districts)).toEqual([a.district.id]);
    expect(districts.total).toBe(1);

    const organizations = await app.gql(ORGANIZATIONS, { token: tokens.officerA });
    expect(organizations.body.errors).toBeUndefined();
    const page = organizations.body.data!.organizations;
    expect(idsOf(page).sort()).toEqual([a.school1.id, a.school2.id].sort());
    expect(page.total).toBe(2);
    const pupils = page.items.flatMap((item: any) => item.headcounts.map((h: any) => h.pupils)).sort();
    expect(pupils).toEqual([101, 102]);
  });

  it('filters naming B give nothing', async () => {
    const byRegion = await app.gql(DISTRICTS, { token: tokens.officerA, variables: { filter: { regionId: b.region.id } } });
    expect(byRegion.body.data!.districts).toEqual({ total: 0, items: [] });
    const byDistrict = await app.gql(ORGANIZATIONS, { token: tokens.officerA, variables: { filter: { districtId: b.district.id } } });
    expect(byDistrict.body.data!.organizations).toEqual({ total: 0, items: [] });
    const bySearch = await app.gql(ORGANIZATIONS, { token: tokens.officerA, variables: { filter: { search: 'СОШ' } } });
    expect(idsOf(bySearch.body.data!.organizations).sort()).toEqual([a.school1.id, a.school2.id].sort());
  });

  it('X-District-Id naming B is FORBIDDEN, whatever the query', async () => {
    for (const query of ['{ me { username } }', ORGANIZATIONS]) {
      const response = await app.gql(query, { token: tokens.officerA, headers: { 'x-district-id': b.district.id } });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(response.body.errors![0]!.path).toBeUndefined();
      expect(response.body.data ?? null).toBeNull();
    }
    // …and naming its own district is fine.
    const own = await app.gql(ORGANIZATIONS, { token: tokens.officerA, headers: { 'x-district-id': a.district.id } });
    expect(own.body.errors).toBeUndefined();
    expect(idsOf(own.body.data!.organizations).sort()).toEqual([a.school1.id, a.school2.id].sort());
  });

  it("setHeadcount on B's organisation: NOT_FOUND and B's data unchanged", async () => {
    const before = await headcountsIn(b.district, b.school1);
    for (const headers of [{}, { 'x-district-id': b.district.id }] as Array<Record<string, string>>) {
      const response = await app.gql(SET_HEADCOUNT, {
        token: tokens.officerA,
        headers,
        variables: { input: { organizationId: b.school1.id, academicYear: '2025/2026', pupils: 999, teachers: 99 } },
      });
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(errorCodes(response)[0]);
      expect(response.body.data ?? null).toBeNull();
    }
    expect(await headcountsIn(b.district, b.school1)).toEqual(before);
    expect(before).toEqual([{ pupils: 201, teachers: 11 }]);
    // Nothing was written into A's schema for B's organisation either.
    expect(await headcountsIn(a.district, b.school1)).toEqual([]);
  });

  it("setHeadcount on A's organisation works and stays in A's schema", async () => {
    const response = await app.gql(SET_HEADCOUNT, {
      token: tokens.officerA,
      variables: { input: { organizationId: a.school2.id, academicYear: '2024/2025', pupils: 150, teachers: 15 } },
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.setHeadcount).toMatchObject({ pupils: 150, teachers: 15, academicYear: '2024/2025' });
    expect(await headcountsIn(a.district, a.school2)).toContainEqual({ pupils: 150, teachers: 15 });
    expect(await headcountsIn(b.district, a.school2)).toEqual([]);
  });
});

describe('school curator sees only their own school', () => {
  it('the sibling school of the same district is NOT_FOUND by id', async () => {
    const response = await app.gql(ORGANIZATION, { token: tokens.curatorA1, variables: { id: a.school2.id } });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.body.data!.organization).toBeNull();
  });

  it('lists and headcounts show the own school only', async () => {
    const response = await app.gql(ORGANIZATIONS, { token: tokens.curatorA1 });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.organizations.items).toEqual([
      { id: a.school1.id, code: 'school-1', district: { id: a.district.id }, headcounts: [{ pupils: 101, teachers: 11 }] },
    ]);
    const filtered = await app.gql(ORGANIZATIONS, { token: tokens.curatorA1, variables: { filter: { districtId: a.district.id } } });
    expect(idsOf(filtered.body.data!.organizations)).toEqual([a.school1.id]);
  });

  it('the district card is visible, other districts are not', async () => {
    const own = await app.gql(DISTRICT, { token: tokens.curatorA1, variables: { id: a.district.id } });
    expect(own.body.data!.district).toEqual({ id: a.district.id, code: a.district.code });
    const districts = (await app.gql(DISTRICTS, { token: tokens.curatorA1 })).body.data!.districts;
    expect(idsOf(districts)).toEqual([a.district.id]);
  });

  it("the district card's counts do not reveal the sibling school", async () => {
    const query = `query ($id: ID!) { district(id: $id) { organizationsCount region { districtsCount } } }`;
    const asCurator = await app.gql(query, { token: tokens.curatorA1, variables: { id: a.district.id } });
    expect(asCurator.body.data!.district).toEqual({ organizationsCount: 1, region: { districtsCount: 1 } });
    const asOfficer = await app.gql(query, { token: tokens.officerA, variables: { id: a.district.id } });
    expect((asOfficer.body.data!.district as { organizationsCount: number }).organizationsCount).toBe(2);
  });

  it('cannot set the sibling school headcount', async () => {
    const before = await headcountsIn(a.district, a.school2);
    const response = await app.gql(SET_HEADCOUNT, {
      token: tokens.curatorA1,
      variables: { input: { organizationId: a.school2.id, academicYear: '2025/2026', pupils: 1, teachers: 1 } },
    });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(await headcountsIn(a.district, a.school2)).toEqual(before);
  });
});

describe('region coordinator sees only its region', () => {
  it("lists A's districts, not B's", async () => {
    const response = await app.gql(DISTRICTS, { token: tokens.coordinatorA });
    expect(idsOf(response.body.data!.districts).sort()).toEqual([a.district.id, a2.id].sort());
    const other = await app.gql(DISTRICT, { token: tokens.coordinatorA, variables: { id: b.district.id } });
    expect(errorCodes(other)).toEqual(['NOT_FOUND']);
  });

  it('names a district of its region with X-District-Id; B is FORBIDDEN', async () => {
    const inA = await app.gql(ORGANIZATIONS, { token: tokens.coordinatorA, headers: { 'x-district-id': a.district.id } });
    expect(inA.body.errors).toBeUndefined();
    const inAIds = idsOf(inA.body.data!.organizations);
    expect(inAIds).toEqual(expect.arrayContaining([a.school1.id, a.school2.id]));
    expect(inAIds).not.toContain(b.school1.id);
    for (const query of ['{ me { username } }', ORGANIZATIONS]) {
      const inB = await app.gql(query, { token: tokens.coordinatorA, headers: { 'x-district-id': b.district.id } });
      expect(errorCodes(inB)).toEqual(['FORBIDDEN']);
      // Refused while the context is built (no path): the request never executes.
      expect(inB.body.errors![0]!.path).toBeUndefined();
      expect(inB.body.data ?? null).toBeNull();
    }
  });

  it('without a district, tenant data is refused (fail closed), the directory is not', async () => {
    const directory = await app.gql(ORGANIZATIONS_NO_HEADCOUNTS, { token: tokens.coordinatorA });
    expect(directory.body.errors).toBeUndefined();
    expect(idsOf(directory.body.data!.organizations)).not.toContain(b.school1.id);
    const tenantData = await app.gql(ORGANIZATIONS, { token: tokens.coordinatorA });
    expect(errorCodes(tenantData)).toContain('FORBIDDEN');
    expect(tenantData.body.data?.organizations ?? null).toBeNull();
  });

  it('a region coordinator cannot write headcounts', async () => {
    const response = await app.gql(SET_HEADCOUNT, {
      token: tokens.coordinatorA,
      headers: { 'x-district-id': a.district.id },
      variables: { input: { organizationId: a.school1.id, academicYear: '2025/2026', pupils: 1, teachers: 1 } },
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });
});

describe('platform admin', () => {
  it('sees both tenants, and headcounts only in the district it names', async () => {
    const all = await app.gql(DISTRICTS, { token: tokens.admin, variables: { filter: { search: 'Близнецы' } } });
    expect(idsOf(all.body.data!.districts)).toEqual(expect.arrayContaining([a.district.id, b.district.id]));
    const inB = await app.gql(ORGANIZATIONS, {
      token: tokens.admin,
      headers: { 'x-district-id': b.district.id },
      variables: { filter: { districtId: b.district.id } },
    });
    expect(inB.body.errors).toBeUndefined();
    const pupils = inB.body.data!.organizations.items.flatMap((item: any) => item.headcounts.map((h: any) => h.pupils)).sort();
    expect(pupils).toEqual([201, 202]);
    // Headcounts of A's schools asked within B's tenant: refused, not read from B's schema.
    const crossed = await app.gql(ORGANIZATIONS, {
      token: tokens.admin,
      headers: { 'x-district-id': b.district.id },
      variables: { filter: { districtId: a.district.id } },
    });
    expect(errorCodes(crossed)).toContain('FORBIDDEN');
  });
});
