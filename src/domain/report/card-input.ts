import type { MessageKey } from '../i18n';
import { checkOrgnr, type OrgnrProblem } from '../orgnr';
import { bad, good, type Coerced, type Formats } from './problems';

/**
 * Turns one raw Adaptive Card value into a clean domain value. Cards send strings (Input.Text,
 * Input.ChoiceSet as "a,b", Input.Toggle as "true"/"false"), sometimes numbers (Input.Number),
 * and nothing for an untouched input; stored drafts send back the clean values. Every coercer
 * accepts both, so its output fed in again gives the same output.
 *
 * `undefined` in a result means "left empty"; whether that is allowed is the caller's choice.
 */

// Single-line fields never need line breaks; multi-line keeps \n only. Tabs become spaces.
const NEWLINES = /\r\n?|[\u0085\u2028\u2029]/g;
// C0/C1 controls, DEL, zero-width spaces, BOM and bidirectional overrides (they can make
// displayed text lie about its order). Markup and ${...} are left alone: they are data.
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const ANY_WHITESPACE_RUN = /\s+/g;

export function cleanText(raw: string, multiline: boolean): string {
  let s = raw.replace(NEWLINES, '\n').replace(/\t/g, ' ');
  s = multiline ? s.replace(INVISIBLE, '') : s.replace(INVISIBLE, '').replace(ANY_WHITESPACE_RUN, ' ');
  return s.normalize('NFC').trim();
}

/** Length as a person counts it: "å" and an emoji are one character each. */
export function charCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

export interface TextRule {
  max: number;
  multiline?: boolean;
}

export function coerceText(raw: unknown, rule: TextRule, f: Formats): Coerced<string | undefined> {
  if (raw === undefined || raw === null) return good(undefined);
  if (typeof raw !== 'string') return bad('report.error.wrongType');
  // Far past the limit, say so without cleaning or normalising a pasted megabyte.
  if (raw.length > rule.max * 4 + 1024) {
    return bad('report.error.tooLong', { max: f.count(rule.max), length: f.count(charCount(raw)) });
  }
  const s = cleanText(raw, rule.multiline ?? false);
  if (s === '') return good(undefined);
  const length = charCount(s);
  if (length > rule.max) return bad('report.error.tooLong', { max: f.count(rule.max), length: f.count(length) });
  return good(s);
}

export interface IntegerRule {
  min: number;
  max: number;
  /** Amounts get messages about kroner and øre; counts get messages about numbers. */
  kind: 'amount' | 'count';
}

const NUMBER_SPACES = new Set([' ', '\u00a0', '\u2007', '\u2009', '\u202f']);
const MINUS = new Set(['-', '\u2212', '\u2013']);

const INTEGER_KEYS = {
  amount: {
    notNumber: 'report.error.amount.notNumber',
    notWhole: 'report.error.amount.notWhole',
    negative: 'report.error.amount.negative',
    tooSmall: 'report.error.amount.tooSmall',
    tooLarge: 'report.error.amount.tooLarge',
  },
  count: {
    notNumber: 'report.error.number.notNumber',
    notWhole: 'report.error.number.notWhole',
    negative: 'report.error.number.negative',
    tooSmall: 'report.error.number.tooSmall',
    tooLarge: 'report.error.number.tooLarge',
  },
} as const satisfies Record<IntegerRule['kind'], Record<string, MessageKey>>;

/**
 * Whole numbers, strictly: "1 250 000" (any kind of space between digits) is 1250000; decimals,
 * thousands dots, signs, exponents and letters are refused with a message saying which.
 */
export function coerceInteger(raw: unknown, rule: IntegerRule, f: Formats): Coerced<number | undefined> {
  const keys = INTEGER_KEYS[rule.kind];
  const show = (n: number) => (rule.kind === 'amount' ? f.nok(n) : f.count(n));
  let value: number;
  if (raw === undefined || raw === null) return good(undefined);
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return bad(keys.notNumber);
    if (raw < 0) return bad(keys.negative);
    if (!Number.isInteger(raw)) return bad(keys.notWhole);
    value = raw;
  } else if (typeof raw === 'string') {
    const s = raw.trim();
    if (s === '') return good(undefined);
    let negative = false;
    let decimal = false;
    let digits = '';
    let overlong = false;
    let i = 0;
    if (MINUS.has(s[0])) {
      negative = true;
      i = 1;
    }
    for (; i < s.length; i++) {
      const ch = s[i];
      if (ch >= '0' && ch <= '9') {
        if (digits.length < 16) digits += ch;
        else overlong = true;
      } else if (ch === ',' || ch === '.') {
        decimal = true;
      } else if (!NUMBER_SPACES.has(ch)) {
        return bad(keys.notNumber);
      }
    }
    if (digits === '') return bad(keys.notNumber);
    if (negative) return bad(keys.negative);
    if (decimal) return bad(keys.notWhole);
    if (overlong) return bad(keys.tooLarge, { max: show(rule.max) });
    value = Number(digits);
  } else {
    return bad('report.error.wrongType');
  }
  if (value > rule.max) return bad(keys.tooLarge, { max: show(rule.max) });
  if (value < rule.min) return bad(keys.tooSmall, { min: show(rule.min) });
  return good(value);
}

