import type { Round } from './round';

/** The moment before which a round's deadline must lie for the round to be purged. */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/**
 * Rounds past the retention period: deadline before the cutoff. An open round is never purged,
 * whatever its deadline says (the scheduler closes it first).
 */
export function roundsPastRetention(rounds: readonly Round[], now: Date, years: number): Round[] {
  const cutoff = retentionCutoff(now, years).getTime();
  return rounds.filter((r) => r.status !== 'open' && new Date(r.deadline).getTime() < cutoff);
}

/**
 * Days a sent proactive card stays stored in the outbox. Long enough to investigate a complaint
 * about a delivery; the card itself stays in the Teams chat.
 */
export const SENT_CARD_RETENTION_DAYS = 30;
