import type { GroupRecommendation } from '../domain/forum/twoSteps';
import { odataString, personKey, type PersonKey } from './keys';
import { packJson, unpackJson, withoutJson } from './json';
import { acceptedBySecretariat, isConfirmed } from '../domain/colleagues';
import { OwnerPeople, type Access, type OwnerLink } from './ownerPeople';
import { createIfAbsent, getOrUndefined, mutateEntity, propertiesOf, safeKey, type Tables } from './tables';
import { ReferenceBlocks } from './referenceBlocks';

import type { AuditEntry, Refusal, ReportStatus } from '../domain/report/lifecycle';
import type { Decision, Payment } from '../domain/decision';
import type { Continuation } from '../domain/money/continuation';
import type { Appeal } from '../domain/appeal';

/** Columns kept beside the document, so lists and overviews never unpack whole reports. */
export interface ReportSummary {
  ownerName: string;
  ownerOrgnr: string;
  ownerType: string;
  scheme: string;
  region: string;
  workingGroup: string;
  title: string;
  totalRequested: number;
  /** Grant requested per school year, "2027:1250000,2028:1000000" (absent on reports stored before it). */
  requestedPerYear?: string;
  /** A continuation: the original report's reference (counted first against the year's budget). */
  continues?: string;
  /** The forum plan's priority areas the measure serves, "a1,a3" (the overview orders by them). */
  priorityAreas?: string;
}

/** Where a measure's later years went: one continuation report per later round. */
export interface ContinuedIn {
  roundId: string;
  reportId: string;
  reference: string;
  schoolYear: number;
  year: number;
}

export interface ReportRecord<T = Record<string, unknown>> {
  id: string;
  roundId: string;
  reference: string;
  status: ReportStatus;
  version: number;
  createdBy: PersonKey;
  summary: ReportSummary;
  data: T;
  history: AuditEntry[];
  submittedAt: string;
  updatedAt: string;
  /** The County Governor's decision and the payment, once recorded. */
  decision?: Decision;
  payment?: Payment;
  /** Two steps: the working group's recommendation, once its vote closed. */
  groupRecommendation?: GroupRecommendation;
  /** A multi-year measure's later year: the original report and the earlier years' decisions. */
  continuation?: Continuation;
  /** On the original report: its continuations in later rounds. */
  continuedIn?: ContinuedIn[];
  /** An appeal against the decision, as the secretariat registered it. */
  appeal?: Appeal;
}

type Row = ReportSummary & {
  reference: string;
  status: ReportStatus;
  version: number;
  createdByTenant: string;
  createdByUser: string;
  submittedAt: string;
  updatedAt: string;
  lastDraftId: string;
  /** The history as one JSON string (rows written before it was packed in `h` chunks). */
  history?: string;
  decision?: string;
  payment?: string;
  groupRecommendation?: string;
  continuation?: string;
  continuedIn?: string;
  appeal?: string;
  /** An officer chose the working group: an owner's edit keeps it instead of the region's default. */
  workingGroupSet?: boolean;
} & Record<string, unknown>;

export type EventType = 'submitted' | 'edited' | 'withdrawn' | 'status';

// Reports of a round share a partition (the secretariat's queries); versions of one report share
// another; the index table maps a person or an owner organisation to report ids.
export const reportPk = (roundId: string) => `r_${safeKey(roundId)}`;
const versionPk = (reportId: string) => `v_${safeKey(reportId)}`;
const userIndexPk = (p: PersonKey) => `u_${personKey(p)}`;
const ownerIndexPk = (orgnr: string) => `o_${safeKey(orgnr)}`;
const referencePk = (reference: string) => `ref_${safeKey(reference)}`;
// Owners in a report's network (nettverk av eiere): their people see the report filed for them, read-only.
const networkIndexPk = (orgnr: string) => `n_${safeKey(orgnr)}`;
const networkOf = (data: unknown): string[] => {
  const list = (data as { network?: Array<{ orgnr?: unknown }> } | undefined)?.network;
  return Array.isArray(list) ? [...new Set(list.map((m) => m?.orgnr).filter((o): o is string => typeof o === 'string' && /^\d{9}$/.test(o)))] : [];
};

