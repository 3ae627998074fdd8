import { workingGroupFor, type RegionConfig } from '../../domain/regions';
import { reportTotals, yearSummaries, type NeedsReport } from '../../domain/report';
import { encodeYears } from '../../domain/money/schoolYear';
import type { ReportSummary } from '../../storage/reports';

/** The columns stored beside a report, so lists and overviews never unpack the document. */
export function summaryOf(report: NeedsReport, regions: RegionConfig): ReportSummary {
  return {
    ownerName: report.ownerName,
    ownerOrgnr: report.ownerOrgnr,
    ownerType: report.ownerType,
    scheme: report.scheme,
    region: report.region,
    workingGroup: workingGroupFor(regions, report.region)?.id ?? '',
    title: report.title,
    totalRequested: reportTotals(report).grant,
    requestedPerYear: encodeYears(yearSummaries(report).map((y) => ({ schoolYear: y.schoolYear ?? report.startYear + y.year - 1, grant: y.grant }))),
    ...(report.priorityAreas?.length ? { priorityAreas: [...report.priorityAreas].sort().join(',') } : {}),
  };
}
