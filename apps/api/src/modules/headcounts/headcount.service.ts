import { ERRORS_RU, isValidAcademicYear } from '@nastavnik/domain';
import { badUserInput, forbidden } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { FIELD_LABELS } from '../directory/inputs.js';
import type { OrganizationService } from '../directory/organization.service.js';
import type { Organization } from '../directory/organization.entity.js';
import { Headcount } from './headcount.entity.js';
import type { SetHeadcountInput } from './inputs.js';

export const OTHER_DISTRICT_MESSAGE = 'Данные этой организации хранятся в другом муниципалитете: выберите его (заголовок X-District-Id).';

const LIMITS = { pupils: 100_000, teachers: 10_000 } as const;

export class HeadcountService {
  constructor(private readonly organizations: OrganizationService) {}

  /** The tenant of the request must be the organisation's district (FORBIDDEN otherwise). */
  tenantFor(context: Pick<TenantServiceContext, 'tenant'>, organization: Organization) {
    const tenant = context.tenant;
    if (tenant.district.id !== organization.district.id) throw forbidden(OTHER_DISTRICT_MESSAGE);
    return tenant;
  }

  async listForOrganization(context: Pick<TenantServiceContext, 'tenant'>, organization: Organization): Promise<Headcount[]> {
    return this.tenantFor(context, organization).loaders.headcounts.byOrganizationId.load(organization.id);
  }

  /** Creates or updates the headcount of (organisation, academic year) in the organisation's district schema. */
  async set(context: TenantServiceContext, input: SetHeadcountInput): Promise<Headcount> {
    const academicYear = (input.academicYear ?? '').trim();
    if (!isValidAcademicYear(academicYear)) {
      throw badUserInput('academicYear', ERRORS_RU.invalidAcademicYear(FIELD_LABELS.academicYear));
    }
    for (const field of ['pupils', 'teachers'] as const) {
      const value = input[field];
      if (!Number.isInteger(value) || value < 0 || value > LIMITS[field]) {
        throw badUserInput(field, ERRORS_RU.outOfRange(FIELD_LABELS[field], 0, LIMITS[field]));
      }
    }
    const organization = await this.organizations.getWritable(context, input.organizationId);
    const { em } = this.tenantFor(context, organization);
    let headcount = await em.findOne(Headcount, { organizationId: organization.id, academicYear });
    if (headcount) {
      headcount.pupils = input.pupils;
      headcount.teachers = input.teachers;
      headcount.updatedAt = new Date();
    } else {
      headcount = em.create(Headcount, {
        organizationId: organization.id,
        academicYear,
        pupils: input.pupils,
        teachers: input.teachers,
        updatedAt: new Date(),
      });
    }
    await em.flush();
    return headcount;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    headcounts: HeadcountService;
  }
}
