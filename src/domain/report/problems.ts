import type { MessageKey, Params } from '../i18n';
import { formatCount, formatNok, type Locale } from '../i18n/locale';

/** One thing wrong with a value: a message key, its parameters, and where inside the value. */
export interface Problem {
  key: MessageKey;
  params?: Params;
  /** Inside the field's value, e.g. [1, 'owner'] for the second year's owner amount. */
  path?: Array<string | number>;
}

export type Coerced<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export const good = <T>(value: T): Coerced<T> => ({ ok: true, value });
export const bad = (key: MessageKey, params?: Params, path?: Array<string | number>): Coerced<never> => ({
  ok: false,
  problems: [{ key, ...(params ? { params } : {}), ...(path ? { path } : {}) }],
});

/** Numbers inside messages are formatted for the reader's language ("50 000 000 kr"). */
export interface Formats {
  locale: Locale;
  nok(amount: number): string;
  count(n: number): string;
}

const FORMATS = new Map<Locale, Formats>();

/** One set per language: building Intl formatters costs more than validating a whole step. */
export function formatsFor(locale: Locale = 'nb'): Formats {
  let f = FORMATS.get(locale);
  if (!f) {
    f = { locale, nok: (n) => formatNok(n, locale), count: (n) => formatCount(n, locale) };
    FORMATS.set(locale, f);
  }
  return f;
}
