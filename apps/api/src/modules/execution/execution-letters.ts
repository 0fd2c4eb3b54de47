import { executionWeeklyLetter, isoWeekOf, type ExecutionLetterItem } from '@nastavnik/domain';
import { addDays, type Clock } from '../../engine/clock.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import { schoolRecipients, type LetterDistrict } from '../campaigns/letter-recipients.js';
import type { LetterRequest, NotificationService } from '../notifications/notification.service.js';
import type { PeopleDirectory } from '../notifications/people.js';

/**
 * The due date in force of an item on `today` (the first `?`) — the rule of the domain's
 * `nextDueDate` and of the dashboards (monitoring/queries.ts DUE_IN_FORCE_SQL): for scheduled
 * deadlines the end of the latest occurrence already started (else the first), else the due date.
 */
const DUE_IN_FORCE_SQL = `case when i."deadline"->>'kind' in ('months', 'recurring', 'endOfAcademicYear') then coalesce(
    (select o.value->>'end' from jsonb_array_elements(i."deadline"->'occurrences') with ordinality as o(value, n)
      where o.value->>'start' <= ? order by o.n desc limit 1),
    i."deadline"->'occurrences'->0->>'end',
    i."deadline"->>'due')
  else i."deadline"->>'due' end`;

interface ItemRow {
  roadmap_id: string;
  organization_id: string;
  short_name: string;
  programme_name: string;
  number: string;
  activity: string;
  responsible: string;
  due: string;
}

/**
 * The weekly execution letter (issue 16): for each school roadmap in force (agreed, its period
 * covering today), the items not done that are overdue or due within the next 7 days, to the
 * school's curator and director. An item's «Ответственный» is free text (a position, sometimes a
 * name), not a user of the platform, so it is written in the letter and the letter goes to the
 * school's staff who mark execution (the curator) and answer for it (the director).
 */
export class ExecutionLetters {
  constructor(
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
    private readonly people: PeopleDirectory,
    private readonly adminUrl: string,
  ) {}

  async sendWeekly(em: EntityManager, district: LetterDistrict): Promise<{ roadmaps: number; letters: number }> {
    const today = this.clock.today();
    const s = `"${district.schemaName}"`;
    // One statement for the district: only the items a letter lists (not done, due before a week from today).
    const rows = await em.getConnection().execute<ItemRow[]>(
      `select r.id as roadmap_id, r.organization_id, o.short_name, v.programme_name, i.number, i.activity, i.responsible, d.due
       from ${s}."roadmap" r
       join ${s}."roadmap_revision" v on v.id = r.in_force_revision_id and v.state = 'agreed'
       join "core"."organization" o on o.id = r.organization_id and o.district_id = ?
       join ${s}."roadmap_section" sc on sc.revision_id = v.id
       join ${s}."roadmap_item" i on i.section_id = sc.id
       left join ${s}."item_execution" e on e.roadmap_id = r.id and e.item_key = i.key
       cross join lateral (select ${DUE_IN_FORCE_SQL} as due) d
       where r.level = 'school' and v.period_start <= ?::date and v.period_end >= ?::date
         and not coalesce(e.done, false) and d.due is not null and d.due < ?
       order by r.id, d.due, sc.position, i.position`,
      [district.id, today, today, today, addDays(today, 7)],
    );
    const byRoadmap = new Map<string, ItemRow[]>();
    for (const row of rows) byRoadmap.set(row.roadmap_id, [...(byRoadmap.get(row.roadmap_id) ?? []), row]);
    const recipients = await schoolRecipients(
      em,
      this.people,
      district,
      rows.map((row) => row.organization_id),
      ['school-curator', 'school-director'],
    );
    const week = isoWeekOf(today);
    const requests: LetterRequest[] = [];
    for (const [roadmapId, items] of byRoadmap) {
      const first = items[0]!;
      const link = `${this.adminUrl}/roadmaps/${roadmapId}?district=${district.id}`;
      const item = (row: ItemRow): ExecutionLetterItem => ({ number: row.number, activity: row.activity, dueDate: row.due, responsible: row.responsible });
      const overdue = items.filter((row) => row.due < today).map(item);
      const dueSoon = items.filter((row) => row.due >= today).map(item);
      for (const recipient of recipients.get(first.organization_id) ?? [])
        requests.push({
          kind: 'execution.weekly',
          dedupKey: `execution.weekly:${roadmapId}:${recipient.username}:${week}`,
          districtId: district.id,
          personRef: null,
          audience: 'staff',
          to: { address: recipient.address, name: recipient.name, username: recipient.username },
          link,
          letter: executionWeeklyLetter({
            greetingName: recipient.greetingName,
            organizationName: first.short_name,
            programmeName: first.programme_name,
            overdue,
            dueSoon,
            link,
          }),
        });
    }
    const letters = await this.notifications.enqueue(em, requests);
    return { roadmaps: byRoadmap.size, letters };
  }
}
