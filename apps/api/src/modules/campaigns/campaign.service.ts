import type { FilterQuery } from '@mikro-orm/core';
import { campaignInputSchema, checkInput, ROADMAP_STATES, SCHOOL_CAMPAIGN_STATUSES, schoolCampaignStatus, type SchoolCampaignStatus } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { badUserInput, badUserInputs, forbidden, notFound } from '../../engine/errors.js';
import { pageWindow, type Page, type PageInput } from '../../engine/graphql/pagination.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid, type Tenant } from '../../engine/tenancy/tenant.js';
import { Organization } from '../directory/organization.entity.js';
import { within } from '../directory/scope.js';
import { SchoolCampaignStatus as StatusEnum } from './enums.js';
import { ROADMAP_MESSAGES_RU } from '@nastavnik/domain';
import { districtStaffRoles } from '../directory/scope.js';
import { Campaign } from './campaign.entity.js';
import type { CampaignFilter, CampaignSchoolFilter, CreateCampaignInput } from './inputs.js';
import { campaignSchoolsScope, campaignScopeFilter } from './scope.js';
import type { CampaignCounts, CampaignSchool } from './types.js';

/**
 * The school's status in SQL, generated from the domain's `schoolCampaignStatus` (state of the
 * latest revision → status), so the rule lives in one place.
 */
export const STATUS_SQL = `case lr.state ${ROADMAP_STATES.map((s) => `when '${s}' then '${schoolCampaignStatus(s)}'`).join(' ')} else '${schoolCampaignStatus(null)}' end`;

/** Not (yet) submitted to the district: overdue once the due date has passed. */
export const NOT_SUBMITTED_STATUSES: readonly SchoolCampaignStatus[] = SCHOOL_CAMPAIGN_STATUSES.filter(
  (status) => status !== 'submitted' && status !== 'agreed',
);
const NOT_SUBMITTED_SQL = `(${NOT_SUBMITTED_STATUSES.map((s) => `'${s}'`).join(', ')})`;

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** The district a campaign query runs in: its id (`core.organization`) and its schema. */
export type CampaignDistrict = { id: string; schemaName: string };

export interface CampaignSchoolForLetters {
  campaignId: string;
  organizationId: string;
  shortName: string;
  /** Submitted to the district or agreed: not «не подано». */
  submitted: boolean;
}

interface SchoolRow {
  campaign_id: string;
  organization_id: string;
  roadmap_id: string | null;
  latest_revision_id: string | null;
  has_agreed: boolean;
  status: SchoolCampaignStatus;
  overdue: boolean;
  total: number;
}

/**
 * Campaigns of a district: opening one (district staff), listing them within the row scope, and
 * the campaign page — each addressed school's status, overdue submissions and counts, computed in
 * SQL over the district's schema and `core.organization`.
 */
export class CampaignService {
  constructor(
    private readonly clock: Clock,
    /** A campaign was opened: its «new campaign» letters are to go (wired to the letters' job in app.ts). */
    private readonly onOpened: () => void = () => {},
  ) {}

  async list(ctx: TenantServiceContext, page?: PageInput | null, filter?: CampaignFilter | null): Promise<Page<Campaign>> {
    const { limit, offset } = pageWindow(page);
    const own: FilterQuery<Campaign>[] = [];
    if (filter?.academicYear) own.push({ academicYear: filter.academicYear.trim() });
    const [items, total] = await ctx.tenant.em.findAndCount(Campaign, within(campaignScopeFilter(ctx.actor, ctx.tenant.district), ...own), {
      limit,
      offset,
      orderBy: { dueDate: 'desc', id: 'desc' },
    });
    return { items, total, limit, offset };
  }

  async get(ctx: TenantServiceContext, id: string): Promise<Campaign> {
    const campaign = isUuid(id) ? await ctx.tenant.em.findOne(Campaign, within(campaignScopeFilter(ctx.actor, ctx.tenant.district), { id })) : null;
    if (!campaign) throw notFound(ROADMAP_MESSAGES_RU.campaignNotFound);
    return campaign;
  }

