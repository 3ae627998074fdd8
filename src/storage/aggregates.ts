import type { TableEntityResult, TransactionAction } from '@azure/data-tables';
import { factsOf, type FactsTarget, type ReportFacts, type UsageForFacts } from '../domain/analytics/facts';
import { applyFacts, emptyTally, normaliseTally, type Tally } from '../domain/analytics/tally';
import { ALL, roundsOf, type AnalysisChoice } from '../domain/analytics/choice';
import { analyse, type Analysis } from '../domain/analytics/views';
import type { RegionConfig } from '../domain/regions';
import type { Round } from '../domain/round';
import { odataString } from './keys';
import { packJson, unpackJson, withoutJson } from './json';
import { fromRow, reportPk } from './reports';
import { usagePk } from './usageReports';
import { getOrUndefined, propertiesOf, safeKey, statusOf, type Tables } from './tables';

/**
 * The analytics' aggregates (issue 24): one tally per forum, round and scheme, kept as reports,
 * decisions, payments and usage reports are stored, so `analyse` reads a few rows instead of
 * every report of every round.
 *
 * One partition holds both kinds of row, so one transaction changes them together:
 *   c|<round>|<report>          the report's current facts (what it adds), with the ETags they came from
 *   a|<forum>|<round>|<scheme>  the tally: the sum of its reports' facts
 * Refreshing a report reads it and its usage reports, then in one transaction under ETags replaces
 * its facts row and takes the old facts from their tally and adds the new (a report that moved
 * forum or scheme leaves one tally for another in the same transaction). A lost race (412/409) is
 * tried again from fresh reads. After writing, the report's ETags are read again: if the report
 * changed meanwhile, it is refreshed again, so the last refresh to finish always counts the report
 * as it stands, whichever instance stored what in which order. A refresh that never ran (a crash
 * between the report's write and it) is mended by the next change or by `rebuild`.
 */

const PK = 'agg';
const TALLY = 't';
const FACTS = 'f';
export const tallyKey = (forum: string, roundId: string, scheme: string) => `a|${forum}|${roundId}|${scheme}`;
const factsKey = (roundId: string, reportId: string) => `c|${roundId}|${safeKey(reportId)}`;
// '}' sorts right after '|': the upper bound of a key prefix ending in '|'.
const below = (prefix: string) => `${prefix.slice(0, -1)}}`;

/** A stored tally with where it belongs. */
export interface StoredTally {
  forum: string;
  roundId: string;
  scheme: string;
  tally: Tally;
}

type FactsRow = { forum: string; scheme: string; stamp: string } & Record<string, unknown>;
type Snapshot = { stamp: string; placed?: { target: FactsTarget; facts: ReportFacts } };

const ATTEMPTS = 10;
const pause = (i: number) => new Promise((r) => setTimeout(r, Math.random() * 15 * (i + 1)));

export class Aggregates {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  constructor(
    private readonly tables: Tables,
    /** The configuration now (tests and the forums' setup may change it after start). */
    private readonly regions: () => RegionConfig,
    private readonly onError: (err: Error, where: { roundId: string; reportId: string }) => void = () => undefined,
  ) {}

  private get table() {
    return this.tables.client('Aggregates');
  }

  /**
   * Schedules a report's refresh after its change was stored (Reports.onChange): in the
   * background, so no turn waits for analytics; changes to one report that come while it runs are
   * folded into one more run.
   */
  readonly track = (roundId: string, reportId: string): void => {
    const key = `${roundId}\u0000${reportId}`;
    if (this.running.has(key)) {
      this.again.add(key);
      return;
    }
    const run = (async () => {
      do {
        this.again.delete(key);
        try {
          await this.refresh(roundId, reportId);
        } catch (err) {
          // A table that is gone (a test's storage dropped, a purge) has nothing left to count.
          if (statusOf(err) !== 404) this.onError(err as Error, { roundId, reportId });
        }
      } while (this.again.has(key));
      this.running.delete(key);
    })();
    this.running.set(key, run);
  };

