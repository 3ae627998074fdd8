import type { TableClient } from '@azure/data-tables';
import type { Round } from '../domain/round';
import { odataString, personKey } from './keys';
import { unpackJson } from './json';
import { reportPk } from './reports';
import { deleteIfPresent, getOrUndefined, safeKey, type Tables } from './tables';
import { markedKeysOf } from './votes';
import { forgetRound } from './aggregates';

/** What deleting a round removes, counted before anything is deleted (the confirmation card). */
export interface PurgeCount {
  reports: number;
  versions: number;
  drafts: number;
  meetings: number;
  marks: number;
}

type ReportKeys = { rowKey: string; reference: string; ownerOrgnr: string; createdByTenant: string; createdByUser: string };

/**
 * Deletes a round and everything filed under it, partition by partition, following the keys the
 * repositories write (see reports.ts, drafts.ts, meetings.ts, votes.ts):
 *   Reports     r_<round> (the reports), v_<report> (their versions)
 *   ReportIndex u_<person>/<report>, o_<orgnr>/<report>, ref_<reference>/report
 *   Counters    ref_<round> (reference numbers), Events round_<round>
 *   Drafts      round_<round> (reminder index) and, through it, each pointed-to draft of the round
 *   Meetings    f_<forum> rows of the round, i_<meeting> (agenda items); Votes v_<meeting>_<report>
 *               and each voter's index row mk_<voter>/<meeting>|<report>
 *   UsageReports r_<round> (usage reports and their drafts)
 *   Aggregates  agg: the round's facts rows and tallies (storage/aggregates.ts)
 * The round's own row goes last, so a purge cut short is finished by running it again.
 *   Jobs        announce/<round> and results/<round> (they name the officer who opened or published),
 *               and the round's long jobs in run/ (round.open, grantAll, reminders, usage-reminders:
 *               they name the officer, and a checkpoint may name the person it stopped at)
 * Owner memberships (om_/m_) are not per round and stay; the other scheduler watermarks (Jobs) hold
 * no personal data and stay.
 */
export class RoundPurge {
  constructor(
    private readonly tables: Tables,
    private readonly forum: string,
  ) {}
  private t(name: string) {
    return this.tables.client(name);
  }

  async count(roundId: string): Promise<PurgeCount> {
    const reports = await this.reportKeys(roundId);
    let versions = 0;
    for (const r of reports) versions += (await rowKeys(this.t('Reports'), `v_${r.rowKey}`)).length;
    const drafts = (await this.draftsOf(roundId)).filter((d) => d.draftPk).length;
    const meetings = await this.meetingsOf(roundId);
    let marks = 0;
    for (const m of meetings) {
      for (const item of await rowKeys(this.t('Meetings'), `i_${m}`)) {
        marks += (await markedVoters(this.t('Votes'), `v_${m}_${item}`)).length;
      }
    }
    return { reports: reports.length, versions, drafts, meetings: meetings.length, marks };
  }

  async purge(round: Pick<Round, 'id'>): Promise<void> {
    const roundId = round.id;
    for (const m of await this.meetingsOf(roundId)) {
      for (const item of await rowKeys(this.t('Meetings'), `i_${m}`)) {
        // Each voter's index row first (its key is the mark's row key, live or frozen), then the item's marks.
        for (const voter of await markedVoters(this.t('Votes'), `v_${m}_${item}`)) await deleteIfPresent(this.t('Votes'), `mk_${voter}`, `${m}|${item}`);
        await deletePartition(this.t('Votes'), `v_${m}_${item}`);
      }
      await deletePartition(this.t('Meetings'), `i_${m}`);
      await deleteIfPresent(this.t('Meetings'), `f_${safeKey(this.forum)}`, m);
    }
    const drafts = this.t('Drafts');
    for (const d of await this.draftsOf(roundId)) {
      if (d.draftPk) await deleteIfPresent(drafts, d.draftPk, d.draftRk);
      await deleteIfPresent(drafts, d.indexPk, d.indexRk);
    }
    const index = this.t('ReportIndex');
    for (const r of await this.reportKeys(roundId)) {
      await deletePartition(this.t('Reports'), `v_${r.rowKey}`);
      await deleteIfPresent(index, `u_${personKey({ tenantId: r.createdByTenant, aadObjectId: r.createdByUser })}`, r.rowKey);
      await deleteIfPresent(index, `o_${safeKey(r.ownerOrgnr)}`, r.rowKey);
      await deleteIfPresent(index, `ref_${safeKey(r.reference)}`, 'report');
    }
    await deletePartition(this.t('UsageReports'), reportPk(roundId));
    await forgetRound(this.tables, roundId);
    await deletePartition(this.t('Reports'), reportPk(roundId));
    await deletePartition(this.t('Counters'), `ref_${safeKey(roundId)}`);
    await deletePartition(this.t('Events'), `round_${safeKey(roundId)}`);
    await deleteIfPresent(this.t('Jobs'), 'announce', safeKey(roundId));
    await deleteIfPresent(this.t('Jobs'), 'results', safeKey(roundId));
    // The ids the jobs are started with (src/teams: roundOpenJob, decisionBulk, scheduler/reminders, usage/reminders).
    for (const id of [`round.open:${roundId}`, `grantAll:${roundId}`, `reminders:${roundId}:7d`, `reminders:${roundId}:1d`, `usage-reminders:${roundId}`])
      await deleteIfPresent(this.t('Jobs'), 'run', safeKey(id));
  }

