import type { Meeting } from '../../domain/forum';
import { SECRETARIAT_GROUP } from '../../domain/roles';
import { voterKey } from '../../storage/votes';
import type { Services } from '../services';
import { electorate, type Elector } from './electors';

/*
 * What a press on a voting card needs besides its own mark, kept per instance while votes are
 * open: the meetings with an open vote, each group's electors and the forum's officers, all read
 * after the forum's stamp (see ForumStamps). A press writes its mark, then reads the stamp; the
 * same stamp means none of this changed, so the press stands as decided. A different one means a
 * meeting or a grant changed (a close, a member removed): the snapshot is dropped and the press is
 * decided again on what is stored.
 */

/** However quiet the forum, nothing is kept longer than this (real time). */
const MAX_AGE_MS = 60_000;

export class VoteSnapshot {
  private readonly meetings = new Map<string, Promise<Meeting | undefined>>();
  private readonly electorates = new Map<string, Promise<Map<string, Elector>>>();
  private officerKeys?: Promise<Set<string>>;
  readonly at = Date.now();

  constructor(
    private readonly services: Services,
    readonly stamp: string,
  ) {}

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

  electors(group: string): Promise<Map<string, Elector>> {
    let hit = this.electorates.get(group);
    if (!hit) {
      hit = electorate(this.services, this.services.regions.id, group).then((es) => new Map(es.map((e) => [e.key, e])));
      this.electorates.set(group, hit);
      hit.catch(() => this.electorates.delete(group));
    }
    return hit;
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

const snapshots = new WeakMap<object, Promise<VoteSnapshot>>();

/** This instance's snapshot, the stamp read first when there is none (or it is too old). */
export async function voteSnapshot(services: Services): Promise<VoteSnapshot> {
  let hit = snapshots.get(services.meetings);
  if (hit) {
    const s = await hit.catch(() => undefined);
    if (s && Date.now() - s.at < MAX_AGE_MS) return s;
    if (snapshots.get(services.meetings) === hit) snapshots.delete(services.meetings);
  }
  hit = snapshots.get(services.meetings);
  if (!hit) {
    hit = services.meetings.stamp(services.regions.id).then((stamp) => new VoteSnapshot(services, stamp));
    snapshots.set(services.meetings, hit);
  }
  return hit;
}

/** After a press read a different stamp: a new snapshot from that stamp on (its data read later). */
export function renewSnapshot(services: Services, stamp: string): void {
  snapshots.set(services.meetings, Promise.resolve(new VoteSnapshot(services, stamp)));
}

/** Reads the stamp now: whether it is still the snapshot's. */
export async function stampUnchanged(services: Services, snapshot: VoteSnapshot): Promise<boolean> {
  const stamp = await services.meetings.stamp(services.regions.id);
  if (stamp === snapshot.stamp) return true;
  renewSnapshot(services, stamp);
  return false;
}
