/**
 * A deadline "23:59 that day" lasts to the end of that minute: 23:59:59.999 Oslo time. New rounds
 * store that instant; rounds stored before with 23:59:00 get the same end, because the end is the
 * last millisecond of whatever minute the stored instant falls in.
 */

const MINUTE = 60_000;

/** The last instant (epoch ms) at which something is still before the deadline. */
export function deadlineEnd(deadline: Date | string): number {
  const at = typeof deadline === 'string' ? Date.parse(deadline) : deadline.getTime();
  return Math.floor(at / MINUTE) * MINUTE + MINUTE - 1;
}

/** True up to and including 23:59:59.999 of the deadline's minute. */
export function isBeforeDeadline(at: Date, deadline: Date | string): boolean {
  return at.getTime() <= deadlineEnd(deadline);
}

export function isPastDeadline(at: Date, deadline: Date | string): boolean {
  return !isBeforeDeadline(at, deadline);
}
