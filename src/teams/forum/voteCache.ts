import type { Meeting } from '../../domain/forum';
import { SECRETARIAT_GROUP } from '../../domain/roles';
import { voterKey } from '../../storage/votes';
import type { Services } from '../services';

/*
 * What a press on a voting card needs besides its own mark, kept per instance for a few seconds:
 * the meetings with an open vote and the forum's officers. Nothing here decides whether a mark is
 * taken: the press's merge on the voter's own row does (storage/votes.ts), and finds no row once
 * the vote is closed, whatever this instance still holds. A stale meeting only sends the press
 * down the careful path; a stale officer list only shows or hides a member's close button.
 */

/** However quiet the forum, nothing is kept longer than this (real time). */
const MAX_AGE_MS = 10_000;

export class VoteSnapshot {
  private readonly meetings = new Map<string, Promise<Meeting | undefined>>();
  private officerKeys?: Promise<Set<string>>;
  readonly at = Date.now();

  constructor(private readonly services: Services) {}

  /** The meeting if its vote is open (then kept); otherwise read afresh every time. */
  async openMeeting(id: string): Promise<Meeting | undefined> {
    let hit = this.meetings.get(id);
    if (!hit) {
      hit = this.services.meetings.get(this.services.regions.id, id);
      this.meetings.set(id, hit);
      hit.then(
        (m) => m?.vote?.status !== 'open' && this.meetings.delete(id),
        () => this.meetings.delete(id),
      );
    }
    const m = await hit;
    return m?.vote?.status === 'open' ? m : undefined;
  }

  /** Voter keys of the forum's secretariat officers, configuration's included. */
  async officers(): Promise<Set<string>> {
    if (!this.officerKeys) {
      const forum = this.services.regions.id;
      const read = this.services.roles
        .inGroup(forum, SECRETARIAT_GROUP)
        .then(
          (gs) => new Set([...gs.filter((g) => g.role === 'secretariat').map((g) => voterKey(g.person)), ...this.services.bootstrapSecretariat.map(voterKey)]),
        );
      this.officerKeys = read;
      read.catch(() => this.officerKeys === read && (this.officerKeys = undefined));
    }
    return this.officerKeys;
  }
}

const snapshots = new WeakMap<object, VoteSnapshot>();

/** This instance's snapshot, a new one when there is none or it is too old. */
export function voteSnapshot(services: Services): VoteSnapshot {
  const hit = snapshots.get(services.meetings);
  if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit;
  const fresh = new VoteSnapshot(services);
  snapshots.set(services.meetings, fresh);
  return fresh;
}
