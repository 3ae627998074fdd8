import type { Decision, Payment } from '../decision';
import { cutLine } from '../forum/cutLine';
import { forumOfGroup, forumsOf, type RegionConfig } from '../regions';
import type { ReportStatus } from '../report/lifecycle';
import { budgetOf, budgetScopeOf, SCHEME_CODES, SHARED_BUDGET, type Round } from '../round';
import type { Scheme } from '../schemes';
import { decodeYears, NO_MONEY, splitOfColumns, type YearSplit } from './schoolYear';

/**
 * The money ledger (issue 22 item 2): per round, budget scope (a forum, or '*' for one budget
 * across forums) and scheme, what the round's school year has in it. Every card that shows money
 * reads it, so an agenda, a cut line, a recommendation, the decision list and form, the bulk grant,
 * the overview and the results all say the same.
 *
 * It is derived, not stored: the figures are a fold over the round's report rows (one partition
 * query with $select of the summary, decision and payment columns, storage/ledgerRows.ts), and the
 * rows are the records every decision and payment already writes under its own ETag. A stored
 * running total would be a second copy of the same facts that two instances could let drift (a
 * decision written, the total not); a fold cannot disagree with the decisions it sums, and needs
 * no lock. The read is the one the overview already makes per click: one partition, no table scan.
 */

/** What the ledger reads of a report (storage/ledgerRows.ts fills it from the columns). */
export interface LedgerRow {
  id: string;
  reference: string;
  scheme: string;
  workingGroup: string;
  status: ReportStatus;
  totalRequested: number;
  /** "2027:1250000,2028:1000000": the school years of the measure, in the order of the decision's amounts. */
  requestedPerYear?: string;
  /** A continuation: the original report's reference. */
  continues?: string;
  decision?: Pick<Decision, 'outcome' | 'amounts' | 'total'>;
  /** The decision's time when the bulk grant made it (a run's grants are known by it). */
  bulkAt?: string;
  payment?: Pick<Payment, 'schoolYear' | 'amount'>;
  /** Two steps: the working group recommended it (status recommended_by_group). */
  groupRecommended?: boolean;
  /** From the accepted or sent usage report of the round's school year: unused money and what the owner does with it. */
  unused?: { carryOver: number; repay: number };
}

export interface LedgerLine {
  scope: string;
  scheme: Scheme;
  schoolYear: number;
  budget: number;
  /** This school year's amounts of running measures (continuations of earlier rounds, not refused). */
  continuations: number;
  /** Recommended by a working group, not yet treated by the forum (continuations apart): shown apart, not counted. */
  recommendedInGroups: number;
  /** Prioritised by the forum, no decision yet. */
  prioritised: number;
  /** Granted for this school year. */
  granted: number;
  /** Granted for later school years: commitments, decided again in later rounds. */
  later: number;
  paid: number;
  carriedOver: number;
  repaid: number;
  /** Counted against the budget: granted, prioritised without decision, continuations not yet decided. */
  taken: number;
  /** budget − taken (negative when over). */
  left: number;
}

export interface Ledger {
  roundId: string;
  schoolYear: number;
  lines: LedgerLine[];
}

/** Statuses whose money nobody counts (any more): refused, withdrawn or never filed. */
const OUT: readonly ReportStatus[] = ['draft', 'withdrawn', 'not_prioritised', 'rejected', 'returned'];

/** What a decision grants for the school year and for later ones (per-year columns in decision order). */
export function grantedSplit(row: Pick<LedgerRow, 'requestedPerYear' | 'decision'>, schoolYear: number): YearSplit {
  const d = row.decision;
  if (!d || d.outcome === 'rejected') return NO_MONEY;
  const years = decodeYears(row.requestedPerYear);
  // Stored before per-year columns: all of it counts now, as the overview does.
  if (!years) return { thisYear: d.total, later: 0 };
  let thisYear = 0;
  let later = 0;
  years.forEach((y, i) => {
    const amount = d.amounts[i] ?? 0;
    if (y.schoolYear === schoolYear) thisYear += amount;
    else if (y.schoolYear > schoolYear) later += amount;
  });
  return { thisYear, later };
}

/**
 * What a report's payment paid of the school year: a payment of another school year pays nothing
 * here, and one stored without its amount paid what was granted for the year. The ledger's `paid`
 * and the analysis' (issue 24) are this, report by report.
 */
