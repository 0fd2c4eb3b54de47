/** Dates are shown as ДД.ММ.ГГГГ everywhere in the product. */
export function formatDateRu(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}.${mm}.${date.getUTCFullYear()}`;
}

/** One formatter per zone: constructing an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC of `timeZone` at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return Math.round((local - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The zone as Russians name it, against Moscow time: «МСК», «МСК+2» (Yekaterinburg), «МСК−1»
 * (Kaliningrad); a zone off by a fraction of an hour «МСК+2:30».
 */
export function timeZoneLabelRu(timeZone: string, instant: Date = new Date()): string {
  const difference = offsetMinutes(instant, timeZone) - offsetMinutes(instant, 'Europe/Moscow');
  if (difference === 0) return 'МСК';
  const sign = difference > 0 ? '+' : '−';
  const hours = Math.floor(Math.abs(difference) / 60);
  const minutes = Math.abs(difference) % 60;
  return `МСК${sign}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/**
 * «05.12.2026 02:38 (МСК)»: a moment in the product's time zone, named — the screen and the exported
 * files say the same.
 */
export function formatDateTimeRu(value: Date | string, timeZone: string): string {
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) return String(value);
  const parts = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute} (${timeZoneLabelRu(timeZone, instant)})`;
}

/**
 * The instant of a wall-clock date and time in `timeZone` («12.12.2026 15:00 in Yekaterinburg»):
 * how a meeting typed on the screen is stored. Two passes settle a change of offset in between.
 */
export function instantOfWallClock(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let instant = new Date(asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000);
  instant = new Date(asUtc - offsetMinutes(instant, timeZone) * 60_000);
  return instant;
}

/** «2026-12-12T15:30:00»: the wall-clock time of `instant` in `timeZone`, without an offset. */
export function wallClockIso(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00`;
}
