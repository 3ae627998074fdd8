import type { Decision, Payment } from '../decision';
import { grantedSplit, paidIn } from '../money/ledger';
import { decodeYears } from '../money/schoolYear';
import { findRegion, forumOfGroup, type RegionConfig } from '../regions';
import { yearSummaries, type MoneyOfReport } from '../report/money';
import type { AuditEntry, ReportStatus } from '../report/lifecycle';

/**
 * What one report adds to the analytics (issue 24): the few facts the views count, taken from the
 * report as stored now and its usage reports. A report's contribution is replaced whole when it
 * changes (storage/aggregates.ts), so an edit, a withdrawal or a decision never counts twice.
 */

/** The report as the aggregates read it (a ReportRecord satisfies it). */
export interface ReportForFacts {
  status: ReportStatus;
  summary: { ownerOrgnr: string; ownerType: string; scheme: string; region: string; workingGroup: string; requestedPerYear?: string; totalRequested: number };
  data: unknown;
  history: readonly Pick<AuditEntry, 'to'>[];
  decision?: Pick<Decision, 'outcome' | 'amounts' | 'total'>;
  payment?: Pick<Payment, 'amount' | 'schoolYear'>;
}

/** A usage report as the aggregates read it: only those sent (submitted or accepted) count. */
export interface UsageForFacts {
  status: string;
  report?: { participants?: number; unitsReached?: number; ownContribution?: number };
}

export interface ReportFacts {
  orgnr: string;
  ownerType: string;
  county: string;
  theme: string;
  /** Priority areas of the forum's plan the report names, where the report has them. */
  areas: string[];
  targets: string[];
  uh: string;
  /** The school year this round decides for the report (its first year here). */
  schoolYear: number;
  requested: number;
  /** Requested for the measure's later years: commitments, decided again each round. */
  later: number;
  prioritised: boolean;
  decided: boolean;
  granted: number;
  paid: number;
  /** DEKOM's own contribution planned for the school year (0 for the other schemes). */
  ownPlanned: number;
  /** From the usage reports sent: participants and units reached, own contribution spent. */
  participants: number;
  units: number;
  ownUsed: number;
  usageReports: number;
}

/** Where a report's facts are counted: its forum, and the scheme. */
export interface FactsTarget {
  forum: string;
  scheme: string;
}

const INACTIVE: readonly ReportStatus[] = ['draft', 'withdrawn'];
const SENT_USAGE = ['submitted', 'accepted'];

/** A report's forum: the forum of its working group, the County Governor's own id as the fallback. */
export function forumOfReport(regions: RegionConfig, workingGroup: string): string {
  return forumOfGroup(regions, workingGroup)?.id ?? regions.id;
}

/** The forum's last word wins: prioritised when the latest recommendation move was to `prioritised`. */
function wasPrioritised(history: readonly Pick<AuditEntry, 'to'>[]): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i].to === 'prioritised') return true;
    if (history[i].to === 'not_prioritised') return false;
  }
  return false;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string' && x.length > 0))] : []);
const whole = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : 0);

/** The facts of a report, or undefined when it counts for nothing (a draft or withdrawn). */
export function factsOf(
  report: ReportForFacts,
  usage: readonly UsageForFacts[],
  regions: RegionConfig,
): { target: FactsTarget; facts: ReportFacts } | undefined {
  if (INACTIVE.includes(report.status)) return undefined;
  const s = report.summary;
  const data = (report.data ?? {}) as Record<string, unknown> & MoneyOfReport;
  const perYear = decodeYears(s.requestedPerYear) ?? yearSummaries(data).map((y) => ({ schoolYear: y.schoolYear ?? 0, grant: y.grant }));
  const first = perYear[0] ?? { schoolYear: typeof data.startYear === 'number' ? data.startYear : 0, grant: s.totalRequested };
  const later = perYear.slice(1).reduce((a, y) => a + y.grant, 0);
  // Granted and paid as the ledger counts them (domain/money/ledger.ts), for the school year this round decides.
  const money = { requestedPerYear: s.requestedPerYear, decision: report.decision, payment: report.payment };
  const granted = whole(grantedSplit(money, first.schoolYear).thisYear);
  const paid = paidIn(money, first.schoolYear);
  const own = s.scheme === 'DEKOM' ? (yearSummaries(data).find((y) => y.schoolYear === first.schoolYear)?.ownContribution ?? 0) : 0;
  const sent = usage.filter((u) => SENT_USAGE.includes(u.status) && u.report);
  const county = findRegion(regions, s.region)?.county ?? text(s.region);
  return {
    target: { forum: forumOfReport(regions, s.workingGroup), scheme: s.scheme },
    facts: {
      orgnr: s.ownerOrgnr,
      ownerType: s.ownerType,
      county,
      theme: text(data.theme) || 'annet',
      areas: strings(data.priorityAreas),
      targets: strings(data.targetGroups),
      uh: text(data.uhName),
      schoolYear: first.schoolYear,
      requested: first.grant,
      later,
      prioritised: wasPrioritised(report.history),
      decided: report.decision !== undefined,
      granted,
      paid: whole(paid),
      ownPlanned: whole(own),
      participants: sent.reduce((a, u) => a + whole(u.report?.participants), 0),
      units: sent.reduce((a, u) => a + whole(u.report?.unitsReached), 0),
      ownUsed: sent.reduce((a, u) => a + whole(u.report?.ownContribution), 0),
      usageReports: sent.length,
    },
  };
}
