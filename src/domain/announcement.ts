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
 * The job that walks everyone with the app in personal chat, page by page, in the scheduler:
 * the officer's click only writes this row. `token` is where the next page starts (Table
 * Storage's continuation token); the row moves under its ETag, so two instances never skip a page
 * and a page done twice queues nothing twice (same outbox keys).
 */
export const AnnouncementJobSchema = z.object({
  roundId: z.string(),
  requestedAt: z.string(),
  /** "tenantId:aadObjectId" of the officer who opened the round. */
  requestedBy: z.string(),
  token: z.string().optional(),
  pages: z.number().int().min(0),
  /** Messages queued by this job (a person already told is not counted again). */
  queued: z.number().int().min(0),
  done: z.boolean(),
});
export type AnnouncementJob = z.infer<typeof AnnouncementJobSchema>;

export function newAnnouncementJob(roundId: string, by: string, at: Date): AnnouncementJob {
  return { roundId, requestedAt: at.toISOString(), requestedBy: by, pages: 0, queued: 0, done: false };
}

/** The job after the page that started at `from.token`; a job that moved meanwhile is left alone. */
export function afterPage(current: AnnouncementJob, from: AnnouncementJob, next: string | undefined, queued: number): AnnouncementJob | undefined {
  if (current.done || current.pages !== from.pages || current.token !== from.token) return undefined;
  return { ...current, token: next, pages: current.pages + 1, queued: current.queued + queued, done: next === undefined };
}
