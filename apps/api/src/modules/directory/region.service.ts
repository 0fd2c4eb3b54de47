import { ERRORS_RU } from '@nastavnik/domain';
import { notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { ServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { Region } from './region.entity.js';
import { regionScopeFilter, within } from './scope.js';

export class RegionService {
  async list({ actor, em }: ServiceContext, page?: PageInput | null): Promise<Page<Region>> {
    const { limit, offset } = pageWindow(page);
    const [items, total] = await em.findAndCount(Region, regionScopeFilter(actor), {
      limit,
      offset,
      orderBy: { name: 'asc', id: 'asc' },
    });
    return { items, total, limit, offset };
  }

  /** NOT_FOUND when absent or outside the actor's scope (the two are indistinguishable). */
  async get({ actor, em }: ServiceContext, id: string): Promise<Region> {
    const region = isUuid(id) ? await em.findOne(Region, within(regionScopeFilter(actor), { id })) : null;
    if (!region) throw notFound(ERRORS_RU.regionNotFound);
    return region;
  }
}
