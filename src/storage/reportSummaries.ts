import type { OverviewRow } from '../domain/secretariat/overview';
import type { ReportStatus } from '../domain/report/lifecycle';
import { odataString } from './keys';
import { reportPk } from './reports';
import { safeKey, statusOf, type Tables } from './tables';

/**
 * A round's reports as their summary columns only: one partition query with `$select`, so a
 * round of ten thousand reports never sends (or unpacks) a single report document.
 */
export const SUMMARY_COLUMNS = [
  'RowKey',
  'reference',
  'ownerName',
  'ownerType',
  'scheme',
  'workingGroup',
  'title',
  'totalRequested',
  'requestedPerYear',
  'status',
  'submittedAt',
  'continues',
  'priorityAreas',
] as const;

type Row = {
  reference?: string;
  ownerName?: string;
  ownerType?: string;
  scheme?: string;
  workingGroup?: string;
  title?: string;
  totalRequested?: number;
  requestedPerYear?: string;
  status?: ReportStatus;
  submittedAt?: string;
  continues?: string;
  priorityAreas?: string;
};

const toRow = (id: string, r: Row): OverviewRow => ({
  id,
  reference: r.reference ?? '',
  ownerName: r.ownerName ?? '',
  ownerType: r.ownerType ?? '',
  scheme: r.scheme ?? '',
  workingGroup: r.workingGroup ?? '',
  title: r.title ?? '',
  totalRequested: Number(r.totalRequested ?? 0),
  status: r.status ?? 'submitted',
  submittedAt: r.submittedAt ?? '',
  ...(r.requestedPerYear ? { requestedPerYear: r.requestedPerYear } : {}),
  ...(r.continues ? { continues: r.continues } : {}),
  ...(r.priorityAreas ? { priorityAreas: r.priorityAreas.split(',') } : {}),
});

export class ReportSummaries {
  constructor(private readonly tables: Tables) {}
  private get table() {
    return this.tables.client('Reports');
  }

  async ofRound(roundId: string): Promise<OverviewRow[]> {
    const out: OverviewRow[] = [];
    const pages = this.table
      .listEntities<Row>({
        queryOptions: { filter: `PartitionKey eq ${odataString(reportPk(roundId))}`, select: [...SUMMARY_COLUMNS] },
      })
      .byPage({ maxPageSize: 1000 });
    for await (const page of pages) for (const r of page) out.push(toRow(r.rowKey!, r));
    return out;
  }

  /** One report's summary (the digest's lines), without its document. */
  async one(roundId: string, reportId: string): Promise<OverviewRow | undefined> {
    try {
      const row = await this.table.getEntity<Row>(reportPk(roundId), safeKey(reportId), { queryOptions: { select: [...SUMMARY_COLUMNS] } });
      return toRow(reportId, row);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }
}
