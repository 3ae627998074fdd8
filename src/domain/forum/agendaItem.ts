import { grantInSchoolYear, yearSummaries, type NeedsReport } from '../report';
import type { AgendaItem } from './meeting';
import type { GroupRecommendation } from './twoSteps';
import type { Continuation } from '../money/continuation';

/**
 * The snapshot of a report an agenda shows and a vote decides on. A round's budget pays for the
 * school year that starts in the round's year, so that year's grant is what the item asks of it;
 * a multi-year measure comes back for the later years.
 */
export function agendaItemOf(
  report: { id: string; reference: string; data: NeedsReport; groupRecommendation?: GroupRecommendation; continuation?: Continuation },
  roundYear: number,
): AgendaItem {
  const d = report.data;
  return {
    reportId: report.id,
    reference: report.reference,
    ownerName: d.ownerName,
    ownerOrgnr: d.ownerOrgnr,
    networkOrgnrs: (d.network ?? []).map((n) => n.orgnr).filter((o): o is string => typeof o === 'string' && o !== ''),
    scheme: d.scheme,
    title: d.title,
    uhName: d.uhName,
    ...(d.uhOrgnr ? { uhOrgnr: d.uhOrgnr } : {}),
    years: yearSummaries(d).map((y) => ({ schoolYear: y.schoolYear ?? d.startYear + y.year - 1, grant: y.grant })),
    roundAmount: grantInSchoolYear(d, roundYear),
    ...(report.groupRecommendation ? { groupRecommendation: report.groupRecommendation } : {}),
    ...(report.continuation ? { continuation: report.continuation } : {}),
  };
}
