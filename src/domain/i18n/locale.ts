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

/** Norwegian money format: "1 250 000 kr" (non-breaking spaces as Intl gives them). */
export function formatNok(amount: number, locale: Locale = 'nb'): string {
  const n = new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 0 }).format(amount);
  return locale === 'en' ? `NOK ${n}` : `${n} kr`;
}

/** "1. februar 2027" / "1 February 2027", in Oslo time whatever the server's zone. */
export function formatDate(date: Date | string, locale: Locale = 'nb'): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(INTL_TAG[locale], {
    day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Oslo',
  }).format(d);
}
