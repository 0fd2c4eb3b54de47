import { ERRORS_RU } from '@nastavnik/domain';
import type { FilterQuery } from '@mikro-orm/core';
import { forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { ServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { searchPattern, type OrganizationFilter } from './inputs.js';
import { Organization } from './organization.entity.js';
import { organizationScopeFilter, organizationWriteScopeFilter, within } from './scope.js';

export class OrganizationService {
  async list({ actor, em }: ServiceContext, page?: PageInput | null, filter?: OrganizationFilter | null): Promise<Page<Organization>> {
    const { limit, offset } = pageWindow(page);
    const own: FilterQuery<Organization>[] = [];
    if (filter?.districtId != null) {
      // An id that cannot exist matches nothing (rather than a database error).
      own.push(isUuid(filter.districtId) ? { district: filter.districtId } : { id: { $in: [] } });
    }
    const pattern = searchPattern(filter?.search);
    if (pattern) own.push({ $or: [{ name: { $ilike: pattern } }, { shortName: { $ilike: pattern } }, { code: { $ilike: pattern } }] });
    const [items, total] = await em.findAndCount(Organization, within(organizationScopeFilter(actor), ...own), {
      limit,
      offset,
      orderBy: { shortName: 'asc', id: 'asc' },
    });
    return { items, total, limit, offset };
  }

  async get({ actor, em }: ServiceContext, id: string): Promise<Organization> {
    const organization = isUuid(id) ? await em.findOne(Organization, within(organizationScopeFilter(actor), { id })) : null;
    if (!organization) throw notFound(ERRORS_RU.organizationNotFound);
    return organization;
  }

  /** For changes: NOT_FOUND outside the read scope, FORBIDDEN when visible but not writable. */
  async getWritable(context: ServiceContext, id: string): Promise<Organization> {
    const organization = await this.get(context, id);
    const writable = await context.em.count(Organization, within(organizationWriteScopeFilter(context.actor), { id }));
    if (writable === 0) throw forbidden();
    return organization;
  }
}
