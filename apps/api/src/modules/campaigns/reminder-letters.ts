import { campaignReminderLetter } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import type { TenantServiceContext } from '../../engine/services.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { schoolStaffLetters, type PeopleDirectory } from '../notifications/people.js';
import type { Campaign } from './campaign.entity.js';
import { CampaignReminder } from './reminder.entity.js';

/**
 * «Напомнить» by e-mail (issue 16): each reminded school's curator and director get a letter now,
 * and the reminder is stamped `deliveredAt` once its letters are in the outbox (their delivery,
 * retries and failures are the delivery log's).
 */
export class ReminderLetters {
  constructor(
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
    private readonly people: PeopleDirectory,
    private readonly adminUrl: string,
  ) {}

  async send(ctx: TenantServiceContext, campaign: Campaign, reminders: readonly CampaignReminder[]): Promise<number> {
    const district = ctx.tenant.district;
    const link = `${this.adminUrl}/roadmaps/campaigns/${campaign.id}?district=${district.id}`;
    const overdue = campaign.dueDate < this.clock.today();
    const byOrganization = new Map(reminders.map((reminder) => [reminder.organizationId, reminder]));
    // All schools at once: the schools in one query, their people a few at a time, one batched insert.
    const letters = await schoolStaffLetters(
      ctx.em,
      this.people,
      [...byOrganization.keys()],
      ['school-curator', 'school-director'],
      (recipient, organization) => {
        const reminder = byOrganization.get(organization.id)!;
        return {
          kind: 'campaigns.reminder',
          dedupKey: `campaigns.reminder:${reminder.id}:${recipient.username}`,
          districtId: district.id,
          link,
          letter: campaignReminderLetter({
            greetingName: recipient.greetingName,
            organizationName: organization.shortName,
            campaignTitle: campaign.title,
            dueDate: campaign.dueDate,
            overdue,
            by: reminder.remindedByName,
            link,
          }),
        };
      },
    );
    const queued = await this.notifications.enqueue(ctx.em, letters);
    if (reminders.length > 0) {
      await ctx.tenant.em.nativeUpdate(CampaignReminder, { id: { $in: reminders.map((reminder) => reminder.id) } }, { deliveredAt: this.clock.now() });
    }
    return queued;
  }
}
