import type { FilterQuery } from '@mikro-orm/core';
import { actorAllowedActions, allowedActions, isOverdue, nextDueDate, type ApprovalAction, type RoadmapState } from '@nastavnik/domain';
import { addDays, type Clock } from '../../engine/clock.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import type { CampaignService } from '../campaigns/campaign.service.js';
import type { ReminderService } from '../campaigns/reminder.service.js';
import { campaignSchoolsScope, campaignScopeFilter } from '../campaigns/scope.js';
import { within } from '../directory/scope.js';
import { ItemExecution } from '../execution/item-execution.entity.js';
import { approvalSettings, authorRoles } from '../roadmaps/access.js';
import { RoadmapItem } from '../roadmaps/item.entity.js';
import { RoadmapRevision } from '../roadmaps/revision.entity.js';
import { Roadmap } from '../roadmaps/roadmap.entity.js';
import { roadmapScopeFilter, rolesCoveringRoadmap } from '../roadmaps/scope.js';
import type { Inbox, InboxDeadline } from './types.js';

/** States in which a revision waits for somebody. */
const WAITING: readonly RoadmapState[] = [
  'withDirector',
  'returnedByDirector',
  'submittedToDistrict',
  'inReview',
  'awaitingHeadSignature',
  'returnedByDistrict',
];
const AT_DISTRICT: readonly RoadmapState[] = ['submittedToDistrict', 'inReview'];
const LIST_LIMIT = 100;
export const DEADLINE_HORIZON_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The inbox: what waits for the actor, decided by the approval machine itself — a revision is in
 * a list when the actor may take that list's action on it (approve, review, sign, redo) — plus
 * deadlines within 7 days (campaign submissions not made yet; items of agreed roadmaps not done).
 */
export class InboxService {
  constructor(
    private readonly clock: Clock,
    private readonly campaigns: CampaignService,
    private readonly reminders: ReminderService,
  ) {}

