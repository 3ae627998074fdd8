import { isPastDeadline } from '../deadline';
import { osloDate, osloInstant } from '../osloTime';
import type { Round } from '../round';

/** Reminders go out in the morning, Oslo time: 7 days and 1 day before the deadline's day. */
export const REMINDER_HOUR = 9;
export const REMINDER_STAGES = [
  { label: '7d', days: 7 },
  { label: '1d', days: 1 },
] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number]['label'];

function dayBefore(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/**
 * When each reminder of a round is due: 09:00 Oslo time, N calendar days before the deadline's
 * day (a 23:59 deadline would otherwise put the reminders at midnight).
 */
export function reminderTimes(round: Pick<Round, 'deadline'>): Array<{ label: ReminderStage; at: Date }> {
  const deadlineDay = osloDate(new Date(round.deadline));
  return REMINDER_STAGES.map((s) => ({ label: s.label, at: osloInstant(dayBefore(deadlineDay, s.days), REMINDER_HOUR, 0) }));
}

/** The stages due at `now`, before the deadline; empty once it has passed. */
export function remindersDue(round: Pick<Round, 'deadline'>, now: Date): ReminderStage[] {
  if (isPastDeadline(now, round.deadline)) return [];
  return reminderTimes(round)
    .filter((s) => now.getTime() >= s.at.getTime())
    .map((s) => s.label);
}
