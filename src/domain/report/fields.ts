import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { coerceInteger, coerceToggle } from './card-input';
import { MAX_YEARS, LIMITS } from './limits';
import { bad, good, type Coerced, type Formats, type Problem } from './problems';
import { formatSchoolYear, parseSchoolYear } from './school-year';

/**
 * Wraps a coercer as a zod schema. Every issue it raises is `custom` and carries the message
 * key and its parameters in `params`, so one schema gives the value, its type and the text.
 */
export function zField<T>(coerce: (raw: unknown) => Coerced<T>) {
  return z.unknown().transform((raw, ctx): T => {
    const result = coerce(raw);
    if (result.ok) return result.value;
    for (const p of result.problems) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: p.key,
        path: p.path ?? [],
        params: { key: p.key, params: p.params ?? {} },
      });
    }
    return z.NEVER;
  });
}

/** Reads a problem back out of a zod issue; anything not raised by zField is "wrong type". */
export function problemOfIssue(issue: z.ZodIssue): Problem & { path: Array<string | number> } {
  if (issue.code === z.ZodIssueCode.custom && typeof issue.params?.key === 'string') {
    const params = issue.params.params as Problem['params'];
    const hasParams = params && Object.keys(params).length > 0;
    return { key: issue.params.key as MessageKey, ...(hasParams ? { params } : {}), path: issue.path };
  }
  return { key: 'report.error.wrongType', path: issue.path };
}

export function required<T>(c: Coerced<T | undefined>, key: MessageKey = 'report.error.required'): Coerced<T> {
  if (!c.ok) return c;
  return c.value === undefined ? bad(key) : good(c.value);
}

/** The two confirmations must be ticked; an untouched toggle is "not ticked". */
export function mustBeTrue(raw: unknown, key: MessageKey): Coerced<true> {
  const ticked = coerceToggle(raw);
  if (!ticked.ok) return ticked;
  return ticked.value ? good(true) : bad(key);
}

export function coerceStartYear(raw: unknown, range: { min: number; max: number }): Coerced<number | undefined> {
  if (raw === undefined || raw === null) return good(undefined);
  let year: number | null;
  if (typeof raw === 'number') year = Number.isInteger(raw) ? raw : null;
  else if (typeof raw === 'string') {
    if (raw.trim() === '') return good(undefined);
    year = parseSchoolYear(raw);
  } else return bad('report.error.wrongType');
  if (year === null) return bad('report.error.schoolYear.format');
  if (year < range.min || year > range.max) {
    // One year allowed (the round's): say why, not "no earlier than 2027–2028 and no later than 2027–2028".
    if (range.min === range.max) return bad('report.error.schoolYear.roundOnly', { min: formatSchoolYear(range.min) });
    return bad('report.error.schoolYear.range', { min: formatSchoolYear(range.min), max: formatSchoolYear(range.max) });
  }
  return good(year);
}

export function coerceYears(raw: unknown, f: Formats): Coerced<number> {
  const n = coerceInteger(raw, { ...LIMITS.years, kind: 'count' }, f);
  if (!n.ok) return n.problems[0].key === 'report.error.wrongType' ? n : bad('report.error.years');
  return n.value === undefined ? bad('report.error.years') : good(n.value);
}

export interface YearAmount {
  /** The owner's share of the state grant requested for this year, whole NOK. */
  owner: number;
  /** The university partner's share of the state grant requested for this year, whole NOK. */
  uh: number;
  /** What the owner puts in itself (money or staff time valued in NOK); required for DEKOM. */
  ownContribution?: number;
}

/** One row per year of the measure; problems point at [row, 'owner' | 'uh' | 'ownContribution']. */
export function coerceAmounts(raw: unknown, f: Formats): Coerced<YearAmount[]> {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    return bad('report.error.amount.required', { year: 1 }, [0, 'owner']);
  }
  if (!Array.isArray(raw)) return bad('report.error.wrongType', undefined, [0, 'owner']);
  if (raw.length > MAX_YEARS) return bad('report.error.years');
  const rule = { ...LIMITS.amount, kind: 'amount' as const };
  const rows: YearAmount[] = [];
  const problems: Problem[] = [];
  raw.forEach((row: unknown, i) => {
    const year = i + 1;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problems.push({ key: 'report.error.wrongType', path: [i, 'owner'] });
      return;
    }
    const r = row as Record<string, unknown>;
    const owner = required(coerceInteger(r.owner, rule, f), 'report.error.amount.required');
    const uh = required(coerceInteger(r.uh, rule, f), 'report.error.amount.required');
    const own = coerceInteger(r.ownContribution, rule, f);
    const at = (field: string, c: Coerced<unknown>) => {
      if (!c.ok) for (const p of c.problems) problems.push({ ...p, params: { ...(p.params ?? {}), year }, path: [i, field] });
    };
    at('owner', owner);
    at('uh', uh);
    at('ownContribution', own);
    if (owner.ok && uh.ok && own.ok) {
      if (owner.value + uh.value === 0) problems.push({ key: 'report.error.amount.yearZero', params: { year }, path: [i, 'owner'] });
      rows.push(own.value === undefined ? { owner: owner.value, uh: uh.value } : { owner: owner.value, uh: uh.value, ownContribution: own.value });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : good(rows);
}

const REGION_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A configured region id; without a configured list, any well-formed id (stored data). */
export function coerceRegion(raw: unknown, regionIds: readonly string[] | undefined): Coerced<string | undefined> {
  if (raw === undefined || raw === null) return good(undefined);
  if (typeof raw !== 'string') return bad('report.error.wrongType');
  if (raw.length > 200) return bad('report.error.unknownChoice');
  const s = raw.trim();
  if (s === '') return good(undefined);
  if (regionIds) return regionIds.includes(s) ? good(s) : bad('report.error.unknownChoice');
  return REGION_ID.test(s) ? good(s) : bad('report.error.unknownChoice');
}