// A report's history can outgrow one property (32 K characters: many returns with long comments),
// so it is packed in chunks (hn, h0, h1, …) like the data; rows written before keep `history`.
const HISTORY = 'h';
function historyOf(row: Record<string, unknown>): AuditEntry[] {
  return unpackJson<AuditEntry[]>(row, HISTORY) ?? (JSON.parse(String(row.history || '[]')) as AuditEntry[]);
}
/** The row with `history` as its whole history, earlier chunks dropped (rows are written with Replace). */
function withHistory<R extends Record<string, unknown>>(row: R, history: AuditEntry[]): R {
  const { history: _old, ...rest } = withoutJson(row, HISTORY);
  return { ...rest, ...packJson(history, HISTORY) } as unknown as R;
}

/** The row of a report as first submitted. */
function submittedRow(input: { draftId: string; reference: string; by: PersonKey; summary: ReportSummary; data: unknown }, at: string): Row {
  const history: AuditEntry[] = [{ at, actor: actorOf(input.by), from: 'draft', to: 'submitted' }];
  return withHistory<Row>(
    {
      ...input.summary,
      reference: input.reference,
      status: 'submitted',
      version: 1,
      createdByTenant: input.by.tenantId,
      createdByUser: input.by.aadObjectId,
      submittedAt: at,
      updatedAt: at,
      lastDraftId: input.draftId,
      ...packJson(input.data),
    } as Row,
    history,
  );
}

/** A stored row as a report (the aggregates read rows with their ETags, storage/aggregates.ts). */
export function fromRow<T>(roundId: string, id: string, row: Row): ReportRecord<T> {
  const { ownerName, ownerOrgnr, ownerType, scheme, region, workingGroup, title, totalRequested, requestedPerYear, continues } = row;
  return {
    id,
    roundId,
    reference: row.reference,
    status: row.status,
    version: row.version,
    createdBy: { tenantId: row.createdByTenant, aadObjectId: row.createdByUser },
    summary: {
      ownerName,
      ownerOrgnr,
      ownerType,
      scheme,
      region,
      workingGroup,
      title,
      totalRequested,
      ...(requestedPerYear ? { requestedPerYear } : {}),
      ...(continues ? { continues } : {}),
    },
    data: unpackJson<T>(row) as T,
    history: historyOf(row),
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
    ...(row.decision ? { decision: JSON.parse(row.decision) as Decision } : {}),
    ...(row.groupRecommendation ? { groupRecommendation: JSON.parse(row.groupRecommendation) as GroupRecommendation } : {}),
    ...(row.payment ? { payment: JSON.parse(row.payment) as Payment } : {}),
    ...(row.continuation ? { continuation: JSON.parse(row.continuation) as Continuation } : {}),
    ...(row.continuedIn ? { continuedIn: JSON.parse(row.continuedIn) as ContinuedIn[] } : {}),
    ...(row.appeal ? { appeal: JSON.parse(row.appeal) as Appeal } : {}),
  };
}

/** A rule said no; carries the message key to show. Nothing was written. */
export class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.key);
  }
}

export const actorOf = (p: PersonKey) => ({ role: 'owner' as const, id: `${p.tenantId}:${p.aadObjectId}` });

export class Reports {
  /** Who is linked to which owner; its access() decides who may see and change a report. */
  readonly people: OwnerPeople;
  /** Told after every stored change of a report (the analytics' aggregates follow it; storage/aggregates.ts). */
  onChange?: (roundId: string, reportId: string) => void;
  private readonly referenceBlocks = new ReferenceBlocks(() => this.counters);

  constructor(
    private readonly tables: Tables,
    private readonly now: () => Date,
  ) {
    this.people = new OwnerPeople(tables, now);
  }
  private get table() {
    return this.tables.client('Reports');
  }
  private get index() {
    return this.tables.client('ReportIndex');
  }
  private get counters() {
    return this.tables.client('Counters');
  }
  private get events() {
    return this.tables.client('Events');
  }

