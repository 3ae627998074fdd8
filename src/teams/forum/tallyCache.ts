import type { StoredMark } from '../../storage/votes';
import { uncounted } from '../../storage/callCounter';
import type { Services } from '../services';

/*
 * The live tally a press shows, per instance and item: the item's marks as last read (at most
 * every REFRESH_MS, one partition query shared by every press in between) with every mark this
 * instance wrote since laid over them. A press shows it with the presser's own mark; a crowd
 * pressing at once shares one read of the partition per REFRESH_MS, and marks written on another
 * instance show within REFRESH_MS. The refresh verb and closing read the stored marks themselves.
 */

const REFRESH_MS = 300;
const MAX_ITEMS = 2_000;

class ItemTally {
  private marks = new Map<string, StoredMark>();
  /** Marks this instance wrote (or took back), by voter, with the write's sequence number. */
  private readonly local = new Map<string, { mark?: StoredMark; seq: number }>();
  private seq = 0;
  private readAt = 0;
  private reading?: Promise<void>;

  constructor(private readonly read: () => Promise<StoredMark[]>) {}

  wrote(voterKey: string, mark: StoredMark | undefined): void {
    this.local.set(voterKey, { mark, seq: ++this.seq });
    if (mark) this.marks.set(voterKey, mark);
    else this.marks.delete(voterKey);
  }

  async current(): Promise<StoredMark[]> {
    // One read shared by every press that waits on it and every press until the next one: counted in
    // the total, not in the turn that happens to start it (see callCounter). Quiet for REFRESH_MS,
    // the next press reads again, so once presses settle every card shows the stored marks.
    if (this.readAt === 0 || Date.now() - this.readAt > REFRESH_MS) await uncounted(() => this.refresh());
    return [...this.marks.values()];
  }

  private refresh(): Promise<void> {
    this.reading ??= (async () => {
      const since = this.seq;
      try {
        const fresh = new Map((await this.read()).map((m) => [m.voterKey, m]));
        // What this instance wrote while the read ran may be missing from it: lay it over.
        for (const [key, w] of this.local) {
          if (w.seq <= since) continue;
          if (w.mark) fresh.set(key, w.mark);
          else fresh.delete(key);
        }
        this.marks = fresh;
        this.readAt = Date.now();
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }
}

const tallies = new WeakMap<object, Map<string, ItemTally>>();

function itemTally(services: Services, meetingId: string, reportId: string): ItemTally {
  let all = tallies.get(services.votes);
  if (!all) tallies.set(services.votes, (all = new Map()));
  const key = `${meetingId}/${reportId}`;
  let t = all.get(key);
  if (!t) {
    if (all.size >= MAX_ITEMS) all.clear();
    t = new ItemTally(() => services.votes.of(meetingId, reportId));
    all.set(key, t);
  }
  return t;
}

/** The item's marks for a press's answer, the presser's own (just written) included. */
export function liveMarks(services: Services, meetingId: string, reportId: string): Promise<StoredMark[]> {
  return itemTally(services, meetingId, reportId).current();
}

/** A mark this instance stored (or took back: `mark` undefined), shown at once by later presses here. */
export function noteMark(services: Services, meetingId: string, reportId: string, voterKey: string, mark: StoredMark | undefined): void {
  itemTally(services, meetingId, reportId).wrote(voterKey, mark);
}
