import type { Meeting } from '../../domain/forum';
import type { StoredItem } from '../../storage/meetings';
import type { StoredMark } from '../../storage/votes';
import type { Services } from '../services';
import { electorate, type Elector } from './electors';

/*
 * The two reads every press on a voting card makes, shaped for a crowd pressing at once. Both
 * are per process and hold no state that matters: dropping them changes speed, not answers.
 */

/** How long a group's member list is reused for the card (turnout, refresh list); real time. */
const ELECTORATE_TTL_MS = 10_000;
const electorates = new WeakMap<object, Map<string, { until: number; value: Promise<Elector[]> }>>();

/**
 * A group's electors for showing the card. Whether the presser may vote is always read fresh
 * from their own grants, and closing reads the group afresh, so a member added seconds ago votes
 * and counts; only the turnout line may lag by up to ten seconds.
 */
export function cardElectorate(services: Services, forum: string, group: string): Promise<Elector[]> {
  let cache = electorates.get(services.roles);
  if (!cache) electorates.set(services.roles, (cache = new Map()));
  const key = `${forum}/${group}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value;
  const value = electorate(services, forum, group);
  cache.set(key, { until: Date.now() + ELECTORATE_TTL_MS, value });
  value.catch(() => cache!.delete(key));
  return value;
}

const pending = new WeakMap<object, Map<string, Promise<ItemMarks>>>();

export interface ItemMarks {
  marks: StoredMark[];
}

/**
 * An item's marks, read after the caller's own write. Callers arriving while a read is queued but
 * not yet started share it; a read that has started is never joined, so every caller sees at
 * least every write that finished before it asked. Thirty presses at once make a few reads, not thirty.
 */
export function marksAfterWrite(services: Services, meetingId: string, reportId: string): Promise<ItemMarks> {
  let queue = pending.get(services.votes);
  if (!queue) pending.set(services.votes, (queue = new Map()));
  const key = `${meetingId}/${reportId}`;
  const queued = queue.get(key);
  if (queued) return queued;
  const read = new Promise<ItemMarks>((resolve, reject) => {
    setImmediate(() => {
      queue!.delete(key);
      services.votes.read(meetingId, reportId).then(resolve, reject);
    });
  });
  queue.set(key, read);
  return read;
}

const items = new WeakMap<object, Map<string, Promise<StoredItem | undefined>>>();
const MAX_CACHED_ITEMS = 2_000;

/**
 * An agenda item while its vote takes marks. The agenda is locked once the vote opens, so the
 * snapshot cannot change until the result is written at closing, and a closed vote is always
 * read from storage. A crowd arriving together shares the one read.
 */
export async function itemWhileOpen(services: Services, meeting: Meeting, reportId: string): Promise<StoredItem | undefined> {
  if (!meeting.order.includes(reportId)) return undefined;
  if (meeting.vote?.status !== 'open') return services.meetings.item(meeting.id, reportId);
  let cache = items.get(services.meetings);
  if (!cache) items.set(services.meetings, (cache = new Map()));
  const key = `${meeting.id}/${meeting.vote.id}/${reportId}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (cache.size >= MAX_CACHED_ITEMS) cache.clear();
  const read = services.meetings.item(meeting.id, reportId);
  cache.set(key, read);
  const forget = () => cache!.get(key) === read && cache!.delete(key);
  read.then((stored) => (!stored || stored.result) && forget(), forget);
  return read;
}