  async get<T>(roundId: string, id: string): Promise<ReportRecord<T> | undefined> {
    const row = await getOrUndefined<Row>(this.table, reportPk(roundId), safeKey(id));
    return row ? fromRow<T>(roundId, id, propertiesOf(row)) : undefined;
  }

  /**
   * A new reference number for a round, from this instance's block (see ReferenceBlocks). A retried
   * submit may take another number; the report row keeps the first one (see submitNew), so a retry
   * leaves at most a gap, never a second reference for one report.
   */
  async nextReference(roundId: string, year: number): Promise<string> {
    return `BM-${year}-${String(await this.referenceBlocks.next(roundId)).padStart(4, '0')}`;
  }

  /**
   * Stores a first submission. The report id is the draft id, so a double click or a Teams retry
   * finds the report already there and changes nothing: the report row is the idempotency record
   * (created if absent, its reference the one that counts). Every other write is idempotent and
   * keyed by what the row holds, so a retry after a crash completes what is missing.
   */
  async submitNew<T>(input: {
    draftId: string;
    roundId: string;
    reference: string;
    by: PersonKey;
    /** The filer's Teams name, for the secretariat's list of claims. */
    byName?: string;
    summary: ReportSummary;
    data: T;
  }): Promise<{ report: ReportRecord<T>; created: boolean; link?: OwnerLink }> {
    const row = submittedRow(input, this.now().toISOString());
    const created = await createIfAbsent(this.table, { partitionKey: reportPk(input.roundId), rowKey: safeKey(input.draftId), ...row });
    // A retry finds the first submission's report (its reference and time), not this attempt's.
    const report = created ? fromRow<T>(input.roundId, input.draftId, row) : (await this.get<T>(input.roundId, input.draftId))!;
    // Independent, idempotent writes: done side by side; a retry after a failure redoes them all.
    const [, , , , , claim] = await Promise.all([
      this.afterWrite(report, 'submitted', input.draftId),
      this.index.upsertEntity({ partitionKey: userIndexPk(input.by), rowKey: safeKey(report.id), roundId: report.roundId }, 'Replace'),
      this.index.upsertEntity({ partitionKey: ownerIndexPk(report.summary.ownerOrgnr), rowKey: safeKey(report.id), roundId: report.roundId }, 'Replace'),
      this.index.upsertEntity({ partitionKey: referencePk(report.reference), rowKey: 'report', roundId: report.roundId, reportId: report.id }, 'Replace'),
      this.indexNetwork(report),
      // Filing claims the owner (pending: the filer's own reports only) unless the filer has a link already.
      this.people.claim(report.summary.ownerOrgnr, input.by, input.byName, report.reference),
    ]);
    this.onChange?.(report.roundId, report.id);
    return { report, created, ...(claim.link ? { link: claim.link } : {}) };
  }

  /**
   * Stores many submitted reports of one round at once, 100 to a transaction: for benchmarks and
   * data migration only. It writes the report rows and nothing else (no versions, events or
   * indexes), so these reports are not in anyone's "my reports".
   */
  async importSubmitted<T>(
    roundId: string,
    inputs: Array<{ draftId: string; reference: string; by: PersonKey; summary: ReportSummary; data: T }>,
  ): Promise<void> {
    const at = this.now().toISOString();
    for (let i = 0; i < inputs.length; i += 100) {
      await this.table.submitTransaction(
        inputs
          .slice(i, i + 100)
          .map((input) => ['upsert', { partitionKey: reportPk(roundId), rowKey: safeKey(input.draftId), ...submittedRow(input, at) }, 'Replace'] as const),
      );
    }
  }