  async create(ctx: TenantServiceContext, input: CreateCampaignInput): Promise<Campaign> {
    const { actor, tenant } = ctx;
    if (!actor.access.platform && districtStaffRoles(actor, tenant.district).length === 0) throw forbidden();
    // The shared schema (packages/domain): every problem of the form at once, in the admin's words.
    const checked = checkInput(campaignInputSchema, input);
    if (!checked.ok) throw badUserInputs(checked.issues);
    const { title, academicYear, dueDate, periodStart, periodEnd, organizationIds } = checked.value;
    if (organizationIds.length > 0) {
      const found = organizationIds.every(isUuid) ? await ctx.em.count(Organization, { id: { $in: organizationIds }, district: tenant.district.id }) : 0;
      if (found !== organizationIds.length) throw badUserInput('organizationIds', ROADMAP_MESSAGES_RU.organizationNotInDistrict);
    }
    const campaign = tenant.em.create(Campaign, {
      title,
      academicYear,
      periodStart,
      periodEnd,
      dueDate,
      allOrganizations: organizationIds.length === 0,
      organizationIds,
      createdByUserId: actor.userId,
      createdByName: actor.displayName || actor.username,
      createdAt: this.clock.now(),
    });
    await tenant.em.flush();
    this.onOpened();
    forgetTenantReads(tenant);
    return tenant.em.findOneOrFail(Campaign, { id: campaign.id });
  }

  /** Campaign is past its due date (today, in the configured time zone). */
  isPastDue(campaign: Campaign): boolean {
    return this.clock.today() > campaign.dueDate;
  }

  /** The base SQL of campaign pages: one row per (campaign, addressed organisation in scope). */
  private schoolsSql(district: CampaignDistrict, campaignIds: readonly string[], scope: string[] | null): { sql: string; params: unknown[] } {
    const schema = `"${district.schemaName}"`;
    const params: unknown[] = [this.clock.today(), district.id, ...campaignIds];
    let sql = `select c.id as campaign_id, o.id as organization_id, o.short_name, r.id as roadmap_id,
        r.latest_revision_id, (r.in_force_revision_id is not null) as has_agreed, ${STATUS_SQL} as status, c.due_date,
        (?::date > c.due_date) as past_due
      from ${schema}."campaign" c
      join "core"."organization" o on o.district_id = ? and (c.all_organizations or o.id = any(c.organization_ids))
      left join ${schema}."roadmap" r on r.campaign_id = c.id and r.organization_id = o.id and r.level = 'school'
      left join ${schema}."roadmap_revision" lr on lr.id = r.latest_revision_id
      where c.id in (${placeholders(campaignIds)})`;
    if (scope) {
      if (scope.length === 0) sql += ' and false';
      else {
        sql += ` and o.id in (${placeholders(scope)})`;
        params.push(...scope);
      }
    }
    return { sql, params };
  }

  /** The campaign page: addressed schools with their status, filterable, paginated (by name). */
  async schools(ctx: TenantServiceContext, campaign: Campaign, page?: PageInput | null, filter?: CampaignSchoolFilter | null): Promise<Page<CampaignSchool>> {
    const { limit, offset } = pageWindow(page);
    const base = this.schoolsSql(ctx.tenant.district, [campaign.id], campaignSchoolsScope(ctx.actor, ctx.tenant.district));
    const conditions: string[] = [];
    const params = [...base.params];
    if (filter?.status) {
      conditions.push('status = ?');
      params.push(filter.status);
    }
    if (filter?.overdue != null) conditions.push(filter.overdue ? 'overdue' : 'not overdue');
    params.push(limit, offset);
    const rows = await ctx.tenant.em.getConnection().execute<SchoolRow[]>(
      `select *, count(*) over()::int as total from (
         select t.*, (t.past_due and t.status in ${NOT_SUBMITTED_SQL}) as overdue from (${base.sql}) t
       ) s ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
       order by short_name, organization_id limit ? offset ?`,
      params,
    );
    const total = rows[0]?.total ?? (offset > 0 ? await this.countSchools(ctx, campaign, filter) : 0);
    return {
      items: rows.map((row) => ({
        campaignId: campaign.id,
        organizationId: row.organization_id,
        status: row.status as StatusEnum,
        overdue: row.overdue,
        hasAgreedRevision: row.has_agreed,
        roadmapId: row.roadmap_id,
        latestRevisionId: row.latest_revision_id,
      })),
      total,
      limit,
      offset,
    };
  }

