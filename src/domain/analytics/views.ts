import { mergeTallies, type Dimension, type Group, type Tally } from './tally';

/**
 * The analysis views (issue 24) over a choice of tallies: pure figures, labelled by keys that the
 * card and the export translate. The card and the spreadsheet show the same rows.
 */

/** Groups of fewer owners than this show no figures: a figure could point at one owner. */
export const PRIVACY_MIN_OWNERS = 3;
/** Rows a view shows before the rest are summed as "others" (the card's size budget). */
export const MAX_ROWS = 8;
export const OTHERS = '_others';

export const VIEW_IDS = ['money', 'trend', 'themes', 'areas', 'targets', 'ownerTypes', 'sectors', 'counties', 'shares', 'uh', 'reach', 'own'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export type ChartType = 'Chart.VerticalBar' | 'Chart.HorizontalBar' | 'Chart.Donut' | 'Chart.Line';

/** What a column holds: NOK, a count, or a share in whole per cent. */
export const COLUMNS = {
  reports: 'count',
  requested: 'nok',
  prioritised: 'nok',
  granted: 'nok',
  paid: 'nok',
  prioritisedShare: 'percent',
  grantedShare: 'percent',
  value: 'count',
  amount: 'nok',
} as const;
export type ColumnId = keyof typeof COLUMNS;

/** A row: its key (a theme id, a county id, a school year, a round id …) and its kind, for the label. */
export interface ViewRow {
  kind: 'schemeYear' | 'round' | Dimension | 'metric' | 'others';
  key: string;
  /** A second key where a label needs it (the scheme of a school year's row). */
  sub?: string;
  values: number[];
}

export interface AnalysisView {
  id: ViewId;
  chart: ChartType;
  columns: ColumnId[];
  /** The column the chart draws (Line charts draw every column but the count). */
  chartColumn: number;
  rows: ViewRow[];
  /** Groups left out because fewer than PRIVACY_MIN_OWNERS owners are in them. */
  hidden: number;
}

export interface Selection {
  /** The tallies chosen (rounds × forums × schemes), with each one's round. */
  tallies: ReadonlyArray<{ roundId: string; scheme: string; tally: Tally }>;
  /** The chosen rounds, oldest first (the trend's order). */
  rounds: ReadonlyArray<{ id: string; year: number }>;
}

export interface Analysis {
  /** Reports counted, and the distinct owners behind them. */
  reports: number;
  owners: number;
  /** True when the whole choice has fewer than PRIVACY_MIN_OWNERS owners: no figures at all. */
  withheld: boolean;
  views: AnalysisView[];
}

const owners = (gs: readonly Group[]) => new Set(gs.flatMap((g) => Object.keys(g.owners))).size;
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part * 100) / whole) : 0);

/** A dimension's groups as rows, the largest first, small groups left out, the tail summed as "others". */
function groupRows(t: Tally, dim: Dimension, columns: (g: Group) => number[]): { rows: ViewRow[]; hidden: number } {
  const all = Object.entries(t.groups[dim] ?? {});
  const shown = all.filter(([, g]) => Object.keys(g.owners).length >= PRIVACY_MIN_OWNERS);
  const hidden = all.length - shown.length;
  shown.sort(([ka, a], [kb, b]) => b.requested - a.requested || b.n - a.n || ka.localeCompare(kb));
  const rows: ViewRow[] = shown.slice(0, MAX_ROWS).map(([key, g]) => ({ kind: dim, key, values: columns(g) }));
  const rest = shown.slice(MAX_ROWS).map(([, g]) => g);
  if (rest.length > 0) {
    const merged: Group = rest.reduce<Group>(
      (a, g) => ({
        n: a.n + g.n,
        prioritised: a.prioritised + g.prioritised,
        grantedN: a.grantedN + g.grantedN,
        requested: a.requested + g.requested,
        granted: a.granted + g.granted,
        owners: { ...a.owners, ...g.owners },
      }),
      { n: 0, prioritised: 0, grantedN: 0, requested: 0, granted: 0, owners: {} },
    );
    rows.push({ kind: 'others', key: OTHERS, sub: String(rest.length), values: columns(merged) });
  }
  return { rows, hidden };
}

const sums = (g: Group) => [g.n, g.requested, g.granted];
const shares = (g: Group) => [g.n, percent(g.prioritised, g.n), percent(g.grantedN, g.n)];

