import {
  AgendaItemSchema,
  FollowUpSchema,
  ItemResultSchema,
  MeetingSchema,
  settledResult,
  type AgendaItem,
  type FollowUp,
  type ItemResult,
  type Meeting,
} from '../domain/forum';
import { packJson, unpackJson, withoutJson } from './json';
import { odataString } from './keys';
import { createIfAbsent, deleteIfPresent, getOrUndefined, mutateEntity, propertiesOf, safeKey, type Tables } from './tables';
import { ForumStamps } from './forumStamps';

/*
 * Layout of the Meetings table, by the queries that run:
 *   f_<home>       / <meetingId>   the meeting: agenda order, posting and vote state (ETag-checked);
 *                                  every meeting of the County Governor (`home`, the regions' id)
 *                                  is one partition (few per year, whichever forum they belong to),
 *                                  so a card press that names only the meeting finds it, and
 *                                  meetings from before forums are where they were. A forum's
 *                                  meetings are that query, filtered on the meeting's `forum`.
 *                                  `voteStatus` and `closesAt` are columns so the scheduler's
 *                                  "which votes are due" reads no documents.
 *   i_<meetingId>  / <reportId>    one row per agenda item: the report's snapshot, and after
 *                                  closing the item's result with the marks it counted.
 * Marks live in the Votes table (see votes.ts), a partition per item.
 */

type MeetingRow = Record<string, unknown> & { voteStatus: string; closesAt: string; group: string };
type ItemRow = Record<string, unknown>;
// The result's counted marks grow with the group (a line per voter), so it is packed like a document.
const RESULT = 'r';
// An undecided item's follow-up by the secretariat (put on a later meeting, or a recorded result).
const FOLLOW_UP = 'u';

const meetingPk = (forum: string) => `f_${safeKey(forum)}`;
const itemPk = (meetingId: string) => `i_${safeKey(meetingId)}`;

function meetingRow(m: Meeting): MeetingRow {
  const parsed = MeetingSchema.parse(m);
  return { voteStatus: parsed.vote?.status ?? 'none', closesAt: parsed.vote?.closesAt ?? '', group: parsed.group, ...packJson(parsed) };
}

const meetingOf = (row: Record<string, unknown>) => MeetingSchema.parse(unpackJson(row));

export interface StoredItem {
  item: AgendaItem;
  result?: ItemResult;
}

