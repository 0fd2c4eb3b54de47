import type DataLoader from 'dataloader';
import type { EntityManager } from '../orm/create-orm.js';
import type { Actor } from '../auth/actor.js';
import { forbidden } from '../errors.js';

/** The district a request works in: its data live in `schemaName`. */
export interface TenantDistrict {
  id: string;
  code: string;
  regionId: string;
  schemaName: string;
}

/** Per-request dataloaders over the tenant fork; modules add theirs by declaration merging. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TenantLoaders {}

export interface Tenant {
  district: TenantDistrict;
  /** `orm.em.fork({ schema })`: tenant entities (`schema: '*'`) resolve to this district's schema. */
  em: EntityManager;
  loaders: TenantLoaders;
}

/**
 * How tenancy reads the directory (implemented by the directory module). `E` is how it reaches the
 * database: an EntityManager, or a function making one only when needed (a cached directory).
 */
export interface TenantDirectory<E = EntityManager> {
  districtById(em: E, id: string): Promise<TenantDistrict | null>;
  districtsOfRegions(em: E, regionIds: readonly string[]): Promise<TenantDistrict[]>;
  districtsByIds(em: E, ids: readonly string[]): Promise<TenantDistrict[]>;
}

export const TENANT_HEADER = 'x-district-id';

export const NO_TENANT_MESSAGE = 'Не выбран муниципалитет: данные организаций доступны в контексте одного муниципалитета (заголовок X-District-Id).';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The tenancy rule (docs/contracts.md): an actor whose grants lie in exactly one district works in
 * that district; a region coordinator or platform admin names one with `X-District-Id`, which is
 * only an *unverified* id until it is checked against the grants here. A header naming a district
 * outside the grants is FORBIDDEN (also when that district does not exist, so ids cannot be probed).
 */
export async function resolveTenantDistrict<E>(
  actor: Actor,
  unverifiedDistrictId: string | undefined,
  directory: TenantDirectory<E>,
  em: E,
): Promise<TenantDistrict | null> {
  const access = actor.access;
  if (unverifiedDistrictId !== undefined && unverifiedDistrictId.trim() !== '') {
    const id = unverifiedDistrictId.trim();
    if (!isUuid(id)) throw forbidden();
    const district = await directory.districtById(em, id);
    if (!district) throw forbidden();
    const allowed =
      access.platform ||
      access.coordinatorRegionIds.includes(district.regionId) ||
      access.staffDistrictIds.includes(district.id) ||
      access.organizationDistrictIds.includes(district.id);
    if (!allowed) throw forbidden();
    return district;
  }
  if (access.platform) return null;
  const own = new Set([...access.staffDistrictIds, ...access.organizationDistrictIds]);
  if (access.coordinatorRegionIds.length > 0) {
    for (const district of await directory.districtsOfRegions(em, access.coordinatorRegionIds)) own.add(district.id);
  }
  if (own.size !== 1) return null;
  const [only] = await directory.districtsByIds(em, [...own]);
  return only ?? null;
}

/**
 * Fail closed: the tenant is created lazily on first use and reading it without a district
 * throws, so tenant data cannot be reached by accident through some default schema.
 */
export function createTenantAccessor(
  district: TenantDistrict | null,
  create: (district: TenantDistrict) => Tenant,
): { readonly districtId: string | null; get(): Tenant } {
  let tenant: Tenant | undefined;
  return {
    districtId: district?.id ?? null,
    get() {
      if (!district) throw forbidden(NO_TENANT_MESSAGE);
      tenant ??= create(district);
      return tenant;
    },
  };
}

/** After a write: the request's tenant fork and its loaders forget what they read before it. */
export function forgetTenantReads(tenant: Tenant): void {
  tenant.em.clear();
  for (const group of Object.values(tenant.loaders) as Array<Record<string, DataLoader<unknown, unknown>>>) {
    for (const loader of Object.values(group)) loader.clearAll();
  }
}
