import type { FilterQuery } from '@mikro-orm/core';
import type { Actor } from '../../engine/auth/actor.js';
import type { TenantDistrict } from '../../engine/tenancy/tenant.js';
import { schoolStaffOrganizationIds, seesWholeDistrict } from '../directory/scope.js';
import type { Attachment } from './attachment.entity.js';

/**
 * Row scope of attachments: the whole district's for its staff, its region's coordinator and the
 * platform admin; school staff see their organisations' files; nobody else any.
 */
export function attachmentScopeFilter(actor: Actor, district: TenantDistrict): FilterQuery<Attachment> {
  if (seesWholeDistrict(actor, district)) return {};
  const organizationIds = schoolStaffOrganizationIds(actor, district);
  return organizationIds.length ? { organizationId: { $in: organizationIds } } : { id: { $in: [] } };
}
