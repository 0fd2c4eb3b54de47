import type { IsoDate } from '@nastavnik/domain';
import { seedDemoCampaign } from './demo-campaigns.js';
import { seedDemoCurrentRoadmap } from './demo-current.js';
import { demoAcademicYear, demoToday, seedDemoProgrammes } from './demo-programmes.js';
import { Headcount } from '../modules/headcounts/headcount.entity.js';
import type { MikroORM } from '../engine/orm/create-orm.js';
import { createDistrictWithSchema } from '../modules/directory/district-creation.js';
import { District } from '../modules/directory/district.entity.js';
import { OrganizationKind, PartnerKind } from '../modules/directory/enums.js';
import { Organization } from '../modules/directory/organization.entity.js';
import { PartnerOrganization } from '../modules/directory/partner-organization.entity.js';
import { Region } from '../modules/directory/region.entity.js';

/**
 * The demo directory. Codes are the group names of the realm (infra/keycloak/realm-nastavnik.json),
 * so the demo users' groups resolve to these entries.
 */
export interface DemoOrganization {
  code: string;
  shortName: string;
  name: string;
  kind: OrganizationKind;
  headcounts: Array<{ academicYear: string; pupils: number; teachers: number }>;
  /** The headcount of the current academic year (of «today»), added unless the school has one for it. */
  currentHeadcount?: { pupils: number; teachers: number };
}

export interface DemoDistrict {
  code: string;
  name: string;
  authorityName: string;
  organizations: DemoOrganization[];
}

export interface DemoRegion {
  code: string;
  name: string;
  districts: DemoDistrict[];
}

export interface DemoPartner {
  code: string;
  name: string;
  kind: PartnerKind;
  regionCode: string | null;
}

export const DEMO_REGIONS: readonly DemoRegion[] = [
  {
    code: 'bashkortostan',
    name: 'Республика Башкортостан',
    districts: [
      {
        code: 'sibay',
        name: 'ГО г. Сибай',
        authorityName: 'Управление образования Администрации ГО г. Сибай РБ',
        organizations: [
          {
            code: 'gimnaziya',
            shortName: 'МОБУ «Гимназия»',
            name: 'Муниципальное общеобразовательное бюджетное учреждение «Гимназия» городского округа город Сибай Республики Башкортостан',
            kind: OrganizationKind.SCHOOL,
            headcounts: [
              { academicYear: '2024/2025', pupils: 798, teachers: 61 },
              { academicYear: '2025/2026', pupils: 812, teachers: 63 },
            ],
            currentHeadcount: { pupils: 826, teachers: 64 },
          },
          {
            code: 'sosh4',
            shortName: 'МОБУ «СОШ № 4»',
            name: 'Муниципальное общеобразовательное бюджетное учреждение «Средняя общеобразовательная школа № 4» городского округа город Сибай Республики Башкортостан',
            kind: OrganizationKind.SCHOOL,
            headcounts: [{ academicYear: '2025/2026', pupils: 645, teachers: 48 }],
            currentHeadcount: { pupils: 652, teachers: 47 },
          },
        ],
      },
    ],
  },
  {
    code: 'kursk-oblast',
    name: 'Курская область',
    districts: [
      {
        code: 'kursk',
        name: 'г. Курск',
        authorityName: 'Комитет образования г. Курска',
        organizations: [
          {
            code: 'licey21',
            shortName: 'МБОУ «Лицей № 21»',
            name: 'Муниципальное бюджетное общеобразовательное учреждение «Лицей № 21»',
            kind: OrganizationKind.SCHOOL,
            headcounts: [{ academicYear: '2025/2026', pupils: 1104, teachers: 72 }],
            currentHeadcount: { pupils: 1121, teachers: 74 },
          },
        ],
      },
    ],
  },
  {
    code: 'sverdlovsk-oblast',
    name: 'Свердловская область',
    districts: [
      {
        code: 'svobodny',
        name: 'ГО ЗАТО Свободный',
        authorityName: 'Управление образования ГО ЗАТО Свободный',
        organizations: [
          {
            code: 'sh25',
            shortName: 'МБОУ «СШ № 25»',
            name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 25 им. Героя Советского Союза генерал-лейтенанта Д.М. Карбышева с кадетскими классами»',
            kind: OrganizationKind.SCHOOL,
            headcounts: [{ academicYear: '2025/2026', pupils: 930, teachers: 66 }],
            currentHeadcount: { pupils: 941, teachers: 66 },
          },
        ],
      },
    ],
  },
];

export const DEMO_PARTNERS: readonly DemoPartner[] = [
  {
    code: 'sibay-institute',
    name: 'Сибайский институт (филиал) УУНиТ',
    kind: PartnerKind.UNIVERSITY,
    regionCode: 'bashkortostan',
  },
];

/**
 * Creates whatever part of the demo directory is missing (matched by code), its demo headcounts
 * (and each school's headcount of the academic year of `today`), the demo campaign of Sibay and the
 * demo programmes of the current academic year (../programmes/demo.ts) and the gymnasium's agreed roadmap of that year with its
 * execution (../campaigns/demo-current.ts); existing rows are left as they are, so edits survive restarts.
 * Run after the migrations (migrateAll).
 */
export async function seedDemo(orm: MikroORM, options: { today?: IsoDate } = {}): Promise<void> {
  const today = options.today ?? demoToday();
  const { academicYear } = demoAcademicYear(today);
  const em = orm.em.fork({ clear: true });
  const regions = new Map<string, Region>();
  for (const demo of DEMO_REGIONS) {
    let region = await em.findOne(Region, { code: demo.code });
    if (!region) {
      region = em.create(Region, { code: demo.code, name: demo.name });
      await em.flush();
    }
    regions.set(demo.code, region);

    for (const demoDistrict of demo.districts) {
      let district = await em.findOne(District, { code: demoDistrict.code });
      if (!district) {
        const created = await createDistrictWithSchema(orm, {
          regionId: region.id,
          code: demoDistrict.code,
          name: demoDistrict.name,
          authorityName: demoDistrict.authorityName,
        });
        district = await em.findOneOrFail(District, { id: created.id });
      }
      const tenantEm = orm.em.fork({ clear: true, schema: district.schemaName });
      for (const demoOrganization of demoDistrict.organizations) {
        let organization = await em.findOne(Organization, { district, code: demoOrganization.code });
        if (!organization) {
          organization = em.create(Organization, {
            district,
            code: demoOrganization.code,
            name: demoOrganization.name,
            shortName: demoOrganization.shortName,
            kind: demoOrganization.kind,
          });
          await em.flush();
          for (const headcount of demoOrganization.headcounts) {
            tenantEm.create(Headcount, { organizationId: organization.id, ...headcount });
          }
          await tenantEm.flush();
        }
        if (demoOrganization.currentHeadcount && !(await tenantEm.count(Headcount, { organizationId: organization.id, academicYear }))) {
          tenantEm.create(Headcount, { organizationId: organization.id, academicYear, ...demoOrganization.currentHeadcount });
          await tenantEm.flush();
        }
      }
    }
  }
  for (const demo of DEMO_PARTNERS) {
    if (await em.findOne(PartnerOrganization, { code: demo.code })) continue;
    em.create(PartnerOrganization, {
      code: demo.code,
      name: demo.name,
      kind: demo.kind,
      region: demo.regionCode ? (regions.get(demo.regionCode) ?? null) : null,
    });
    await em.flush();
  }
  await seedDemoCampaign(orm);
  await seedDemoProgrammes(orm, today);
  await seedDemoCurrentRoadmap(orm, today);
}
