/**
 * A school year is named by the year it starts: 2027 means "2027–2028". A round's year is the
 * year of its deadline (1 February); the money is used from the following August, so a new
 * measure starts in the round's year (see startYearRange).
 */

export const ANY_START_YEAR = { min: 2020, max: 2100 } as const;

export function formatSchoolYear(startYear: number): string {
  return `${startYear}–${startYear + 1}`;
}

/**
 * Every krone in exactly one school year (issue 22 item 3): a new measure's first school year is
 * its round's, so the round that decides it counts its first year, and each later year returns as
 * a continuation in the round of that year. A measure that is to start later is reported in that
 * year's round.
 */
export function startYearRange(roundYear: number | undefined): { min: number; max: number } {
  return roundYear === undefined ? { ...ANY_START_YEAR } : { min: roundYear, max: roundYear };
}

/** Values for an Input.ChoiceSet: value "2027", title "2027–2028". */
export function schoolYearChoices(roundYear: number): Array<{ title: string; value: string }> {
  const { min, max } = startYearRange(roundYear);
  const out: Array<{ title: string; value: string }> = [];
  for (let y = min; y <= max; y++) out.push({ title: formatSchoolYear(y), value: String(y) });
  return out;
}

/**
 * Reads "2027", "2027–2028", "2027-2028", "2027/2028", "2027/28" (any dash) as 2027; null when it
 * is not a school year. The second year, when given, must follow the first.
 */
export function parseSchoolYear(text: string): number | null {
  if (text.length > 20) return null;
  const m = /^(\d{4})(?:\s*[-–—‐/]\s*(\d{2}|\d{4}))?$/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  if (m[2] !== undefined) {
    const end = m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
    // "2099/00" rolls over the century.
    const expected = start + 1;
    if (end !== expected && !(m[2].length === 2 && end + 100 === expected)) return null;
  }
  return start;
}