  /** Resolves when every refresh scheduled so far has finished (tests, and the rebuild command). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** Counts the report as it stands now (see the class comment); safe to run any number of times, anywhere. */
  async refresh(roundId: string, reportId: string): Promise<void> {
    for (let i = 0; i < ATTEMPTS; i++) {
      const snap = await this.snapshot(roundId, reportId);
      const written = await this.store(roundId, reportId, snap);
      if (!written) return;
      if ((await this.snapshot(roundId, reportId, true)).stamp === snap.stamp) return;
    }
  }

  /** The report's facts now, and the ETags they were read from. `stampOnly` reads the ETags alone. */
  private async snapshot(roundId: string, reportId: string, stampOnly = false): Promise<Snapshot> {
    const id = safeKey(reportId);
    const [row, usage] = await Promise.all([this.reportRow(roundId, id, stampOnly), this.usageOf(roundId, id, stampOnly)]);
    const stamp = [row?.etag ?? '-', ...usage.map((u) => u.etag ?? '-')].join(' ');
    if (stampOnly || !row) return { stamp };
    const report = fromRow(roundId, reportId, propertiesOf(row) as Parameters<typeof fromRow>[2]);
    const usages: UsageForFacts[] = usage.map((u) => ({ status: String(u.status), report: u.report ? JSON.parse(String(u.report)) : undefined }));
    const placed = factsOf(report, usages, this.regions());
    return { stamp, ...(placed ? { placed } : {}) };
  }