  /**
   * Applies an edit made in a draft; applying the same draft twice changes nothing the second
   * time. `decide` sees the current status and returns the audit entry, or a refusal.
   */
  async applyEdit<T>(input: {
    draftId: string;
    roundId: string;
    reportId: string;
    summary: ReportSummary;
    data: T;
    decide: (status: ReportStatus) => AuditEntry | Refusal;
  }): Promise<ReportRecord<T>> {
    await mutateEntity<Row>(this.table, reportPk(input.roundId), safeKey(input.reportId), (cur) => {
      if (!cur) throw new RefusedError({ ok: false, reason: 'notAllowed', key: 'report.notFound' });
      if (cur.lastDraftId === input.draftId) return undefined;
      const entry = input.decide(cur.status);
      if ('ok' in entry) throw new RefusedError(entry);
      const history: AuditEntry[] = [...historyOf(cur), { ...entry, reason: entry.reason ?? `v${cur.version + 1}` }];
      return withHistory<Row>(
        {
          ...(withoutJson(cur) as Row),
          ...input.summary,
          ...(cur.workingGroupSet ? { workingGroup: cur.workingGroup } : {}),
          status: entry.to,
          version: cur.version + 1,
          updatedAt: entry.at,
          lastDraftId: input.draftId,
          ...packJson(input.data),
        },
        history,
      );
    });
    const report = (await this.get<T>(input.roundId, input.reportId))!;
    await Promise.all([this.afterWrite(report, 'edited', input.draftId), this.indexNetwork(report)]);
    this.onChange?.(input.roundId, input.reportId);
    return report;
  }

  /**
   * Moves a report to another status; `decide` sees the current status (ETag-checked) and rules.
   * `record` is stored with the move (a decision, a payment), in the same write.
   */
  async setStatus<T>(
    roundId: string,
    reportId: string,
    decide: (status: ReportStatus) => AuditEntry | Refusal,
    record: { decision?: Decision; payment?: Payment; groupRecommendation?: GroupRecommendation } = {},
  ): Promise<ReportRecord<T>> {
    await mutateEntity<Row>(this.table, reportPk(roundId), safeKey(reportId), (cur) => {
      if (!cur) throw new RefusedError({ ok: false, reason: 'notAllowed', key: 'report.notFound' });
      const entry = decide(cur.status);
      if ('ok' in entry) throw new RefusedError(entry);
      const history: AuditEntry[] = [...historyOf(cur), entry];
      return withHistory<Row>(
        {
          ...cur,
          status: entry.to,
          updatedAt: entry.at,
          ...(record.decision ? { decision: JSON.stringify(record.decision) } : {}),
          ...(record.payment ? { payment: JSON.stringify(record.payment) } : {}),
          ...(record.groupRecommendation ? { groupRecommendation: JSON.stringify(record.groupRecommendation) } : {}),
        },
        history,
      );
    });
    const report = (await this.get<T>(roundId, reportId))!;
    await this.recordEvent(report, report.status === 'withdrawn' ? 'withdrawn' : 'status', `${report.status}_${report.history.length}`);
    this.onChange?.(roundId, reportId);
    return report;
  }

  /**
   * Sorts a report to another working group (an officer's choice, kept through owners' edits).
   * The audit trail gets an entry without a status move. Choosing the current group changes nothing.
   */
  async setWorkingGroup<T>(
    roundId: string,
    reportId: string,
    workingGroup: string,
    entryOf: (current: { status: ReportStatus; workingGroup: string }) => AuditEntry,
  ): Promise<ReportRecord<T>> {
    await mutateEntity<Row>(this.table, reportPk(roundId), safeKey(reportId), (cur) => {
      if (!cur) throw new RefusedError({ ok: false, reason: 'notAllowed', key: 'report.notFound' });
      if (cur.workingGroup === workingGroup) return undefined;
      const history: AuditEntry[] = [...historyOf(cur), entryOf({ status: cur.status, workingGroup: cur.workingGroup })];
      return withHistory<Row>({ ...cur, workingGroup, workingGroupSet: true }, history);
    });
    this.onChange?.(roundId, reportId);
    return (await this.get<T>(roundId, reportId))!;
  }

