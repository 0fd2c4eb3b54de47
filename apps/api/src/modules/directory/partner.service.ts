import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { ServiceContext } from '../../engine/services.js';
import { PartnerOrganization } from './partner-organization.entity.js';
import { partnerScopeFilter } from './scope.js';

export class PartnerService {
  async list({ actor, em }: ServiceContext, page?: PageInput | null): Promise<Page<PartnerOrganization>> {
    const { limit, offset } = pageWindow(page);
    const [items, total] = await em.findAndCount(PartnerOrganization, partnerScopeFilter(actor), {
      limit,
      offset,
      orderBy: { name: 'asc', id: 'asc' },
    });
    return { items, total, limit, offset };
  }
}
