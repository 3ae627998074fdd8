import { formatCount, formatNok, type Locale, type Translate } from '../../../domain/i18n';
import { formatSchoolYear } from '../../../domain/report';
import type { RegionConfig } from '../../../domain/regions';
import type { Results } from '../../../domain/results';
import type { Round } from '../../../domain/round';
import type { CardAction } from '../../cards/action';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import { countyNames } from './announcementCard';
import { schemeBars } from '../../cards/schemeBars';

export interface ResultsView {
  t: Translate;
  locale: Locale;
  regions: RegionConfig;
}

/**
 * A round's results: the sum granted for its school year, one bar per scheme against the budget
 * (green within, red beyond, grey still free; the same in words under it), and the sum and number
 * of measures per county. A few hundred bytes per scheme and county: far under Teams' size limit.
 */
export function resultsCard(
  view: ResultsView,
  round: Round,
  r: Results,
  opts: { notice?: string; error?: string; note?: string; actions?: CardAction[] } = {},
): AdaptiveCard {
  const { t, locale } = view;
  const nok = (n: number) => formatNok(n, locale);
  const schoolYear = formatSchoolYear(round.year);
  return renderCard('results', {
    notice: opts.notice ?? '',
    error: opts.error ?? '',
    title: t('results.title', { year: round.year }),
    intro: t('results.intro', { schoolYear }),
    totals: [
      { title: t('results.decided'), value: formatCount(r.decided, locale) },
      { title: t('results.granted'), value: formatCount(r.granted, locale) },
      { title: t('results.rejected'), value: formatCount(r.rejected, locale) },
      { title: t('results.sum', { schoolYear }), value: nok(r.sum) },
      ...(r.later > 0 ? [{ title: t('money.later'), value: nok(r.later) }] : []),
      { title: t('results.budget'), value: nok(r.budget) },
    ],
    schemesTitle: t('results.byScheme'),
    schemes: schemeBars(
      t,
      locale,
      r.schemes.map((s) => ({ ...s, amount: s.granted })),
      { amount: 'granted', noBudget: 'results.schemeNoBudget', over: 'results.schemeOver', within: 'results.schemeLine' },
    ),
    countiesTitle: t('results.byCounty'),
    counties: r.counties.map((c) => ({
      title: c.key ? countyNames(view.regions, [c.key], locale) : '–',
      value: t('results.countyLine', { granted: nok(c.granted), count: c.count }),
    })),
    note: opts.note ?? '',
    actions: opts.actions ?? [],
  });
}