  /** The status of these organisations in the campaign (only the addressed ones are in the map). */
  async statusesOf(tenant: Tenant, campaign: Campaign, organizationIds: readonly string[]): Promise<Map<string, SchoolCampaignStatus>> {
    if (organizationIds.length === 0) return new Map();
    const base = this.schoolsSql(tenant.district, [campaign.id], [...organizationIds]);
    const rows = await tenant.em.getConnection().execute<Array<{ organization_id: string; status: SchoolCampaignStatus }>>(base.sql, base.params);
    return new Map(rows.map((row) => [row.organization_id, row.status]));
  }

  /**
   * Every addressed school of these campaigns with its name and whether it has submitted — the
   * campaign page's rule, one statement — for the letters' jobs, which run outside a request.
   */
  async schoolsForLetters(em: EntityManager, district: CampaignDistrict, campaignIds: readonly string[]): Promise<CampaignSchoolForLetters[]> {
    if (campaignIds.length === 0) return [];
    const base = this.schoolsSql(district, campaignIds, null);
    const rows = await em
      .getConnection()
      .execute<Array<{ campaign_id: string; organization_id: string; short_name: string; status: SchoolCampaignStatus }>>(
        `select campaign_id, organization_id, short_name, status from (${base.sql}) t order by campaign_id, short_name, organization_id`,
        base.params,
      );
    return rows.map((row) => ({
      campaignId: row.campaign_id,
      organizationId: row.organization_id,
      shortName: row.short_name,
      submitted: !NOT_SUBMITTED_STATUSES.includes(row.status),
    }));
  }

  private async countSchools(ctx: TenantServiceContext, campaign: Campaign, filter?: CampaignSchoolFilter | null): Promise<number> {
    const counts = await this.counts(ctx.tenant, [campaign.id], campaignSchoolsScope(ctx.actor, ctx.tenant.district));
    const c = counts.get(campaign.id)!;
    if (filter?.status) return c[filter.status];
    return c.total;
  }

  /** Counts per status (and overdue) of several campaigns at once: one query (the loader batches). */
  async counts(tenant: Tenant, campaignIds: readonly string[], scope: string[] | null): Promise<Map<string, CampaignCounts>> {
    const result = new Map<string, CampaignCounts>();
    for (const id of campaignIds) {
      result.set(id, { total: 0, notStarted: 0, draft: 0, withDirector: 0, submitted: 0, returned: 0, agreed: 0, overdue: 0 });
    }
    if (campaignIds.length === 0) return result;
    const base = this.schoolsSql(tenant.district, campaignIds, scope);
    const rows = await tenant.em.getConnection().execute<Array<{ campaign_id: string; status: SchoolCampaignStatus; n: number; overdue: number }>>(
      `select campaign_id, status, count(*)::int as n,
         count(*) filter (where past_due and status in ${NOT_SUBMITTED_SQL})::int as overdue
       from (${base.sql}) t group by campaign_id, status`,
      base.params,
    );
    for (const row of rows) {
      const counts = result.get(row.campaign_id)!;
      counts[row.status] += row.n;
      counts.total += row.n;
      counts.overdue += row.overdue;
    }
    return result;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    campaigns: CampaignService;
  }
}
