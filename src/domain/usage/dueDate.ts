import { isPastDeadline } from '../deadline';
import { deadlineOnDay, isCalendarDay, osloInstant } from '../osloTime';
import type { UsageStatus } from './usageReport';

/**
 * When a usage report is due, and when owners are reminded. The default is 15 January after the
 * school year (DOMAIN.md section 1); a round may set another day (`usageDue`, "MM-DD"), always the
 * first such day after the school year has ended on 31 July.
 */

export const DEFAULT_USAGE_DUE = '01-15';

/** "MM-DD" that is a day in every year (no 29 February). */
export function isUsageDueDay(mmdd: string): boolean {
  return /^\d{2}-\d{2}$/.test(mmdd) && isCalendarDay(`2001-${mmdd}`);
}

/** The due day (YYYY-MM-DD) of the usage report for the school year starting in `schoolYear`. */
export function usageDueDay(schoolYear: number, mmdd: string = DEFAULT_USAGE_DUE): string {
  const day = isUsageDueDay(mmdd) ? mmdd : DEFAULT_USAGE_DUE;
  // The school year ends 31 July of the following year: a day after that in the same calendar year, else the next.
  const year = day > '07-31' ? schoolYear + 1 : schoolYear + 2;
  return `${year}-${day}`;
}

/** The due instant: the end of 23:59 Oslo time on the due day. */
export function usageDeadline(schoolYear: number, mmdd?: string): string {
  return deadlineOnDay(usageDueDay(schoolYear, mmdd));
}

/** Filed (or accepted) reports are never late; a returned one is back with the owner and can be. */
export function isLate(status: UsageStatus | undefined, deadline: string, now: Date): boolean {
  return status !== 'submitted' && status !== 'accepted' && isPastDeadline(now, deadline);
}

export const USAGE_REMINDERS = ['30d', '7d', 'late'] as const;
export type UsageReminder = (typeof USAGE_REMINDERS)[number];

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** At 09:00 Oslo time 30 and 7 days before the due day, and the day after it. */
export function reminderTimes(dueDay: string): Record<UsageReminder, Date> {
  return { '30d': osloInstant(addDays(dueDay, -30), 9, 0), '7d': osloInstant(addDays(dueDay, -7), 9, 0), late: osloInstant(addDays(dueDay, 1), 9, 0) };
}

/**
 * The latest reminder whose time has come for a report not yet filed, or undefined. Only the
 * latest: a bot that was down for the 30-day one does not send two at once.
 */
export function reminderDue(status: UsageStatus | undefined, dueDay: string, now: Date): UsageReminder | undefined {
  if (status === 'submitted' || status === 'accepted') return undefined;
  const times = reminderTimes(dueDay);
  return [...USAGE_REMINDERS].reverse().find((r) => now.getTime() >= times[r].getTime());
}
