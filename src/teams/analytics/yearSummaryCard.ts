import type { YearSummary } from '../../domain/analytics/yearSummary';
import { formatNok, type Translate } from '../../domain/i18n';
import { ownerTypeLabelKey, OWNER_TYPES, type OwnerType } from '../../domain/ownerTypes';
import { formatSchoolYear } from '../../domain/report/school-year';
import { THEMES, themeLabelKey, type Theme } from '../../domain/report/themes';
import { schemeName } from '../../domain/schemes';
import type { CardAction } from '../cards/action';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { Labeller } from '../../domain/analytics/labels';

/** "178,4 millioner kroner": how an annual summary says large sums (whole kroner below a million). */
export function millions(l: Pick<Labeller, 't' | 'locale'>, amount: number): string {
  if (Math.abs(amount) < 1_000_000) return formatNok(amount, l.locale);
  const m = new Intl.NumberFormat(l.locale === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(amount / 1_000_000);
  return l.t('analysis.millions', { amount: m });
}

const list = (t: Translate, keys: string[], label: (k: string) => string) => keys.map(label).join(', ') || '–';

/** The forum's annual summary as a card: a draft for the officer (with the post button), or as posted. */
export function yearSummaryCard(
  l: Labeller,
  input: { forumName: string; schoolYear: number; summary: YearSummary; draft: boolean; actions: CardAction[] },
): AdaptiveCard {
  const { t, locale } = l;
  const s = input.summary;
  const nok = (n: number) => formatNok(n, locale);
  const ownerTypes = list(t, s.ownerTypes, (k) => ((OWNER_TYPES as readonly string[]).includes(k) ? t(ownerTypeLabelKey(k as OwnerType)).toLowerCase() : k));
  const themes = list(t, s.themes, (k) => ((THEMES as readonly string[]).includes(k) ? t(themeLabelKey(k as Theme)).toLowerCase() : k));
  const change = !s.before
    ? t('analysis.summary.first')
    : t(s.granted > s.before.granted ? 'analysis.summary.up' : s.granted < s.before.granted ? 'analysis.summary.down' : 'analysis.summary.same', {
        diff: millions(l, Math.abs(s.granted - s.before.granted)),
        before: millions(l, s.before.granted),
        measures: s.measures,
        measuresBefore: s.before.measures,
      });
  return renderCard('yearSummary', {
    draft: input.draft ? t('analysis.summary.draft') : '',
    title: t('analysis.summary.title', { schoolYear: formatSchoolYear(input.schoolYear), forum: input.forumName }),
    lead: t('analysis.summary.lead', {
      amount: millions(l, s.granted),
      measures: s.measures,
      schoolYear: formatSchoolYear(input.schoolYear),
      requested: millions(l, s.requested),
      reports: s.reports,
    }),
    schemes: s.schemes.map((x) => ({
      title: schemeName(t, x.scheme, 'short'),
      value: t('analysis.summary.scheme', {
        scheme: schemeName(t, x.scheme, 'short'),
        granted: nok(x.granted),
        measures: x.measures,
        requested: nok(x.requested),
      }),
    })),
    lines: [t('analysis.summary.spread', { count: s.counties, ownerTypes }), ...(s.themes.length ? [t('analysis.summary.themes', { themes })] : []), change],
    actions: input.actions,
  });
}