  /**
   * Stores a multi-year measure's later year as a report of the new round, checked and ready for
   * its agendas, and notes it on the original report. The id is the measure's and the year's, so
   * creating it again (a second press, a retry, the round opened after it was created) finds it
   * and changes nothing; the note on the original is added once.
   */
  async createContinuation<T>(input: {
    roundId: string;
    id: string;
    reference: string;
    createdBy: PersonKey;
    summary: ReportSummary;
    data: T;
    continuation: Continuation;
    entry: AuditEntry;
    originEntry: AuditEntry;
    continuedIn: ContinuedIn;
  }): Promise<{ report: ReportRecord<T>; created: boolean }> {
    const at = input.entry.at;
    const created = await createIfAbsent(this.table, {
      partitionKey: reportPk(input.roundId),
      rowKey: safeKey(input.id),
      ...input.summary,
      continues: input.continuation.originReference,
      reference: input.reference,
      status: input.entry.to,
      version: 1,
      createdByTenant: input.createdBy.tenantId,
      createdByUser: input.createdBy.aadObjectId,
      submittedAt: at,
      updatedAt: at,
      lastDraftId: input.id,
      ...packJson([input.entry], HISTORY),
      continuation: JSON.stringify(input.continuation),
      ...packJson(input.data),
    });
    const c = input.continuation;
    // A simultaneous run that lost the create took a number of its own: the stored row's number is the one.
    const reference = created ? input.reference : ((await this.get<T>(input.roundId, input.id))?.reference ?? input.reference);
    const continuedIn = { ...input.continuedIn, reference };
    await Promise.all([
      this.index.upsertEntity({ partitionKey: referencePk(reference), rowKey: 'report', roundId: input.roundId, reportId: input.id }, 'Replace'),
      // The owner sees the year among their reports (and in "my data"), as they saw the first.
      this.index.upsertEntity({ partitionKey: userIndexPk(input.createdBy), rowKey: safeKey(input.id), roundId: input.roundId }, 'Replace'),
      this.index.upsertEntity({ partitionKey: ownerIndexPk(input.summary.ownerOrgnr), rowKey: safeKey(input.id), roundId: input.roundId }, 'Replace'),
      mutateEntity<Row>(this.table, reportPk(c.originRoundId), safeKey(c.originReportId), (cur) => {
        if (!cur) return undefined;
        const listed: ContinuedIn[] = JSON.parse(cur.continuedIn || '[]');
        if (listed.some((l) => l.reportId === input.id)) return undefined;
        const history: AuditEntry[] = [...historyOf(cur), input.originEntry];
        return withHistory<Row>({ ...cur, continuedIn: JSON.stringify([...listed, continuedIn]) }, history);
      }),
    ]);
    this.onChange?.(input.roundId, input.id);
    return { report: (await this.get<T>(input.roundId, input.id))!, created };
  }

  /**
   * Changes what a report records beside its status (an appeal, a continuation's answer), under its
   * ETag: `change` sees the report as stored and returns what to store, with an audit entry (a
   * status move when its `to` differs), or undefined to write nothing; it may throw to refuse.
   */
  async amend<T>(
    roundId: string,
    reportId: string,
    change: (
      current: ReportRecord<T>,
    ) =>
      | { appeal?: Appeal; continuation?: Continuation; data?: T; totalRequested?: number; requestedPerYear?: string; decision?: Decision; entry?: AuditEntry }
      | undefined,
  ): Promise<ReportRecord<T>> {
    let entry: AuditEntry | undefined;
    let decided = false;
    await mutateEntity<Row>(this.table, reportPk(roundId), safeKey(reportId), (cur) => {
      if (!cur) throw new RefusedError({ ok: false, reason: 'notAllowed', key: 'report.notFound' });
      const next = change(fromRow<T>(roundId, reportId, cur));
      if (!next) return undefined;
      entry = next.entry;
      decided = next.decision !== undefined;
      const row: Row = {
        ...(next.data !== undefined ? ({ ...withoutJson(cur), ...packJson(next.data) } as Row) : cur),
        ...(next.appeal ? { appeal: JSON.stringify(next.appeal) } : {}),
        // A decision changed on appeal replaces the one stored: the ledger reads this column.
        ...(next.decision ? { decision: JSON.stringify(next.decision) } : {}),
        ...(next.continuation ? { continuation: JSON.stringify(next.continuation) } : {}),
        ...(next.totalRequested !== undefined ? { totalRequested: next.totalRequested } : {}),
        ...(next.requestedPerYear !== undefined ? { requestedPerYear: next.requestedPerYear } : {}),
        ...(entry ? { status: entry.to, updatedAt: entry.at } : {}),
      };
      return withHistory<Row>(row, entry ? [...historyOf(cur), entry] : historyOf(cur));
    });
    const report = (await this.get<T>(roundId, reportId))!;
    if (entry && entry.from !== entry.to) {
      await this.recordEvent(report, report.status === 'withdrawn' ? 'withdrawn' : 'status', `${report.status}_${report.history.length}`);
    }
    // The analysis counts decisions: a changed one is counted again.
    if (decided) this.onChange?.(roundId, reportId);
    return report;
  }

