import { MEETING_TYPE_LABELS_RU, wallClockIso, type MeetingType } from '@nastavnik/domain';
import { ICalCalendar } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { notFound } from '../../engine/errors.js';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import type { RenderedFile } from '../documents/rendered-file.js';
import { Programme } from '../programmes/programme.entity.js';
import { lensOf } from '../participants/resolvers.js';

const MEETING_MINUTES = 60;

/**
 * The pair's planned meeting as an iCalendar file (issue 16, item 3): the start in the product's
 * time zone, named (TZID, with its VTIMEZONE), an hour long, where, and a link to «Моя пара/группа».
 * No names of the pair's members (a minor's name does not go into calendars); the place only for
 * those who may read the pair's text.
 */
export async function plannedMeetingIcs(ctx: GraphQLContext, pairId: string, options: { timeZone: string; adminUrl: string }): Promise<RenderedFile> {
  const pair = await ctx.services.pairs.get(ctx, pairId);
  const planned = await ctx.services.plannedMeetings.of(ctx, pair);
  if (!planned) throw notFound('У пары нет запланированной встречи');
  const programme = await ctx.tenant.em.findOne(Programme, { id: pair.programmeId });
  const kind = MEETING_TYPE_LABELS_RU[planned.type as MeetingType] ?? planned.type;
  const place = (await lensOf(ctx).readsPairText(pair)) ? planned.place : null;
  const calendar = new ICalCalendar({ name: 'Наставник', prodId: { company: 'Nastavnik', product: 'meetings', language: 'RU' } });
  calendar.timezone({ name: options.timeZone, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null });
  calendar.createEvent({
    id: `${planned.id}@nastavnik`,
    // With a time zone, ical-generator writes a Date's digits in the process's own zone: it gets the
    // wall-clock time of the product's zone as text (no offset), which it reads and writes back as is.
    start: wallClockIso(planned.startsAt, options.timeZone),
    end: wallClockIso(new Date(planned.startsAt.getTime() + MEETING_MINUTES * 60_000), options.timeZone),
    timezone: options.timeZone,
    stamp: planned.updatedAt,
    summary: `${kind}${programme ? ` — программа «${programme.name}»` : ''}`,
    location: place,
    description: `Встреча наставнической пары. Подробности: ${options.adminUrl}/my`,
    url: `${options.adminUrl}/my`,
  });
  return { fileName: 'vstrecha.ics', contentType: 'text/calendar; charset=utf-8', data: Buffer.from(calendar.toString(), 'utf8') };
}
