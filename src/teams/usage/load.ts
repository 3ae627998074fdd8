import { z } from 'zod';
import type { NeedsReport } from '../../domain/report';
import { usageDueOf, type Round } from '../../domain/round';
import { PAID_STATUSES, paidAmountOf, paidYearOf, usageDeadline, usageDueDay } from '../../domain/usage';
import type { ReportRecord } from '../../storage/reports';
import type { UsageRecord } from '../../storage/usageReports';
import { personOf, requirePersonal } from '../caller';
import { Refusal } from '../refusals';
import { reportFor } from '../ownerAccess';
import type { Turn } from '../turn';

/** One paid school year of a measure, with its usage report when one was started. */
export interface UsageCase {
  report: ReportRecord<NeedsReport>;
  round: Round;
  schoolYear: number;
  paid: number;
  /** Unused money of an earlier year carried into this one (with its payment). */
  carriedIn: number;
  dueDay: string;
  deadline: string;
  usage?: UsageRecord;
}

const REPORT_ID = z.string().regex(/^[A-Za-z0-9-]{1,80}$/);
const SCHOOL_YEAR = z.coerce.number().int().min(2000).max(2200);
const OwnerRef = z.object({ reportId: REPORT_ID, schoolYear: SCHOOL_YEAR.optional() });
const OfficerRef = z.object({ roundId: z.string().regex(/^[a-z0-9-]{1,40}$/), reportId: REPORT_ID, schoolYear: SCHOOL_YEAR });

/**
 * The case of a report's paid school year (the one named, when a usage report for it exists; else
 * the paid one). `known` is the round's usage reports when the caller read them all at once.
 */
export async function usageCaseOf(
  turn: Turn,
  report: ReportRecord<NeedsReport>,
  schoolYear?: number,
  known?: ReadonlyMap<string, UsageRecord>,
): Promise<UsageCase> {
  const round = await turn.services.rounds.get(report.roundId);
  if (!round) throw new Refusal('report.notFound');
  if (!PAID_STATUSES.includes(report.status)) throw new Refusal('usage.notPaid', { reference: report.reference });
  const paidYear = paidYearOf(report, round.year);
  const year = schoolYear ?? paidYear;
  const usage = known ? known.get(usageKeyOf(report.id, year)) : await turn.services.usage.get({ roundId: round.id, reportId: report.id, schoolYear: year });
  if (year !== paidYear && !usage) throw new Refusal('usage.notFound');
  const due = usageDueOf(round);
  return {
    report,
    round,
    schoolYear: year,
    paid: usage?.paid ?? paidAmountOf(report, year),
    carriedIn: report.payment?.schoolYear === year ? (report.payment.carriedOver ?? 0) : 0,
    dueDay: usageDueDay(year, due),
    deadline: usageDeadline(year, due),
    ...(usage ? { usage } : {}),
  };
}

/** For the owner's people: only a report they may see (the same check as the needs report's); others find nothing. */
export async function loadOwnerCase(turn: Turn, data: Record<string, unknown>, purpose: 'see' | 'change' = 'see'): Promise<UsageCase> {
  requirePersonal(turn);
  const ref = OwnerRef.safeParse(data);
  if (!ref.success) throw new Refusal('report.notFound');
  // The one owner-access check: a colleague removed from the owner is told so at once.
  const report = await reportFor<NeedsReport>(turn, ref.data.reportId, purpose);
  return usageCaseOf(turn, report, ref.data.schoolYear);
}

/** For an officer (call after requireCaseworker): the usage report must exist. */
export async function loadOfficerCase(turn: Turn, data: Record<string, unknown>): Promise<UsageCase & { usage: UsageRecord }> {
  const ref = OfficerRef.safeParse(data);
  if (!ref.success) throw new Refusal('report.notFound');
  const report = await turn.services.reports.get<NeedsReport>(ref.data.roundId, ref.data.reportId);
  if (!report) throw new Refusal('report.notFound');
  const c = await usageCaseOf(turn, report, ref.data.schoolYear);
  if (!c.usage) throw new Refusal('usage.notFound');
  return { ...c, usage: c.usage };
}

/** How a round's usage reports are looked up by report and school year. */
export const usageKeyOf = (reportId: string, schoolYear: number) => `${reportId}_${schoolYear}`;

/** Card data naming a case: what every usage button carries. */
export const idsOf = (c: UsageCase) => ({ roundId: c.round.id, reportId: c.report.id, schoolYear: c.schoolYear });

/** The person as the usage report's history keeps them. */
export function actorOf(turn: Turn): { by: string; byName?: string } {
  const p = personOf(turn);
  const name = turn.context.activity.from?.name?.trim().slice(0, 120);
  return { by: `${p.tenantId}:${p.aadObjectId}`, ...(name ? { byName: name } : {}) };
}
