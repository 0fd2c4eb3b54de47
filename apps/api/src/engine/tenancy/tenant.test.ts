import { describe, expect, it } from 'vitest';
import { accessOf, type Actor, type ResolvedGrant } from '../auth/actor.js';
import type { EntityManager } from '../orm/create-orm.js';
import { createTenantAccessor, resolveTenantDistrict, type TenantDirectory, type TenantDistrict } from './tenant.js';

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const districts: TenantDistrict[] = [
  { id: id(1), code: 'a1', regionId: id(100), schemaName: 'district_a1' },
  { id: id(2), code: 'a2', regionId: id(100), schemaName: 'district_a2' },
  { id: id(3), code: 'b1', regionId: id(200), schemaName: 'district_b1' },
];
const directory: TenantDirectory = {
  districtById: async (_em, wanted) => districts.find((d) => d.id === wanted) ?? null,
  districtsOfRegions: async (_em, regionIds) => districts.filter((d) => regionIds.includes(d.regionId)),
  districtsByIds: async (_em, ids) => districts.filter((d) => ids.includes(d.id)),
};
const em = {} as EntityManager;

function actor(...grants: Array<Partial<ResolvedGrant> & Pick<ResolvedGrant, 'role' | 'scope'>>): Actor {
  const full = grants.map((g) => ({ regionId: null, districtId: null, organizationId: null, partnerId: null, ...g }));
  return { userId: 'u', username: 'u', displayName: 'u', position: null, roles: [], grants: full, access: accessOf(full) };
}

const officerA1 = actor({ role: 'district-officer', scope: { kind: 'district', regionCode: 'a', districtCode: 'a1' }, regionId: id(100), districtId: id(1) });
const curatorA1 = actor({
  role: 'school-curator',
  scope: { kind: 'organization', regionCode: 'a', districtCode: 'a1', organizationCode: 's' },
  regionId: id(100),
  districtId: id(1),
  organizationId: id(11),
});
const coordinatorA = actor({ role: 'region-coordinator', scope: { kind: 'region', regionCode: 'a' }, regionId: id(100) });
const coordinatorB = actor({ role: 'region-coordinator', scope: { kind: 'region', regionCode: 'b' }, regionId: id(200) });
const admin = actor({ role: 'platform-admin', scope: { kind: 'platform' } });
const partner = actor({ role: 'partner-admin', scope: { kind: 'partner', partnerCode: 'p' }, partnerId: id(50), regionId: id(100) });

const resolve = (who: Actor, header?: string) => resolveTenantDistrict(who, header, directory, em);

describe('tenancy rule', () => {
  it('an actor whose grants lie in one district works there without a header', async () => {
    expect((await resolve(officerA1))?.id).toBe(id(1));
    expect((await resolve(curatorA1))?.id).toBe(id(1));
    // A region with a single district is "one district" too.
    expect((await resolve(coordinatorB))?.id).toBe(id(3));
  });

  it('no tenant for actors spanning districts (or none) without a header', async () => {
    expect(await resolve(coordinatorA)).toBeNull();
    expect(await resolve(admin)).toBeNull();
    expect(await resolve(partner)).toBeNull();
  });

  it('the header is checked against the grants', async () => {
    expect((await resolve(admin, id(3)))?.id).toBe(id(3));
    expect((await resolve(coordinatorA, id(2)))?.id).toBe(id(2));
    expect((await resolve(officerA1, id(1)))?.id).toBe(id(1));
    for (const [who, header] of [
      [coordinatorA, id(3)],
      [officerA1, id(2)],
      [curatorA1, id(3)],
      [partner, id(1)],
      [admin, id(999)],
      [admin, 'not-a-uuid'],
      [officerA1, "' or 1=1 --"],
    ] as const) {
      await expect(resolve(who, header), `${who.grants[0]!.role} → ${header}`).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
    }
  });

  it('the accessor fails closed without a district and builds the tenant once', () => {
    const none = createTenantAccessor(null, () => {
      throw new Error('must not be called');
    });
    expect(none.districtId).toBeNull();
    expect(() => none.get()).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
    let built = 0;
    const one = createTenantAccessor(districts[0]!, (district) => {
      built++;
      return { district, em, loaders: {} as never };
    });
    expect(one.get()).toBe(one.get());
    expect(built).toBe(1);
  });
});
