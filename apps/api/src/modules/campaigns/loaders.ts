import DataLoader from 'dataloader';
import type { Actor } from '../../engine/auth/actor.js';
import { loaderById } from '../../engine/loaders.js';
import type { Tenant } from '../../engine/tenancy/tenant.js';
import { Campaign } from './campaign.entity.js';
import type { CampaignService } from './campaign.service.js';
import { CampaignReminder } from './reminder.entity.js';
import { campaignSchoolsScope } from './scope.js';
import type { CampaignCounts } from './types.js';

export interface CampaignLoaders {
  campaignById: DataLoader<string, Campaign | null>;
  /** The latest reminder of a school in a campaign, by `campaignId|organizationId`. */
  lastReminder: DataLoader<string, CampaignReminder | null>;
}

/** Counts depend on the actor's scope, so they are made per request in the resolver (see `countsLoader`). */
declare module '../../engine/tenancy/tenant.js' {
  interface TenantLoaders {
    campaigns: CampaignLoaders;
  }
}

export function createCampaignLoaders(em: Tenant['em']): CampaignLoaders {
  return {
    campaignById: loaderById((ids) => em.find(Campaign, { id: { $in: ids } })),
    lastReminder: new DataLoader(async (keys) => {
      const pairs = keys.map((key) => key.split('|') as [string, string]);
      const rows = await em.find(
        CampaignReminder,
        { $or: pairs.map(([campaign, organizationId]) => ({ campaign, organizationId })) },
        { orderBy: { remindedAt: 'desc', id: 'desc' } },
      );
      const latest = new Map<string, CampaignReminder>();
      for (const row of rows) {
        const key = `${row.campaign.id}|${row.organizationId}`;
        if (!latest.has(key)) latest.set(key, row);
      }
      return keys.map((key) => latest.get(key) ?? null);
    }),
  };
}

const countLoaders = new WeakMap<Tenant, DataLoader<string, CampaignCounts>>();

/** Per request (per tenant object) and per actor scope: the counts of many campaigns in one query. */
export function countsLoader(tenant: Tenant, actor: Actor, service: CampaignService): DataLoader<string, CampaignCounts> {
  let loader = countLoaders.get(tenant);
  if (!loader) {
    const scope = campaignSchoolsScope(actor, tenant.district);
    loader = new DataLoader(async (ids) => {
      const counts = await service.counts(tenant, ids, scope);
      return ids.map((id) => counts.get(id)!);
    });
    countLoaders.set(tenant, loader);
  }
  return loader;
}
