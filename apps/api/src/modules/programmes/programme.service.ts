import { checkInput, isIsoDate, programmeInputSchema, type ProgrammeInputValues } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, badUserInputs, conflict, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { TenantServiceContext } from '../../engine/services.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import { schoolStaffOrganizationIds, within } from '../directory/scope.js';
import type { ProgrammeInput } from './inputs.js';
import { PROGRAMME_MESSAGES_RU as M } from './messages.js';
import { Programme } from './programme.entity.js';
import { managesOrganization, programmeDataScope } from './scope.js';

/** Programmes of a school: several per school; school staff manage them, the district reads them. */
export class ProgrammeService {
  constructor(
    private readonly clock: Clock,
    /**
     * Whether a module above holds rows of the programme (participants), so it may not be deleted:
     * wired in app.ts, so programmes do not import the modules built on them.
     */
    private readonly inUse: (em: EntityManager, programmeId: string) => Promise<boolean>,
  ) {}

  async list(ctx: TenantServiceContext, page?: PageInput | null, organizationId?: string | null): Promise<Page<Programme>> {
    const { limit, offset } = pageWindow(page);
    const own = organizationId && isUuid(organizationId) ? { organizationId } : organizationId ? { id: { $in: [] } } : undefined;
    const [items, total] = await ctx.tenant.em.findAndCount(Programme, within(programmeDataScope<Programme>(ctx.actor, ctx.tenant.district), own as never), {
      limit,
      offset,
      orderBy: { periodStart: 'desc', name: 'asc', id: 'asc' },
    });
    return { items, total, limit, offset };
  }

  async get(ctx: TenantServiceContext, id: string, field?: string): Promise<Programme> {
    const programme = isUuid(id) ? await ctx.tenant.em.findOne(Programme, within(programmeDataScope<Programme>(ctx.actor, ctx.tenant.district), { id })) : null;
    if (!programme) throw field ? badUserInput(field, M.programmeNotFound) : notFound(M.programmeNotFound);
    return programme;
  }

  /** A programme the actor manages (school staff of its organisation); FORBIDDEN for readers. */
  async getManaged(ctx: TenantServiceContext, id: string, field?: string): Promise<Programme> {
    const programme = await this.get(ctx, id, field);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, programme.organizationId)) throw forbidden();
    return programme;
  }

  /** The shared schema (packages/domain): every problem at once, with the admin's own messages. */
  private validate(input: ProgrammeInput): ProgrammeInputValues {
    const result = checkInput(programmeInputSchema, input);
    if (!result.ok) throw badUserInputs(result.issues);
    return result.value;
  }

  async create(ctx: TenantServiceContext, input: ProgrammeInput): Promise<Programme> {
    const { actor, tenant } = ctx;
    const schools = schoolStaffOrganizationIds(actor, tenant.district);
    if (schools.length === 0) throw forbidden();
    const requested = input.organizationId?.trim() || null;
    if (!requested && schools.length !== 1) throw badUserInput('organizationId', M.organization);
    const organizationId = requested ?? schools[0]!;
    if (!schools.includes(organizationId)) throw forbidden(M.organizationForeign);
    const values = this.validate(input);
    const programme = tenant.em.create(Programme, { ...values, organizationId, createdByUserId: actor.userId, createdAt: this.clock.now() });
    await tenant.em.flush();
    forgetTenantReads(tenant);
    return tenant.em.findOneOrFail(Programme, { id: programme.id });
  }

  async update(ctx: TenantServiceContext, id: string, input: ProgrammeInput): Promise<Programme> {
    const programme = await this.getManaged(ctx, id);
    Object.assign(programme, this.validate(input));
    await ctx.tenant.em.flush();
    return programme;
  }

  async delete(ctx: TenantServiceContext, id: string): Promise<boolean> {
    const programme = await this.getManaged(ctx, id);
    if (await this.inUse(ctx.tenant.em, programme.id)) throw conflict(M.programmeHasParticipants, 'STATE');
    await ctx.tenant.em.nativeDelete(Programme, { id: programme.id });
    forgetTenantReads(ctx.tenant);
    return true;
  }

  /** Records the number and date of the director's order fixing the programme's pairs. */
  async recordPairsOrder(ctx: TenantServiceContext, id: string, number: string, date: string): Promise<Programme> {
    const programme = await this.getManaged(ctx, id);
    const orderNumber = number.trim();
    if (!orderNumber) throw badUserInput('number', M.orderNumberRequired);
    if (!isIsoDate(date)) throw badUserInput('date', M.invalidDate('Дата приказа'));
    programme.orderNumber = orderNumber.slice(0, 100);
    programme.orderDate = date;
    await ctx.tenant.em.flush();
    return programme;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    programmes: ProgrammeService;
  }
}
