import {
  campaignDeadlineLetter,
  campaignDeadlineStage,
  campaignOfficerSummaryLetter,
  campaignOpenedLetter,
  type CampaignDeadlineStage,
} from '@nastavnik/domain';
import { addDays, type Clock } from '../../engine/clock.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { LetterRequest, NotificationService } from '../notifications/notification.service.js';
import type { PeopleDirectory } from '../notifications/people.js';
import type { CampaignService } from './campaign.service.js';
import { schoolRecipients, type LetterDistrict } from './letter-recipients.js';

const SCHOOL_ROLES = ['school-curator', 'school-director'] as const;

interface CampaignRow {
  id: string;
  title: string;
  due_date: string;
}

const KIND_OF_STAGE: Record<CampaignDeadlineStage, string> = { '7d': 'campaigns.due-soon', '1d': 'campaigns.due-soon', overdue: 'campaigns.overdue' };

/**
 * A campaign's letters (issue 16), sent by jobs over every district (jobs.ts): «a new campaign» to
 * each addressed school's curator and director, and the deadline letters at due−7, due−1 and
 * due+1 to the schools that have not submitted (the campaign page's «не подано»), with a summary
 * to the district's officers. Everything is keyed per campaign, school, recipient and stage, so a
 * second run the same day queues nothing twice.
 */
export class CampaignLetters {
  constructor(
    private readonly clock: Clock,
    private readonly campaigns: CampaignService,
    private readonly notifications: NotificationService,
    private readonly people: PeopleDirectory,
    private readonly adminUrl: string,
  ) {}

  private link(district: LetterDistrict, campaignId: string): string {
    return `${this.adminUrl}/roadmaps/campaigns/${campaignId}?district=${district.id}`;
  }

  /** The «new campaign» letters of the district's campaigns not yet announced; stamps each campaign once its letters are queued. */
  async sendOpened(em: EntityManager, district: LetterDistrict): Promise<{ campaigns: number; letters: number }> {
    const conn = em.getConnection();
    const pending = await conn.execute<CampaignRow[]>(
      `select id, title, to_char(due_date, 'YYYY-MM-DD') as due_date from "${district.schemaName}"."campaign"
       where opened_letters_at is null order by created_at, id`,
    );
    let letters = 0;
    for (const campaign of pending) {
      const schools = await this.campaigns.schoolsForLetters(em, district, [campaign.id]);
      const recipients = await schoolRecipients(
        em,
        this.people,
        district,
        schools.map((school) => school.organizationId),
        SCHOOL_ROLES,
      );
      const link = this.link(district, campaign.id);
      const requests: LetterRequest[] = schools.flatMap((school) =>
        (recipients.get(school.organizationId) ?? []).map((recipient) => ({
          kind: 'campaigns.opened',
          dedupKey: `campaigns.opened:${campaign.id}/${school.organizationId}:${recipient.username}`,
          districtId: district.id,
          personRef: null,
          audience: 'staff' as const,
          to: { address: recipient.address, name: recipient.name, username: recipient.username },
          link,
          letter: campaignOpenedLetter({
            greetingName: recipient.greetingName,
            organizationName: school.shortName,
            districtName: district.name,
            campaignTitle: campaign.title,
            dueDate: campaign.due_date,
            link,
          }),
        })),
      );
      // Queued and stamped apart: a crash between the two re-queues on the next run, and the keys drop the repeats.
      letters += await this.notifications.enqueue(em, requests);
      await conn.execute(`update "${district.schemaName}"."campaign" set opened_letters_at = ? where id = ?`, [this.clock.now(), campaign.id]);
    }
    return { campaigns: pending.length, letters };
  }

  /** Today's deadline letters of the district: campaigns due in 7 days, tomorrow, or yesterday. */
  async sendDeadlines(em: EntityManager, district: LetterDistrict): Promise<{ campaigns: number; schools: number; letters: number }> {
    const today = this.clock.today();
    const campaigns = await em
      .getConnection()
      .execute<CampaignRow[]>(
        `select id, title, to_char(due_date, 'YYYY-MM-DD') as due_date from "${district.schemaName}"."campaign" where due_date in (?::date, ?::date, ?::date) order by due_date, id`,
        [addDays(today, 7), addDays(today, 1), addDays(today, -1)],
      );
    if (campaigns.length === 0) return { campaigns: 0, schools: 0, letters: 0 };
    const schools = await this.campaigns.schoolsForLetters(
      em,
      district,
      campaigns.map((campaign) => campaign.id),
    );
    const waiting = schools.filter((school) => !school.submitted);
    const recipients = await schoolRecipients(
      em,
      this.people,
      district,
      waiting.map((school) => school.organizationId),
      SCHOOL_ROLES,
    );
    const officers = waiting.length > 0 ? await this.people.withRole(district.groupPath, ['district-officer']) : [];
    const requests: LetterRequest[] = [];
    for (const campaign of campaigns) {
      const stage = campaignDeadlineStage(campaign.due_date, today)!;
      const kind = KIND_OF_STAGE[stage];
      const link = this.link(district, campaign.id);
      const own = schools.filter((school) => school.campaignId === campaign.id);
      const late = own.filter((school) => !school.submitted);
      if (late.length === 0) continue;
      for (const school of late)
        for (const recipient of recipients.get(school.organizationId) ?? [])
          requests.push({
            kind,
            dedupKey: `${kind}:${campaign.id}/${school.organizationId}:${recipient.username}:${stage}`,
            districtId: district.id,
            personRef: null,
            audience: 'staff',
            to: { address: recipient.address, name: recipient.name, username: recipient.username },
            link,
            letter: campaignDeadlineLetter({
              greetingName: recipient.greetingName,
              organizationName: school.shortName,
              campaignTitle: campaign.title,
              dueDate: campaign.due_date,
              stage,
              link,
            }),
          });
      for (const officer of officers)
        requests.push({
          kind: 'campaigns.officer-summary',
          dedupKey: `campaigns.officer-summary:${campaign.id}:${officer.username}:${stage}`,
          districtId: district.id,
          personRef: null,
          audience: 'staff',
          to: { address: officer.address, name: officer.name, username: officer.username },
          link,
          letter: campaignOfficerSummaryLetter({
            greetingName: officer.greetingName,
            campaignTitle: campaign.title,
            dueDate: campaign.due_date,
            stage,
            schools: late.map((school) => school.shortName),
            total: own.length,
            link,
          }),
        });
    }
    const letters = await this.notifications.enqueue(em, requests);
    return { campaigns: campaigns.length, schools: waiting.length, letters };
  }
}
