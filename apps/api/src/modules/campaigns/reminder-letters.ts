import { campaignReminderLetter } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { Organization } from '../directory/organization.entity.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { staffLetters, type PeopleDirectory } from '../notifications/people.js';
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
    let queued = 0;
    for (const reminder of reminders) {
      const organization = await ctx.em.findOne(Organization, { id: reminder.organizationId });
      const letters = await staffLetters(
        ctx.em,
        this.people,
        { organizationId: reminder.organizationId },
        ['school-curator', 'school-director'],
        (recipient) => ({
          kind: 'campaigns.reminder',
          dedupKey: `campaigns.reminder:${reminder.id}:${recipient.username}`,
          districtId: district.id,
          link,
          letter: campaignReminderLetter({
            greetingName: recipient.greetingName,
            organizationName: organization?.shortName ?? '',
            campaignTitle: campaign.title,
            dueDate: campaign.dueDate,
            overdue,
            by: reminder.remindedByName,
            link,
          }),
        }),
      );
      queued += await this.notifications.enqueue(ctx.em, letters);
      await ctx.tenant.em.nativeUpdate(CampaignReminder, { id: reminder.id }, { deliveredAt: this.clock.now() });
    }
    return queued;
  }
}