  async inbox(ctx: TenantServiceContext): Promise<Inbox> {
    const { actor, tenant } = ctx;
    const district = tenant.district;
    const settings = await approvalSettings(tenant);
    const scope = roadmapScopeFilter(actor, district);
    const revisions = await tenant.em.find(
      RoadmapRevision,
      { state: { $in: [...WAITING] }, ...(Object.keys(scope).length ? { roadmap: scope } : {}) } as FilterQuery<RoadmapRevision>,
      { populate: ['roadmap'], orderBy: { updatedAt: 'asc', id: 'asc' }, limit: 4 * LIST_LIMIT },
    );
    const inbox: Inbox = { toApprove: [], toReview: [], toSign: [], returned: [], deadlines: [], reminders: [], total: 0 };
    for (const revision of revisions) {
      const roadmap = revision.roadmap;
      if (roadmap.latestRevisionId !== revision.id) continue;
      const roles = rolesCoveringRoadmap(actor, district, roadmap);
      const can = new Set<ApprovalAction>(actorAllowedActions({ roles, coversRoadmap: roles.length > 0 }, revision.state, roadmap.level, settings));
      const state = revision.state;
      if (can.has('approve')) inbox.toApprove.push(revision);
      else if (state === 'awaitingHeadSignature' && can.has('agree')) inbox.toSign.push(revision);
      else if (AT_DISTRICT.includes(state) && (can.has('startReview') || can.has('recommendAgreement') || can.has('agree'))) inbox.toReview.push(revision);
      else if ((state === 'returnedByDistrict' && can.has('createRevision')) || (state === 'returnedByDirector' && can.has('submitToDirector'))) {
        inbox.returned.push(revision);
      }
    }
    for (const list of [inbox.toApprove, inbox.toReview, inbox.toSign, inbox.returned]) list.splice(LIST_LIMIT);
    inbox.deadlines = [...(await this.campaignDeadlines(ctx)), ...(await this.itemDeadlines(ctx))].sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title),
    );
    inbox.reminders = await this.reminders.forInbox(ctx);
    inbox.total =
      inbox.toApprove.length + inbox.toReview.length + inbox.toSign.length + inbox.returned.length + inbox.deadlines.length + inbox.reminders.length;
    return inbox;
  }

  /** Campaigns due within the horizon with organisations (in the actor's view) that have not submitted. */
  private async campaignDeadlines(ctx: TenantServiceContext): Promise<InboxDeadline[]> {
    const { actor, tenant } = ctx;
    const today = this.clock.today();
    const campaigns = await tenant.em.find(
      Campaign,
      within(campaignScopeFilter(actor, tenant.district), { dueDate: { $gte: today, $lte: addDays(today, DEADLINE_HORIZON_DAYS) } }),
      { orderBy: { dueDate: 'asc' }, limit: LIST_LIMIT },
    );
    if (campaigns.length === 0) return [];
    const scope = campaignSchoolsScope(actor, tenant.district);
    const counts = await this.campaigns.counts(
      tenant,
      campaigns.map((c) => c.id),
      scope,
    );
    const deadlines: InboxDeadline[] = [];
    for (const campaign of campaigns) {
      const c = counts.get(campaign.id)!;
      const notSubmitted = c.notStarted + c.draft + c.withDirector + c.returned;
      if (notSubmitted === 0) continue;
      deadlines.push({
        kind: 'campaign',
        dueDate: campaign.dueDate,
        daysLeft: daysBetween(today, campaign.dueDate),
        title: campaign.title,
        campaignId: campaign.id,
        roadmapId: null,
        itemId: null,
        organizationId: scope && scope.length === 1 ? scope[0]! : null,
        notSubmittedCount: notSubmitted,
      });
    }
    return deadlines;
  }

  /** Items of the roadmaps in force that the actor executes, due within the horizon and not done. */
  private async itemDeadlines(ctx: TenantServiceContext): Promise<InboxDeadline[]> {
    const { actor, tenant } = ctx;
    const today = this.clock.today();
    const horizon = addDays(today, DEADLINE_HORIZON_DAYS);
    const candidates = await tenant.em.find(Roadmap, within(roadmapScopeFilter(actor, tenant.district), { inForceRevisionId: { $ne: null } }), { limit: 1000 });
    const mine = candidates.filter(
      (roadmap) => authorRoles(rolesCoveringRoadmap(actor, tenant.district, roadmap), roadmap.level).length > 0 || this.approves(ctx, roadmap),
    );
    if (mine.length === 0) return [];
    const byRevision = new Map(mine.map((roadmap) => [roadmap.inForceRevisionId!, roadmap]));
    const [items, executions] = await Promise.all([
      tenant.em.find(RoadmapItem, { revision: { $in: [...byRevision.keys()] }, dueDate: { $gte: today } }, { orderBy: { dueDate: 'asc' } }),
      tenant.em.find(ItemExecution, { roadmap: { $in: mine.map((r) => r.id) }, done: true }),
    ]);
    const done = new Set(executions.map((e) => `${e.roadmap.id}|${e.itemKey}`));
    const deadlines: InboxDeadline[] = [];
    for (const item of items) {
      const roadmap = byRevision.get(item.revision.id)!;
      if (done.has(`${roadmap.id}|${item.key}`)) continue;
      const due = nextDueDate(item.deadline, today);
      if (!due || due < today || due > horizon || isOverdue(item.deadline, today, false)) continue;
      deadlines.push({
        kind: 'item',
        dueDate: due,
        daysLeft: daysBetween(today, due),
        title: item.activity,
        campaignId: roadmap.campaign?.id ?? null,
        roadmapId: roadmap.id,
        itemId: item.id,
        organizationId: roadmap.organizationId,
        notSubmittedCount: null,
      });
      if (deadlines.length >= LIST_LIMIT) break;
    }
    return deadlines;
  }

  /** The approver (the school's director; the district's head) sees the item deadlines too. */
  private approves(ctx: TenantServiceContext, roadmap: Roadmap): boolean {
    const roles = rolesCoveringRoadmap(ctx.actor, ctx.tenant.district, roadmap);
    return roles.some((role) => allowedActions('withDirector', role, roadmap.level).includes('approve'));
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    inbox: InboxService;
  }
}