export class Meetings {
  private readonly stamps: ForumStamps;
  /** `home`: the County Governor's id, whose partition holds every meeting; absent = each forum its own (tests of one forum). */
  constructor(
    private readonly tables: Tables,
    private readonly home?: string,
  ) {
    this.stamps = new ForumStamps(tables);
  }
  private pk(forum: string) {
    return meetingPk(this.home ?? forum);
  }
  /** Meetings of the partition matching `filter`, kept when of `forum` (undefined: every forum's). */
  private async query(forum: string | undefined, filter = ''): Promise<Meeting[]> {
    if (!this.home && forum === undefined) throw new Error('Meetings: every forum needs the home partition');
    const out: Meeting[] = [];
    const pk = `PartitionKey eq ${odataString(this.pk(forum ?? ''))}`;
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter: filter ? `${pk} and ${filter}` : pk } })) {
      const m = meetingOf(propertiesOf(row));
      if (forum === undefined || m.forum === forum) out.push(m);
    }
    return out;
  }
  private get table() {
    return this.tables.client('Meetings');
  }

  /** Creates the meeting unless its id exists (a double press); returns the stored one either way. */
  async create(m: Meeting): Promise<{ meeting: Meeting; created: boolean }> {
    const created = await createIfAbsent(this.table, { partitionKey: this.pk(m.forum), rowKey: safeKey(m.id), ...meetingRow(m) });
    return { meeting: created ? m : (await this.get(m.forum, m.id))!, created };
  }

  /** The meeting by id (`forum` names the partition only without a `home`). */
  async get(forum: string, id: string): Promise<Meeting | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.table, this.pk(forum), safeKey(id));
    return row ? meetingOf(propertiesOf(row)) : undefined;
  }

  /**
   * Read–change–write under the ETag. `change` may throw (a refusal) or return undefined to
   * leave the meeting as it is; the result is the meeting as stored afterwards.
   */
  async update(forum: string, id: string, change: (m: Meeting) => Meeting | undefined): Promise<Meeting | undefined> {
    let wrote = false;
    let out: Meeting | undefined;
    await mutateEntity<Record<string, unknown>>(this.table, this.pk(forum), safeKey(id), (cur) => {
      if (!cur) {
        out = undefined;
        return undefined;
      }
      const before = meetingOf(cur);
      const next = change(before);
      out = next ?? before;
      wrote = next !== undefined;
      return next ? { ...withoutJson(cur), ...meetingRow(next) } : undefined;
    });
    // After the write, so a reader that sees the old stamp read before the change was whole. A close
    // retried after a failed bump finds nothing to write and still bumps before it counts. A refusal
    // (thrown by `change`) writes nothing, the stamp included.
    if (wrote || out?.vote?.status === 'closing') await this.stamps.bump(forum);
    return out;
  }

  /** The forum's stamp: changes whenever a meeting or a grant of the forum changes (see ForumStamps). */
  stamp(forum: string): Promise<string> {
    return this.stamps.read(forum);
  }

  /** A forum's meetings (undefined: every forum's), newest first (ids sort newest first). */
  async list(forum: string | undefined): Promise<Meeting[]> {
    const out = await this.query(forum);
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Meetings whose vote is open or closing (undefined: in every forum): one filtered partition query. */
  async openVotes(forum: string | undefined): Promise<Meeting[]> {
    return this.query(forum, `(voteStatus eq 'open' or voteStatus eq 'closing')`);
  }

  /** Meetings whose vote is open and set to close at or before `now` (undefined forum: in every forum). */
  async dueToClose(forum: string | undefined, now: Date): Promise<Meeting[]> {
    const filter = `(voteStatus eq 'open' or voteStatus eq 'closing') and closesAt ne '' and closesAt le ${odataString(now.toISOString())}`;
    // The column is an ISO string in UTC, so the string comparison above is a time comparison;
    // the check here guards against offsets other than Z written by hand.
    return (await this.query(forum, filter)).filter((m) => m.vote?.closesAt && Date.parse(m.vote.closesAt) <= now.getTime());
  }

  // --- agenda items -----------------------------------------------------------------------------

  async putItem(meetingId: string, item: AgendaItem): Promise<void> {
    await this.table.upsertEntity({ partitionKey: itemPk(meetingId), rowKey: safeKey(item.reportId), ...packJson(AgendaItemSchema.parse(item)) }, 'Replace');
  }

  async removeItem(meetingId: string, reportId: string): Promise<void> {
    await deleteIfPresent(this.table, itemPk(meetingId), safeKey(reportId));
  }

  async item(meetingId: string, reportId: string): Promise<StoredItem | undefined> {
    const row = await getOrUndefined<ItemRow>(this.table, itemPk(meetingId), safeKey(reportId));
    return row ? storedItem(propertiesOf(row)) : undefined;
  }

  /** Every item of a meeting in agenda order (items not in `order` are left out: removed ones). */
  async items(meeting: Pick<Meeting, 'id' | 'order'>): Promise<StoredItem[]> {
    const byId = new Map<string, StoredItem>();
    for await (const row of this.table.listEntities<ItemRow>({ queryOptions: { filter: `PartitionKey eq ${odataString(itemPk(meeting.id))}` } })) {
      const s = storedItem(propertiesOf(row));
      byId.set(s.item.reportId, s);
    }
    return meeting.order.map((id) => byId.get(id)).filter((s): s is StoredItem => s !== undefined);
  }

  /** Records an item's result once: a second close (a retry, a second instance) keeps the first. */
  async setResult(meetingId: string, reportId: string, result: ItemResult): Promise<ItemResult> {
    return this.writeOnce(meetingId, reportId, RESULT, (v) => ItemResultSchema.parse(v), result);
  }

  /** Records an undecided item's follow-up once; a second one (a double press, another officer) gets the first back. */
  async setFollowUp(meetingId: string, reportId: string, followUp: FollowUp): Promise<FollowUp> {
    return this.writeOnce(meetingId, reportId, FOLLOW_UP, (v) => FollowUpSchema.parse(v), followUp);
  }

  /** Writes a document column of an item once, under the row's ETag; returns what the column holds afterwards. */
  private async writeOnce<T>(meetingId: string, reportId: string, prefix: string, parse: (v: unknown) => T, value: T): Promise<T> {
    let kept: T | undefined;
    await mutateEntity<ItemRow>(this.table, itemPk(meetingId), safeKey(reportId), (cur) => {
      if (!cur) throw new Error(`agenda item ${reportId} of ${meetingId} is missing`);
      const earlier = unpackJson(cur, prefix);
      if (earlier) {
        kept = parse(earlier);
        return undefined;
      }
      kept = parse(value);
      return { ...cur, ...packJson(kept, prefix) };
    });
    return kept!;
  }
}

function storedItem(row: ItemRow): StoredItem {
  const item = AgendaItemSchema.parse(unpackJson(row));
  const result = unpackJson(row, RESULT);
  const followUp = unpackJson(row, FOLLOW_UP);
  return result ? { item, result: settledResult(ItemResultSchema.parse(result), followUp ? FollowUpSchema.parse(followUp) : undefined) } : { item };
}