  /**
   * Takes back a grant of the bulk grant's run `at` that a look at the ledger right after found past
   * the budget (decisions by hand landed meanwhile). Nobody has been told of it yet, so it is rolled
   * back as if never written: the report is prioritised again and the grant's audit entry dropped.
   * Anything else (a decision by hand, another run's grant) is left alone.
   */
  async undoBulkGrant(roundId: string, reportId: string, at: string): Promise<boolean> {
    let undone = false;
    await mutateEntity<Row>(this.table, reportPk(roundId), safeKey(reportId), (cur) => {
      undone = false;
      if (!cur || cur.status !== 'granted' || !cur.decision) return undefined;
      const d = JSON.parse(cur.decision) as Decision;
      if (!d.bulk || d.at !== at) return undefined;
      const history = historyOf(cur);
      const last = history[history.length - 1];
      const kept = last?.to === 'granted' && last.at === at ? history.slice(0, -1) : history;
      const { decision: _granted, ...rest } = cur;
      undone = true;
      return withHistory<Row>({ ...(rest as Row), status: 'prioritised' }, kept);
    });
    if (undone) this.onChange?.(roundId, reportId);
    return undone;
  }

  /** A report by the reference people say on the phone: one point read in the index. */
  async findByReference(reference: string): Promise<{ roundId: string; reportId: string } | undefined> {
    const row = await getOrUndefined<{ roundId: string; reportId: string }>(this.index, referencePk(reference), 'report');
    return row ? { roundId: row.roundId, reportId: row.reportId } : undefined;
  }

  /**
   * A round's reports, page by page from its partition, optionally only some statuses: for
   * exports and bulk decisions, which must not hold a whole round in memory.
   */
  async *listRound<T>(roundId: string, statuses?: readonly ReportStatus[]): AsyncGenerator<ReportRecord<T>> {
    const byStatus = statuses?.length ? ` and (${statuses.map((s) => `status eq ${odataString(s)}`).join(' or ')})` : '';
    const pages = this.table
      .listEntities<Row>({ queryOptions: { filter: `PartitionKey eq ${odataString(reportPk(roundId))}${byStatus}` } })
      .byPage({ maxPageSize: 500 });
    for await (const page of pages) {
      for (const row of page) yield fromRow<T>(roundId, row.rowKey!, propertiesOf(row));
    }
  }

  /** The network index of a report's member owners (rows of members an edit removed stay: access reads the report's network). */
  private async indexNetwork(report: ReportRecord<unknown>): Promise<void> {
    await Promise.all(
      networkOf(report.data).map((orgnr) =>
        this.index.upsertEntity({ partitionKey: networkIndexPk(orgnr), rowKey: safeKey(report.id), roundId: report.roundId }, 'Replace'),
      ),
    );
  }

  private async afterWrite(report: ReportRecord<unknown>, type: EventType, draftId: string): Promise<void> {
    await Promise.all([
      createIfAbsent(this.table, {
        partitionKey: versionPk(report.id),
        rowKey: String(report.version).padStart(4, '0'),
        draftId,
        at: report.updatedAt,
        status: report.status,
        ...packJson(report.data),
      }),
      this.recordEvent(report, type, `v${report.version}`),
    ]);
  }

