import { z } from 'zod';
import type { Decision, Payment } from '../decision';
import type { NeedsReport, ReportStatus } from '../report';
import { grantForYear } from '../report/money';
import { paidSchoolYear, yearIndex } from './schoolYear';
import { ContinuationAnswerSchema } from '../continuationAnswer';

/**
 * A multi-year measure returns each year (DOMAIN.md sections 4 and 5): a granted measure with
 * school years left comes back in the next round as a *continuation* item, with a new
 * recommendation, decision and payment for that one school year. The continuation is a report of
 * the new round (so every query of that round stays in its partition) that points to the
 * original report and carries the earlier years' decisions.
 */

export const EarlierYearSchema = z.object({
  schoolYear: z.number().int(),
  reference: z.string(),
  outcome: z.enum(['granted', 'partly_granted', 'rejected']),
  granted: z.number().int().min(0),
  /** Paid for that school year, when a payment was recorded. */
  paid: z.number().int().min(0).optional(),
});
export type EarlierYear = z.infer<typeof EarlierYearSchema>;

export const ContinuationSchema = z.object({
  originRoundId: z.string(),
  originReportId: z.string(),
  originReference: z.string(),
  /** Which year of the measure this is (2 for its second), and how many it has. */
  year: z.number().int().min(2).max(3),
  of: z.number().int().min(2).max(3),
  earlier: z.array(EarlierYearSchema),
  /** The owner's answer when the round opened (only a confirmed continuation goes on an agenda). */
  answer: ContinuationAnswerSchema.optional(),
});
export type Continuation = z.infer<typeof ContinuationSchema>;

/** A report that may have a continuation for a later round: what the planner reads of it. */
export interface ContinuationSource {
  id: string;
  roundId: string;
  reference: string;
  status: ReportStatus;
  data: NeedsReport;
  decision?: Decision;
  payment?: Payment;
  continuation?: Continuation;
}

/** Granted and paid (or reported on): a measure that may go on. */
export const CONTINUES_FROM: readonly ReportStatus[] = ['paid', 'reported'];

/** The id of a measure's continuation for its year `year`: one per measure and year, so creating it twice finds the first. */
export const continuationId = (originReportId: string, year: number) => `${originReportId}-y${year}`;

export interface PlannedContinuation {
  id: string;
  data: NeedsReport;
  continuation: Continuation;
}

/** The school year a source report paid (or will pay): its payment's, else the one its round pays. */
function paidYearOf(source: ContinuationSource, sourceRoundYear: number): number {
  if (source.payment?.schoolYear !== undefined) return source.payment.schoolYear;
  return paidSchoolYear(source.data.startYear, source.data.years, sourceRoundYear);
}

/**
 * The continuation a round of `roundYear` gets from `source` (the original report, or last
 * year's continuation of it, with `origin` the original): when the source was paid for the
 * school year just before, the measure runs in `roundYear`, and its decision granted money for
 * that year. The amount is what the original decision granted for the year (owner and university
 * shares scaled down alike when it granted less than asked); the rest of the report is the
 * original's, as a one-year measure in the round's school year.
 */
export function planContinuation(
  origin: ContinuationSource,
  source: ContinuationSource,
  sourceRoundYear: number,
  roundYear: number,
): PlannedContinuation | undefined {
  if (!CONTINUES_FROM.includes(source.status) || !source.decision || source.decision.outcome === 'rejected') return undefined;
  if (!origin.decision || origin.decision.outcome === 'rejected') return undefined;
  const paidYear = paidYearOf(source, sourceRoundYear);
  if (paidYear + 1 !== roundYear) return undefined;
  const d = origin.data;
  const index = yearIndex(d.startYear, d.years, roundYear);
  if (index < 1) return undefined;
  const asked = d.amounts[index];
  const granted = Math.min(origin.decision.amounts[index] ?? 0, asked ? grantForYear(asked) : 0);
  if (!asked || granted <= 0) return undefined;
  const askedGrant = grantForYear(asked);
  const uh = askedGrant === granted ? asked.uh : Math.floor((asked.uh * granted) / askedGrant);
  const amount = { ...asked, owner: granted - uh, uh };

  const sourceIndex = source.continuation ? 0 : yearIndex(d.startYear, d.years, paidYear);
  const thisSource: EarlierYear = {
    schoolYear: paidYear,
    reference: source.reference,
    outcome: source.decision.outcome,
    granted: source.decision.amounts[Math.max(0, sourceIndex)] ?? 0,
    ...(source.payment?.amount !== undefined ? { paid: source.payment.amount } : {}),
  };
  return {
    id: continuationId(origin.id, index + 1),
    data: { ...d, startYear: roundYear, years: 1, amounts: [amount] } as NeedsReport,
    continuation: {
      originRoundId: origin.roundId,
      originReportId: origin.id,
      originReference: origin.reference,
      year: index + 1,
      of: d.years,
      earlier: [...(source.continuation?.earlier ?? []), thisSource],
    },
  };
}

/** Rounds that may hold a source for a round of `roundYear`: a measure runs three years at most and may start the year after its round. */
export const sourceRoundYears = (roundYear: number) => [roundYear - 1, roundYear - 2, roundYear - 3];
