import type { MikroORM } from '../engine/orm/create-orm.js';
import { District } from '../modules/directory/district.entity.js';
import { Organization } from '../modules/directory/organization.entity.js';
import { Campaign } from '../modules/campaigns/campaign.entity.js';

/** The demo campaign: Sibay asks both of its schools for their 2025/2026 roadmaps by 20.09.2025. */
export const DEMO_CAMPAIGN = {
  districtCode: 'sibay',
  organizationCodes: ['gimnaziya', 'sosh4'],
  title: 'Дорожные карты на 2025/2026 учебный год',
  academicYear: '2025/2026',
  periodStart: '2025-09-01',
  periodEnd: '2026-08-31',
  dueDate: '2025-09-20',
  createdByName: 'Галина Рашитовна Ильясова',
} as const;

/** Creates the demo campaign unless a campaign with its title exists in the district (idempotent). */
export async function seedDemoCampaign(orm: MikroORM): Promise<void> {
  const em = orm.em.fork({ clear: true });
  const district = await em.findOne(District, { code: DEMO_CAMPAIGN.districtCode });
  if (!district) return;
  const organizations = await em.find(Organization, { district, code: { $in: [...DEMO_CAMPAIGN.organizationCodes] } }, { orderBy: { code: 'asc' } });
  const tenantEm = orm.em.fork({ clear: true, schema: district.schemaName });
  if (await tenantEm.count(Campaign, { title: DEMO_CAMPAIGN.title })) return;
  tenantEm.create(Campaign, {
    title: DEMO_CAMPAIGN.title,
    academicYear: DEMO_CAMPAIGN.academicYear,
    periodStart: DEMO_CAMPAIGN.periodStart,
    periodEnd: DEMO_CAMPAIGN.periodEnd,
    dueDate: DEMO_CAMPAIGN.dueDate,
    allOrganizations: false,
    organizationIds: organizations.map((o) => o.id),
    createdByUserId: 'demo',
    createdByName: DEMO_CAMPAIGN.createdByName,
  });
  await tenantEm.flush();
}
