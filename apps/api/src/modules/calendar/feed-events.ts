import { MEETING_TYPE_LABELS_RU, nextDueDate, type Deadline, type MeetingType } from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { campaignScopeFilter } from '../campaigns/scope.js';
import { District } from '../directory/district.entity.js';
import { Organization } from '../directory/organization.entity.js';
import { districtStaffRoles, schoolStaffOrganizationIds } from '../directory/scope.js';
import type { PairService } from '../pairs/pair.service.js';
import type { PlannedMeetingService } from '../pairs/planned-meeting.service.js';
import { Participant } from '../participants/participant.entity.js';
import { Programme } from '../programmes/programme.entity.js';

/** A date of the feed (all day, no zone: a due date is a day wherever the reader is). */
export interface DayEvent {
  uid: string;
  date: string;
  kind: 'campaign' | 'item';
  title: string;
  /** campaign: its title; item: «1.2» and the activity. */
  number?: string;
  place?: string;
  deadlineText?: string;
  link: string;
  stamp: Date;
}

/** A planned meeting of the user's own pair (an instant, written in the product's zone). */
export interface MeetingEvent {
  uid: string;
  startsAt: Date;
  kind: string;
  programme: string | null;
  place: string | null;
  link: string;
  stamp: Date;
}

export interface FeedEvents {
  days: DayEvent[];
  meetings: MeetingEvent[];
}

/** Campaigns whose due date passed more than this long ago are not worth a calendar entry. */
const CAMPAIGN_HISTORY_DAYS = 365;

interface ItemRow {
  roadmap_id: string;
  level: string;
  organization_id: string | null;
  key: string;
  number: string;
  activity: string;
  deadline_text: string;
  deadline: Deadline;
  created_at: Date;
}

/**
 * The user's events in the feed's district, through the same row scope as their own pages:
 *
 * - campaigns: the district staff see all of the district's, school staff those addressed to their
 *   school (campaignScopeFilter); mentors and mentees none;
 * - roadmap items: not marked done, of the agreed revision in force. The item's «Ответственный» is
 *   free text («заместитель директора по ВР»), not a login, so responsibility is by place: a
 *   school's director and curator get their school's items, the district's officer and head the
 *   district-level roadmaps' items (not every school's: a district of 1,000 schools would drown the
 *   calendar, and the district follows schools on its dashboard). Each item once, on its due date in
 *   force today (the domain's `nextDueDate`, as the dashboard counts overdue);
 * - meetings: the planned meeting of each active pair the user is a member of (PairService.mine:
 *   a participant row with their login, not withdrawn), unless the pair has no member left who has
 *   not withdrawn consent. No names of anyone: a kind, the programme, the place for the pair itself.
 */
export async function collectFeedEvents(
  ctx: TenantServiceContext,
  deps: { clock: Clock; timeZone: string; adminUrl: string; pairs: PairService; plannedMeetings: PlannedMeetingService },
): Promise<FeedEvents> {
  const { tenant, actor } = ctx;
  const district = tenant.district;
  const today = deps.clock.today();
  const q = `?district=${district.id}`;
  const days: DayEvent[] = [];

  const since = new Date(Date.parse(`${today}T00:00:00Z`) - CAMPAIGN_HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
  const campaigns = await tenant.em.find(
    Campaign,
    { $and: [campaignScopeFilter(actor, district), { dueDate: { $gte: since } }] },
    { orderBy: { dueDate: 'asc', id: 'asc' } },
  );
  for (const campaign of campaigns) {
    days.push({
      uid: `campaign-${campaign.id}@nastavnik`,
      date: campaign.dueDate,
      kind: 'campaign',
      title: campaign.title,
      link: `${deps.adminUrl}/roadmaps/campaigns/${campaign.id}${q}`,
      stamp: campaign.createdAt,
    });
  }

  const organizations = schoolStaffOrganizationIds(actor, district);
  const districtStaff = districtStaffRoles(actor, district).length > 0;
  if (organizations.length > 0 || districtStaff) {
    const s = `"${district.schemaName}"`;
    const scope: string[] = [];
    if (districtStaff) scope.push(`r."level" = 'district'`);
    if (organizations.length > 0) scope.push(`(r."level" = 'school' and r."organization_id" in (${organizations.map(() => '?').join(', ')}))`);
    const rows = await tenant.em.getConnection().execute<ItemRow[]>(
      `select r."id" as roadmap_id, r."level", r."organization_id", i."key", i."number", i."activity", i."deadline_text", i."deadline", v."created_at"
         from ${s}."roadmap" r
         join ${s}."roadmap_revision" v on v."id" = r."in_force_revision_id" and v."state" = 'agreed'
         join ${s}."roadmap_item" i on i."revision_id" = v."id"
         left join ${s}."item_execution" e on e."roadmap_id" = r."id" and e."item_key" = i."key"
        where coalesce(e."done", false) = false and (${scope.join(' or ')})
        order by r."id", i."position"`,
      organizations,
    );
    const schoolIds = [...new Set(rows.map((row) => row.organization_id).filter((id): id is string => !!id))];
    const schools = new Map(
      schoolIds.length > 0 ? (await ctx.em.find(Organization, { id: { $in: schoolIds }, district: district.id })).map((o) => [o.id, o.shortName]) : [],
    );
    const districtName = rows.some((row) => row.level === 'district') ? ((await ctx.em.findOne(District, { id: district.id }))?.name ?? '') : '';
    for (const row of rows) {
      const date = nextDueDate(row.deadline, today);
      if (!date) continue;
      days.push({
        uid: `roadmap-item-${row.roadmap_id}-${row.key}@nastavnik`,
        date,
        kind: 'item',
        title: row.activity,
        number: row.number,
        place: row.level === 'district' ? districtName : (schools.get(row.organization_id ?? '') ?? ''),
        deadlineText: row.deadline_text,
        link: `${deps.adminUrl}/roadmaps/${row.roadmap_id}${q}`,
        stamp: new Date(row.created_at),
      });
    }
  }

  const meetings: MeetingEvent[] = [];
  const pairs = (await deps.pairs.mine(ctx)).filter((pair) => pair.status === 'active');
  if (pairs.length > 0) {
    const memberIds = [...new Set(pairs.flatMap((pair) => [pair.mentorId, ...pair.menteeIds]))];
    const present = new Set(
      (await tenant.em.find(Participant, { id: { $in: memberIds }, anonymized: false }, { fields: ['id'] })).map((participant) => participant.id),
    );
    const programmes = new Map(
      (await tenant.em.find(Programme, { id: { $in: [...new Set(pairs.map((pair) => pair.programmeId))] } })).map((p) => [p.id, p.name]),
    );
    for (const pair of pairs) {
      // A pair whose mentor or every mentee withdrew consent is over: nothing of it goes out.
      if (!present.has(pair.mentorId) || !pair.menteeIds.some((id) => present.has(id))) continue;
      const planned = await deps.plannedMeetings.of(ctx, pair);
      if (!planned) continue;
      meetings.push({
        uid: `planned-meeting-${planned.id}@nastavnik`,
        startsAt: planned.startsAt,
        kind: MEETING_TYPE_LABELS_RU[planned.type as MeetingType] ?? planned.type,
        programme: programmes.get(pair.programmeId) ?? null,
        // The user is a member of the pair: the pair's own text (the place) is theirs to read.
        place: planned.place,
        link: `${deps.adminUrl}/my`,
        stamp: planned.updatedAt,
      });
    }
  }
  return { days, meetings };
}
