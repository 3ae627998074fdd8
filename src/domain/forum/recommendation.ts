import { SCHEMES, type Scheme } from '../schemes';
import { splitYears } from '../money/schoolYear';
import type { AgendaItem, ItemResult } from './meeting';
import { countingOrder, cutLine, type CutLine } from './cutLine';

/**
 * The forum's recommendation (innstilling) from a closed vote: the prioritised reports, and per
 * scheme what they ask of the round's budget.
 */

export interface SchemeUse {
  scheme: Scheme;
  reports: number;
  /** Taken before this meeting plus what its prioritised items ask. */
  sum: number;
  /** Taken before this meeting (the ledger). */
  taken: number;
  /** Bound for school years after the round's. */
  later: number;
  budget: number;
  over: boolean;
  bar: BarWidths;
}

export interface Recommendation {
  prioritised: AgendaItem[];
  notPrioritised: AgendaItem[];
  /** Ties without the chair, and items nobody voted on: the secretariat must follow up. */
  undecided: AgendaItem[];
  schemes: SchemeUse[];
  overBudget: boolean;
}

/**
 * A budget bar in percent weights that add up to 100: `used` within the budget, `free` left of
 * it, `over` beyond it. Over budget the whole bar is the sum, and the budget's share of it is
 * `used`, so the overflow shows in proportion.
 */
export interface BarWidths {
  used: number;
  free: number;
  over: number;
}

export function barWidths(sum: number, budget: number): BarWidths {
  if (sum <= 0) return { used: 0, free: 100, over: 0 };
  if (budget <= 0) return { used: 0, free: 0, over: 100 };
  if (sum <= budget) {
    // A sliver of use stays visible; a bar only shows full when the budget is really used up.
    const used = sum === budget ? 100 : Math.min(99, Math.max(1, Math.round((sum / budget) * 100)));
    return { used, free: 100 - used, over: 0 };
  }
  const used = Math.min(99, Math.max(1, Math.round((budget / sum) * 100)));
  return { used, free: 0, over: 100 - used };
}

export function recommendationOf(
  items: ReadonlyArray<{ item: AgendaItem; result?: ItemResult }>,
  budgets: Partial<Record<Scheme, number>>,
  /** The round's school year; later years of the prioritised items are shown apart as commitments. */
  schoolYear?: number,
  /** Per scheme, what the round had taken before this meeting (ledger.ts takenBefore), counted into the sums. */
  taken: Partial<Record<Scheme, number>> = {},
): Recommendation {
  // Continuations first: their money counts against the year before anything new.
  const pick = (o: ItemResult['outcome']) =>
    countingOrder(
      items.filter((i) => (i.result?.outcome ?? 'undecided') === o).map((i) => i.item),
      (i) => i.continuation !== undefined,
    );
  const prioritised = pick('prioritised');
  const schemes = SCHEMES.map((scheme): SchemeUse => {
    const mine = prioritised.filter((i) => i.scheme === scheme);
    const sum = (taken[scheme] ?? 0) + mine.reduce((acc, i) => acc + i.roundAmount, 0);
    const later = schoolYear === undefined ? 0 : mine.reduce((acc, i) => acc + laterOf(i, schoolYear), 0);
    const budget = budgets[scheme] ?? 0;
    return { scheme, reports: mine.length, sum, taken: taken[scheme] ?? 0, later, budget, over: sum > budget, bar: barWidths(sum, budget) };
  });
  return {
    prioritised,
    notPrioritised: pick('not_prioritised'),
    undecided: pick('undecided'),
    schemes,
    overBudget: schemes.some((s) => s.over),
  };
}

/** What an item asks of school years after the round's (`schoolYear`): a commitment, not this year's money. */
export function laterOf(item: AgendaItem, schoolYear: number): number {
  return splitYears(item.years, schoolYear).later;
}

/**
 * Requested sums per scheme on an agenda, against the budget, for the agenda's totals: the
 * round's school year against its budget, and (given the year) what is bound for later years.
 */
export function agendaTotals(
  items: readonly AgendaItem[],
  budgets: Partial<Record<Scheme, number>>,
  schoolYear?: number,
  /** Per scheme, what the round had taken before this agenda (ledger.ts takenBefore), counted into the sums. */
  taken: Partial<Record<Scheme, number>> = {},
) {
  return SCHEMES.map((scheme) => {
    const mine = items.filter((i) => i.scheme === scheme);
    const sum = (taken[scheme] ?? 0) + mine.reduce((acc, i) => acc + i.roundAmount, 0);
    const later = schoolYear === undefined ? 0 : mine.reduce((acc, i) => acc + laterOf(i, schoolYear), 0);
    const budget = budgets[scheme] ?? 0;
    return { scheme, reports: mine.length, sum, taken: taken[scheme] ?? 0, later, budget, over: sum > budget };
  });
}

/** Per item, the sum of its scheme up to and including it (from what was taken before), in agenda order with continuations counted first. */
export function runningSums(items: readonly AgendaItem[], taken: Partial<Record<Scheme, number>> = {}): number[] {
  const acc: Partial<Record<Scheme, number>> = { ...taken };
  const at = new Map<AgendaItem, number>();
  for (const i of countingOrder(items, (x) => x.continuation !== undefined)) at.set(i, (acc[i.scheme] = (acc[i.scheme] ?? 0) + i.roundAmount));
  return items.map((i) => at.get(i)!);
}

/** An agenda's items as the cut line counts them: the round's school year, continuations first. */
export function agendaCutLine(items: readonly AgendaItem[], budgets: Partial<Record<Scheme, number>>, taken: Partial<Record<Scheme, number>> = {}): CutLine {
  return cutLine(
    items.map((i) => ({ reportId: i.reportId, reference: i.reference, scheme: i.scheme, amount: i.roundAmount, continuation: i.continuation !== undefined })),
    budgets,
    taken,
  );
}
