/**
 * Wall-clock time in Oslo, whatever the server's zone. Deadlines are "23:59 that day" and daily
 * summaries "after 07:00" in Oslo, which is UTC+1 in winter and UTC+2 in summer; the switch
 * happens at 01:00 UTC, so 23:59 and the morning hours are never ambiguous.
 */
const ZONE = 'Europe/Oslo';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function osloWallClock(instant: Date): WallClock {
  const p = Object.fromEntries(
    PARTS.formatToParts(instant)
      .filter((x) => x.type !== 'literal')
      .map((x) => [x.type, Number(x.value)]),
  );
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** Minutes Oslo is ahead of UTC at this instant: 60 in winter, 120 in summer. */
export function osloOffsetMinutes(instant: Date): number {
  const w = osloWallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** "2027-02-01": the calendar day in Oslo at this instant. */
export function osloDate(instant: Date): string {
  const w = osloWallClock(instant);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (no 30 February). */
export function isCalendarDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The instant when Oslo's clocks show `hour:minute` on `day` (YYYY-MM-DD). */
export function osloInstant(day: string, hour: number, minute: number): Date {
  const m = DAY.exec(day);
  if (!m || !isCalendarDay(day)) throw new Error(`not a calendar day: ${day}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, minute);
  // The offset at a first guess, then at the corrected instant: right on both sides of a switch.
  const guess = wall - osloOffsetMinutes(new Date(wall)) * 60_000;
  return new Date(wall - osloOffsetMinutes(new Date(guess)) * 60_000);
}

/** A reporting deadline: the end of 23:59 in Oslo on that day (23:59:59.999), as an ISO instant. */
export function deadlineOnDay(day: string): string {
  return new Date(osloInstant(day, 23, 59).getTime() + 59_999).toISOString();
}

/** "23:59": the time of day in Oslo. */
export function osloClockTime(instant: Date | string): string {
  const w = osloWallClock(typeof instant === 'string' ? new Date(instant) : instant);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}
