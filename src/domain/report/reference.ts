/**
 * A submitted report's reference, short enough to read out on the phone: "BM-2027-0042" is the
 * 42nd report of the 2027 round. The running number is zero-padded to four digits and simply
 * grows past 9999 ("BM-2027-10000").
 */

export interface ReportReference {
  roundYear: number;
  number: number;
}

const PREFIX = 'BM';

export function formatReference(roundYear: number, number: number): string {
  if (!Number.isInteger(roundYear) || roundYear < 1000 || roundYear > 9999) {
    throw new RangeError(`round year must be a four-digit year, got ${roundYear}`);
  }
  if (!Number.isSafeInteger(number) || number < 1) throw new RangeError(`running number must be 1 or more, got ${number}`);
  return `${PREFIX}-${roundYear}-${String(number).padStart(4, '0')}`;
}

/**
 * Reads a reference as people type or say it: any case, spaces or dashes between the parts,
 * with or without the zero padding ("bm 2027 42"). Null when it is not one.
 */
export function parseReference(text: string): ReportReference | null {
  if (text.length > 40) return null;
  const m = /^\s*BM[\s-]*(\d{4})[\s-]+(\d{1,15})\s*$/i.exec(text);
  if (!m) return null;
  const number = Number(m[2]);
  if (!Number.isSafeInteger(number) || number < 1) return null;
  return { roundYear: Number(m[1]), number };
}

/** The canonical spelling, or null: for finding a report by what someone typed. */
export function normaliseReference(text: string): string | null {
  const ref = parseReference(text);
  return ref && formatReference(ref.roundYear, ref.number);
}

/** Orders by round, then by number (so BM-2027-10000 comes after BM-2027-9999). */
export function compareReferences(a: ReportReference, b: ReportReference): number {
  return a.roundYear - b.roundYear || a.number - b.number;
}
