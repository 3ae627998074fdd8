import { formatNok, type Locale, type Translate } from '../../../domain/i18n';
import { forumsOf, localised, type RegionConfig } from '../../../domain/regions';
import { budgetOf, SCHEME_CODES, type Round } from '../../../domain/round';
import { schemeName, type Scheme } from '../../../domain/schemes';

/** A budget per scheme on one line, each scheme by its short name: "Regional ordning (barnehage): 10 000 000 kr · …". */
export function schemeAmountsLine(t: Translate, locale: Locale, amountOf: (s: Scheme) => number): string {
  return SCHEME_CODES.map((s) => `${schemeName(t, s, 'short')}: ${formatNok(amountOf(s), locale)}`).join(' · ');
}

/**
 * Where a round's budget is split per forum: one line per forum with its budget per scheme
 * (as schemeAmountsLine); none when the budget is shared.
 */
export function forumBudgetFacts(
  view: { t: Translate; locale: Locale; regions: RegionConfig },
  round: Pick<Round, 'budgets' | 'budgetSplit' | 'forumBudgets'>,
): Array<{ title: string; value: string }> {
  if (round.budgetSplit !== 'perForum') return [];
  return forumsOf(view.regions).map((f) => ({
    title: view.t('forums.round.forumFact', { forum: localised(f.name, view.locale) }),
    value: schemeAmountsLine(view.t, view.locale, (s) => budgetOf(round, f.id, s)),
  }));
}
