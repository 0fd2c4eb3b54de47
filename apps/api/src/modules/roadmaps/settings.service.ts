import type { Clock } from '../../engine/clock.js';
import { forbidden } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads } from '../../engine/tenancy/tenant.js';
import { DistrictSettings } from './district-settings.entity.js';
import type { WhoAgrees } from './enums.js';
import { districtStaffRoles } from '../directory/scope.js';

/**
 * The district's settings, kept in its own schema (`district_settings`, one row): who agrees the
 * schools' roadmaps. Read by everybody in the district; changed by its head (or a platform admin).
 */
export class DistrictSettingsService {
  constructor(private readonly clock: Clock) {}

  async get(ctx: Pick<TenantServiceContext, 'tenant'>): Promise<DistrictSettings> {
    return (await ctx.tenant.loaders.roadmaps.settings.load('settings')) ?? Object.assign(new DistrictSettings(), { updatedAt: null });
  }

  async set(ctx: TenantServiceContext, whoAgrees: WhoAgrees): Promise<DistrictSettings> {
    const { actor, tenant } = ctx;
    if (!actor.access.platform && !districtStaffRoles(actor, tenant.district).includes('district-head')) throw forbidden();
    await tenant.em.upsert(DistrictSettings, {
      id: 1,
      whoAgrees,
      updatedByName: actor.displayName || actor.username,
      updatedAt: this.clock.now(),
    });
    forgetTenantReads(tenant);
    return this.get(ctx);
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    districtSettings: DistrictSettingsService;
  }
}
