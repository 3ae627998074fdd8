import { formatCount, type Locale } from './locale';

/**
 * Counted texts ("1 melding", "2 meldinger") are catalog entries with one key per plural category:
 * `x.one` and `x.other`. Norwegian and English only use these two; zero takes `other` ("0 meldinger").
 * Callers name the base key `x` and pass the number as `{count}`.
 */
export type PluralCategory = 'one' | 'other';

/** The base keys that have both `.one` and `.other` in a catalog. */
export type PluralBase<K extends string, All extends string = K> = K extends `${infer B}.other` ? (`${B}.one` extends All ? B : never) : never;

const INTL_TAG: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };
const rules = new Map<Locale, Intl.PluralRules>();

export function pluralCategory(locale: Locale, count: number): PluralCategory {
  let r = rules.get(locale);
  if (!r) rules.set(locale, (r = new Intl.PluralRules(INTL_TAG[locale])));
  return r.select(count) === 'one' ? 'one' : 'other';
}

/** Domain code sometimes hands over a count already formatted ("50 000"); read it back as a number. */
export function countOf(value: string | number | undefined): number {
  if (typeof value === 'number') return value;
  const digits = (value ?? '').replace(/[\s\u00a0\u202f]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : NaN;
}

/** The key to look up for `base` and the count formatted for the reader ("50 000"). */
export function pluralKey(base: string, locale: Locale, count: string | number | undefined): { key: string; count: string | number | undefined } {
  const n = countOf(count);
  if (Number.isNaN(n)) return { key: `${base}.other`, count };
  return { key: `${base}.${pluralCategory(locale, n)}`, count: Number.isInteger(n) ? formatCount(n, locale) : count };
}
