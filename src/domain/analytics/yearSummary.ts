import { PRIVACY_MIN_OWNERS } from './views';
import { mergeTallies, type Tally } from './tally';

/**
 * The forum's annual summary (issue 24): what a round gave, per scheme, and how it differs from
 * the round before. Figures only; the card words them (teams/analytics/yearSummaryCard.ts).
 */

export interface SchemeYear {
  scheme: string;
  /** Measures granted money, and the sum granted for the round's school year. */
  measures: number;
  granted: number;
  requested: number;
}

export interface YearSummary {
  measures: number;
  granted: number;
  requested: number;
  reports: number;
  schemes: SchemeYear[];
  counties: number;
  /** Owner types with reports granted money, most reports first (keys). */
  ownerTypes: string[];
  /** The three themes with the most money granted (keys), groups of too few owners left out. */
  themes: string[];
  /** The same figures of the round before, where there was one. */
  before?: { measures: number; granted: number; reports: number };
}

const grantedOf = (t: Tally) => Object.values(t.years).reduce((a, m) => a + m.granted, 0);
const requestedOf = (t: Tally) => Object.values(t.years).reduce((a, m) => a + m.requested, 0);

export function yearSummary(
  now: ReadonlyArray<{ scheme: string; tally: Tally }>,
  before: ReadonlyArray<{ scheme: string; tally: Tally }> | undefined,
): YearSummary {
  const whole = mergeTallies(now.map((x) => x.tally));
  const schemes = [...new Set(now.map((x) => x.scheme))].sort().map((scheme) => {
    const t = mergeTallies(now.filter((x) => x.scheme === scheme).map((x) => x.tally));
    return { scheme, measures: t.grantedN, granted: grantedOf(t), requested: requestedOf(t) };
  });
  const prev = before && before.length ? mergeTallies(before.map((x) => x.tally)) : undefined;
  return {
    measures: whole.grantedN,
    granted: grantedOf(whole),
    requested: requestedOf(whole),
    reports: whole.n,
    schemes,
    counties: Object.values(whole.groups.county).filter((g) => g.grantedN > 0).length,
    ownerTypes: Object.entries(whole.groups.ownerType)
      .filter(([, g]) => g.grantedN > 0)
      .sort(([, a], [, b]) => b.grantedN - a.grantedN)
      .map(([k]) => k),
    themes: Object.entries(whole.groups.theme)
      .filter(([, g]) => g.granted > 0 && Object.keys(g.owners).length >= PRIVACY_MIN_OWNERS)
      .sort(([, a], [, b]) => b.granted - a.granted)
      .slice(0, 3)
      .map(([k]) => k),
    ...(prev ? { before: { measures: prev.grantedN, granted: grantedOf(prev), reports: prev.n } } : {}),
  };
}
