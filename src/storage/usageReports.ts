import type { UnusedDecision, UsageReport, UsageStatus } from '../domain/usage';
import { odataString } from './keys';
import { packJson, unpackJson, withoutJson } from './json';
import { getOrUndefined, mutateEntity, propertiesOf, safeKey, type Tables } from './tables';

/** One step in a usage report's life: who, when, and the officer's comment on a return. */
export interface UsageEvent {
  to: UsageStatus;
  at: string;
  /** "tenantId:aadObjectId". */
  by: string;
  byName?: string;
  comment?: string;
}

/** The usage report of one paid school year of a measure; its draft is the same row, shared by the owner's people. */
export interface UsageRecord {
  roundId: string;
  reportId: string;
  schoolYear: number;
  reference: string;
  ownerName: string;
  ownerOrgnr: string;
  title: string;
  /** What was paid for the school year, whole NOK. */
  paid: number;
  status: UsageStatus;
  /** What the card holds: typed text while a draft, the sent values after. */
  values: Record<string, string>;
  /** The checked report, once sent. */
  report?: UsageReport;
  history: UsageEvent[];
  updatedAt: string;
  submittedAt?: string;
  /** An officer opened the report before its school year ended (ISO instant, and who). */
  openedEarlyAt?: string;
  openedEarlyBy?: string;
  /** The secretariat's decision on the unused money, once made (read by the ledger: unusedByReport). */
  unusedDecision?: UnusedDecision;
}

type Row = Omit<UsageRecord, 'values' | 'report' | 'history' | 'unusedDecision'> & { history: string; report?: string; unusedDecision?: string } & Record<
    string,
    unknown
  >;

// The secretariat reads a round's usage reports at once (who reported, who is late, totals): one
// partition per round, the same round as the needs report's; one row per report and school year.
export const usagePk = (roundId: string) => `r_${safeKey(roundId)}`;
const rowKey = (reportId: string, schoolYear: number) => `${safeKey(reportId)}_${schoolYear}`;

function fromRow(row: Row): UsageRecord {
  const { history, report, unusedDecision, ...rest } = withoutJson(row) as Row;
  return {
    roundId: rest.roundId,
    reportId: rest.reportId,
    schoolYear: rest.schoolYear,
    reference: rest.reference,
    ownerName: rest.ownerName,
    ownerOrgnr: rest.ownerOrgnr,
    title: rest.title,
    paid: rest.paid,
    status: rest.status,
    updatedAt: rest.updatedAt,
    ...(rest.submittedAt ? { submittedAt: rest.submittedAt } : {}),
    ...(rest.openedEarlyAt ? { openedEarlyAt: rest.openedEarlyAt, openedEarlyBy: rest.openedEarlyBy } : {}),
    ...(unusedDecision ? { unusedDecision: JSON.parse(unusedDecision) as UnusedDecision } : {}),
    values: unpackJson<Record<string, string>>(row) ?? {},
    ...(report ? { report: JSON.parse(report) as UsageReport } : {}),
    history: JSON.parse(history || '[]') as UsageEvent[],
  };
}

function toRow(r: UsageRecord): Row {
  const { values, report, history, unusedDecision, ...rest } = r;
  return {
    ...rest,
    history: JSON.stringify(history),
    ...(report ? { report: JSON.stringify(report) } : {}),
    ...(unusedDecision ? { unusedDecision: JSON.stringify(unusedDecision) } : {}),
    ...packJson(values),
  };
}

export type UsageKey = Pick<UsageRecord, 'roundId' | 'reportId' | 'schoolYear'>;

export class UsageReports {
  /** Told after every stored change of a usage report (the analytics' aggregates follow it). */
  onChange?: (roundId: string, reportId: string) => void;
  constructor(private readonly tables: Tables) {}
  private get table() {
    return this.tables.client('UsageReports');
  }

  async get(key: UsageKey): Promise<UsageRecord | undefined> {
    const row = await getOrUndefined<Row>(this.table, usagePk(key.roundId), rowKey(key.reportId, key.schoolYear));
    return row ? fromRow(propertiesOf(row)) : undefined;
  }

  /** A round's usage reports, drafts included: one partition query. */
  async listRound(roundId: string): Promise<UsageRecord[]> {
    const out: UsageRecord[] = [];
    for await (const row of this.table.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq ${odataString(usagePk(roundId))}` } })) {
      out.push(fromRow(propertiesOf(row)));
    }
    return out;
  }

  /**
   * Read–change–write under the row's ETag (retried when someone else wrote first). `change` sees
   * the current record (undefined when none) and returns the next, or undefined to write nothing;
   * it may throw to refuse. Returns what is stored afterwards.
   */
  async change(key: UsageKey, change: (current: UsageRecord | undefined) => UsageRecord | undefined): Promise<UsageRecord | undefined> {
    let result: UsageRecord | undefined;
    await mutateEntity<Row>(this.table, usagePk(key.roundId), rowKey(key.reportId, key.schoolYear), (cur) => {
      const current = cur ? fromRow(cur) : undefined;
      const next = change(current);
      result = next ?? current;
      return next ? toRow(next) : undefined;
    });
    this.onChange?.(key.roundId, key.reportId);
    return result;
  }
}
