import type { TableEntityResult, TransactionAction } from '@azure/data-tables';
import { factsOf, type FactsTarget, type ReportFacts, type UsageForFacts } from '../domain/analytics/facts';
import { applyFacts, emptyTally, normaliseTally, type Tally } from '../domain/analytics/tally';
import { ALL, roundsOf, type AnalysisChoice } from '../domain/analytics/choice';
import { analyse, type Analysis } from '../domain/analytics/views';
import type { RegionConfig } from '../domain/regions';
import type { Round } from '../domain/round';
import { uncounted } from './callCounter';
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
/** Refreshes one instance runs at once. */
const REFRESHERS = 2;
const pause = (i: number) => new Promise((r) => setTimeout(r, Math.random() * 15 * (i + 1)));

export class Aggregates {
  /** Reports waiting for a refresh (in order), those being refreshed, and those changed again meanwhile. */
  private readonly queue = new Map<string, { roundId: string; reportId: string }>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private workers = 0;
  private idle: Array<() => void> = [];

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
   * background, so no turn waits for analytics. A few at a time (REFRESHERS), since a bulk change
   * (every prioritised report granted at once) would otherwise have hundreds race for one tally;
   * changes to one report that come while it is refreshed are folded into one more refresh.
   */
  readonly track = (roundId: string, reportId: string): void => {
    const key = `${roundId}\u0000${reportId}`;
    if (this.running.has(key)) this.again.add(key);
    else this.queue.set(key, { roundId, reportId });
    while (this.workers < REFRESHERS && this.queue.size > 0) {
      this.workers++;
      // Outside the turn's storage count: the turn only set it off (callCounter.ts).
      void uncounted(() => this.work());
    }
  };

  private async work(): Promise<void> {
    try {
      for (let next = this.queue.entries().next(); !next.done; next = this.queue.entries().next()) {
        const [key, at] = next.value;
        this.queue.delete(key);
        this.running.add(key);
        do {
          this.again.delete(key);
          try {
            await this.refresh(at.roundId, at.reportId);
          } catch (err) {
            // A table that is gone (a test's storage dropped, a purge) has nothing left to count.
            if (statusOf(err) !== 404) this.onError(err as Error, at);
          }
        } while (this.again.has(key));
        this.running.delete(key);
      }
    } finally {
      this.workers--;
      if (this.workers === 0) for (const done of this.idle.splice(0)) done();
    }
  }

  /** Resolves when every refresh scheduled so far has finished (tests, and the app when it stops). */
  async settled(): Promise<void> {
    while (this.workers > 0 || this.queue.size > 0) await new Promise<void>((r) => this.idle.push(r));
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
    if (stampOnly) return { stamp: stampOf(row, usage) };
    return this.snapshotOf(roundId, reportId, row, usage);
  }

  /** A report's facts from its row and its usage rows (undefined row: the report is gone). */
  private snapshotOf(
    roundId: string,
    reportId: string,
    row: TableEntityResult<Record<string, unknown>> | undefined,
    usage: ReadonlyArray<TableEntityResult<Record<string, unknown>>>,
  ): Snapshot {
    const stamp = stampOf(row, usage);
    if (!row) return { stamp };
    const report = fromRow(roundId, reportId, propertiesOf(row) as Parameters<typeof fromRow>[2]);
    const usages: UsageForFacts[] = usage.map((u) => ({ status: String(u.status), report: u.report ? JSON.parse(String(u.report)) : undefined }));
    const placed = factsOf(report, usages, this.regions());
    return { stamp, ...(placed ? { placed } : {}) };
  }

