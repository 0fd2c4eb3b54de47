import { checkInput, headcountSchema } from '@nastavnik/domain';
import { badUserInputs, forbidden } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import type { OrganizationService } from '../directory/organization.service.js';
import type { Organization } from '../directory/organization.entity.js';
import { Headcount } from './headcount.entity.js';
import type { SetHeadcountInput } from './inputs.js';

export const OTHER_DISTRICT_MESSAGE = 'Данные этой организации хранятся в другом муниципалитете: выберите его (заголовок X-District-Id).';

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
    const checked = checkInput(headcountSchema, input);
    if (!checked.ok) throw badUserInputs(checked.issues);
    const { academicYear, pupils, teachers } = checked.value;
    const organization = await this.organizations.getWritable(context, input.organizationId);
    const { em } = this.tenantFor(context, organization);
    let headcount = await em.findOne(Headcount, { organizationId: organization.id, academicYear });
    if (headcount) {
      headcount.pupils = pupils;
      headcount.teachers = teachers;
      headcount.updatedAt = new Date();
    } else {
      headcount = em.create(Headcount, {
        organizationId: organization.id,
        academicYear,
        pupils,
        teachers,
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
