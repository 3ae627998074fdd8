import { isMark, type Mark } from '../domain/forum';
import type { Role } from '../domain/roles';
import { odataString, personKey, type PersonKey } from './keys';
import { deleteIfPresent, getOrUndefined, safeKey, statusOf, type Tables } from './tables';

/*
 * Marks: one row per voter in a partition per agenda item (v_<meetingId>_<reportId> / voter key).
 * Many members pressing at once write different rows, so no write waits for another and none is
 * lost; the tally is counted when read, never kept in a shared counter row.
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

type Row = { mark: string; tenantId: string; aadObjectId: string; teamsUserId: string; role: string; at: string };

const votePk = (meetingId: string, reportId: string) => `v_${safeKey(meetingId)}_${safeKey(reportId)}`;
/**
 * The voter's own index (mk_<voter> / <meeting>|<report>): which items they marked, so "my data"
 * lists a person's marks with one partition read, member or no longer. Written beside the mark (in
 * parallel, never read when tallying), deleted with it, and purged with the round (roundPurge.ts).
 */
export const voterIndexPk = (voter: PersonKey) => `mk_${voterKey(voter)}`;
export const voterIndexRow = (meetingId: string, reportId: string) => `${safeKey(meetingId)}|${safeKey(reportId)}`;
// Voter keys start with a tenant id; '~' sorts after all of them and is no voter.
const CLOSING_ROW = '~closing';

export const voterKey = (p: PersonKey) => personKey(p);

export class Votes {
  constructor(private readonly tables: Tables) {}
  private get table() {
    return this.tables.client('Votes');
  }

  /**
   * Stores (or changes) one voter's mark; only this voter ever writes this row. Returns the
   * row's new ETag, so a mark written in the instant the vote closed can be taken back exactly.
   */
  async put(meetingId: string, reportId: string, m: Omit<StoredMark, 'voterKey'>): Promise<string> {
    const indexed = this.table.upsertEntity(
      { partitionKey: voterIndexPk(m.voter), rowKey: voterIndexRow(meetingId, reportId), meetingId, reportId },
      'Replace',
    );
    const res = await this.table.upsertEntity(
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
    await indexed;
    return res.etag ?? '';
  }

  /**
   * Takes back a mark only if it is still the one this writer stored (ETag). `keep` puts back the
   * mark a closed vote counted for this voter instead of deleting the row. True when changed.
   */
  async retract(meetingId: string, reportId: string, voter: PersonKey, etag: string, keep?: Mark): Promise<boolean> {
    const pk = votePk(meetingId, reportId);
    try {
      if (keep) await this.table.updateEntity({ partitionKey: pk, rowKey: voterKey(voter), mark: keep }, 'Merge', { etag });
      else {
        await this.table.deleteEntity(pk, voterKey(voter), { etag });
        await deleteIfPresent(this.table, voterIndexPk(voter), voterIndexRow(meetingId, reportId));
      }
      return true;
    } catch (err) {
      if (statusOf(err) === 404 || statusOf(err) === 412) return false;
      throw err;
    }
  }

  /**
   * Closing writes this row into each item's partition before counting. A voter reads the
   * partition after writing their mark: seeing this row means the count may have missed them.
   */
  async markClosing(meetingId: string, reportId: string): Promise<void> {
    await this.table.upsertEntity({ partitionKey: votePk(meetingId, reportId), rowKey: CLOSING_ROW }, 'Replace');
  }

  /** Every mark on an item, and whether its vote is closing: one partition query. */
  async read(meetingId: string, reportId: string): Promise<{ marks: StoredMark[]; closing: boolean }> {
    const marks: StoredMark[] = [];
    let closing = false;
    const filter = `PartitionKey eq ${odataString(votePk(meetingId, reportId))}`;
    for await (const r of this.table.listEntities<Row>({ queryOptions: { filter } })) {
      if (r.rowKey === CLOSING_ROW) {
        closing = true;
        continue;
      }
      if (!isMark(r.mark)) continue;
      marks.push({
        voterKey: r.rowKey!,
        voter: { tenantId: r.tenantId, aadObjectId: r.aadObjectId },
        teamsUserId: r.teamsUserId,
        role: r.role as Role,
        mark: r.mark,
        at: r.at,
      });
    }
    return { marks, closing };
  }

  /** Every mark this person has stored, on any item of any meeting ("my data"): their index, then each mark. */
  async marksBy(voter: PersonKey): Promise<Array<{ meetingId: string; reportId: string; mark: Mark; at: string }>> {
    const out: Array<{ meetingId: string; reportId: string; mark: Mark; at: string }> = [];
    const filter = `PartitionKey eq ${odataString(voterIndexPk(voter))}`;
    for await (const ix of this.table.listEntities<{ meetingId: string; reportId: string }>({ queryOptions: { filter } })) {
      const row = await getOrUndefined<Row>(this.table, votePk(ix.meetingId, ix.reportId), voterKey(voter));
      if (row && isMark(row.mark)) out.push({ meetingId: ix.meetingId, reportId: ix.reportId, mark: row.mark, at: row.at });
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  async of(meetingId: string, reportId: string): Promise<StoredMark[]> {
    return (await this.read(meetingId, reportId)).marks;
  }
}
