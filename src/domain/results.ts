import type { Decision } from './decision';
import { NO_MONEY, addSplits } from './money/schoolYear';
import { grantedSplit } from './money/ledger';
import type { RegionConfig } from './regions';
import type { ReportStatus } from './report/lifecycle';
import { SCHEME_CODES } from './round';
import { barOf, type Bar } from './secretariat/overview';

/**
 * A round's results (tildeling), as published once decisions are complete: the sum granted for
 * the round's school year per scheme (against its budget) and per county, and the number of
 * measures granted. Pure: it works on the reports' summary columns and decisions.
 */

export interface ResultRow {
  status: ReportStatus;
  scheme: string;
  region: string;
  /** "2027:1250000,2028:1000000": the school years of the measure, in the order of the decision's amounts. */
  requestedPerYear?: string;
  decision?: Pick<Decision, 'outcome' | 'amounts' | 'total'>;
  /** The report's id (its row key). */
  id?: string;
  /** The reference, for the list of what still waits. */
  reference?: string;
  /** The working group, which gives the forum. */
  workingGroup?: string;
  /** On the agenda of a meeting whose vote has closed without a result for it. */
  undecided?: boolean;
  /** The owner and who filed it: the owner's people are told the results. */
  ownerOrgnr: string;
  createdBy: { tenantId: string; aadObjectId: string };
}

/**
 * What a report still needs before the round's results can go out (issue 22 item 4): every report
 * filed in the round, continuations included, must have a decision (or be withdrawn). Grouped by
 * the next step, each with the place to take it: the formal check, the owner (returned), an
 * agenda, the meeting's vote, the forum (after a group's recommendation), the follow-up of an
 * undecided item, or the decision.
 */
