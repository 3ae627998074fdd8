import { isLate } from './dueDate';
import type { UsageReport, UsageStatus } from './usageReport';

/** One paid school year as the secretariat's round view counts it. */
export interface UsageLine {
  paid: number;
  status?: UsageStatus;
  deadline: string;
  /** The report as sent (absent until sent). */
  report?: UsageReport;
}

export interface UsageTotals {
  /** Paid school years in the round. */
  years: number;
  /** Sent or accepted. */
  reported: number;
  accepted: number;
  late: number;
  paid: number;
  /** Owner + UH share, of the reports sent. */
  used: number;
  ownContribution: number;
  unused: number;
  carryOver: number;
  repay: number;
}

/** Totals of a round's usage reports: used against paid, unused funds and what owners ask for them. */
export function usageTotals(lines: readonly UsageLine[], now: Date): UsageTotals {
  const t: UsageTotals = { years: 0, reported: 0, accepted: 0, late: 0, paid: 0, used: 0, ownContribution: 0, unused: 0, carryOver: 0, repay: 0 };
  for (const l of lines) {
    t.years++;
    t.paid += l.paid;
    if (isLate(l.status, l.deadline, now)) t.late++;
    if (l.status === 'accepted') t.accepted++;
    if ((l.status === 'submitted' || l.status === 'accepted') && l.report) {
      t.reported++;
      t.used += l.report.usedOwner + l.report.usedUh;
      t.ownContribution += l.report.ownContribution;
      t.unused += l.report.unused;
      if (l.report.unusedPlan === 'carryOver') t.carryOver += l.report.unused;
      if (l.report.unusedPlan === 'repay') t.repay += l.report.unused;
    }
  }
  return t;
}

/** The school year paid is the measure's last: accepting its usage report closes the measure. */
export function isLastYear(measure: { startYear: number; years: number }, schoolYear: number): boolean {
  return schoolYear >= measure.startYear + measure.years - 1;
}