export function paidIn(row: Pick<LedgerRow, 'requestedPerYear' | 'decision' | 'payment'>, schoolYear: number): number {
  if (!row.payment || (row.payment.schoolYear ?? schoolYear) !== schoolYear) return 0;
  return row.payment.amount ?? grantedSplit(row, schoolYear).thisYear;
}

/** What a report asks of the school year (its requested columns). */
export const askedOf = (row: Pick<LedgerRow, 'totalRequested' | 'requestedPerYear'>, schoolYear: number) => splitOfColumns(row, schoolYear).thisYear;

/**
 * What one report takes of its line's budget now: its decision's amount once decided, what it asks
 * while prioritised, and a continuation's amount until it is decided or refused (its money was
 * bound when the measure was first granted). Anything else takes nothing yet.
 */
export function takenBy(row: LedgerRow, schoolYear: number): number {
  if (row.decision) return grantedSplit(row, schoolYear).thisYear;
  if (OUT.includes(row.status)) return 0;
  if (row.status === 'prioritised' || row.continues) return askedOf(row, schoolYear);
  return 0;
}

/**
 * What a report has committed of its line's budget for good: its decision's amount for the school
 * year, or a bound continuation's until it is decided. Prioritised reports without a decision
 * compete for the budget and commit nothing yet: a bulk grant checks against this (issue 22).
 */
export function committedBy(row: LedgerRow, schoolYear: number): number {
  if (row.decision) return grantedSplit(row, schoolYear).thisYear;
  if (row.continues && !OUT.includes(row.status)) return askedOf(row, schoolYear);
  return 0;
}

/** The key of a ledger line: budget scope and scheme. */
export const lineKey = (scope: string, scheme: string) => `${scope}|${scheme}`;

/** What is committed per line (`lineKey`) of the round, from its report rows (see committedBy). */
export function committedOf(round: Pick<Round, 'budgetSplit'>, regions: RegionConfig, rows: readonly LedgerRow[], schoolYear: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) {
    const key = lineKey(scopeOfRow(round, regions, row), row.scheme);
    out.set(key, (out.get(key) ?? 0) + committedBy(row, schoolYear));
  }
  return out;
}

/** The forum of a report: its working group's (a group in no forum falls back to the County Governor's id). */
export const forumOfRow = (regions: RegionConfig, row: Pick<LedgerRow, 'workingGroup'>) => forumOfGroup(regions, row.workingGroup)?.id ?? regions.id;

/** The budget scope a report counts under (see budgetScopeOf). */
export const scopeOfRow = (round: Pick<Round, 'budgetSplit'>, regions: RegionConfig, row: Pick<LedgerRow, 'workingGroup'>) =>
  budgetScopeOf(round, forumOfRow(regions, row));

/** The scopes a round has lines for: '*' when shared, else each forum. */
export function scopesOf(round: Pick<Round, 'budgetSplit'>, regions: RegionConfig): string[] {
  return round.budgetSplit === 'perForum' ? forumsOf(regions).map((f) => f.id) : [SHARED_BUDGET];
}

const emptyLine = (scope: string, scheme: Scheme, schoolYear: number, budget: number): LedgerLine => ({
  scope,
  scheme,
  schoolYear,
  budget,
  continuations: 0,
  recommendedInGroups: 0,
  prioritised: 0,
  granted: 0,
  later: 0,
  paid: 0,
  carriedOver: 0,
  repaid: 0,
  taken: 0,
  left: budget,
});

/** The round's ledger from its report rows (the round's school year is its year). */
export function ledgerOf(
  round: Pick<Round, 'id' | 'year' | 'budgets' | 'budgetSplit' | 'forumBudgets'>,
  regions: RegionConfig,
  rows: readonly LedgerRow[],
): Ledger {
  const schoolYear = round.year;
  const lines = new Map<string, LedgerLine>();
  for (const scope of scopesOf(round, regions))
    for (const scheme of SCHEME_CODES) lines.set(`${scope}|${scheme}`, emptyLine(scope, scheme, schoolYear, budgetOf(round, scope, scheme)));
  for (const row of rows) {
    if (!(SCHEME_CODES as readonly string[]).includes(row.scheme)) continue;
    const scope = scopeOfRow(round, regions, row);
    const key = `${scope}|${row.scheme}`;
    const line = lines.get(key) ?? emptyLine(scope, row.scheme as Scheme, schoolYear, budgetOf(round, scope, row.scheme as Scheme));
    lines.set(key, line);
    const asked = askedOf(row, schoolYear);
    if (row.continues && !OUT.includes(row.status)) line.continuations += row.decision ? grantedSplit(row, schoolYear).thisYear : asked;
    // A continuation's money is bound already: it is not shown again as recommended.
    if (row.status === 'recommended_by_group' && row.groupRecommended && !row.continues) line.recommendedInGroups += asked;
    if (row.decision) {
      const split = grantedSplit(row, schoolYear);
      line.granted += split.thisYear;
      line.later += split.later;
    } else if (row.status === 'prioritised') line.prioritised += asked;
    line.paid += paidIn(row, schoolYear);
    if (row.unused) {
      line.carriedOver += row.unused.carryOver;
      line.repaid += row.unused.repay;
    }
    line.taken += takenBy(row, schoolYear);
  }
  for (const line of lines.values()) line.left = line.budget - line.taken;
  return { roundId: round.id, schoolYear, lines: [...lines.values()] };
}

