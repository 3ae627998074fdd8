import { grantInSchoolYear, yearSummaries, type NeedsReport } from '../report';
import { NEED_START_CHARS, type AgendaItem } from './meeting';
import type { PriorityArea } from './plan';
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
  areas: readonly PriorityArea[] = [],
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
    ...needOf(d, roundYear),
    ...(d.priorityAreas?.length ? { priorityAreas: areas.filter((a) => d.priorityAreas!.includes(a.id)) } : {}),
  };
}

/** What voters read of the need on the agenda and the voting card (the whole report is a press away). */
function needOf(d: NeedsReport, roundYear: number): Partial<AgendaItem> {
  const own = yearSummaries(d).find((y) => y.schoolYear === roundYear)?.ownContribution;
  return {
    ...(d.theme ? { theme: d.theme } : {}),
    ...(d.themeOther ? { themeOther: d.themeOther } : {}),
    ...(d.targetGroups?.length ? { targetGroups: [...d.targetGroups] } : {}),
    ...(d.participants !== undefined ? { participants: d.participants } : {}),
    ...(d.unitCount !== undefined ? { unitCount: d.unitCount } : {}),
    ...(own !== undefined ? { ownContribution: { schoolYear: roundYear, amount: own } } : {}),
    ...(d.needAndGoal ? { needStart: needStart(d.needAndGoal) } : {}),
  };
}

/** The first lines of a text, at most NEED_START_CHARS characters, cut at a space, with "…" when cut. */
export function needStart(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= NEED_START_CHARS) return flat;
  const cut = chars.slice(0, NEED_START_CHARS).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > NEED_START_CHARS * 0.7 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
