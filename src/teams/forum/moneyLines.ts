import { agendaTotals, type AgendaItem } from '../../domain/forum';
import type { Round } from '../../domain/round';
import type { MoneyFrame } from '../money/ledgerRead';
import { schemeName } from '../../domain/schemes';
import { nok, type ForumView } from './view';

/**
 * An agenda's totals per scheme: the round's school year against its forum's budget, counting from
 * what the ledger says the round took before these items (earlier meetings, decisions and
 * continuations), then what is bound for later years when anything is. The same lines on the
 * posted agenda and in the editor.
 */
export function totalsLines(view: ForumView, items: readonly AgendaItem[], round: Round, money?: MoneyFrame): Array<{ title: string; value: string }> {
  const { t } = view;
  return agendaTotals(items, money?.budgets ?? round.budgets, round.year, money?.taken).map((s) => {
    const parts = [t(s.over ? 'forum.totals.lineOver' : 'forum.totals.line', { sum: nok(view, s.sum), budget: nok(view, s.budget), count: s.reports })];
    if (s.taken > 0) parts.push(t('ledger.takenBefore', { taken: nok(view, s.taken) }));
    const continuing = items.filter((i) => i.continuation && i.scheme === s.scheme).reduce((sum, i) => sum + i.roundAmount, 0);
    if (continuing > 0) parts.push(t('continuation.totalsLine', { amount: nok(view, continuing) }));
    if (s.later > 0) parts.push(t('money.laterLine', { later: nok(view, s.later) }));
    const grouped = money?.recommendedInGroups[s.scheme] ?? 0;
    if (grouped > 0) parts.push(t('ledger.recommendedApart', { amount: nok(view, grouped) }));
    return { title: schemeName(t, s.scheme, 'short'), value: parts.join(' ') };
  });
}
