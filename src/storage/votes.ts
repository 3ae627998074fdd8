import { randomUUID } from 'node:crypto';
import type { TransactionAction } from '@azure/data-tables';
import { isMark, type Mark } from '../domain/forum';
import type { Role } from '../domain/roles';
import { odataString, personKey, type PersonKey } from './keys';
import { getOrUndefined, safeKey, statusOf, type Tables } from './tables';

/*
 * Marks: one row per elector in a partition per agenda item (v_<meetingId>_<reportId> / voter key).
 * Opening a vote writes every elector's row, unmarked; a press is one merge on the presser's own
 * row that only succeeds while the row exists (If-Match: *). So a press is one request, presses
 * never touch a shared row, and a press on a closed vote or by a non-elector finds no row (404).
 * Closing moves the rows, batch by batch and guarded by their ETags, into frozen rows of the same
 * partition (see freeze): a mark is either in the frozen record or refused.
 */

export interface StoredMark {
  voterKey: string;
  voter: PersonKey;
  /** The Teams user id (29:…) the press came from: refresh lists use it. */
  teamsUserId: string;
  role: Role;
  mark: Mark;
  at: string;
}

/** An elector's row as the vote's opening writes it: who, and whether chair. */
export interface ElectorRow {
  voter: PersonKey;
  role: Role;
}

type Row = { mark?: string; tenantId: string; aadObjectId: string; teamsUserId?: string; role: string; at?: string };
type Frozen = Record<string, Omit<StoredMark, 'voterKey'>>;

const votePk = (meetingId: string, reportId: string) => `v_${safeKey(meetingId)}_${safeKey(reportId)}`;
/**
 * The voter's own index (mk_<voter> / <meeting>|<report>): the marks of closed votes they made, so
 * "my data" lists them with one partition read, member or no longer. Written by the close (never
 * by a press) and purged with the round (roundPurge.ts). Marks of open votes are read from the
 * open items' partitions (see marksBy).
 */
export const voterIndexPk = (voter: PersonKey) => `mk_${voterKey(voter)}`;
export const voterIndexRow = (meetingId: string, reportId: string) => `${safeKey(meetingId)}|${safeKey(reportId)}`;
// Voter keys start with a tenant id; '~' sorts after all of them and is no voter.
const FROZEN_PREFIX = '~frozen|';
/** Rows per frozen row: its JSON stays well under a property's 64 KiB. */
const BATCH = 99;
const MAX_FREEZE_ROUNDS = 50;

export const voterKey = (p: PersonKey) => personKey(p);

/** The voter keys with a mark in one stored row of an item's partition, frozen or live (for the purge). */
export function markedKeysOf(row: { rowKey?: string; mark?: unknown; frozen?: unknown }): string[] {
  if (!row.rowKey) return [];
  if (row.rowKey.startsWith(FROZEN_PREFIX)) return Object.keys(parseFrozen(row.frozen));
  return !row.rowKey.startsWith('~') && isMark(row.mark) ? [row.rowKey] : [];
}

function parseFrozen(v: unknown): Frozen {
  if (typeof v !== 'string') return {};
  try {
    const parsed = JSON.parse(v) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Frozen) : {};
  } catch {
    return {};
  }
}

