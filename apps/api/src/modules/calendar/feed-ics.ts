import { CALENDAR_FEED_RU as T, wallClockIso } from '@nastavnik/domain';
import { ICalCalendar, ICalCalendarMethod } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { OwnedFeed } from './feed.service.js';

const MEETING_MINUTES = 60;

/**
 * The feed as iCalendar text: the zone named (X-WR-TIMEZONE and its VTIMEZONE), all-day events for
 * due dates, timed events in that zone for meetings, UIDs that stay the same from read to read (the
 * object's id; an item's key across revisions) so calendar applications update rather than duplicate.
 */
export function renderFeedIcs(feed: OwnedFeed, timeZone: string): string {
  const calendar = new ICalCalendar({
    name: T.calendarName(feed.owner),
    description: T.calendarDescription,
    prodId: { company: 'Nastavnik', product: 'calendar', language: 'RU' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  calendar.timezone({ name: timeZone, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null });
  for (const day of feed.days) {
    calendar.createEvent({
      id: day.uid,
      // A day, not an instant: ical-generator writes a string without an offset as it is (DATE).
      start: `${day.date}T00:00:00`,
      allDay: true,
      stamp: day.stamp,
      summary: day.kind === 'campaign' ? T.campaignSummary(day.title) : T.itemSummary(day.number ?? '', day.title),
      description:
        day.kind === 'campaign' ? T.campaignDescription(day.title, day.date, day.link) : T.itemDescription(day.place ?? '', day.deadlineText ?? '', day.link),
      url: day.link,
    });
  }
  for (const meeting of feed.meetings) {
    calendar.createEvent({
      id: meeting.uid,
      // With a time zone, ical-generator writes a Date's digits in the process's zone: it gets the
      // wall-clock time of the product's zone as text (as meeting-ics.ts does).
      start: wallClockIso(meeting.startsAt, timeZone),
      end: wallClockIso(new Date(meeting.startsAt.getTime() + MEETING_MINUTES * 60_000), timeZone),
      timezone: timeZone,
      stamp: meeting.stamp,
      summary: T.meetingSummary(meeting.kind, meeting.programme),
      location: meeting.place,
      description: T.meetingDescription(meeting.link),
      url: meeting.link,
    });
  }
  return calendar.toString();
}
