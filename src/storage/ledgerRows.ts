import type { Decision, Payment } from '../domain/decision';
import type { GroupRecommendation } from '../domain/forum/twoSteps';
import type { LedgerRow } from '../domain/money/ledger';
import type { ReportStatus } from '../domain/report/lifecycle';
import type { UsageReport } from '../domain/usage';
import { odataString } from './keys';
import { reportPk } from './reports';
import { type Tables } from './tables';
import { usagePk } from './usageReports';

/**
 * What the money ledger reads of a round (domain/money/ledger.ts): its reports' summary, decision
 * and payment columns (one partition query with $select, nothing unpacked) and the unused money of
 * its usage reports (one more partition query). Both partitions are the round's own.
 */
const COLUMNS = [
  'RowKey',
  'reference',
  'scheme',
  'workingGroup',
  'status',
  'totalRequested',
  'requestedPerYear',
  'continues',
  'decision',
  'payment',
  'groupRecommendation',
] as const;

type Row = {
  reference?: string;
  scheme?: string;
  workingGroup?: string;
  status?: ReportStatus;
  totalRequested?: number;
  requestedPerYear?: string;
  continues?: string;
  decision?: string;
  payment?: string;
  groupRecommendation?: string;
};

type UsageRow = { reportId?: string; schoolYear?: number; status?: string; report?: string };

export class LedgerRows {
  constructor(private readonly tables: Tables) {}

  async ofRound(roundId: string, schoolYear: number): Promise<LedgerRow[]> {
    const [rows, unused] = await Promise.all([this.reports(roundId), this.unused(roundId, schoolYear)]);
    return rows.map((r) => (unused.has(r.id) ? { ...r, unused: unused.get(r.id)! } : r));
  }

  private async reports(roundId: string): Promise<LedgerRow[]> {
    const out: LedgerRow[] = [];
    const pages = this.tables
      .client('Reports')
      .listEntities<Row>({ queryOptions: { filter: `PartitionKey eq ${odataString(reportPk(roundId))}`, select: [...COLUMNS] } })
      .byPage({ maxPageSize: 1000 });
    for await (const page of pages) {
      for (const r of page) {
        const d = r.decision ? (JSON.parse(r.decision) as Decision) : undefined;
        const p = r.payment ? (JSON.parse(r.payment) as Payment) : undefined;
        const g = r.groupRecommendation ? (JSON.parse(r.groupRecommendation) as GroupRecommendation) : undefined;
        out.push({
          id: r.rowKey!,
          reference: r.reference ?? '',
          scheme: r.scheme ?? '',
          workingGroup: r.workingGroup ?? '',
          status: r.status ?? 'submitted',
          totalRequested: Number(r.totalRequested ?? 0),
          ...(r.requestedPerYear ? { requestedPerYear: r.requestedPerYear } : {}),
          ...(r.continues ? { continues: r.continues } : {}),
          ...(d ? { decision: { outcome: d.outcome, amounts: d.amounts, total: d.total } } : {}),
          ...(d?.bulk ? { bulkAt: d.at } : {}),
          ...(p
            ? { payment: { ...(p.schoolYear !== undefined ? { schoolYear: p.schoolYear } : {}), ...(p.amount !== undefined ? { amount: p.amount } : {}) } }
            : {}),
          ...(g?.outcome === 'recommended' ? { groupRecommended: true } : {}),
        });
      }
    }
    return out;
  }

  /** Unused money of the school year per report, from usage reports the owner has sent (or the secretariat accepted). */
  private async unused(roundId: string, schoolYear: number): Promise<Map<string, { carryOver: number; repay: number }>> {
    const out = new Map<string, { carryOver: number; repay: number }>();
    const rows = this.tables.client('UsageReports').listEntities<UsageRow>({
      queryOptions: { filter: `PartitionKey eq ${odataString(usagePk(roundId))} and schoolYear eq ${schoolYear}`, select: ['reportId', 'status', 'report'] },
    });
    for await (const r of rows) {
      if (!r.report || !r.reportId || (r.status !== 'submitted' && r.status !== 'accepted')) continue;
      const u = JSON.parse(r.report) as UsageReport;
      if (!u.unused) continue;
      out.set(r.reportId, { carryOver: u.unusedPlan === 'carryOver' ? u.unused : 0, repay: u.unusedPlan === 'repay' ? u.unused : 0 });
    }
    return out;
  }
}
