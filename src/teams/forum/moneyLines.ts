import { agendaTotals, type AgendaItem } from '../../domain/forum';
import type { Round } from '../../domain/round';
import { nok, type ForumView } from './view';

/**
 * An agenda's totals per scheme: the round's school year against its budget, then what is bound
 * for later years when anything is. The same lines on the posted agenda and in the editor.
 */
export function totalsLines(view: ForumView, items: readonly AgendaItem[], round: Round): Array<{ title: string; value: string }> {
  const { t } = view;
  return agendaTotals(items, round.budgets, round.year).map((s) => {
    const line = t(s.over ? 'forum.totals.lineOver' : 'forum.totals.line', { sum: nok(view, s.sum), budget: nok(view, s.budget), count: s.reports });
    const continuing = items.filter((i) => i.continuation && i.scheme === s.scheme).reduce((sum, i) => sum + i.roundAmount, 0);
    const withContinuing = continuing > 0 ? `${line} ${t('continuation.totalsLine', { amount: nok(view, continuing) })}` : line;
    return { title: s.scheme, value: s.later > 0 ? `${withContinuing} ${t('money.laterLine', { later: nok(view, s.later) })}` : withContinuing };
  });
}