  private async reportRow(roundId: string, id: string, stampOnly: boolean): Promise<TableEntityResult<Record<string, unknown>> | undefined> {
    try {
      return await this.tables
        .client('Reports')
        .getEntity<Record<string, unknown>>(reportPk(roundId), id, stampOnly ? { queryOptions: { select: ['status'] } } : {});
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /** The report's usage reports (one per paid school year): a row-key range in the round's partition. */
  private async usageOf(roundId: string, id: string, stampOnly: boolean): Promise<Array<TableEntityResult<Record<string, unknown>>>> {
    const out: Array<TableEntityResult<Record<string, unknown>>> = [];
    const filter = `PartitionKey eq ${odataString(usagePk(roundId))} and RowKey ge ${odataString(`${id}_0`)} and RowKey lt ${odataString(`${id}_:`)}`;
    for await (const row of this.tables
      .client('UsageReports')
      .listEntities<Record<string, unknown>>({ queryOptions: { filter, ...(stampOnly ? { select: ['status'] } : { select: ['status', 'report'] }) } })) {
      out.push(row);
    }
    return out;
  }

  /**
   * Replaces the report's facts and moves the difference into the tallies, in one transaction
   * under ETags. False when nothing needed writing (the stored facts came from the same ETags).
   */
  private async store(roundId: string, reportId: string, snap: Snapshot): Promise<boolean> {
    const fk = factsKey(roundId, reportId);
    for (let i = 0; i < ATTEMPTS; i++) {
      const stored = await getOrUndefined<FactsRow>(this.table, PK, fk);
      if (stored && stored.stamp === snap.stamp) return false;
      const old =
        stored && stored.forum ? { target: { forum: stored.forum, scheme: stored.scheme }, facts: unpackJson<ReportFacts>(stored, FACTS)! } : undefined;
      const targets = new Map<string, FactsTarget>();
      for (const p of [old, snap.placed]) if (p) targets.set(tallyKey(p.target.forum, roundId, p.target.scheme), p.target);
      const rows = new Map(
        await Promise.all([...targets.keys()].map(async (k) => [k, await getOrUndefined<Record<string, unknown>>(this.table, PK, k)] as const)),
      );
      const tallies = new Map([...rows].map(([k, row]) => [k, row ? normaliseTally(unpackJson<Tally>(row, TALLY)) : emptyTally()]));
      if (old) applyFacts(tallies.get(tallyKey(old.target.forum, roundId, old.target.scheme))!, old.facts, -1);
      if (snap.placed) applyFacts(tallies.get(tallyKey(snap.placed.target.forum, roundId, snap.placed.target.scheme))!, snap.placed.facts, 1);

      const factsEntity = {
        partitionKey: PK,
        rowKey: fk,
        roundId,
        stamp: snap.stamp,
        forum: snap.placed?.target.forum ?? '',
        scheme: snap.placed?.target.scheme ?? '',
        ...(snap.placed ? packJson(snap.placed.facts, FACTS) : {}),
      };
      const actions: TransactionAction[] = [stored ? ['update', factsEntity, 'Replace', { etag: stored.etag }] : ['create', factsEntity]];
      for (const [k, row] of rows) {
        const target = targets.get(k)!;
        const entity = { partitionKey: PK, rowKey: k, forum: target.forum, roundId, scheme: target.scheme, ...packJson(tallies.get(k), TALLY) };
        actions.push(row ? ['update', { ...withoutJson(propertiesOf(row), TALLY), ...entity }, 'Replace', { etag: row.etag }] : ['create', entity]);
      }
      try {
        await this.table.submitTransaction(actions);
        return true;
      } catch (err) {
        const status = statusOf(err);
        if (status !== 409 && status !== 412) throw err;
        await pause(i);
      }
    }
    throw new Error(`the aggregates of ${roundId}/${reportId} were changed by others ${ATTEMPTS} times in a row; try again`);
  }

  /** The tallies of some forums (all when undefined), every round: one range query per forum, or one for all. */
  async tallies(forums?: readonly string[]): Promise<StoredTally[]> {
    const ranges = forums ? forums.map((f) => `a|${f}|`) : ['a|'];
    const out: StoredTally[] = [];
    await Promise.all(
      ranges.map(async (prefix) => {
        const filter = `PartitionKey eq '${PK}' and RowKey ge ${odataString(prefix)} and RowKey lt ${odataString(below(prefix))}`;
        for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
          out.push({
            forum: String(row.forum),
            roundId: String(row.roundId),
            scheme: String(row.scheme),
            tally: normaliseTally(unpackJson<Tally>(row, TALLY)),
          });
        }
      }),
    );
    return out;
  }

  /**
   * The figures of an analysis choice: the chosen forum's tallies (one range query; every forum's
   * for the whole County Governor) for the chosen rounds and scheme. No report is read.
   */
  async analysis(rounds: readonly Round[], choice: AnalysisChoice): Promise<{ chosen: Round[]; analysis: Analysis }> {
    const chosen = roundsOf(choice, rounds);
    const ids = new Set(chosen.map((r) => r.id));
    const tallies = (await this.tallies(choice.forum === ALL ? undefined : [choice.forum])).filter(
      (x) => ids.has(x.roundId) && (choice.scheme === ALL || x.scheme === choice.scheme),
    );
    return { chosen, analysis: analyse({ tallies, rounds: chosen.map((r) => ({ id: r.id, year: r.year })) }) };
  }

  /**
   * Recounts a round from its reports (the `analyse gjenoppbygg` command, and after an import):
   * drops the round's tallies and facts, then refreshes every report of the round. Reports
   * changed meanwhile are counted by their own refresh, which this one's ETags cannot overwrite.
   */
  async rebuild(roundId: string): Promise<number> {
    const keys: string[] = (await this.tallies()).filter((t) => t.roundId === roundId).map((t) => tallyKey(t.forum, t.roundId, t.scheme));
    const prefix = `c|${roundId}|`;
    for await (const row of this.table.listEntities({
      queryOptions: { filter: `PartitionKey eq '${PK}' and RowKey ge ${odataString(prefix)} and RowKey lt ${odataString(below(prefix))}`, select: ['RowKey'] },
    })) {
      keys.push(row.rowKey!);
    }
    for (let i = 0; i < keys.length; i += 100) {
      await this.table.submitTransaction(keys.slice(i, i + 100).map((rowKey) => ['delete', { partitionKey: PK, rowKey }] as TransactionAction));
    }
    const ids: string[] = [];
    for await (const row of this.tables
      .client('Reports')
      .listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(reportPk(roundId))}`, select: ['RowKey'] } })) {
      ids.push(row.rowKey!);
    }
    // A few at a time: each refresh is a handful of small requests.
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < ids.length) await this.refresh(roundId, decodeKey(ids[next++]));
      }),
    );
    return ids.length;
  }
}

/** safeKey's inverse (a row key back to the id it was made from). */
function decodeKey(key: string): string {
  return key.replace(/%([0-9a-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
