import {
  DIGEST_LIST_LIMIT,
  DISTRICT_STAFF_ROLES,
  isDigestEmpty,
  isoWeekOf,
  weeklyDigestLetter,
  type RoadmapState,
  type WeeklyDigestFacts,
} from '@nastavnik/domain';
import type { Clock } from '../../engine/clock.js';
import type { JobDefinition } from '../../engine/jobs/definition.js';
import type { Logger } from '../../engine/logging.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { NOT_SUBMITTED_STATUSES, STATUS_SQL } from '../campaigns/campaign.service.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { staffLetters, type PeopleDirectory } from '../notifications/people.js';

export const WEEKLY_DIGEST_JOB = 'inbox.weekly-digest';
export const DIGEST_KIND = 'digest.weekly';

/** Roadmap states in which a school's roadmap waits for the district (its officers, then its head). */
const WAITING_STATES: readonly RoadmapState[] = ['submittedToDistrict', 'inReview', 'awaitingHeadSignature'];
const NOT_SUBMITTED_SQL = `(${NOT_SUBMITTED_STATUSES.map((s) => `'${s}'`).join(', ')})`;

interface DistrictRow {
  id: string;
  name: string;
  schemaName: string;
}

type Facts = Omit<WeeklyDigestFacts, 'greetingName'>;

/**
 * The weekly digest of a district's officers and head (issue 16). A fixed number of statements
 * per district, whatever its number of schools: every aggregate is SQL over the district's schema.
 */
export class WeeklyDigest {
  constructor(
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
    private readonly people: PeopleDirectory,
    private readonly adminUrl: string,
    /** The platform's zone: «how many days it waits», the job's Monday morning. */
    readonly timeZone: string,
  ) {}

  /** What the district's letter says (the same for each of its recipients but the greeting). */
  async factsOf(em: EntityManager, district: DistrictRow): Promise<Facts> {
    const conn = em.getConnection();
    const s = `"${district.schemaName}"`;
    const today = this.clock.today();
    const since = new Date(this.clock.now().getTime() - 7 * 86_400_000);
    const link = (path: string) => `${this.adminUrl}${path}?district=${district.id}`;

    // Waiting: since when the latest revision is in its state (its last event into it).
    const waiting = await conn.execute<Array<{ organization_name: string; title: string; state: RoadmapState; waiting_days: number; total: number }>>(
      `select o.short_name as organization_name, lr.programme_name as title, lr.state,
         greatest(0, ?::date - (coalesce(e.at, lr.updated_at) at time zone ?)::date)::int as waiting_days, count(*) over()::int as total
       from ${s}."roadmap" r
       join ${s}."roadmap_revision" lr on lr.id = r.latest_revision_id
       join "core"."organization" o on o.id = r.organization_id
       left join lateral (select max(ev.at) as at from ${s}."roadmap_events" ev where ev.revision_id = lr.id and ev.to_state = lr.state) e on true
       where r.level = 'school' and lr.state in (${WAITING_STATES.map(() => '?').join(', ')})
       order by waiting_days desc, o.short_name limit ${DIGEST_LIST_LIMIT}`,
      [today, this.timeZone, ...WAITING_STATES],
    );

    // Overdue campaigns of the current period, with the schools that have not submitted (the campaign page's rule).
    const campaigns = await conn.execute<Array<{ id: string; title: string; due_date: string; names: string[]; total: number }>>(
      `select t.campaign_id as id, t.title, t.due_date::text as due_date, count(*)::int as total,
         (array_agg(t.short_name order by t.short_name))[1:10] as names
       from (
         select c.id as campaign_id, c.title, c.due_date, o.short_name, ${STATUS_SQL} as status
         from ${s}."campaign" c
         join "core"."organization" o on o.district_id = ? and (c.all_organizations or o.id = any(c.organization_ids))
         left join ${s}."roadmap" r on r.campaign_id = c.id and r.organization_id = o.id and r.level = 'school'
         left join ${s}."roadmap_revision" lr on lr.id = r.latest_revision_id
         where c.due_date < ?::date and c.period_end >= ?::date
       ) t
       where t.status in ${NOT_SUBMITTED_SQL}
       group by t.campaign_id, t.title, t.due_date order by t.due_date, t.title`,
      [district.id, today, today],
    );

    // Overdue items of roadmaps in force: due before today and not marked done.
    const items = await conn.execute<Array<{ organization_name: string; n: number; schools: number }>>(
      `select o.short_name as organization_name, count(*)::int as n, count(*) over()::int as schools
       from ${s}."roadmap" r
       join ${s}."roadmap_item" i on i.revision_id = r.in_force_revision_id
       join "core"."organization" o on o.id = r.organization_id
       left join ${s}."item_execution" x on x.roadmap_id = r.id and x.item_key = i.key and x.done
       where r.level = 'school' and i.due_date < ?::date and x.id is null
       group by o.id, o.short_name order by n desc, o.short_name limit ${DIGEST_LIST_LIMIT}`,
      [today],
    );

    const [changes] = await conn.execute<Array<{ agreed: number; returned: number; applications: number; pairs: number }>>(
      `select
         (select count(*) from ${s}."roadmap_events" ev join ${s}."roadmap" r on r.id = ev.roadmap_id and r.level = 'school'
            where ev.at >= ? and ev.to_state = 'agreed')::int as agreed,
         (select count(*) from ${s}."roadmap_events" ev join ${s}."roadmap" r on r.id = ev.roadmap_id and r.level = 'school'
            where ev.at >= ? and ev.to_state = 'returnedByDistrict')::int as returned,
         (select count(*) from "core"."partner_application" a where a.district_id = ? and a.created_at >= ?)::int as applications,
         (select count(*) from ${s}."mentoring_pair" p where p.created_at >= ?)::int as pairs`,
      [since, since, district.id, since, since],
    );

    return {
      districtName: district.name,
      today,
      waiting: waiting.map((w) => ({ organizationName: w.organization_name, roadmapTitle: w.title, state: w.state, waitingDays: w.waiting_days })),
      waitingTotal: waiting[0]?.total ?? 0,
      overdueCampaigns: campaigns.map((c) => ({
        title: c.title,
        dueDate: c.due_date,
        notSubmitted: c.names,
        notSubmittedTotal: c.total,
        link: link(`/roadmaps/campaigns/${c.id}`),
      })),
      overdueItems: items.map((i) => ({ organizationName: i.organization_name, count: i.n })),
      overdueItemsSchools: items[0]?.schools ?? 0,
      changes: {
        agreed: changes?.agreed ?? 0,
        returned: changes?.returned ?? 0,
        partnerApplications: changes?.applications ?? 0,
        pairsConfirmed: changes?.pairs ?? 0,
      },
      inboxLink: link('/inbox'),
    };
  }

