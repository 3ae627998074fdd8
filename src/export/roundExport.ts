import type { Writable } from 'node:stream';
import { exportRows, type Cell } from '../domain/exportRows';
import { forumOfGroup, type RegionConfig } from '../domain/regions';
import type { PriorityArea } from '../domain/forum/plan';
import type { ForumPlanStore } from '../storage/forumPlans';
import type { NeedsReport } from '../domain/report';
import type { Round } from '../domain/round';
import type { Reports } from '../storage/reports';
import type { UsageRecord, UsageReports } from '../storage/usageReports';
import type { ExportFormat } from './links';
import { writeCsv, writeXlsx } from './write';

/** Every report of the round (withdrawn ones too: the status says so), one row per year. */
export async function* roundRows(
  reports: Reports,
  round: Round,
  regions: RegionConfig,
  usage?: UsageReports,
  plans?: Pick<ForumPlanStore, 'get'>,
): AsyncGenerator<Cell[]> {
  // Each forum's priority areas, read once, to name the areas a report chose.
  const areasOf = new Map<string, Promise<readonly PriorityArea[]>>();
  const areas = (workingGroup: string) => {
    const forum = forumOfGroup(regions, workingGroup)?.id ?? regions.id;
    if (!areasOf.has(forum)) areasOf.set(forum, plans ? plans.get(forum).then((p) => p?.areas ?? []) : Promise.resolve([]));
    return areasOf.get(forum)!;
  };
  // The round's usage reports are one partition, small beside its reports: read once, joined by report.
  const byReport = new Map<string, UsageRecord[]>();
  for (const u of usage ? await usage.listRound(round.id) : []) byReport.set(u.reportId, [...(byReport.get(u.reportId) ?? []), u]);
  for await (const r of reports.listRound<NeedsReport>(round.id)) {
    const named = r.data.priorityAreas?.length ? { areas: await areas(r.summary.workingGroup) } : {};
    yield* exportRows({ ...r, roundYear: round.year, workingGroup: r.summary.workingGroup, usage: byReport.get(r.id), ...named }, regions);
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
  deps: { reports: Reports; round: Round; regions: RegionConfig; usage?: UsageReports; plans?: Pick<ForumPlanStore, 'get'> },
): Promise<number> {
  const rows = roundRows(deps.reports, deps.round, deps.regions, deps.usage, deps.plans);
  return format === 'xlsx' ? writeXlsx(out, rows, `Behovsmeldinger ${deps.round.year}`) : writeCsv(out, rows);
}
