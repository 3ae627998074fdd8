import { SCHEMES, type Scheme } from '../schemes';

/**
 * The cut line (issue 12, item 8): given the agenda's order and each scheme's budget for the
 * round's school year, where the money runs out per scheme. Items above the line fit whole, the
 * line item fits in part, the rest not at all. Continuations count first, whatever their place:
 * their money was bound when the measure was first granted.
 */

export interface CutInput {
  reportId: string;
  reference: string;
  scheme: Scheme;
  /** What the item asks of the round's school year. */
  amount: number;
  continuation: boolean;
}

export type CutPlace = 'fits' | 'line' | 'out';

export interface CutEntry {
  reportId: string;
  scheme: Scheme;
  place: CutPlace;
  amount: number;
  /** The part of `amount` the budget still covers: all of it above the line, some on it, none below. */
  fits: number;
  /** The scheme's sum up to and with this item, continuations first. */
  running: number;
}

export interface SchemeCut {
  scheme: Scheme;
  budget: number;
  /** Taken from the budget before these items (the ledger: earlier meetings and decisions). */
  taken: number;
  /** Asked by the scheme's items, and by its continuations among them. */
  asked: number;
  continuing: number;
  /** Budget left when every item above the line is paid (0 once the line is reached). */
  left: number;
  /** The item the line goes through, and how much of it fits. */
  line?: { reportId: string; reference: string; fits: number; amount: number };
  /** The last item that fits whole, when the money ends exactly after it. */
  lastFit?: { reportId: string; reference: string };
  below: number;
}

export interface CutLine {
  /** One entry per item, in the order given. */
  items: CutEntry[];
  /** The schemes that have items, in the schemes' order. */
  schemes: SchemeCut[];
}

/** The order money is counted in: continuations first, then the rest, each in agenda order. */
export function countingOrder<T>(items: readonly T[], isContinuation: (item: T) => boolean): T[] {
  return [...items.filter(isContinuation), ...items.filter((i) => !isContinuation(i))];
}

export function cutLine(
  items: readonly CutInput[],
  budgets: Partial<Record<Scheme, number>>,
  /** Per scheme, what the round had taken before these items (ledger.ts takenBefore); the line starts from what is left. */
  taken: Partial<Record<Scheme, number>> = {},
): CutLine {
  const entries = new Map<CutInput, CutEntry>();
  const schemes = new Map<Scheme, SchemeCut & { remaining: number; sum: number }>();
  for (const item of countingOrder(items, (i) => i.continuation)) {
    let s = schemes.get(item.scheme);
    if (!s) {
      const budget = Math.max(0, budgets[item.scheme] ?? 0);
      const before = Math.max(0, taken[item.scheme] ?? 0);
      const free = Math.max(0, budget - before);
      s = { scheme: item.scheme, budget, taken: before, asked: 0, continuing: 0, left: free, below: 0, remaining: free, sum: before };
      schemes.set(item.scheme, s);
    }
    s.asked += item.amount;
    if (item.continuation) s.continuing += item.amount;
    s.sum += item.amount;
    let place: CutPlace;
    let fits: number;
    if (!s.line && item.amount <= s.remaining) {
      place = 'fits';
      fits = item.amount;
      s.remaining -= item.amount;
      if (s.remaining === 0 && item.amount > 0) s.lastFit = { reportId: item.reportId, reference: item.reference };
    } else if (!s.line && s.remaining > 0) {
      place = 'line';
      fits = s.remaining;
      s.line = { reportId: item.reportId, reference: item.reference, fits, amount: item.amount };
      s.remaining = 0;
    } else {
      place = 'out';
      fits = 0;
      s.below += 1;
    }
    entries.set(item, { reportId: item.reportId, scheme: item.scheme, place, amount: item.amount, fits, running: s.sum });
  }
  return {
    items: items.map((i) => entries.get(i)!),
    schemes: SCHEMES.filter((k) => schemes.has(k)).map((k) => {
      const { remaining, sum: _sum, lastFit, ...s } = schemes.get(k)!;
      // "Ends exactly after" only says something when items are left below it.
      return { ...s, left: remaining, ...(lastFit && s.below > 0 ? { lastFit } : {}) };
    }),
  };
}
