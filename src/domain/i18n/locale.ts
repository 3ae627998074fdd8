// Teams sends BCP-47 tags such as "nb-NO", "nn-NO", "no", "en-US". Bokmål is the default.
export const LOCALES = ['nb', 'nn', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function pickLocale(tag: string | undefined | null): Locale {
  const lang = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  if (lang === 'nn') return 'nn';
  if (lang === 'en') return 'en';
  return 'nb';
}

const INTL_TAG: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

// Intl formatters are costly to build and safe to share, so each language builds them once.
const memo = <T>(build: (locale: Locale) => T) => {
  const cache = new Map<Locale, T>();
  return (locale: Locale) => {
    let v = cache.get(locale);
    if (v === undefined) cache.set(locale, (v = build(locale)));
    return v;
  };
};
const wholeNumbers = memo((l) => new Intl.NumberFormat(INTL_TAG[l], { maximumFractionDigits: 0 }));
const longDates = memo((l) => new Intl.DateTimeFormat(INTL_TAG[l], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Oslo' }));
const times = memo((l) => new Intl.DateTimeFormat(INTL_TAG[l], { timeStyle: 'short', timeZone: 'Europe/Oslo' }));

/** Norwegian money format: "1 250 000 kr" (non-breaking spaces as Intl gives them). */
export function formatNok(amount: number, locale: Locale = 'nb'): string {
  const n = wholeNumbers(locale).format(amount);
  return locale === 'en' ? `NOK ${n}` : `${n} kr`;
}

/** A whole number for the reader's language: "50 000". */
export function formatCount(n: number, locale: Locale = 'nb'): string {
  return wholeNumbers(locale).format(n);
}

/** "1. februar 2027" / "1 February 2027", in Oslo time whatever the server's zone. */
export function formatDate(date: Date | string, locale: Locale = 'nb'): string {
  return longDates(locale).format(typeof date === 'string' ? new Date(date) : date);
}

/**
 * "3. februar 2027 kl. 10.15" (Norwegian writes the time with a dot), "3 February 2027 at 10:15",
 * in Oslo time: a history needs the hour, so two events on one day keep their order.
 */
export function formatDateTime(date: Date | string, locale: Locale = 'nb'): string {
  const at = typeof date === 'string' ? new Date(date) : date;
  const time = formatTime(at, locale);
  return locale === 'en' ? `${formatDate(at, locale)} at ${time}` : `${formatDate(at, locale)} kl. ${time.replace(':', '.')}`;
}

/** "10:15" in Oslo time. */
export function formatTime(date: Date | string, locale: Locale = 'nb'): string {
  return times(locale).format(typeof date === 'string' ? new Date(date) : date);
}