  private factsEntity(roundId: string, rowKey: string, snap: Snapshot) {
    return {
      partitionKey: PK,
      rowKey,
      roundId,
      stamp: snap.stamp,
      forum: snap.placed?.target.forum ?? '',
      scheme: snap.placed?.target.scheme ?? '',
      ...(snap.placed ? packJson(snap.placed.facts, FACTS) : {}),
    };
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
      // Never counted and nothing to count (a draft, a report gone): nothing to write.
      if (!stored && !snap.placed) return false;
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

      const factsEntity = this.factsEntity(roundId, fk, snap);
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
   * Recounts a round from its reports (`analyse gjenoppbygg`, and after an import), in bulk and
   * safe beside ongoing refreshes:
   *   1. every report's facts from one read of the round (reports and usage reports), written as
   *      facts rows 100 to a transaction; facts rows of reports no longer there are deleted;
   *   2. every tally of the round set to the sum of its facts rows, in one transaction under the
   *      ETags the tallies had before the facts rows were read (a refresh in between moves a tally's
   *      ETag, and the sum is taken again), so afterwards each tally equals its facts rows, which
   *      every refresh keeps true;
   *   3. reports whose ETags moved since step 1 (changed meanwhile) are refreshed one by one.
   * Returns the number of reports counted.
   */
  async rebuild(roundId: string): Promise<number> {
    const snaps = new Map<string, Snapshot>();
    const usage = await this.usageRows(roundId, ['RowKey', 'reportId', 'status', 'report']);
    const pages = this.tables
      .client('Reports')
      .listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq ${odataString(reportPk(roundId))}` } })
      .byPage({ maxPageSize: 1000 });
    for await (const page of pages) {
      for (const row of page) {
        snaps.set(row.rowKey!, this.snapshotOf(roundId, decodeKey(row.rowKey!), row, usage.get(row.rowKey!) ?? []));
      }
    }
    // 1. The facts rows, as the reports stand in this read.
    const stale = (await this.factsRows(roundId)).filter((r) => !snaps.has(r.rowKey.slice(`c|${roundId}|`.length))).map((r) => r.rowKey);
    const actions: TransactionAction[] = [
      ...stale.map((rowKey) => ['delete', { partitionKey: PK, rowKey }] as TransactionAction),
      ...[...snaps].map(([id, snap]) => ['upsert', this.factsEntity(roundId, factsKey(roundId, decodeKey(id)), snap), 'Replace'] as TransactionAction),
    ];
    for (let i = 0; i < actions.length; i += 100) await this.table.submitTransaction(actions.slice(i, i + 100));
    // 2. Each tally: the sum of its facts rows.
    await this.retally(roundId);
    // 3. Reports changed since step 1's read (their report or usage ETags moved).
    const [now, usageNow] = await Promise.all([this.factsRows(roundId), this.usageRows(roundId, ['RowKey', 'reportId'])]);
    const moved = new Set<string>();
    for await (const row of this.tables
      .client('Reports')
      .listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(reportPk(roundId))}`, select: ['RowKey'] } })) {
      if (snaps.get(row.rowKey!)?.stamp !== stampOf(row, usageNow.get(row.rowKey!) ?? [])) moved.add(row.rowKey!);
    }
    for (const r of now) {
      const id = r.rowKey.slice(`c|${roundId}|`.length);
      if (r.stamp !== snaps.get(id)?.stamp) moved.add(id);
    }
    for (const id of moved) await this.refresh(roundId, decodeKey(id));
    return snaps.size;
  }

  /** The round's usage rows by report (row key), each report's in row-key order as a point query gives them. */
  private async usageRows(roundId: string, select: string[]): Promise<Map<string, Array<TableEntityResult<Record<string, unknown>>>>> {
    const out = new Map<string, Array<TableEntityResult<Record<string, unknown>>>>();
    for await (const row of this.tables
      .client('UsageReports')
      .listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq ${odataString(usagePk(roundId))}`, select } })) {
      const id = safeKey(String(row.reportId));
      out.set(id, [...(out.get(id) ?? []), row]);
    }
    for (const rows of out.values()) rows.sort((a, b) => (a.rowKey! < b.rowKey! ? -1 : a.rowKey! > b.rowKey! ? 1 : 0));
    return out;
  }

  /** The round's facts rows: one range query. */
  private async factsRows(roundId: string): Promise<Array<FactsRow & { rowKey: string }>> {
    const prefix = `c|${roundId}|`;
    const out: Array<FactsRow & { rowKey: string }> = [];
    for await (const row of this.table.listEntities<FactsRow>({
      queryOptions: { filter: `PartitionKey eq '${PK}' and RowKey ge ${odataString(prefix)} and RowKey lt ${odataString(below(prefix))}` },
    })) {
      out.push(row as FactsRow & { rowKey: string });
    }
    return out;
  }

  /** Sets every tally of the round to the sum of its facts rows, in one transaction under their ETags (retried when a refresh came between). */
  private async retally(roundId: string): Promise<void> {
    for (let i = 0; i < ATTEMPTS; i++) {
      const rows = new Map<string, { etag: string }>();
      const prefix = 'a|';
      for await (const row of this.table.listEntities<Record<string, unknown>>({
        queryOptions: {
          filter: `PartitionKey eq '${PK}' and RowKey ge ${odataString(prefix)} and RowKey lt ${odataString(below(prefix))}`,
          select: ['RowKey', 'roundId'],
        },
      })) {
        if (row.roundId === roundId) rows.set(row.rowKey!, { etag: row.etag });
      }
      const sums = new Map<string, { target: FactsTarget; tally: Tally }>();
      for (const f of await this.factsRows(roundId)) {
        if (!f.forum) continue;
        const key = tallyKey(f.forum, roundId, f.scheme);
        const sum = sums.get(key) ?? { target: { forum: f.forum, scheme: f.scheme }, tally: emptyTally() };
        applyFacts(sum.tally, unpackJson<ReportFacts>(f, FACTS)!, 1);
        sums.set(key, sum);
      }
      const actions: TransactionAction[] = [];
      for (const key of new Set([...rows.keys(), ...sums.keys()])) {
        const [, forum, , scheme] = key.split('|');
        const entity = { partitionKey: PK, rowKey: key, forum, roundId, scheme, ...packJson(sums.get(key)?.tally ?? emptyTally(), TALLY) };
        const stored = rows.get(key);
        actions.push(stored ? ['update', entity, 'Replace', { etag: stored.etag }] : ['create', entity]);
      }
      try {
        for (let j = 0; j < actions.length; j += 100) await this.table.submitTransaction(actions.slice(j, j + 100));
        return;
      } catch (err) {
        const status = statusOf(err);
        if (status !== 409 && status !== 412) throw err;
        await pause(i);
      }
    }
    throw new Error(`the tallies of ${roundId} were changed by others ${ATTEMPTS} times in a row; try again`);
  }
}

/**
 * Deletes a round's facts rows and tallies (a purged round: its reports are gone, and so is what
 * they added). One range query and the tallies' rows, in transactions of 100.
 */
export async function forgetRound(tables: Tables, roundId: string): Promise<void> {
  const table = tables.client('Aggregates');
  const keys: string[] = [];
  for (const prefix of ['c|', 'a|']) {
    const within = prefix === 'c|' ? `${prefix}${roundId}|` : prefix;
    for await (const row of table.listEntities<{ roundId?: string }>({
      queryOptions: {
        filter: `PartitionKey eq '${PK}' and RowKey ge ${odataString(within)} and RowKey lt ${odataString(below(within))}`,
        select: ['RowKey', 'roundId'],
      },
    })) {
      if (row.roundId === roundId) keys.push(row.rowKey!);
    }
  }
  for (let i = 0; i < keys.length; i += 100)
    await table.submitTransaction(keys.slice(i, i + 100).map((rowKey) => ['delete', { partitionKey: PK, rowKey }] as TransactionAction));
}

/** Which stored versions facts were taken from: the report's ETag and its usage reports' (in row-key order). */
function stampOf(row: { etag?: string } | undefined, usage: ReadonlyArray<{ etag?: string }>): string {
  return [row?.etag ?? '-', ...usage.map((u) => u.etag ?? '-')].join(' ');
}

/** safeKey's inverse (a row key back to the id it was made from). */
function decodeKey(key: string): string {
  return key.replace(/%([0-9a-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
