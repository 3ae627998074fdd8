import type { Decision } from './decision';
import { decodeYears, NO_MONEY, addSplits, type YearSplit } from './money/schoolYear';
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
  /** The owner and who filed it: the owner's people are told the results. */
  ownerOrgnr: string;
  createdBy: { tenantId: string; aadObjectId: string };
}

/**
 * Still before a decision on the forum's recommendation: prioritised or not (waiting for the
 * secretariat), undecided on an agenda, or recommended by a working group and bound for the forum.
 */
export const AWAITING_DECISION: readonly ReportStatus[] = ['on_agenda', 'recommended_by_group', 'prioritised', 'not_prioritised'];

export type Readiness = { ready: true; decided: number } | { ready: false; waiting: number; decided: number; reason: 'waiting' | 'none' };

export function readiness(rows: readonly Pick<ResultRow, 'status' | 'decision'>[]): Readiness {
  const waiting = rows.filter((r) => AWAITING_DECISION.includes(r.status)).length;
  const decided = rows.filter((r) => r.decision).length;
  if (waiting > 0) return { ready: false, waiting, decided, reason: 'waiting' };
  if (decided === 0) return { ready: false, waiting, decided, reason: 'none' };
  return { ready: true, decided };
}

/** What a decision grants for the round's school year and for later ones. */
export function grantedSplit(row: Pick<ResultRow, 'requestedPerYear' | 'decision'>, schoolYear: number): YearSplit {
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