  /** An event for the secretariat's notifications; its key makes a retried write a no-op. */
  private async recordEvent(report: ReportRecord<unknown>, type: EventType, discriminator: string): Promise<void> {
    await createIfAbsent(this.events, {
      partitionKey: `round_${safeKey(report.roundId)}`,
      rowKey: `${safeKey(report.id)}_${type}_${discriminator}`,
      type,
      reportId: report.id,
      reference: report.reference,
      at: this.now().toISOString(),
      scheme: report.summary.scheme,
      totalRequested: report.summary.totalRequested,
    });
  }

  /** A round's events, oldest first; `during` keeps those with from <= at < to (the intake digests' windows). */
  async eventsOf(roundId: string, during?: { from: string; to: string }): Promise<Array<{ type: EventType; reportId: string; reference: string; at: string }>> {
    const out: Array<{ type: EventType; reportId: string; reference: string; at: string }> = [];
    const window = during ? ` and at ge ${odataString(during.from)} and at lt ${odataString(during.to)}` : '';
    for await (const e of this.events.listEntities<{ type: EventType; reportId: string; reference: string; at: string }>({
      queryOptions: { filter: `PartitionKey eq ${odataString(`round_${safeKey(roundId)}`)}${window}` },
    })) {
      out.push({ type: e.type, reportId: e.reportId, reference: e.reference, at: e.at });
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  async versions<T>(reportId: string): Promise<Array<{ version: number; at: string; status: string; data: T }>> {
    const out: Array<{ version: number; at: string; status: string; data: T }> = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({
      queryOptions: { filter: `PartitionKey eq ${odataString(versionPk(reportId))}` },
    })) {
      out.push({ version: Number(row.rowKey), at: String(row.at), status: String(row.status), data: unpackJson<T>(row) as T });
    }
    return out;
  }

  // --- who may see what: the links live in OwnerPeople, whose access() is the one check ----------

  /**
   * Marks the owner links stored before the claim rule (OwnerPeople.migrate): a person whose report
   * for the owner the secretariat accepted is confirmed. Reads each such owner's reports once.
   */
  async migrateOwnerLinks(): Promise<number> {
    return this.people.migrate(async (orgnr) => {
      const out = new Set<string>();
      for await (const r of this.index.listEntities<{ roundId: string }>({ queryOptions: { filter: `PartitionKey eq ${odataString(ownerIndexPk(orgnr))}` } })) {
        const report = await this.get(r.roundId, r.rowKey!);
        if (report && acceptedBySecretariat(report.history)) out.add(`${report.createdBy.tenantId}:${report.createdBy.aadObjectId}`);
      }
      return out;
    });
  }

  /** Links a person to an owner as confirmed (tests and seeding; people do it with `kolleger`). */
  async addOwnerMember(orgnr: string, person: PersonKey): Promise<void> {
    await this.people.add(orgnr, person, { id: 'test', asOfficer: false });
  }

  async ownersOf(person: PersonKey): Promise<string[]> {
    return this.people.ownersOf(person);
  }

  /**
   * Report ids a person may see: those they filed and those of owners they are confirmed for, less
   * those of owners they were removed from (read per report only when the person has such a removal).
   * A claim (pending or rejected) adds nothing: the claimant sees the reports they filed.
   */
  async visibleTo(person: PersonKey): Promise<Array<{ id: string; roundId: string }>> {
    const memberships = await this.people.membershipsOf(person);
    const seen = new Map<string, string>();
    const viaOwner = new Set<string>();
    for (const m of memberships.filter(isConfirmed)) {
      for await (const r of this.index.listEntities<{ roundId: string }>({
        queryOptions: { filter: `PartitionKey eq ${odataString(ownerIndexPk(m.orgnr))}` },
      })) {
        seen.set(r.rowKey!, r.roundId);
        viaOwner.add(r.rowKey!);
      }
    }
    // Reports filed for an owner network the person's owner is in: seen read-only (findVisible says so).
    for (const m of memberships.filter(isConfirmed)) {
      for await (const r of this.index.listEntities<{ roundId: string }>({
        queryOptions: { filter: `PartitionKey eq ${odataString(networkIndexPk(m.orgnr))}` },
      })) {
        if (seen.has(r.rowKey!)) continue;
        const report = await this.get(r.roundId, r.rowKey!);
        if (report && networkOf(report.data).includes(m.orgnr)) seen.set(r.rowKey!, r.roundId);
      }
    }
    const filed: Array<{ id: string; roundId: string }> = [];
    for await (const r of this.index.listEntities<{ roundId: string }>({ queryOptions: { filter: `PartitionKey eq ${odataString(userIndexPk(person))}` } })) {
      if (!viaOwner.has(r.rowKey!)) filed.push({ id: r.rowKey!, roundId: r.roundId });
    }
    const removedFrom = memberships.some((m) => m.removedAt);
    for (const f of filed) {
      if (!removedFrom) {
        seen.set(f.id, f.roundId);
        continue;
      }
      const report = await this.get(f.roundId, f.id);
      if (report && (await this.people.access(person, { ownerOrgnr: report.summary.ownerOrgnr, createdBy: report.createdBy })).ok) seen.set(f.id, f.roundId);
    }
    return [...seen].map(([id, roundId]) => ({ id, roundId }));
  }

  /**
   * The report if this person may act on it (OwnerPeople.access); otherwise undefined, exactly as
   * if it did not exist. `reportFor` in src/teams/ownerAccess.ts says why, for the card.
   */
  async getVisible<T>(person: PersonKey, reportId: string): Promise<ReportRecord<T> | undefined> {
    const found = await this.findVisible<T>(person, reportId);
    return found?.access.ok ? found.report : undefined;
  }

  /** The owner's name as its reports give it (the first one indexed), for cards about the owner. */
  async ownerNameOf(orgnr: string): Promise<string | undefined> {
    const rows = this.index.listEntities<{ roundId: string }>({ queryOptions: { filter: `PartitionKey eq ${odataString(ownerIndexPk(orgnr))}` } });
    for await (const r of rows) return (await this.get(r.roundId, r.rowKey!))?.summary.ownerName;
    return undefined;
  }

  /** The report a person filed or whose owner they are (or were) confirmed for, with the access check's answer. */
  async findVisible<T>(person: PersonKey, reportId: string): Promise<{ report: ReportRecord<T>; access: Access } | undefined> {
    const own = await getOrUndefined<{ roundId: string }>(this.index, userIndexPk(person), safeKey(reportId));
    let roundId = own?.roundId;
    if (!roundId) {
      // Through the owners they are (or were, to be told they were removed) confirmed for; a claim reaches nothing else.
      for (const m of (await this.people.membershipsOf(person)).filter((x) => x.status === 'confirmed' || x.removedAt)) {
        const viaOwner = await getOrUndefined<{ roundId: string }>(this.index, ownerIndexPk(m.orgnr), safeKey(reportId));
        if (viaOwner) {
          roundId = viaOwner.roundId;
          break;
        }
      }
    }
    const report = roundId ? await this.get<T>(roundId, reportId) : undefined;
    if (!report) return roundId ? undefined : this.findViaNetwork<T>(person, reportId);
    return { report, access: await this.people.access(person, { ownerOrgnr: report.summary.ownerOrgnr, createdBy: report.createdBy }) };
  }

  /** A report filed for an owner network that one of the person's owners is in: read-only. */
  private async findViaNetwork<T>(person: PersonKey, reportId: string): Promise<{ report: ReportRecord<T>; access: Access } | undefined> {
    for (const m of (await this.people.membershipsOf(person)).filter(isConfirmed)) {
      const row = await getOrUndefined<{ roundId: string }>(this.index, networkIndexPk(m.orgnr), safeKey(reportId));
      const report = row ? await this.get<T>(row.roundId, reportId) : undefined;
      if (report && networkOf(report.data).includes(m.orgnr)) return { report, access: { ok: true, readOnly: true, network: true } };
    }
    return undefined;
  }
}
