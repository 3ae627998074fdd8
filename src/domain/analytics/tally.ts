import type { ReportFacts } from './facts';

/**
 * The aggregate of one forum, round and scheme: counts and sums that reports' facts are added to
 * and taken from. Every figure is a whole number and every step exact, so a tally kept up by
 * additions and removals equals a recount (test/integration/aggregates.test.ts proves it).
 */

/** The dimensions a report is counted in; owner sector is public (municipal) or private. */
export const DIMENSIONS = ['theme', 'area', 'target', 'ownerType', 'sector', 'county', 'uh'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One group of a dimension (a theme, a county, a UH partner …). */
export interface Group {
  /** Reports. */
  n: number;
  prioritised: number;
  /** Reports granted money (granted or partly granted). */
  grantedN: number;
  requested: number;
  granted: number;
  /** How many of the group's reports each owner (organisation number) filed: for the privacy threshold. */
  owners: Record<string, number>;
}

export interface YearMoney {
  requested: number;
  prioritised: number;
  granted: number;
  paid: number;
}

export interface Tally {
  n: number;
  prioritised: number;
  grantedN: number;
  /** Per school year (its first calendar year). */
  years: Record<string, YearMoney>;
  later: number;
  ownPlanned: number;
  ownUsed: number;
  participants: number;
  units: number;
  usageReports: number;
  groups: Record<Dimension, Record<string, Group>>;
}

/**
 * The tally's maps are keyed by what owners typed (a UH partner's name may be `__proto__` or
 * `constructor`), so they have no prototype: a key only ever reaches the map's own entry.
 */
const dict = <V>(from: Readonly<Record<string, V>> = {}): Record<string, V> => Object.assign(Object.create(null) as Record<string, V>, from);

export function emptyTally(): Tally {
  return {
    n: 0,
    prioritised: 0,
    grantedN: 0,
    years: dict(),
    later: 0,
    ownPlanned: 0,
    ownUsed: 0,
    participants: 0,
    units: 0,
    usageReports: 0,
    groups: Object.fromEntries(DIMENSIONS.map((d) => [d, dict()])) as Tally['groups'],
  };
}

export const sectorOf = (ownerType: string): string => (ownerType === 'privat' ? 'private' : 'public');

/** The groups a report is in, per dimension. */
function groupsOf(f: ReportFacts): Array<[Dimension, string]> {
  return [
    ['theme', f.theme],
    ...f.areas.map((a) => ['area', a] as [Dimension, string]),
    ...f.targets.map((g) => ['target', g] as [Dimension, string]),
    ['ownerType', f.ownerType],
    ['sector', sectorOf(f.ownerType)],
    ['county', f.county],
    ...(f.uh ? [['uh', f.uh] as [Dimension, string]] : []),
  ];
}

const isGranted = (f: ReportFacts) => f.decided && f.granted > 0;

/** Adds (sign 1) or removes (sign -1) a report's facts, in place; groups and years that reach zero are dropped. */
export function applyFacts(t: Tally, f: ReportFacts, sign: 1 | -1): Tally {
  const b = (x: boolean) => (x ? sign : 0);
  t.n += sign;
  t.prioritised += b(f.prioritised);
  t.grantedN += b(isGranted(f));
  t.later += sign * f.later;
  t.ownPlanned += sign * f.ownPlanned;
  t.ownUsed += sign * f.ownUsed;
  t.participants += sign * f.participants;
  t.units += sign * f.units;
  t.usageReports += sign * f.usageReports;
  const y = String(f.schoolYear);
  const year = (t.years[y] ??= { requested: 0, prioritised: 0, granted: 0, paid: 0 });
  year.requested += sign * f.requested;
  year.prioritised += f.prioritised ? sign * f.requested : 0;
  year.granted += sign * f.granted;
  year.paid += sign * f.paid;
  if (Object.values(year).every((v) => v === 0)) delete t.years[y];
  for (const [dim, key] of groupsOf(f)) {
    const g = (t.groups[dim][key] ??= { n: 0, prioritised: 0, grantedN: 0, requested: 0, granted: 0, owners: dict() });
    g.n += sign;
    g.prioritised += b(f.prioritised);
    g.grantedN += b(isGranted(f));
    g.requested += sign * f.requested;
    g.granted += sign * f.granted;
    const owned = (g.owners[f.orgnr] ?? 0) + sign;
    if (owned === 0) delete g.owners[f.orgnr];
    else g.owners[f.orgnr] = owned;
    if (g.n === 0) delete t.groups[dim][key];
  }
  return t;
}

/** Several tallies as one (rounds, forums and schemes merged for a view); owners are merged too. */
export function mergeTallies(tallies: readonly Tally[]): Tally {
  const out = emptyTally();
  for (const t of tallies) {
    for (const k of ['n', 'prioritised', 'grantedN', 'later', 'ownPlanned', 'ownUsed', 'participants', 'units', 'usageReports'] as const) out[k] += t[k];
    for (const [y, m] of Object.entries(t.years)) {
      const year = (out.years[y] ??= { requested: 0, prioritised: 0, granted: 0, paid: 0 });
      for (const k of ['requested', 'prioritised', 'granted', 'paid'] as const) year[k] += m[k];
    }
    for (const dim of DIMENSIONS) {
      for (const [key, g] of Object.entries(t.groups[dim] ?? {})) {
        const o = (out.groups[dim][key] ??= { n: 0, prioritised: 0, grantedN: 0, requested: 0, granted: 0, owners: dict() });
        for (const k of ['n', 'prioritised', 'grantedN', 'requested', 'granted'] as const) o[k] += g[k];
        for (const [orgnr, c] of Object.entries(g.owners)) o.owners[orgnr] = (o.owners[orgnr] ?? 0) + c;
      }
    }
  }
  return out;
}

/** A tally read from storage, with dimensions added since it was written present and empty. */
export function normaliseTally(t: Partial<Tally> | undefined): Tally {
  const e = emptyTally();
  // Stored tallies come back from JSON with ordinary objects: copied into maps without a prototype.
  for (const d of DIMENSIONS) for (const [k, g] of Object.entries(t?.groups?.[d] ?? {})) e.groups[d][k] = { ...g, owners: dict(g.owners) };
  return { ...e, ...t, years: dict(t?.years), groups: e.groups };
}
