import { ledgerOf, lineOf, takenBefore, type Ledger, type LedgerLine, type LedgerRow } from '../../domain/money/ledger';
import { formatSchoolYear } from '../../domain/report';
import { budgetScopeOf, SCHEME_CODES, SHARED_BUDGET, type Round } from '../../domain/round';
import { findForum, localised } from '../../domain/regions';
import { schemeName, type Scheme } from '../../domain/schemes';
import { formatNok, type Locale, type Translate } from '../../domain/i18n';
import { LedgerRows } from '../../storage/ledgerRows';
import type { Services } from '../services';

/** The round's ledger as it stands now: one read of the round's partition (see domain/money/ledger.ts). */
export async function readLedger(services: Pick<Services, 'tables' | 'regions'>, round: Round): Promise<{ ledger: Ledger; rows: LedgerRow[] }> {
  const rows = await new LedgerRows(services.tables).ofRound(round.id, round.year);
  return { ledger: ledgerOf(round, services.regions, rows), rows };
}

/** The money a forum's card counts in: its scope's budget per scheme, and what the round took before these items. */
export interface MoneyFrame {
  scope: string;
  budgets: Record<Scheme, number>;
  taken: Record<Scheme, number>;
  recommendedInGroups: Record<Scheme, number>;
}

export function frameOf(ledger: Ledger, rows: readonly LedgerRow[], scope: string, own: ReadonlySet<string>): MoneyFrame {
  const per = (pick: (l: LedgerLine) => number) => Object.fromEntries(SCHEME_CODES.map((s) => [s, pick(lineOf(ledger, scope, s))])) as Record<Scheme, number>;
  return { scope, budgets: per((l) => l.budget), taken: takenBefore(ledger, scope, rows, own), recommendedInGroups: per((l) => l.recommendedInGroups) };
}

/** A meeting's frame: its forum's scope, and everything the round has taken apart from this meeting's items. */
export async function meetingMoney(services: Pick<Services, 'tables' | 'regions'>, round: Round, meeting: { forum: string }, itemIds: readonly string[]) {
  const { ledger, rows } = await readLedger(services, round);
  return frameOf(ledger, rows, budgetScopeOf(round, meeting.forum), new Set(itemIds));
}

/** "Oslo", or "hele Statsforvalteren" for one budget across forums. */
export function scopeName(t: Translate, locale: Locale, services: Pick<Services, 'regions'>, scope: string): string {
  if (scope === SHARED_BUDGET) return t('ledger.scope.shared');
  const forum = findForum(services.regions, scope);
  return forum ? localised(forum.name, locale) : scope;
}

/** One ledger line in words: the same sentence on every card that shows a line. */
export function ledgerLineText(t: Translate, locale: Locale, l: LedgerLine): string {
  const nok = (n: number) => formatNok(n, locale);
  const parts = [
    t(l.left < 0 ? 'ledger.lineOver' : 'ledger.line', {
      scheme: schemeName(t, l.scheme, 'short'),
      schoolYear: formatSchoolYear(l.schoolYear),
      budget: nok(l.budget),
      continuations: nok(l.continuations),
      prioritised: nok(l.prioritised),
      granted: nok(l.granted),
      left: nok(Math.abs(l.left)),
    }),
  ];
  if (l.paid > 0) parts.push(t('ledger.paid', { paid: nok(l.paid) }));
  if (l.carriedOver + l.repaid > 0) parts.push(t('ledger.unused', { carriedOver: nok(l.carriedOver), repaid: nok(l.repaid) }));
  if (l.recommendedInGroups > 0) parts.push(t('ledger.recommendedApart', { amount: nok(l.recommendedInGroups) }));
  if (l.later > 0) parts.push(t('money.laterLine', { later: nok(l.later) }));
  return parts.join(' ');
}

/** The lines worth showing: a scheme with a budget or with money in it. */
export const shownLines = (lines: readonly LedgerLine[]) => lines.filter((l) => l.budget > 0 || l.taken > 0 || l.recommendedInGroups > 0 || l.later > 0);
