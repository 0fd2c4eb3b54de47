import { checkInput, ERRORS_RU, newsInputSchema } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import { badUserInputs, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { isUuid } from '../../engine/tenancy/tenant.js';
import { managesOrganization } from '../programmes/scope.js';
import { SchoolNews } from './news.entity.js';
import type { SchoolNewsInput } from './types.js';
import { seesWholeDistrict } from '../directory/scope.js';

export const NEWS_MESSAGES_RU = {
  notFound: 'Новость не найдена.',
  editForbidden: 'Новости организации ведут её директор и куратор.',
};

/**
 * News of a school's mentorship section (issue 7). The school's staff write them; only items marked
 * `published`, dated today or earlier, appear on the public page (./public). The text is kept as
 * written — checking it for personal data is the author's job; drafts are never published.
 */
export class NewsService {
  constructor(private readonly clock: Clock) {}

  private async checkOrganization(ctx: TenantServiceContext, organizationId: string, edit: boolean): Promise<void> {
    const { actor, tenant } = ctx;
    const manages = isUuid(organizationId) && managesOrganization(actor, tenant.district, organizationId);
    if (!manages && !seesWholeDistrict(actor, tenant.district)) throw notFound(ERRORS_RU.organizationNotFound);
    const rows = isUuid(organizationId)
      ? await ctx.em
          .getConnection()
          .execute<{ id: string }[]>(`select id from "core"."organization" where id = ? and district_id = ?`, [organizationId, tenant.district.id])
      : [];
    if (!rows[0]) throw notFound(ERRORS_RU.organizationNotFound);
    if (edit && !manages) throw forbidden(NEWS_MESSAGES_RU.editForbidden);
  }

  /** The shared schema (packages/domain): every problem at once, in the admin's words. */
  private values(input: SchoolNewsInput) {
    const checked = checkInput(newsInputSchema, input);
    if (!checked.ok) throw badUserInputs(checked.issues);
    return { ...checked.value, publishedOn: checked.value.publishedOn ?? this.clock.today() };
  }

  async list(ctx: TenantServiceContext, organizationId: string, page?: PageInput | null): Promise<Page<SchoolNews>> {
    await this.checkOrganization(ctx, organizationId, false);
    const { limit, offset } = pageWindow(page);
    const [items, total] = await ctx.tenant.em.findAndCount(
      SchoolNews,
      { organizationId },
      { limit, offset, orderBy: { publishedOn: 'desc', createdAt: 'desc', id: 'asc' } },
    );
    return { items, total, limit, offset };
  }

  private async managed(ctx: TenantServiceContext, id: string): Promise<SchoolNews> {
    const news = isUuid(id) ? await ctx.tenant.em.findOne(SchoolNews, { id }) : null;
    if (!news) throw notFound(NEWS_MESSAGES_RU.notFound);
    const { actor, tenant } = ctx;
    if (!managesOrganization(actor, tenant.district, news.organizationId)) {
      if (seesWholeDistrict(actor, tenant.district)) throw forbidden(NEWS_MESSAGES_RU.editForbidden);
      throw notFound(NEWS_MESSAGES_RU.notFound);
    }
    return news;
  }

  async create(ctx: TenantServiceContext, organizationId: string, input: SchoolNewsInput): Promise<SchoolNews> {
    await this.checkOrganization(ctx, organizationId, true);
    const values = this.values(input);
    const news = ctx.tenant.em.create(SchoolNews, {
      organizationId,
      ...values,
      createdByUserId: ctx.actor.userId,
      createdByName: ctx.actor.displayName || ctx.actor.username,
      createdAt: this.clock.now(),
      updatedAt: this.clock.now(),
    });
    await ctx.tenant.em.flush();
    return news;
  }

  async update(ctx: TenantServiceContext, id: string, input: SchoolNewsInput): Promise<SchoolNews> {
    const news = await this.managed(ctx, id);
    Object.assign(news, this.values(input), { updatedAt: this.clock.now() });
    await ctx.tenant.em.flush();
    return news;
  }

  async remove(ctx: TenantServiceContext, id: string): Promise<boolean> {
    const news = await this.managed(ctx, id);
    await ctx.tenant.em.nativeDelete(SchoolNews, { id: news.id });
    return true;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    news: NewsService;
  }
}
