import { formatNok, type Locale, type Translate } from '../../../domain/i18n';
import { forumsOf, localised, type RegionConfig } from '../../../domain/regions';
import { budgetOf, SCHEME_CODES, type Round } from '../../../domain/round';

/**
 * Where a round's budget is split per forum: one line per forum with its budget per scheme
 * ("Samarbeidsforum Oslo: REKOM 10 000 000 kr · DEKOM …"); none when the budget is shared.
 */
export function forumBudgetFacts(
  view: { t: Translate; locale: Locale; regions: RegionConfig },
  round: Pick<Round, 'budgets' | 'budgetSplit' | 'forumBudgets'>,
): Array<{ title: string; value: string }> {
  if (round.budgetSplit !== 'perForum') return [];
  return forumsOf(view.regions).map((f) => ({
    title: view.t('forums.round.forumFact', { forum: localised(f.name, view.locale) }),
    value: SCHEME_CODES.map((s) => `${s} ${formatNok(budgetOf(round, f.id, s), view.locale)}`).join(' · '),
  }));
}