function markOf(r: Row & { rowKey?: string }): StoredMark | undefined {
  if (!r.rowKey || !isMark(r.mark)) return undefined;
  return {
    voterKey: r.rowKey,
    voter: { tenantId: r.tenantId, aadObjectId: r.aadObjectId },
    teamsUserId: r.teamsUserId ?? '',
    role: r.role as Role,
    mark: r.mark,
    at: r.at ?? '',
  };
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

export class Votes {
  constructor(private readonly tables: Tables) {}
  private get table() {
    return this.tables.client('Votes');
  }

  /**
   * An unmarked row for each elector, in transactions of 100. A merge, so a row that exists keeps
   * its mark: opening again after a crash, or adding a member twice, changes nothing.
   */
  async openRows(meetingId: string, reportId: string, electors: readonly ElectorRow[]): Promise<void> {
    const pk = votePk(meetingId, reportId);
    const actions: TransactionAction[] = electors.map((e) => [
      'upsert',
      { partitionKey: pk, rowKey: voterKey(e.voter), tenantId: e.voter.tenantId, aadObjectId: e.voter.aadObjectId, role: e.role },
      'Merge',
    ]);
    for (let i = 0; i < actions.length; i += 100) await this.table.submitTransaction(actions.slice(i, i + 100));
  }

  /** Whether the voter has a live row on the item (an elector of an open vote). */
  async hasRow(meetingId: string, reportId: string, voter: PersonKey): Promise<boolean> {
    return (await getOrUndefined(this.table, votePk(meetingId, reportId), voterKey(voter))) !== undefined;
  }

  /**
   * A press: the mark merged into the voter's own row, only if the row exists. One request.
   * False when there is no row: the vote is closed (or closing took this row), or the presser
   * was no elector of it.
   */
  async press(meetingId: string, reportId: string, voter: PersonKey, m: { mark: Mark; teamsUserId: string; at: string }): Promise<boolean> {
    try {
      await this.table.updateEntity(
        { partitionKey: votePk(meetingId, reportId), rowKey: voterKey(voter), mark: m.mark, teamsUserId: m.teamsUserId, at: m.at },
        'Merge',
        { etag: '*' },
      );
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }

  /**
   * Stores (or changes) a mark whether or not the voter has a row (seeding, imports, tests).
   * Presses go through `press`.
   */
  async put(meetingId: string, reportId: string, m: Omit<StoredMark, 'voterKey'>): Promise<void> {
    await this.table.upsertEntity(
      {
        partitionKey: votePk(meetingId, reportId),
        rowKey: voterKey(m.voter),
        mark: m.mark,
        tenantId: m.voter.tenantId,
        aadObjectId: m.voter.aadObjectId,
        teamsUserId: m.teamsUserId,
        role: m.role,
        at: m.at,
      },
      'Replace',
    );
  }

  /**
   * Removes a voter's live row (no longer an elector). A mark on it is kept in their index, as
   * their data, and counts nowhere. Undefined when there was no row; else the mark it held.
   */
  async removeRow(meetingId: string, reportId: string, voter: PersonKey, etag?: string): Promise<{ mark?: Mark } | undefined> {
    const pk = votePk(meetingId, reportId);
    const row = await getOrUndefined<Row>(this.table, pk, voterKey(voter));
    if (!row || (etag && row.etag !== etag)) return undefined;
    try {
      await this.table.deleteEntity(pk, voterKey(voter), { etag: row.etag });
    } catch (err) {
      if (statusOf(err) === 404 || statusOf(err) === 412) return undefined;
      throw err;
    }
    const mark = markOf(row);
    if (mark) await this.index(meetingId, reportId, [mark]);
    return { mark: mark?.mark };
  }

  /**
   * Closing an item: every live row is moved into frozen rows of the same partition, 99 at a time.
   * The batch's marks are written to a frozen row of this close first, then each row is deleted
   * only if unchanged since it was read (its ETag). A 412 means a mark changed after the read: the
   * row is read again, the frozen row rewritten with the new mark and the delete retried; a 404
   * means another closer took the row (its own frozen row holds it). So no mark is lost and none
   * lands after; a press afterwards finds no row. Safe to run again or on two instances at once:
   * each close keeps its own frozen rows and a voter's latest mark among them is theirs. (A
   * transaction's deletes cannot carry an ETag in @azure/data-tables, so the deletes are single.)
   * Returns every frozen mark, and writes each voter's index row for "my data".
   */
  async freeze(meetingId: string, reportId: string): Promise<StoredMark[]> {
    const pk = votePk(meetingId, reportId);
    const run = randomUUID().slice(0, 8);
    let n = 0;
    for (let round = 0; ; round++) {
      const live = (await this.rows(pk)).live;
      if (live.length === 0) break;
      if (round >= MAX_FREEZE_ROUNDS) throw new Error(`marks of ${pk} kept changing while closing`);
      for (let i = 0; i < live.length; i += BATCH) {
        const frozenKey = `${FROZEN_PREFIX}${run}|${String(n++).padStart(4, '0')}`;
        const record: Frozen = {};
        let pending = live.slice(i, i + BATCH);
        for (let tries = 0; pending.length > 0 && tries < MAX_FREEZE_ROUNDS; tries++) {
          for (const r of pending) {
            const m = markOf(r);
            if (m) record[m.voterKey] = { voter: m.voter, teamsUserId: m.teamsUserId, role: m.role, mark: m.mark, at: m.at };
          }
          await this.table.upsertEntity({ partitionKey: pk, rowKey: frozenKey, frozen: JSON.stringify(record) }, 'Replace');
          const changed: Array<Row & { rowKey?: string; etag: string }> = [];
          await inParallel(pending, 16, async (r) => {
            try {
              await this.table.deleteEntity(pk, r.rowKey!, { etag: r.etag });
            } catch (err) {
              if (statusOf(err) === 404) return;
              if (statusOf(err) !== 412) throw err;
              const again = await getOrUndefined<Row>(this.table, pk, r.rowKey!);
              if (again) changed.push(again);
            }
          });
          pending = changed;
        }
      }
    }
    const marks = (await this.rows(pk)).frozen;
    await this.index(meetingId, reportId, marks);
    return marks;
  }

  /** Each voter's index row for "my data", with the mark itself (the item's rows may be frozen or purged). */
  private async index(meetingId: string, reportId: string, marks: readonly StoredMark[]): Promise<void> {
    for (let i = 0; i < marks.length; i += 20) {
      await Promise.all(
        marks
          .slice(i, i + 20)
          .map((m) =>
            this.table.upsertEntity(
              { partitionKey: voterIndexPk(m.voter), rowKey: voterIndexRow(meetingId, reportId), meetingId, reportId, mark: m.mark, at: m.at },
              'Replace',
            ),
          ),
      );
    }
  }

  private async rows(pk: string): Promise<{ live: Array<Row & { rowKey?: string; etag: string }>; frozen: StoredMark[] }> {
    const live: Array<Row & { rowKey?: string; etag: string }> = [];
    const frozen = new Map<string, StoredMark>();
    const filter = `PartitionKey eq ${odataString(pk)}`;
    for await (const r of this.table.listEntities<Row & { frozen?: string }>({ queryOptions: { filter } })) {
      if (r.rowKey?.startsWith(FROZEN_PREFIX)) {
        for (const [key, m] of Object.entries(parseFrozen(r.frozen))) {
          const seen = frozen.get(key);
          if (isMark(m.mark) && (!seen || seen.at < m.at)) frozen.set(key, { ...m, voterKey: key });
        }
      } else if (r.rowKey && !r.rowKey.startsWith('~')) live.push(r);
    }
    return { live, frozen: [...frozen.values()] };
  }

  /** Every mark on an item: the live marks while its vote is open, the frozen record once closed. One partition query. */
  async read(meetingId: string, reportId: string): Promise<{ marks: StoredMark[] }> {
    const { live, frozen } = await this.rows(votePk(meetingId, reportId));
    const marks = new Map(frozen.map((m) => [m.voterKey, m]));
    for (const r of live) {
      const m = markOf(r);
      if (m) marks.set(m.voterKey, m);
    }
    return { marks: [...marks.values()] };
  }

  /**
   * Every mark this person made ("my data"): their index (closed votes, and marks kept when they
   * left a group), and a point read of their row on each item of `open` (the open votes' items).
   */
  async marksBy(
    voter: PersonKey,
    open: ReadonlyArray<{ meetingId: string; reportId: string }> = [],
  ): Promise<Array<{ meetingId: string; reportId: string; mark: Mark; at: string }>> {
    const out = new Map<string, { meetingId: string; reportId: string; mark: Mark; at: string }>();
    const filter = `PartitionKey eq ${odataString(voterIndexPk(voter))}`;
    for await (const ix of this.table.listEntities<{ meetingId: string; reportId: string; mark?: string; at?: string }>({ queryOptions: { filter } })) {
      // Index rows written before marks were frozen hold no mark: the item's row still does.
      const row = isMark(ix.mark) ? ix : await getOrUndefined<Row>(this.table, votePk(ix.meetingId, ix.reportId), voterKey(voter));
      if (row && isMark(row.mark))
        out.set(`${ix.meetingId}|${ix.reportId}`, { meetingId: ix.meetingId, reportId: ix.reportId, mark: row.mark, at: row.at ?? '' });
    }
    await Promise.all(
      open.map(async ({ meetingId, reportId }) => {
        const row = await getOrUndefined<Row>(this.table, votePk(meetingId, reportId), voterKey(voter));
        if (row && isMark(row.mark)) out.set(`${meetingId}|${reportId}`, { meetingId, reportId, mark: row.mark, at: row.at ?? '' });
      }),
    );
    return [...out.values()].sort((a, b) => a.at.localeCompare(b.at));
  }

  async of(meetingId: string, reportId: string): Promise<StoredMark[]> {
    return (await this.read(meetingId, reportId)).marks;
  }
}