/** One line of the ledger; a scope or scheme without one has its budget and nothing taken. */
export function lineOf(ledger: Ledger, scope: string, scheme: Scheme): LedgerLine {
  return ledger.lines.find((l) => l.scope === scope && l.scheme === scheme) ?? emptyLine(scope, scheme, ledger.schoolYear, 0);
}

/**
 * What a set of reports (an agenda's items, the bulk grant's list) starts from per scheme: what the
 * rest of the round has taken already, so a second meeting starts where the first one ended.
 */
export function takenBefore(ledger: Ledger, scope: string, rows: readonly LedgerRow[], own: ReadonlySet<string>): Record<Scheme, number> {
  const out = {} as Record<Scheme, number>;
  for (const scheme of SCHEME_CODES) {
    const mine = rows.filter((r) => own.has(r.id) && r.scheme === scheme).reduce((s, r) => s + takenBy(r, ledger.schoolYear), 0);
    out[scheme] = lineOf(ledger, scope, scheme).taken - mine;
  }
  return out;
}

/** Sums lines (the County Governor's total over forums, or a forum's over schemes). */
export function sumLines(lines: readonly LedgerLine[]): Omit<LedgerLine, 'scope' | 'scheme' | 'schoolYear'> {
  const keys = ['budget', 'continuations', 'recommendedInGroups', 'prioritised', 'granted', 'later', 'paid', 'carriedOver', 'repaid', 'taken', 'left'] as const;
  return Object.fromEntries(keys.map((k) => [k, lines.reduce((s, l) => s + l[k], 0)])) as Omit<LedgerLine, 'scope' | 'scheme' | 'schoolYear'>;
}

/** An item the bulk grant leaves for the officer: the cut line goes through it (`fits` of `amount`) or it is below it. */
export interface LeftItem {
  row: LedgerRow;
  scope: string;
  place: 'line' | 'out';
  fits: number;
  amount: number;
}

/**
 * "Grant all prioritised as requested" follows the cut line: per budget scope and scheme, counted
 * from what the round took apart from these items (continuations first, then in the given order),
 * an item that fits whole is granted; the item the line goes through and those below it are left
 * for the officer, who decides them one by one (a partial grant needs a reason the owner reads).
 */
export function bulkPlan(
  round: Pick<Round, 'budgetSplit'>,
  regions: RegionConfig,
  ledger: Ledger,
  rows: readonly LedgerRow[],
  todo: readonly LedgerRow[],
): { grant: LedgerRow[]; left: LeftItem[] } {
  const grant: LedgerRow[] = [];
  const left: LeftItem[] = [];
  const scopes = new Map<string, LedgerRow[]>();
  for (const row of todo) {
    const scope = scopeOfRow(round, regions, row);
    scopes.set(scope, [...(scopes.get(scope) ?? []), row]);
  }
  for (const [scope, mine] of scopes) {
    const budgets = Object.fromEntries(SCHEME_CODES.map((s) => [s, lineOf(ledger, scope, s).budget])) as Record<Scheme, number>;
    const taken = takenBefore(ledger, scope, rows, new Set(mine.map((r) => r.id)));
    const known = mine.filter((r) => (SCHEME_CODES as readonly string[]).includes(r.scheme));
    const cut = cutLine(
      known.map((r) => ({
        reportId: r.id,
        reference: r.reference,
        scheme: r.scheme as Scheme,
        amount: askedOf(r, ledger.schoolYear),
        continuation: !!r.continues,
      })),
      budgets,
      taken,
    );
    known.forEach((row, i) => {
      const e = cut.items[i];
      if (e.place === 'fits') grant.push(row);
      else left.push({ row, scope, place: e.place, fits: e.fits, amount: e.amount });
    });
  }
  return { grant, left };
}
