import { SCHEME_RULES, SCHEMES, type Scheme } from '../schemes';
import type { YearAmount } from './fields';

/**
 * Money of a report. The state grant requested for a year is the owner's share plus the
 * university partner's share; the own contribution comes on top and is not part of the grant.
 * All amounts are whole NOK, so sums are exact.
 */

export function grantForYear(row: Pick<YearAmount, 'owner' | 'uh'>): number {
  return row.owner + row.uh;
}

/** DEKOM: at least 30 % of the year's grant, rounded up to whole kroner; 0 for other schemes. */
export function minOwnContribution(grant: number, scheme: Scheme): number {
  const percent = SCHEME_RULES[scheme].ownContributionPercent;
  if (percent === 0 || grant <= 0) return 0;
  // Integer arithmetic: ceil(grant * percent / 100) without floating-point surprises at x.5.
  return Math.floor((grant * percent + 99) / 100);
}

export interface YearSummary {
  /** 1 for the first year of the measure. */
  year: number;
  /** The school year's first calendar year (2027 for 2027–2028), when the start is known. */
  schoolYear?: number;
  owner: number;
  uh: number;
  grant: number;
  ownContribution: number;
  minOwnContribution: number;
  meetsMinimum: boolean;
}

export interface MoneyOfReport {
  scheme?: Scheme;
  startYear?: number;
  years?: number;
  amounts?: readonly YearAmount[];
}

export function yearSummaries(report: MoneyOfReport): YearSummary[] {
  const rows = (report.amounts ?? []).slice(0, report.years ?? undefined);
  return rows.map((row, i) => {
    const grant = grantForYear(row);
    const min = report.scheme ? minOwnContribution(grant, report.scheme) : 0;
    const own = row.ownContribution ?? 0;
    return {
      year: i + 1,
      ...(report.startYear !== undefined ? { schoolYear: report.startYear + i } : {}),
      owner: row.owner,
      uh: row.uh,
      grant,
      ownContribution: own,
      minOwnContribution: min,
      meetsMinimum: own >= min,
    };
  });
}

export interface ReportTotals {
  years: YearSummary[];
  owner: number;
  uh: number;
  grant: number;
  ownContribution: number;
  minOwnContribution: number;
}

/** What the review card and agendas show: per year, and for the whole period. */
export function reportTotals(report: MoneyOfReport): ReportTotals {
  const years = yearSummaries(report);
  const sum = (pick: (y: YearSummary) => number) => years.reduce((acc, y) => acc + pick(y), 0);
  return {
    years,
    owner: sum((y) => y.owner),
    uh: sum((y) => y.uh),
    grant: sum((y) => y.grant),
    ownContribution: sum((y) => y.ownContribution),
    minOwnContribution: sum((y) => y.minOwnContribution),
  };
}

export interface SchemeSum {
  reports: number;
  grant: number;
  /** Grant requested per school year (keyed by its first calendar year). */
  bySchoolYear: Record<number, number>;
}

/** Requested grant per scheme, for agendas and summaries against each scheme's budget. */
export function sumsByScheme(reports: ReadonlyArray<MoneyOfReport & { scheme: Scheme }>): Record<Scheme, SchemeSum> {
  const out = Object.fromEntries(SCHEMES.map((s) => [s, { reports: 0, grant: 0, bySchoolYear: {} }])) as Record<Scheme, SchemeSum>;
  for (const report of reports) {
    const sum = out[report.scheme];
    sum.reports += 1;
    for (const y of yearSummaries(report)) {
      sum.grant += y.grant;
      if (y.schoolYear !== undefined) sum.bySchoolYear[y.schoolYear] = (sum.bySchoolYear[y.schoolYear] ?? 0) + y.grant;
    }
  }
  return out;
}

/** Requested grant for one school year only: what a multi-year measure asks of that round. */
export function grantInSchoolYear(report: MoneyOfReport, schoolYear: number): number {
  return yearSummaries(report).find((y) => y.schoolYear === schoolYear)?.grant ?? 0;
}
