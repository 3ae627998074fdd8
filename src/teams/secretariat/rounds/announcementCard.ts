import { formatNok, type Locale, type Translate } from '../../../domain/i18n';
import { formatSchoolYear } from '../../../domain/report';
import { localised, type RegionConfig } from '../../../domain/regions';
import { SCHEME_CODES, type Round } from '../../../domain/round';
import { schemeName } from '../../../domain/schemes';
import { action } from '../../cards/action';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import { deadlineText } from '../cards';
import { forumBudgetFacts } from './forumBudgetFacts';
import { areaName, type ForumPlan } from '../../../domain/forum/plan';

/** County names as the region configuration gives them ("Akershus – Romerike" → "Akershus"). */
export function countyNames(regions: RegionConfig, counties: readonly string[], locale: Locale): string {
  return counties
    .map((c) => {
      const region = regions.regions.find((r) => r.county === c);
      return region ? localised(region.name, locale).split(' – ')[0] : c;
    })
    .join(', ');
}

/**
 * What an owner reads when a round opens: deadline, budget per scheme with the continuations already
 * bound against it (multi-year measures' next years, counted first), and a button into the wizard.
 */
export function announcementCard(
  view: { t: Translate; locale: Locale; regions: RegionConfig },
  round: Round,
  bound: Partial<Record<string, number>> = {},
  plans: ReadonlyArray<Pick<ForumPlan, 'planUrl' | 'areas'>> = [],
): AdaptiveCard {
  const { t, locale } = view;
  const deadline = deadlineText(t, locale, round.deadline);
  return renderCard('announcement', {
    title: t('announce.title', { year: round.year }),
    text: t('announce.text', { counties: countyNames(view.regions, round.counties, locale), deadline }),
    facts: [
      { title: t('announce.deadline'), value: deadline },
      ...SCHEME_CODES.map((s) => [s, schemeName(t, s, 'short')] as const).flatMap(([s, scheme]) => [
        { title: t('announce.budget', { schoolYear: formatSchoolYear(round.year), scheme }), value: formatNok(round.budgets[s] ?? 0, locale) },
        ...(bound[s] ? [{ title: t('announce.continuations', { schoolYear: formatSchoolYear(round.year), scheme }), value: formatNok(bound[s], locale) }] : []),
      ]),
      ...forumBudgetFacts(view, round),
      // The forum's plan and the priority areas the report form asks about (issue 23 item 2).
      ...plans.flatMap((p) => [
        ...(p.planUrl ? [{ title: t('plan.link'), value: p.planUrl }] : []),
        ...(p.areas.length ? [{ title: t('plan.areas'), value: p.areas.map((a) => areaName(a, locale)).join(', ') }] : []),
      ]),
    ],
    actions: [action(t('announce.action'), 'report.new', {}, { style: 'positive' })],
  });
}
