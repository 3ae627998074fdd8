/**
 * Money counted per school year (DOMAIN.md section 5, "Money is per school year"). A round's
 * budget pays for one school year per scheme: the one starting in the round's year. What a
 * multi-year measure asks for later years is a commitment (bundet for senere år), shown beside
 * that year's sums, never added to them.
 */

export interface YearGrant {
  schoolYear: number;
  grant: number;
}

export interface YearSplit {
  /** Asked of the round's school year. */
  thisYear: number;
  /** Asked of later school years: commitments. */
  later: number;
}

export function splitYears(years: readonly YearGrant[], schoolYear: number): YearSplit {
  let thisYear = 0;
  let later = 0;
  for (const y of years) {
    if (y.schoolYear === schoolYear) thisYear += y.grant;
    else if (y.schoolYear > schoolYear) later += y.grant;
  }
  return { thisYear, later };
}

/** Adds splits up (per scheme, per group). */
export function addSplits(a: YearSplit, b: YearSplit): YearSplit {
  return { thisYear: a.thisYear + b.thisYear, later: a.later + b.later };
}

export const NO_MONEY: YearSplit = { thisYear: 0, later: 0 };

/**
 * The per-year column stored beside a report ("2027:1250000,2028:1000000"), so the overview
 * reads a round's per-year sums without unpacking a single report.
 */
export function encodeYears(years: readonly YearGrant[]): string {
  return years.map((y) => `${y.schoolYear}:${y.grant}`).join(',');
}

export function decodeYears(text: string | undefined): YearGrant[] | undefined {
  if (!text) return undefined;
  const out: YearGrant[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d{4}):(\d+)$/.exec(part.trim());
    if (!m) return undefined;
    out.push({ schoolYear: Number(m[1]), grant: Number(m[2]) });
  }
  return out;
}

/** The index of a school year among a measure's years (0 for its first), or -1 outside them. */
export function yearIndex(startYear: number, years: number, schoolYear: number): number {
  const i = schoolYear - startYear;
  return i >= 0 && i < years ? i : -1;
}

/** A report's split from its stored columns; a report stored without per-year columns asks all of it now. */
export function splitOfColumns(columns: { totalRequested: number; requestedPerYear?: string }, schoolYear: number | undefined): YearSplit {
  const years = decodeYears(columns.requestedPerYear);
  if (!years || schoolYear === undefined) return { thisYear: columns.totalRequested, later: 0 };
  return splitYears(years, schoolYear);
}

/**
 * The school year a payment in this round pays: the round's own when the measure runs then,
 * else the measure's first year (a measure starting the year after its round).
 */
export function paidSchoolYear(startYear: number, years: number, roundYear: number): number {
  return yearIndex(startYear, years, roundYear) >= 0 ? roundYear : startYear;
}
