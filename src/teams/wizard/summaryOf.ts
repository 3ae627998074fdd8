import { workingGroupFor, type RegionConfig } from '../../domain/regions';
import { reportTotals, type NeedsReport } from '../../domain/report';
import type { ReportSummary } from '../../storage/reports';

/** The columns stored beside a report, so lists and overviews never unpack the document. */
export function summaryOf(report: NeedsReport, regions: RegionConfig): ReportSummary {
  return {
    ownerName: report.ownerName, ownerOrgnr: report.ownerOrgnr, ownerType: report.ownerType, scheme: report.scheme,
    region: report.region, workingGroup: workingGroupFor(regions, report.region)?.id ?? '', title: report.title,
    totalRequested: reportTotals(report).grant,
  };
}
