import { formatDateTimeRu, nextReminderAllowedAt, WORK_MOVES_MESSAGES_RU as M } from '@nastavnik/domain';
import { bulkIds, bulkRefusal, type RowRefusal } from '../../engine/bulk.js';
import type { Clock } from '../../engine/clock.js';
import { forbidden } from '../../engine/errors.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid, type Tenant } from '../../engine/tenancy/tenant.js';
import { districtStaffRoles, schoolStaffOrganizationIds } from '../directory/scope.js';
import { NOT_SUBMITTED_STATUSES, type CampaignService } from './campaign.service.js';
import { CampaignReminder } from './reminder.entity.js';
import type { ReminderLetters } from './reminder-letters.js';
import { currentLogger, silentLogger } from '../../engine/logging.js';

/** How far back a school's inbox shows the reminders it got. */
const INBOX_DAYS = 14;

/**
 * «Напомнить»: the district's staff remind schools that have not submitted their roadmap of a
 * campaign's due date. A reminder is recorded (who, when, which school) and its letters go to the
 * school's curator and director at once (reminder-letters.ts).
 */
export class ReminderService {
  constructor(
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly campaigns: CampaignService,
    /** The letters of a reminder (issue 16); a failure to queue them keeps the reminder recorded. */
    private readonly letters?: ReminderLetters,
  ) {}

  /** Reminds every listed school, or none: a refused row (not addressed, submitted, reminded within the hour, foreign) refuses all. */
  async remind(ctx: TenantServiceContext, campaignId: string, organizationIds: readonly string[]): Promise<CampaignReminder[]> {
    const { actor, tenant } = ctx;
    if (districtStaffRoles(actor, tenant.district).length === 0) throw forbidden(M.onlyDistrictReminds);
    const campaign = await this.campaigns.get(ctx, campaignId);
    const ids = bulkIds(organizationIds, 'organizationIds');
    const valid = ids.filter(isUuid);
    const statuses = await this.campaigns.statusesOf(tenant, campaign, valid);
    const last = await this.lastByOrganization(tenant, campaign.id, valid);
    const now = this.clock.now();
    const refusals: RowRefusal[] = [];
    for (const id of ids) {
      const status = statuses.get(id);
      // Not addressed and not of this district look the same: nothing to tell about a foreign id.
      if (!status) refusals.push({ id, reason: isUuid(id) ? M.notAddressed : M.notFoundOrForeign });
      else if (!NOT_SUBMITTED_STATUSES.includes(status)) refusals.push({ id, reason: M.alreadySubmitted });
      else {
        const previous = last.get(id);
        const next = nextReminderAllowedAt(previous?.remindedAt ?? null, now);
        if (previous && next)
          refusals.push({ id, reason: M.remindedRecently(formatDateTimeRu(previous.remindedAt, this.timeZone), formatDateTimeRu(next, this.timeZone)) });
      }
    }
    if (refusals.length > 0) throw bulkRefusal('organizationIds', refusals, ids.length);

    const created = ids.map((organizationId) =>
      tenant.em.create(CampaignReminder, {
        campaign,
        organizationId,
        remindedByUserId: actor.userId,
        remindedByName: actor.displayName || actor.username,
        remindedAt: now,
      }),
    );
    await tenant.em.flush();
    await this.letters
      ?.send(ctx, campaign, created)
      .catch((error: unknown) => currentLogger(silentLogger()).error({ err: error, campaignId: campaign.id }, 'reminder letters could not be queued'));
    forgetTenantReads(tenant);
    return created;
  }

  /** The latest reminder of each of these schools in the campaign. */
  async lastByOrganization(tenant: Tenant, campaignId: string, organizationIds: readonly string[]): Promise<Map<string, CampaignReminder>> {
    if (organizationIds.length === 0) return new Map();
    const rows = await tenant.em.find(
      CampaignReminder,
      { campaign: campaignId, organizationId: { $in: [...organizationIds] } },
      { orderBy: { remindedAt: 'desc', id: 'desc' } },
    );
    const result = new Map<string, CampaignReminder>();
    for (const row of rows) if (!result.has(row.organizationId)) result.set(row.organizationId, row);
    return result;
  }

  /**
   * The reminders the actor's schools got lately and have not answered yet (the roadmap is still
   * not submitted): the latest per campaign and school, for their inbox.
   */
  async forInbox(ctx: TenantServiceContext): Promise<CampaignReminder[]> {
    const { tenant } = ctx;
    const schools = schoolStaffOrganizationIds(ctx.actor, tenant.district);
    if (schools.length === 0) return [];
    const since = new Date(this.clock.now().getTime() - INBOX_DAYS * 24 * 60 * 60_000);
    const rows = await tenant.em.find(
      CampaignReminder,
      { organizationId: { $in: schools }, remindedAt: { $gte: since } },
      { populate: ['campaign'], orderBy: { remindedAt: 'desc', id: 'desc' }, limit: 100 },
    );
    const latest = new Map<string, CampaignReminder>();
    for (const row of rows) {
      const key = `${row.campaign.id}|${row.organizationId}`;
      if (!latest.has(key)) latest.set(key, row);
    }
    const result: CampaignReminder[] = [];
    for (const row of latest.values()) {
      const status = (await this.campaigns.statusesOf(tenant, row.campaign, [row.organizationId])).get(row.organizationId);
      if (status && NOT_SUBMITTED_STATUSES.includes(status)) result.push(row);
    }
    return result;
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    reminders: ReminderService;
  }
}
