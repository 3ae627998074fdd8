import type { Writable } from 'node:stream';
import { exportRows, type Cell } from '../domain/exportRows';
import type { RegionConfig } from '../domain/regions';
import type { NeedsReport } from '../domain/report';
import type { Round } from '../domain/round';
import type { Reports } from '../storage/reports';
import type { UsageRecord, UsageReports } from '../storage/usageReports';
import type { ExportFormat } from './links';
import { writeCsv, writeXlsx } from './write';

/** Every report of the round (withdrawn ones too: the status says so), one row per year. */
export async function* roundRows(reports: Reports, round: Round, regions: RegionConfig, usage?: UsageReports): AsyncGenerator<Cell[]> {
  // The round's usage reports are one partition, small beside its reports: read once, joined by report.
  const byReport = new Map<string, UsageRecord[]>();
  for (const u of usage ? await usage.listRound(round.id) : []) byReport.set(u.reportId, [...(byReport.get(u.reportId) ?? []), u]);
  for await (const r of reports.listRound<NeedsReport>(round.id)) {
    yield* exportRows({ ...r, roundYear: round.year, workingGroup: r.summary.workingGroup, usage: byReport.get(r.id) }, regions);
  }
}

export const exportFileName = (round: Round, format: ExportFormat, at: Date) => `behovsmeldinger-${round.id}-${at.toISOString().slice(0, 10)}.${format}`;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Writes the round's export to `out` and ends it; returns the number of rows. */
export function writeRoundExport(
  format: ExportFormat,
  out: Writable,
  deps: { reports: Reports; round: Round; regions: RegionConfig; usage?: UsageReports },
): Promise<number> {
  const rows = roundRows(deps.reports, deps.round, deps.regions, deps.usage);
  return format === 'xlsx' ? writeXlsx(out, rows, `Behovsmeldinger ${deps.round.year}`) : writeCsv(out, rows);
}
