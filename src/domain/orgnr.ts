/**
 * Norwegian organisation numbers (Enhetsregisteret, Brønnøysund): 9 digits, the last a MOD11
 * check digit over the first 8 with weights 3,2,7,6,5,4,3,2.
 */

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

export type OrgnrProblem = { reason: 'notDigits' } | { reason: 'length'; length: number } | { reason: 'checkDigit'; orgnr: string };

export type OrgnrCheck = { ok: true; orgnr: string } | ({ ok: false } & OrgnrProblem);

/**
 * The check digit for the first 8 digits, or null when no digit can make a valid number
 * (r = 1 would need check digit 10).
 */
export function orgnrCheckDigit(first8: string): number | null {
  if (!/^\d{8}$/.test(first8)) throw new Error('orgnrCheckDigit expects exactly 8 digits');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += WEIGHTS[i] * (first8.charCodeAt(i) - 48);
  const r = sum % 11;
  if (r === 0) return 0;
  if (r === 1) return null;
  return 11 - r;
}

// People copy numbers from letters and web pages: "974 760 673", with non-breaking or thin spaces.
const SPACE_CHARS = new Set([' ', '\t', '\u00a0', '\u2007', '\u2009', '\u202f']);

/** Checks a typed organisation number; on success gives the canonical 9-digit form. */
export function checkOrgnr(raw: string): OrgnrCheck {
  // One linear pass; no regex backtracking, so a pasted megabyte is cheap to refuse.
  let compact = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch >= '0' && ch <= '9') {
      if (compact.length < 20) compact += ch;
      else return { ok: false, reason: 'length', length: digitCount(raw) };
    } else if (!SPACE_CHARS.has(ch)) {
      return { ok: false, reason: 'notDigits' };
    }
  }
  if (compact.length !== 9) return { ok: false, reason: 'length', length: compact.length };
  const expected = orgnrCheckDigit(compact.slice(0, 8));
  if (expected === null || expected !== compact.charCodeAt(8) - 48) {
    return { ok: false, reason: 'checkDigit', orgnr: compact };
  }
  return { ok: true, orgnr: compact };
}

export function isValidOrgnr(raw: string): boolean {
  return checkOrgnr(raw).ok;
}

/** "974760673" → "974 760 673", the way Enhetsregisteret prints it. */
export function formatOrgnr(orgnr: string): string {
  return /^\d{9}$/.test(orgnr) ? `${orgnr.slice(0, 3)} ${orgnr.slice(3, 6)} ${orgnr.slice(6)}` : orgnr;
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}
