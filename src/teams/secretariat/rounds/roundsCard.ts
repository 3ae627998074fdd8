import { formatDate } from '../../../domain/i18n';
import { formatSchoolYear } from '../../../domain/report';
import { localised } from '../../../domain/regions';
import { usageDueOf, type Round } from '../../../domain/round';
import { usageDeadline } from '../../../domain/usage';
import type { AdaptiveCard } from '../../cards/render';
import type { Turn } from '../../turn';
import { pageActions, pageLine, pageOf } from '../../cards/paging';
import { action } from '../../cards/action';
import { deadlineText, menuAction, summaryCard } from '../cards';
import { forumBudgetFacts, schemeAmountsLine } from './forumBudgetFacts';

/** County ids as the region configuration names them ("akershus" → "Akershus"). */
export function countyName(turn: Pick<Turn, 'services' | 'locale'>, county: string): string {
  const region = turn.services.regions.regions.find((r) => r.county === county);
  // Region names are "Akershus – Romerike"; the county is the part before the dash.
  return region ? localised(region.name, turn.locale).split(' – ')[0] : county;
}

export function countyChoices(turn: Turn): Array<{ title: string; value: string }> {
  return allCounties(turn).map((c) => ({ title: countyName(turn, c), value: c }));
}

export function allCounties(turn: Turn): string[] {
  return [...new Set(turn.services.regions.regions.map((r) => r.county))];
}

/** Rounds per page of the rounds card: about 380 px each at 500 px wide, so three stay under 1 500 px (the card gallery's budget). */
export const ROUNDS_PAGE = 3;

/** Every round, newest first, each with the one button its status allows; a page at a time. */
export async function roundsCard(
  turn: Pick<Turn, 't' | 'locale' | 'services'>,
  opts: { notice?: string; error?: string; page?: number } = {},
): Promise<AdaptiveCard> {
  const { t, locale } = turn;
  const rounds = pageOf(await turn.services.rounds.list(), opts.page ?? 0, ROUNDS_PAGE);
  return summaryCard({
    title: t('rounds.title'),
    intro: rounds.shown.length ? [t('rounds.intro'), pageLine(t, rounds)].filter(Boolean).join(' ') : t('rounds.empty'),
    notice: opts.notice,
    error: opts.error,
    sections: rounds.shown.map((r: Round) => ({
      title: t('rounds.section', { year: r.year, id: r.id }),
      facts: [
        { title: t('rounds.field.status'), value: t(`rounds.status.${r.status}`) },
        { title: t('rounds.field.deadline'), value: deadlineText(t, locale, r.deadline) },
        { title: t('rounds.field.counties'), value: r.counties.map((c) => countyName(turn, c)).join(', ') },
        // The three budgets on one line, as each forum's share below: three rounds stay under 1 500 px.
        { title: t('rounds.field.budgets'), value: schemeAmountsLine(t, locale, (s) => r.budgets[s] ?? 0) },
        ...forumBudgetFacts({ t, locale, regions: turn.services.regions }, r),
        {
          title: t('rounds.field.usageDue'),
          value: t('rounds.usageDue', { first: formatDate(usageDeadline(r.year, usageDueOf(r)), locale), schoolYear: formatSchoolYear(r.year) }),
        },
      ],
      button:
        r.status === 'open'
          ? action(t('rounds.close'), 'round.close', { roundId: r.id })
          : r.status === 'planned'
            ? action(t('rounds.open'), 'round.open', { roundId: r.id })
            : action(t('results.action'), 'results.publish', { roundId: r.id }),
    })),
    actions: [
      ...pageActions(t, 'round.list', {}, rounds),
      action(t('rounds.new'), 'round.newForm', {}),
      action(t('secretariat.menu.overview'), 'overview.show', {}),
      menuAction(t),
    ],
  });
}