/** Input.Toggle: "true"/"false"; untouched counts as false. */
export function coerceToggle(raw: unknown): Coerced<boolean> {
  const v = typeof raw === 'string' ? raw.trim() : raw;
  if (v === true || v === 'true') return good(true);
  if (v === false || v === 'false' || v === undefined || v === null || v === '') return good(false);
  return bad('report.error.wrongType');
}

/** One value from a fixed list. Case is forgiven; the list's spelling is kept. */
export function coerceChoice<T extends string>(raw: unknown, values: readonly T[]): Coerced<T | undefined> {
  if (raw === undefined || raw === null) return good(undefined);
  if (typeof raw !== 'string') return bad('report.error.wrongType');
  if (raw.length > 200) return bad('report.error.unknownChoice');
  const s = raw.trim();
  if (s === '') return good(undefined);
  const found = values.find((v) => v === s) ?? values.find((v) => v.toLowerCase() === s.toLowerCase());
  return found === undefined ? bad('report.error.unknownChoice') : good(found);
}

/** Input.ChoiceSet with isMultiSelect: "a,b,c", or an array when read back from a draft. */
export function coerceChoices<T extends string>(raw: unknown, values: readonly T[]): Coerced<T[] | undefined> {
  if (raw === undefined || raw === null) return good(undefined);
  let parts: unknown[];
  if (typeof raw === 'string') {
    if (raw.length > 2000) return bad('report.error.unknownChoice');
    parts = raw.split(',');
  } else if (Array.isArray(raw)) {
    if (raw.length > 100) return bad('report.error.unknownChoice');
    parts = raw;
  } else {
    return bad('report.error.wrongType');
  }
  const chosen = new Set<T>();
  for (const part of parts) {
    if (typeof part !== 'string') return bad('report.error.wrongType');
    if (part.trim() === '') continue;
    const one = coerceChoice(part, values);
    if (!one.ok) return one;
    if (one.value !== undefined) chosen.add(one.value);
  }
  if (chosen.size === 0) return good(undefined);
  // The list's order, not the click order, so equal choices compare and display equally.
  return good(values.filter((v) => chosen.has(v)));
}

export function orgnrProblemKey(problem: OrgnrProblem): MessageKey {
  switch (problem.reason) {
    case 'notDigits':
      return 'report.error.orgnr.notDigits';
    case 'length':
      return 'report.error.orgnr.length';
    case 'checkDigit':
      return 'report.error.orgnr.checkDigit';
  }
}

export function orgnrProblemParams(problem: OrgnrProblem): Record<string, string | number> | undefined {
  if (problem.reason === 'length') return { length: problem.length };
  if (problem.reason === 'checkDigit') return { orgnr: problem.orgnr };
  return undefined;
}

export function coerceOrgnr(raw: unknown): Coerced<string | undefined> {
  if (raw === undefined || raw === null) return good(undefined);
  let s: string;
  if (typeof raw === 'string') s = raw;
  else if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) s = String(raw);
  else return bad('report.error.wrongType');
  if (s.trim() === '') return good(undefined);
  const checked = checkOrgnr(s.trim());
  if (checked.ok) return good(checked.orgnr);
  return bad(orgnrProblemKey(checked), orgnrProblemParams(checked));
}

const EMAIL_MAX = 254;
const EMAIL_LOCAL = /^[A-Za-z0-9\p{L}!#$%&'*+/=?^_`{|}~.-]{1,64}$/u;
const DOMAIN_LABEL = /^[A-Za-z0-9\p{L}](?:[A-Za-z0-9\p{L}-]{0,61}[A-Za-z0-9\p{L}])?$/u;

export function isEmailAddress(s: string): boolean {
  if (s.length > EMAIL_MAX) return false;
  const at = s.indexOf('@');
  if (at < 1 || at !== s.lastIndexOf('@')) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (!EMAIL_LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => DOMAIN_LABEL.test(l))) return false;
  return /^\p{L}{2,}$/u.test(labels[labels.length - 1]);
}

export function coerceEmail(raw: unknown, f: Formats): Coerced<string | undefined> {
  const text = coerceText(raw, { max: EMAIL_MAX }, f);
  if (!text.ok || text.value === undefined) return text;
  return isEmailAddress(text.value) ? good(text.value) : bad('report.error.email');
}

/**
 * Norwegian numbers are 8 digits ("22 00 00 00"); foreign ones start with + or 00 and have
 * 7–15 digits after it (E.164). Kept as typed, with spaces tidied.
 */
export function isPhoneNumber(s: string): boolean {
  if (!/^\+?[\d ]+$/.test(s)) return false;
  const digits = s.replace(/ /g, '');
  if (digits.startsWith('+')) return digits.length - 1 >= 7 && digits.length - 1 <= 15;
  if (digits.startsWith('00')) return digits.length - 2 >= 7 && digits.length - 2 <= 15;
  return digits.length === 8;
}

export function coercePhone(raw: unknown, f: Formats): Coerced<string | undefined> {
  // Up to 100 characters the answer is "not a phone number", which helps more than "too long".
  const text = coerceText(raw, { max: 100 }, f);
  if (!text.ok || text.value === undefined) return text;
  const tidy = text.value.replace(/[\u00a0\u2007\u2009\u202f]/g, ' ');
  return tidy.length <= 30 && isPhoneNumber(tidy) ? good(tidy) : bad('report.error.phone');
}
