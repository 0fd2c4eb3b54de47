import { createHash } from 'node:crypto';
import { pairsIdleCuratorLetter, pluralRu } from '@nastavnik/domain';
import { addDays } from '../../engine/clock.js';
import type { JobContext, JobDefinition } from '../../engine/jobs/definition.js';
import type { EntityManager, MikroORM } from '../../engine/orm/create-orm.js';
import { Organization } from '../directory/organization.entity.js';
import { staffLetters } from '../notifications/people.js';
import { Programme } from '../programmes/programme.entity.js';
import { MentoringPair } from './pair.entity.js';
import type { LetterDistrict, PairLetters } from './pair-letters.js';

export const MEETING_REMINDERS_JOB = 'pairs.meeting-reminders';
export const IDLE_PAIRS_JOB = 'pairs.idle-reminders';

/** A reminder goes when the meeting is this close (the job runs hourly; dedup keeps it to one). */
const REMINDER_HOURS = 24;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The migrated districts (a district still migrating has no pairs' tables yet). */
async function districts(orm: MikroORM): Promise<Array<LetterDistrict & { code: string }>> {
  return orm.em.getConnection().execute(
    `select d.id, d.code, d.schema_name as "schemaName" from "core"."district" d
       join "core"."district_migration_state" m on m.district_id = d.id and m.status = 'migrated' order by d.code`,
  );
}

/** One district at a time; a failing district does not stop the others, the run then fails naming them (and is retried). */
async function eachDistrict(
  { orm, signal, logger }: Pick<JobContext, 'orm' | 'signal' | 'logger'>,
  run: (district: LetterDistrict, em: EntityManager, tenantEm: EntityManager) => Promise<number>,
) {
  let enqueued = 0;
  const failed: string[] = [];
  const all = await districts(orm);
  for (const district of all) {
    signal.throwIfAborted();
    try {
      enqueued += await run(district, orm.em.fork({ clear: true }), orm.em.fork({ clear: true, schema: district.schemaName }));
    } catch (error) {
      failed.push(district.code);
      logger.error({ err: error, district: district.id }, 'programme letters failed');
    }
  }
  if (failed.length > 0) throw new Error(`Письма не подготовлены для ${failed.length} из ${all.length}: ${failed.slice(0, 20).join(', ')}`);
  return { enqueued, districts: all.length };
}

/** Hourly: a reminder to both members (a minor's representative) of each active pair's meeting within a day. */
export function meetingRemindersJob(options: { letters: PairLetters }): JobDefinition {
  const { letters } = options;
  return {
    name: MEETING_REMINDERS_JOB,
    title: 'Напоминания о встречах наставнических пар (почта)',
    schedule: { cron: '5 * * * *' },
    retry: { limit: 2, delaySeconds: 120 },
    timeoutSeconds: 1800,
    handler: (context) =>
      eachDistrict(context, async (district, em, tenantEm) => {
        const now = letters.clock.now();
        // One query per district: the meetings due within a day of active pairs.
        const rows = await tenantEm.getConnection().execute<Array<{ pair_id: string; starts_at: Date; type: string; place: string | null }>>(
          `select pm.pair_id, pm.starts_at, pm.type, pm.place from ${quote(district.schemaName)}."planned_meeting" pm
             join ${quote(district.schemaName)}."mentoring_pair" p on p.id = pm.pair_id and p.status = 'active'
            where pm.starts_at > ? and pm.starts_at <= ?`,
          [now, new Date(now.getTime() + REMINDER_HOURS * 3_600_000)],
        );
        if (rows.length === 0) return 0;
        const pairs = new Map((await tenantEm.find(MentoringPair, { id: { $in: rows.map((r) => r.pair_id) } })).map((p) => [p.id, p]));
        const meetings = rows
          .filter((row) => pairs.has(row.pair_id))
          .map((row) => ({ pair: pairs.get(row.pair_id)!, startsAt: new Date(row.starts_at), type: row.type, place: row.place }));
        return letters.meetingSoon(em, tenantEm, district, meetings);
      }),
  };
}

/**
 * Daily: active pairs with no meeting recorded for `days` days (or since the plan started) — a nudge
 * to the members and, per school, one letter to the curators listing the pairs (pages, no names).
 * Sent again only after another such period (the period's number is in the dedup key).
 */
export function idlePairsJob(options: { letters: PairLetters; days: number }): JobDefinition {
  const { letters, days } = options;
  return {
    name: IDLE_PAIRS_JOB,
    title: `Пары без встреч больше ${days} ${pluralRu(days, ['дня', 'дней', 'дней'])} (почта)`,
    schedule: { cron: '0 9 * * *' },
    retry: { limit: 2, delaySeconds: 300 },
    timeoutSeconds: 3600,
    handler: (context) =>
      eachDistrict(context, async (district, em, tenantEm) => {
        const today = letters.clock.today();
        // The last meeting per pair in SQL (one statement for the district, however many pairs).
        const rows = await tenantEm.getConnection().execute<Array<{ id: string; last: string | null; period: number }>>(
          `select p.id, max(m.date)::text as last, ((cast(? as date) - coalesce(max(m.date), p.start_date)) / ?)::int as period
             from ${quote(district.schemaName)}."mentoring_pair" p
             left join ${quote(district.schemaName)}."pair_meeting" m on m.pair_id = p.id
            where p.status = 'active' and p.start_date <= cast(? as date)
            group by p.id
           having coalesce(max(m.date), p.start_date) <= cast(? as date)`,
          [today, days, today, addDays(today, -days)],
        );
        if (rows.length === 0) return 0;
        const pairs = new Map((await tenantEm.find(MentoringPair, { id: { $in: rows.map((r) => r.id) } })).map((p) => [p.id, p]));
        const idle = rows.filter((row) => pairs.has(row.id)).map((row) => ({ pair: pairs.get(row.id)!, lastMeeting: row.last, period: row.period }));
        let sent = await letters.idle(em, tenantEm, district, idle, days);
        sent += await curatorSummaries(letters, em, tenantEm, district, idle, days);
        return sent;
      }),
  };
}

async function curatorSummaries(
  letters: PairLetters,
  em: EntityManager,
  tenantEm: EntityManager,
  district: LetterDistrict,
  idle: ReadonlyArray<{ pair: MentoringPair; lastMeeting: string | null; period: number }>,
  days: number,
): Promise<number> {
  const programmes = new Map((await tenantEm.find(Programme, { id: { $in: [...new Set(idle.map((e) => e.pair.programmeId))] } })).map((p) => [p.id, p]));
  const bySchool = new Map<string, typeof idle>();
  for (const entry of idle) bySchool.set(entry.pair.organizationId, [...(bySchool.get(entry.pair.organizationId) ?? []), entry]);
  const organizations = new Map((await em.find(Organization, { id: { $in: [...bySchool.keys()] } })).map((o) => [o.id, o]));
  let sent = 0;
  for (const [organizationId, entries] of bySchool) {
    // The same idle pairs in the same periods: the same letter, not resent daily.
    const digest = createHash('sha256')
      .update(
        entries
          .map((e) => `${e.pair.id}:${e.lastMeeting ?? 'none'}:${e.period}`)
          .sort()
          .join(','),
      )
      .digest('hex')
      .slice(0, 24);
    const listed = entries.map((e) => ({
      programmeName: programmes.get(e.pair.programmeId)?.name ?? '',
      startDate: e.pair.startDate,
      lastMeeting: e.lastMeeting,
      link: `${letters.options.adminUrl}/programmes/${e.pair.programmeId}/pairs/${e.pair.id}?district=${district.id}`,
    }));
    const requests = await staffLetters(em, letters.people, { organizationId }, ['school-curator'], (recipient) => ({
      kind: 'pairs.idle',
      dedupKey: `pairs.idle:${organizationId}:${digest}:${recipient.username}`,
      districtId: district.id,
      link: null,
      letter: pairsIdleCuratorLetter({
        greetingName: recipient.greetingName,
        organizationName: organizations.get(organizationId)?.shortName ?? '',
        days,
        pairs: listed,
      }),
    }));
    sent += await letters.notifications.enqueue(em, requests);
  }
  return sent;
}
