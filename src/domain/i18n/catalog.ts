import type { Locale } from './locale';
import { pluralKey } from './plural';
import { ownValue } from '../ownKeys';

/**
 * One area's texts in all three languages. Bokmål defines the keys; nynorsk and English must
 * have exactly the same keys, so a missing translation is a compile error, not a runtime blank.
 */
export type Catalog<K extends string> = { nb: Record<K, string>; nn: Record<K, string>; en: Record<K, string> };

export function defineMessages<K extends string>(catalog: Catalog<K>): Catalog<K> {
  return catalog;
}

export type Params = Record<string, string | number>;

/** Replaces {name} placeholders. Values are inserted as plain text; nothing is evaluated. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** A plural base key (`x` for `x.one`/`x.other`) picks its form from `params.count`. */
export function lookup<K extends string>(catalog: Catalog<K>, locale: Locale, key: K, params?: Params): string {
  // Own keys only: a key put together from stored or sent text never finds Object.prototype's.
  const texts: Record<string, string> = catalog[locale];
  const other = ownValue(texts, `${key}.other`);
  const text = ownValue(texts, key);
  if (text === undefined && other !== undefined) {
    const plural = pluralKey(key, locale, params?.count);
    return interpolate(ownValue(texts, plural.key) ?? other, plural.count === undefined ? params : { ...params, count: plural.count });
  }
  return interpolate(text ?? ownValue<string>(catalog.nb, key) ?? key, params);
}