export const NEXT_STEPS = ['check', 'returned', 'agenda', 'meeting', 'forum', 'followUp', 'decision'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

/** The next step of a report in this status; `undecided`: on the agenda of a meeting whose vote has closed. */
export function nextStepOf(status: ReportStatus, undecided = false): NextStep | undefined {
  switch (status) {
    case 'submitted':
      return 'check';
    case 'returned':
      return 'returned';
    case 'formally_checked':
      return 'agenda';
    case 'on_agenda':
      return undecided ? 'followUp' : 'meeting';
    case 'recommended_by_group':
      return 'forum';
    case 'prioritised':
    case 'not_prioritised':
      return 'decision';
    default:
      return undefined;
  }
}

/** Kept for callers that list what waits for a decision on the forum's recommendation. */
export const AWAITING_DECISION: readonly ReportStatus[] = ['on_agenda', 'recommended_by_group', 'prioritised', 'not_prioritised'];

export interface Waiting {
  step: NextStep;
  references: string[];
}

export type Readiness = { ready: true; decided: number } | { ready: false; waiting: number; decided: number; reason: 'waiting' | 'none'; groups: Waiting[] };

export function readiness(rows: readonly Pick<ResultRow, 'status' | 'decision' | 'reference' | 'undecided'>[]): Readiness {
  const groups = new Map<NextStep, string[]>();
  for (const r of rows) {
    const step = r.decision ? undefined : nextStepOf(r.status, r.undecided);
    if (step) groups.set(step, [...(groups.get(step) ?? []), r.reference ?? '']);
  }
  const waiting = [...groups.values()].reduce((n, g) => n + g.length, 0);
  const decided = rows.filter((r) => r.decision).length;
  const ordered = NEXT_STEPS.filter((s) => groups.has(s)).map((step) => ({
    step,
    references: groups.get(step)!.sort((a, b) => a.localeCompare(b, 'nb', { numeric: true })),
  }));
  if (waiting > 0) return { ready: false, waiting, decided, reason: 'waiting', groups: ordered };
  if (decided === 0) return { ready: false, waiting, decided, reason: 'none', groups: [] };
  return { ready: true, decided };
}

export { grantedSplit };

export interface ResultTally {
  key: string;
  /** Measures granted (fully or partly). */
  count: number;
  granted: number;
  later: number;
}
export interface SchemeResult extends ResultTally {
  budget: number;
  bar: Bar;
  percent: number;
}

export interface Results {
  decided: number;
  /** Measures granted, fully or partly. */
  granted: number;
  rejected: number;
  sum: number;
  later: number;
  budget: number;
  schemes: SchemeResult[];
  counties: ResultTally[];
}

const isGrant = (d: ResultRow['decision']) => d !== undefined && d.outcome !== 'rejected';

export function computeResults(rows: readonly ResultRow[], budgets: Partial<Record<string, number>>, regions: RegionConfig, schoolYear: number): Results {
  const decided = rows.filter((r) => r.decision);
  const tally = (keys: readonly string[], keyOf: (r: ResultRow) => string): ResultTally[] => {
    const m = new Map<string, ResultTally>(keys.map((k) => [k, { key: k, count: 0, granted: 0, later: 0 }]));
    for (const r of decided) {
      if (!isGrant(r.decision)) continue;
      const k = keyOf(r);
      const t = m.get(k) ?? { key: k, count: 0, granted: 0, later: 0 };
      const money = grantedSplit(r, schoolYear);
      t.count += 1;
      t.granted += money.thisYear;
      t.later += money.later;
      m.set(k, t);
    }
    return [...m.values()];
  };
  const countyOf = (r: ResultRow) => regions.regions.find((g) => g.id === r.region)?.county ?? '';
  const schemes = tally(SCHEME_CODES, (r) => r.scheme).map((t) => {
    const budget = budgets[t.key] ?? 0;
    const bar = barOf(t.granted, budget);
    return { ...t, budget, bar, percent: bar.percent };
  });
  const counties = tally([...new Set(regions.regions.map((r) => r.county))], countyOf).filter((c) => c.count > 0);
  const total = schemes.reduce((s, t) => addSplits(s, { thisYear: t.granted, later: t.later }), NO_MONEY);
  return {
    decided: decided.length,
    granted: decided.filter((r) => isGrant(r.decision)).length,
    rejected: decided.filter((r) => r.decision?.outcome === 'rejected').length,
    sum: total.thisYear,
    later: total.later,
    budget: SCHEME_CODES.reduce((s, k) => s + (budgets[k] ?? 0), 0),
    schemes,
    counties,
  };
}

/**
 * The owners with a decided report in the round, each once, with the people who filed those reports:
 * the owner's people (its filers and current colleagues) are told the results, one message a person.
 */
export function resultOwners(rows: readonly ResultRow[]): Array<{ orgnr: string; filers: Array<{ tenantId: string; aadObjectId: string }> }> {
  const owners = new Map<string, Map<string, { tenantId: string; aadObjectId: string }>>();
  for (const r of rows) {
    if (!r.decision) continue;
    const filers = owners.get(r.ownerOrgnr) ?? new Map<string, { tenantId: string; aadObjectId: string }>();
    filers.set(`${r.createdBy.tenantId}:${r.createdBy.aadObjectId}`, r.createdBy);
    owners.set(r.ownerOrgnr, filers);
  }
  return [...owners].map(([orgnr, filers]) => ({ orgnr, filers: [...filers.values()] }));
}

/** Outbox keys of the publication: the channel's card and each owner's message. */
export const resultsChannelKey = (roundId: string) => `results:${roundId}:channel`;
export const resultsPersonKey = (roundId: string, p: { tenantId: string; aadObjectId: string }) => `results:${roundId}:${p.tenantId}:${p.aadObjectId}`;
/**
 * The key a forum's publication is kept and sent under: the round's id for the County Governor's
 * own forum (as before forums, so a round published then stays published), else round and forum.
 */
export const publicationKey = (roundId: string, forum: string, defaultForum: string) => (forum === defaultForum ? roundId : `${roundId}.${forum}`);