/** Every view over the chosen tallies. */
export function analyse(sel: Selection): Analysis {
  const whole = mergeTallies(sel.tallies.map((x) => x.tally));
  const ownerCount = owners(Object.values(whole.groups.ownerType));
  const withheld = whole.n > 0 && ownerCount < PRIVACY_MIN_OWNERS;
  const views: AnalysisView[] = [];
  const add = (v: AnalysisView) => {
    if (v.rows.length > 0 || v.hidden > 0) views.push(v);
  };

  // Money per scheme and school year.
  const money: ViewRow[] = [];
  const schemes = [...new Set(sel.tallies.map((x) => x.scheme))].sort();
  for (const scheme of schemes) {
    const t = mergeTallies(sel.tallies.filter((x) => x.scheme === scheme).map((x) => x.tally));
    for (const [year, m] of Object.entries(t.years).sort(([a], [b]) => a.localeCompare(b))) {
      money.push({ kind: 'schemeYear', key: year, sub: scheme, values: [m.requested, m.prioritised, m.granted, m.paid] });
    }
  }
  add({ id: 'money', chart: 'Chart.VerticalBar', columns: ['requested', 'prioritised', 'granted', 'paid'], chartColumn: 0, rows: money, hidden: 0 });

  // The trend: the same money round by round (a round of too few owners shows nothing).
  const trend: ViewRow[] = [];
  let trendHidden = 0;
  for (const r of sel.rounds) {
    const t = mergeTallies(sel.tallies.filter((x) => x.roundId === r.id).map((x) => x.tally));
    if (t.n === 0) continue;
    if (owners(Object.values(t.groups.ownerType)) < PRIVACY_MIN_OWNERS) {
      trendHidden++;
      continue;
    }
    const y = Object.values(t.years).reduce((a, m) => ({ requested: a.requested + m.requested, granted: a.granted + m.granted, paid: a.paid + m.paid }), {
      requested: 0,
      granted: 0,
      paid: 0,
    });
    trend.push({ kind: 'round', key: r.id, sub: String(r.year), values: [t.n, y.requested, y.granted, y.paid] });
  }
  if (sel.rounds.length > 1)
    add({ id: 'trend', chart: 'Chart.Line', columns: ['reports', 'requested', 'granted', 'paid'], chartColumn: 1, rows: trend, hidden: trendHidden });

  const byGroup = (id: ViewId, dim: Dimension, chart: ChartType, chartColumn: number) => {
    const { rows, hidden } = groupRows(whole, dim, sums);
    add({ id, chart, columns: ['reports', 'requested', 'granted'], chartColumn, rows, hidden });
  };
  byGroup('themes', 'theme', 'Chart.HorizontalBar', 1);
  byGroup('areas', 'area', 'Chart.HorizontalBar', 1);
  byGroup('targets', 'target', 'Chart.Donut', 0);
  byGroup('ownerTypes', 'ownerType', 'Chart.Donut', 0);
  byGroup('sectors', 'sector', 'Chart.Donut', 1);
  byGroup('counties', 'county', 'Chart.HorizontalBar', 1);

  // Is any group left out? Share of reports prioritised and granted, per owner type and county.
  const shareRows: ViewRow[] = [];
  let shareHidden = 0;
  for (const dim of ['ownerType', 'county'] as const) {
    const { rows, hidden } = groupRows(whole, dim, shares);
    shareRows.push(...rows);
    shareHidden += hidden;
  }
  add({
    id: 'shares',
    chart: 'Chart.HorizontalBar',
    columns: ['reports', 'prioritisedShare', 'grantedShare'],
    chartColumn: 2,
    rows: shareRows,
    hidden: shareHidden,
  });

  byGroup('uh', 'uh', 'Chart.HorizontalBar', 0);

  const metric = (key: string, value: number): ViewRow => ({ kind: 'metric', key, values: [value] });
  if (whole.usageReports > 0) {
    add({
      id: 'reach',
      chart: 'Chart.VerticalBar',
      columns: ['value'],
      chartColumn: 0,
      rows: [metric('usageReports', whole.usageReports), metric('participants', whole.participants), metric('units', whole.units)],
      hidden: 0,
    });
  }
  const dekom = mergeTallies(sel.tallies.filter((x) => x.scheme === 'DEKOM').map((x) => x.tally));
  if (dekom.n > 0) {
    const grantedDekom = Object.values(dekom.years).reduce((a, m) => a + m.granted, 0);
    add({
      id: 'own',
      chart: 'Chart.VerticalBar',
      columns: ['amount'],
      chartColumn: 0,
      rows: [metric('granted', grantedDekom), metric('ownPlanned', dekom.ownPlanned), metric('ownUsed', dekom.ownUsed)],
      hidden: 0,
    });
  }
  if (withheld) return { reports: whole.n, owners: ownerCount, withheld, views: [] };
  return { reports: whole.n, owners: ownerCount, withheld, views };
}
