import { DistrictService } from './district.service.js';
import { OrganizationService } from './organization.service.js';
import { PartnerService } from './partner.service.js';
import { RegionService } from './region.service.js';

declare module '../../engine/graphql/context.js' {
  interface Services {
    regions: RegionService;
    districts: DistrictService;
    organizations: OrganizationService;
    partners: PartnerService;
  }
}

export { DistrictService, OrganizationService, PartnerService, RegionService };
