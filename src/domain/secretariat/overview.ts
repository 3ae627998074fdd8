import type { Locale } from '../i18n/locale';
import type { ReportStatus } from '../report/lifecycle';
import { SCHEME_CODES } from '../round';
import { splitOfColumns, type YearSplit } from '../money/schoolYear';
import { compareFirstArea } from '../forum/plan';

/**
 * The secretariat's overview of a round: counts and requested sums per scheme (against the
 * budget), per working group and per owner type, and the reports still waiting for a formal
 * check. Pure: it works on the summary columns only, never on whole reports.
 */

/** The columns of a report the overview needs (Reports keeps them beside the document). */
export interface OverviewRow {
  id: string;
  reference: string;
  ownerName: string;
  ownerType: string;
  scheme: string;
  workingGroup: string;
  title: string;
  totalRequested: number;
  /** Grant per school year ("2027:1250000,2028:1000000"); absent on reports stored before it. */
  requestedPerYear?: string;
  status: ReportStatus;
  submittedAt: string;
  /** A continuation: the original report's reference. */
  continues?: string;
  /** The forum plan's priority areas the measure serves, by id (a1 is the plan's first). */
  priorityAreas?: readonly string[];
}

/** `requested`: asked of the round's school year; `later`: asked of later school years (commitments). */
export interface Tally {
  key: string;
  count: number;
  requested: number;
  later: number;
}
export interface SchemeTally extends Tally {
  budget: number;
  bar: Bar;
  /** Of `requested`, what continuations of earlier rounds' measures ask: counted first, already bound. */
  continuing: number;
}

export interface Overview {
  count: number;
  requested: number;
  /** Asked of school years after the round's: bound for later years. */
  later: number;
  budget: number;
  withdrawn: number;
  schemes: SchemeTally[];
  groups: Tally[];
  ownerTypes: Tally[];
  /** Submitted, not yet formally checked; by the first priority area of the forum's plan, then oldest first. */
  waiting: OverviewRow[];
}

/** A withdrawn report asks for nothing; everything else filed in the round counts. */
export const countsInOverview = (status: ReportStatus) => status !== 'withdrawn' && status !== 'draft';

/** What a report asks of the round's school year and of later ones; without per-year columns, all of it now. */
export const moneyOfRow = (r: OverviewRow, schoolYear?: number): YearSplit => splitOfColumns(r, schoolYear);

function tallyBy(rows: readonly OverviewRow[], keyOf: (r: OverviewRow) => string, order: readonly string[], schoolYear?: number): Tally[] {
  const m = new Map<string, Tally>(order.map((k) => [k, { key: k, count: 0, requested: 0, later: 0 }]));
  for (const r of rows) {
    const k = keyOf(r) || '';
    const t = m.get(k) ?? { key: k, count: 0, requested: 0, later: 0 };
    const money = moneyOfRow(r, schoolYear);
    t.count += 1;
    t.requested += money.thisYear;
    t.later += money.later;
    m.set(k, t);
  }
  return [...m.values()];
}

export function computeOverview(
  rows: readonly OverviewRow[],
  budgets: Partial<Record<string, number>>,
  order: { groups: readonly string[]; ownerTypes: readonly string[] },
  /** The round's school year (its year); sums count that year, later years apart. */
  schoolYear?: number,
): Overview {
  const counted = rows.filter((r) => countsInOverview(r.status));
  const schemes = tallyBy(counted, (r) => r.scheme, SCHEME_CODES, schoolYear).map((t) => {
    const budget = budgets[t.key] ?? 0;
    const continuing = counted.filter((r) => r.continues && r.scheme === t.key).reduce((sum, r) => sum + moneyOfRow(r, schoolYear).thisYear, 0);
    return { ...t, budget, bar: barOf(t.requested, budget), continuing };
  });
  return {
    count: counted.length,
    requested: schemes.reduce((s, t) => s + t.requested, 0),
    later: schemes.reduce((s, t) => s + t.later, 0),
    budget: SCHEME_CODES.reduce((s, k) => s + (budgets[k] ?? 0), 0),
    withdrawn: rows.length - counted.length,
    schemes,
    groups: tallyBy(counted, (r) => r.workingGroup, order.groups, schoolYear),
    ownerTypes: tallyBy(counted, (r) => r.ownerType, order.ownerTypes, schoolYear),
    waiting: counted
      .filter((r) => r.status === 'submitted')
      .sort(
        (a, b) => compareFirstArea(a.priorityAreas, b.priorityAreas) || a.submittedAt.localeCompare(b.submittedAt) || a.reference.localeCompare(b.reference),
      ),
  };
}

/**
 * A bar as column weights out of 100: the requested part within the budget, the budget still
 * free, and the part asked beyond the budget. When more is asked than budgeted the whole bar is
 * the request, so the overrun shows as its share of it. A non-zero part is never drawn as zero.
 */
export interface Bar {
  within: number;
  free: number;
  over: number;
  percent: number;
}

export function barOf(requested: number, budget: number): Bar {
  const req = Math.max(0, requested);
  const bud = Math.max(0, budget);
  const percent = bud > 0 ? Math.round((req / bud) * 100) : req > 0 ? Infinity : 0;
  if (req === 0) return { within: 0, free: bud > 0 ? 100 : 0, over: 0, percent: 0 };
  if (req <= bud) {
    const within = visible(Math.round((req / bud) * 100), req < bud);
    return { within, free: 100 - within, over: 0, percent };
  }
  if (bud === 0) return { within: 0, free: 0, over: 100, percent };
  const within = visible(Math.round((bud / req) * 100), true);
  return { within, free: 0, over: 100 - within, percent };
}

// 0.4 % still shows as a sliver, and 99.6 % of the budget leaves a sliver free.
function visible(share: number, leavesRest: boolean): number {
  return Math.min(leavesRest ? 99 : 100, Math.max(1, share));
}

/**
 * The share of a budget in words ("0,3", "< 0,1", "45"): one decimal below 10 %, so a small sum
 * never reads as "0 %" (issue 22: 252 000 kr of a large budget), and nothing under the budget
 * reads as "100 %".
 */
export function percentText(amount: number, budget: number, locale: Locale = 'nb'): string {
  if (budget <= 0 || amount <= 0) return '0';
  const p = (amount / budget) * 100;
  const format = (n: number, digits: number) =>
    new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
  if (p < 0.1) return `< ${format(0.1, 1)}`;
  if (p < 10) return format(Math.min(9.9, Math.round(p * 10) / 10), 1);
  if (amount < budget) return format(Math.min(99, Math.round(p)), 0);
  return format(Math.round(p), 0);
}
