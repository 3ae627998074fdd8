/** Themes a measure can have; "annet" (other) asks for a short free-text theme. */
export const THEMES = ['sprak', 'inkludering', 'spesialpedagogikk', 'vurdering', 'ledelse', 'realfag', 'lesing', 'profesjonsfellesskap', 'annet'] as const;
export type Theme = (typeof THEMES)[number];

export const OTHER_THEME: Theme = 'annet';

export function themeLabelKey(theme: Theme) {
  return `report.theme.${theme}` as const;
}
