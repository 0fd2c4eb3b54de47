import { ERRORS_RU } from '@nastavnik/domain';
import type { FilterQuery } from '@mikro-orm/core';
import { forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { MikroORM } from '../../engine/orm/create-orm.js';
import type { ServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { createDistrictWithSchema, type NewDistrict } from './district-creation.js';
import { District } from './district.entity.js';
import { searchPattern, type DistrictFilter } from './inputs.js';
import { districtScopeFilter, within } from './scope.js';

export class DistrictService {
  constructor(private readonly orm: MikroORM) {}

  async list({ actor, em }: ServiceContext, page?: PageInput | null, filter?: DistrictFilter | null): Promise<Page<District>> {
    const { limit, offset } = pageWindow(page);
    const own: FilterQuery<District>[] = [];
    if (filter?.regionId != null) own.push(isUuid(filter.regionId) ? { region: filter.regionId } : { id: { $in: [] } });
    const pattern = searchPattern(filter?.search);
    if (pattern) own.push({ $or: [{ name: { $ilike: pattern } }, { code: { $ilike: pattern } }, { authorityName: { $ilike: pattern } }] });
    const [items, total] = await em.findAndCount(District, within(districtScopeFilter(actor), ...own), {
      limit,
      offset,
      orderBy: { name: 'asc', id: 'asc' },
    });
    return { items, total, limit, offset };
  }

  async get({ actor, em }: ServiceContext, id: string): Promise<District> {
    const district = isUuid(id) ? await em.findOne(District, within(districtScopeFilter(actor), { id })) : null;
    if (!district) throw notFound(ERRORS_RU.districtNotFound);
    return district;
  }

  /** Platform admins only: inserts the district, creates its schema and migrates it. */
  async create({ actor }: ServiceContext, input: NewDistrict): Promise<District> {
    if (!actor.access.platform) throw forbidden();
    return createDistrictWithSchema(this.orm, input);
  }
}
