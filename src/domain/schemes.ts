import type { Translate } from './i18n';
import type { OwnerType } from './ownerTypes';

/** The three grant schemes of the regulation (FOR-2021-01-26-230); codes are stable storage ids. */
export const SCHEMES = ['REKOM', 'DEKOM', 'KOMPLOFT'] as const;
export type Scheme = (typeof SCHEMES)[number];

export interface SchemeRules {
  /** Who may file under the scheme. */
  ownerTypes: readonly OwnerType[];
  /** Minimum own contribution as a whole percentage of the state grant, per year; 0 when none. */
  ownContributionPercent: number;
  /** Whether PPT and other interdisciplinary services may be target groups. */
  widerTargetGroups: boolean;
}

export const SCHEME_RULES: Record<Scheme, SchemeRules> = {
  REKOM: { ownerTypes: ['kommune', 'fylkeskommune', 'privat'], ownContributionPercent: 0, widerTargetGroups: false },
  DEKOM: { ownerTypes: ['kommune', 'fylkeskommune', 'privat'], ownContributionPercent: 30, widerTargetGroups: false },
  // The municipality or county files and brings in private kindergartens and schools itself.
  KOMPLOFT: { ownerTypes: ['kommune', 'fylkeskommune'], ownContributionPercent: 0, widerTargetGroups: true },
};

export function isScheme(value: unknown): value is Scheme {
  return typeof value === 'string' && (SCHEMES as readonly string[]).includes(value);
}

export function schemeLabelKey(scheme: Scheme) {
  return `report.scheme.${scheme}` as const;
}

/** The short form of a scheme's name, for a narrow column or an inline row: words, never the code. */
export function schemeShortKey(scheme: Scheme) {
  return `report.schemeShort.${scheme}` as const;
}

/**
 * A scheme as people read it on every card, form and message: its name in the reader's language,
 * in full or short. The code (REKOM, DEKOM, KOMPLOFT) stays in storage, choice values and exports;
 * a stored value that is no scheme is shown as it is.
 */
export function schemeName(t: Translate, scheme: string, form: 'full' | 'short' = 'full'): string {
  if (!isScheme(scheme)) return scheme;
  return t(form === 'short' ? schemeShortKey(scheme) : schemeLabelKey(scheme));
}
