import { z } from 'zod';
import type { RegionConfig } from './regions';
import type { Round } from './round';

/**
 * Telling people that a round is open (innmeldingsrunde). Everyone with the app in personal chat
 * is a candidate; what they filed or drafted before decides whether this round is theirs:
 *  - nothing yet (a newcomer, an officer, a forum member): told, the round may well be theirs;
 *  - a report or a draft for an owner in one of the round's counties: told;
 *  - reports and drafts only for owners in other counties: not told, the round is not theirs.
 * Pure: the teams layer reads the people and their history, this decides.
 */

/** The one message per person and round: the outbox key makes a second queueing a no-op. */
export const announcementKey = (roundId: string, person: { tenantId: string; aadObjectId: string }) =>
  `announce:${roundId}:${person.tenantId}:${person.aadObjectId}`;

/** The counties of the regions a person's reports and drafts name (unknown region ids are left out). */
export function countiesOfRegions(regions: RegionConfig, regionIds: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const id of regionIds) {
    const region = regions.regions.find((r) => r.id === id);
    if (region) out.add(region.county);
  }
  return out;
}

export function isAnnouncedTo(round: Pick<Round, 'counties'>, historyCounties: ReadonlySet<string>): boolean {
  return historyCounties.size === 0 || round.counties.some((c) => historyCounties.has(c));
}

/**
 * The record that a round is to be announced, written by the officer's click before the round
 * opens: the round-open job walks everyone with the app in personal chat (its own checkpoint holds
 * the page) and marks this done after the last page, so a round opened again is not announced
 * again, and the scheduler starts the job for an open round whose record is not done (a crash
 * between the click's writes). `token` and `pages` are kept for rows written before the job.
 */
export const AnnouncementJobSchema = z.object({
  roundId: z.string(),
  requestedAt: z.string(),
  /** "tenantId:aadObjectId" of the officer who opened the round. */
  requestedBy: z.string(),
  token: z.string().optional(),
  pages: z.number().int().min(0),
  /** People told (those the round concerns), once done. */
  queued: z.number().int().min(0),
  done: z.boolean(),
});
export type AnnouncementJob = z.infer<typeof AnnouncementJobSchema>;

export function newAnnouncementJob(roundId: string, by: string, at: Date): AnnouncementJob {
  return { roundId, requestedAt: at.toISOString(), requestedBy: by, pages: 0, queued: 0, done: false };
}
