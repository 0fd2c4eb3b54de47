import { randomBytes } from 'node:crypto';
import type { MikroORM } from '../engine/orm/create-orm.js';
import { createDistrictWithSchema } from '../modules/directory/district-creation.js';
import { District } from '../modules/directory/district.entity.js';
import { OrganizationKind } from '../modules/directory/enums.js';
import { Organization } from '../modules/directory/organization.entity.js';
import { Region } from '../modules/directory/region.entity.js';
import { Headcount } from '../modules/headcounts/headcount.entity.js';

/** A code no other test uses: `t-<8 random chars>`. */
export function uniqueCode(prefix = 't'): string {
  return `${prefix}-${randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 8)}`;
}

export async function createRegion(orm: MikroORM, data: Partial<Pick<Region, 'code' | 'name'>> = {}): Promise<Region> {
  const em = orm.em.fork();
  const code = data.code ?? uniqueCode('r');
  const region = em.create(Region, { code, name: data.name ?? `Тестовый регион ${code}` });
  await em.flush();
  return region;
}

/** A district with its schema created and migrated (the real creation path). */
export async function createDistrict(
  orm: MikroORM,
  region: Region,
  data: Partial<{ code: string; name: string; authorityName: string }> = {},
): Promise<District> {
  const code = data.code ?? uniqueCode('d');
  return createDistrictWithSchema(orm, {
    regionId: region.id,
    code,
    name: data.name ?? 'ГО г. Тестовск',
    authorityName: data.authorityName ?? 'Управление образования ГО г. Тестовск',
  });
}

/** Only the directory row, without schema or migration (for migration-runner tests). */
export async function createDistrictRowOnly(orm: MikroORM, region: Region, code = uniqueCode('d')): Promise<District> {
  const em = orm.em.fork();
  const district = em.create(District, {
    code,
    name: `Муниципалитет ${code}`,
    authorityName: 'Отдел образования',
    region: em.getReference(Region, region.id),
    schemaName: `district_${code.replace(/-/g, '_')}`,
  });
  await em.flush();
  return district;
}

export async function createOrganization(
  orm: MikroORM,
  district: District,
  data: Partial<Pick<Organization, 'code' | 'name' | 'shortName' | 'kind'>> = {},
): Promise<Organization> {
  const em = orm.em.fork();
  const code = data.code ?? uniqueCode('o');
  const organization = em.create(Organization, {
    district: em.getReference(District, district.id),
    code,
    name: data.name ?? `Муниципальное бюджетное общеобразовательное учреждение «Школа ${code}»`,
    shortName: data.shortName ?? `МБОУ «Школа ${code}»`,
    kind: data.kind ?? OrganizationKind.SCHOOL,
  });
  await em.flush();
  return organization;
}

export async function createHeadcount(
  orm: MikroORM,
  district: District,
  organization: Organization,
  data: Partial<Pick<Headcount, 'academicYear' | 'pupils' | 'teachers'>> = {},
): Promise<Headcount> {
  const em = orm.em.fork({ schema: district.schemaName });
  const headcount = em.create(Headcount, {
    organizationId: organization.id,
    academicYear: data.academicYear ?? '2025/2026',
    pupils: data.pupils ?? 500,
    teachers: data.teachers ?? 40,
  });
  await em.flush();
  return headcount;
}

/** Group paths of the identity provider for directory objects. */
export const groups = {
  region: (region: Region) => `/${region.code}`,
  district: (region: Region, district: District) => `/${region.code}/${district.code}`,
  organization: (region: Region, district: District, organization: Organization) => `/${region.code}/${district.code}/${organization.code}`,
};