  /**
   * The round's drafts, through its reminder index (a pointer per draft). A pointer may outlive
   * its draft (submitted or deleted since); `draftPk` is set only when the draft is still there.
   */
  private async draftsOf(roundId: string): Promise<Array<{ indexPk: string; indexRk: string; draftPk?: string; draftRk: string }>> {
    const drafts = this.t('Drafts');
    const out = [];
    for await (const ix of drafts.listEntities<{ tenantId: string; aadObjectId: string; draftId: string }>({
      queryOptions: { filter: `PartitionKey eq ${odataString(`round_${safeKey(roundId)}`)}` },
    })) {
      const pk = `u_${personKey({ tenantId: ix.tenantId, aadObjectId: ix.aadObjectId })}`;
      const draft = await getOrUndefined<{ roundId: string }>(drafts, pk, safeKey(ix.draftId));
      out.push({ indexPk: ix.partitionKey!, indexRk: ix.rowKey!, draftRk: safeKey(ix.draftId), draftPk: draft?.roundId === roundId ? pk : undefined });
    }
    return out;
  }

  private async reportKeys(roundId: string): Promise<ReportKeys[]> {
    const out: ReportKeys[] = [];
    const select = ['RowKey', 'reference', 'ownerOrgnr', 'createdByTenant', 'createdByUser'];
    for await (const r of this.t('Reports').listEntities<Omit<ReportKeys, 'rowKey'>>({
      queryOptions: { filter: `PartitionKey eq ${odataString(reportPk(roundId))}`, select },
    })) {
      out.push({ rowKey: r.rowKey!, reference: r.reference, ownerOrgnr: r.ownerOrgnr, createdByTenant: r.createdByTenant, createdByUser: r.createdByUser });
    }
    return out;
  }

  /**
   * The forum's meetings of this round (row keys). A forum's meetings are one partition; the round
   * is inside each meeting's document, so that one partition is read whole (a few rows a year).
   */
  private async meetingsOf(roundId: string): Promise<string[]> {
    const out: string[] = [];
    for await (const row of this.t('Meetings').listEntities<Record<string, unknown>>({
      queryOptions: { filter: `PartitionKey eq ${odataString(`f_${safeKey(this.forum)}`)}` },
    })) {
      if (roundIdOf(row) === roundId) out.push(row.rowKey!);
    }
    return out;
  }
}

function roundIdOf(row: Record<string, unknown>): string | undefined {
  try {
    return unpackJson<{ roundId?: string }>(row)?.roundId;
  } catch {
    return undefined;
  }
}

async function rowKeys(client: TableClient, pk: string): Promise<string[]> {
  const out: string[] = [];
  for await (const r of client.listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(pk)}`, select: ['RowKey'] } })) out.push(r.rowKey!);
  return out;
}

/** The voters with a mark on an item: its live rows while the vote is open, its frozen record once closed. */
async function markedVoters(client: TableClient, pk: string): Promise<string[]> {
  const out: string[] = [];
  for await (const r of client.listEntities<{ mark?: string; frozen?: string }>({ queryOptions: { filter: `PartitionKey eq ${odataString(pk)}` } })) {
    out.push(...markedKeysOf(r));
  }
  return out;
}

/** Deletes every row of one partition, in transactions of at most 100 (the service's limit). */
async function deletePartition(client: TableClient, pk: string): Promise<void> {
  const keys = await rowKeys(client, pk);
  for (let i = 0; i < keys.length; i += 100) {
    await client.submitTransaction(keys.slice(i, i + 100).map((rk) => ['delete', { partitionKey: pk, rowKey: rk }] as const));
  }
}