  /** One letter per officer and head of each migrated district; the ISO week in the key makes a rerun send nothing. */
  async send(em: EntityManager, options: { signal?: AbortSignal; logger?: Logger } = {}): Promise<{ districts: number; letters: number }> {
    const districts = await em.getConnection().execute<DistrictRow[]>(
      `select d.id, d.name, d.schema_name as "schemaName" from "core"."district" d
       join "core"."district_migration_state" m on m.district_id = d.id and m.status = 'migrated' order by d.code`,
    );
    const week = isoWeekOf(this.clock.today());
    let letters = 0;
    let failed = 0;
    for (const district of districts) {
      options.signal?.throwIfAborted();
      try {
        const facts = await this.factsOf(em, district);
        if (isDigestEmpty(facts)) continue;
        const requests = await staffLetters(em, this.people, { districtId: district.id }, DISTRICT_STAFF_ROLES, (recipient) => ({
          kind: DIGEST_KIND,
          dedupKey: `${DIGEST_KIND}:${district.id}:${recipient.username}:${week}`,
          districtId: district.id,
          link: facts.inboxLink,
          letter: weeklyDigestLetter({ ...facts, greetingName: recipient.greetingName }),
        }));
        letters += await this.notifications.enqueue(em, requests);
      } catch (error) {
        // One district's failure (its schema, the directory) does not keep the others' digests.
        failed++;
        options.logger?.error({ err: error, district: district.id }, 'weekly digest not sent');
      }
    }
    if (failed > 0) throw new Error(`Сводка не отправлена для ${failed} из ${districts.length} муниципалитетов`);
    return { districts: districts.length, letters };
  }
}

/** Monday 08:00 in the platform's zone (districts keep no zone of their own). */
export function weeklyDigestJob(options: { digest: WeeklyDigest }): JobDefinition {
  return {
    name: WEEKLY_DIGEST_JOB,
    title: 'Еженедельная сводка для муниципалитетов (почта)',
    schedule: { cron: '0 8 * * 1', timeZone: options.digest.timeZone },
    retry: { limit: 3, delaySeconds: 600, backoff: true },
    timeoutSeconds: 3600,
    async handler({ orm, signal, logger }) {
      return options.digest.send(orm.em.fork(), { signal, logger });
    },
  };
}
