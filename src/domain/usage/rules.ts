import { isCalendarDay, osloDate } from '../osloTime';
import type { MessageKey, Params } from '../i18n';
import { UNUSED_PLANS, type UnusedPlan } from './usageReport';

/**
 * When a usage report may be filed, and what the secretariat decides about unused money (DOMAIN.md
 * section 5): the report is about a school year, so it opens when that year has ended (1 August
 * after it) unless an officer opened it early for the case; unused money is carried over into the
 * measure's next payment or repaid by a due day, and marked repaid when it comes in.
 */

/** The first day a school year's usage report can be filed: the school year runs to 31 July. */
export const usageOpensDay = (schoolYear: number) => `${schoolYear + 1}-08-01`;

export function usageIsOpen(schoolYear: number, now: Date, openedEarlyAt?: string): boolean {
  return !!openedEarlyAt || osloDate(now) >= usageOpensDay(schoolYear);
}

/** The secretariat's decision on a usage report's unused money. */
export interface UnusedDecision {
  plan: UnusedPlan;
  amount: number;
  /** Repay: the last day (YYYY-MM-DD). */
  dueDay?: string;
  decidedAt: string;
  by: string;
  byName?: string;
  /** Repay: when it was marked as repaid. */
  repaidAt?: string;
  /** Carry over: the reference of the continuation whose payment carried it. */
  carriedInto?: string;
}

export interface UnusedProblem {
  field: 'plan' | 'amount' | 'dueDay';
  key: MessageKey;
  params?: Params;
}

/** Checks the officer's decision against the unused amount the owner reported. */
export function checkUnusedDecision(
  input: { plan: unknown; amount: unknown; dueDay: unknown },
  unused: number,
  now: Date,
): { ok: true; plan: UnusedPlan; amount: number; dueDay?: string } | { ok: false; problems: UnusedProblem[] } {
  const problems: UnusedProblem[] = [];
  const plan = (UNUSED_PLANS as readonly unknown[]).includes(input.plan) ? (input.plan as UnusedPlan) : undefined;
  if (!plan) problems.push({ field: 'plan', key: 'unused.error.plan' });
  const raw = typeof input.amount === 'string' ? input.amount.replace(/[\s\u00a0\u202f]/g, '').replace(/kr\.?$/i, '') : '';
  const amount = /^\d{1,13}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(amount) || amount <= 0 || amount > unused) problems.push({ field: 'amount', key: 'unused.error.amount', params: { unused } });
  const day = typeof input.dueDay === 'string' ? input.dueDay.trim() : '';
  if (plan === 'repay') {
    if (!isCalendarDay(day)) problems.push({ field: 'dueDay', key: 'unused.error.dueDay' });
    else if (day < osloDate(now)) problems.push({ field: 'dueDay', key: 'unused.error.duePast' });
  }
  if (problems.length || !plan) return { ok: false, problems };
  return { ok: true, plan, amount, ...(plan === 'repay' ? { dueDay: day } : {}) };
}

/**
 * Unused money per report as the secretariat decided it (for the ledger): carried over, to be
 * repaid, and repaid already. Reports without a decision are absent.
 */
export function unusedByReport(
  records: ReadonlyArray<{ reportId: string; unusedDecision?: UnusedDecision }>,
): Map<string, { carriedOver: number; toRepay: number; repaid: number }> {
  const out = new Map<string, { carriedOver: number; toRepay: number; repaid: number }>();
  for (const r of records) {
    const d = r.unusedDecision;
    if (!d) continue;
    const sum = out.get(r.reportId) ?? { carriedOver: 0, toRepay: 0, repaid: 0 };
    if (d.plan === 'carryOver') sum.carriedOver += d.amount;
    else if (d.repaidAt) sum.repaid += d.amount;
    else sum.toRepay += d.amount;
    out.set(r.reportId, sum);
  }
  return out;
}
