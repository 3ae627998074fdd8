import type { Decision, Payment } from '../decision';
import { paidSchoolYear, yearIndex } from '../money/schoolYear';
import { yearSummaries, type MoneyOfReport } from '../report/money';
import type { ReportStatus } from '../report/lifecycle';

/** Statuses of a measure that has been paid for a school year: its usage report can be filed or was. */
export const PAID_STATUSES: readonly ReportStatus[] = ['paid', 'reported', 'closed'];

interface PaidReport {
  data: MoneyOfReport & { startYear: number; years: number };
  payment?: Payment;
  decision?: Decision;
}

/** The school year the (latest) payment paid; payments recorded before it was stored count from the round. */
export function paidYearOf(report: PaidReport, roundYear: number): number {
  return report.payment?.schoolYear ?? paidSchoolYear(report.data.startYear, report.data.years, roundYear);
}

/** What was paid for that school year: the payment's amount, else the year's granted (else requested) amount. */
export function paidAmountOf(report: PaidReport, schoolYear: number): number {
  if (report.payment?.amount !== undefined && (report.payment.schoolYear ?? schoolYear) === schoolYear) return report.payment.amount;
  const i = Math.max(0, yearIndex(report.data.startYear, report.data.years, schoolYear));
  return report.decision?.amounts[i] ?? yearSummaries(report.data)[i]?.grant ?? 0;
}
