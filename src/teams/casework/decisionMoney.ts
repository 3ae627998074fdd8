import { askedOf, lineOf, scopeOfRow, takenBy } from '../../domain/money/ledger';
import { formatSchoolYear, type NeedsReport } from '../../domain/report';
import type { Scheme } from '../../domain/schemes';
import { formatNok } from '../../domain/i18n';
import { ledgerLineText, readLedger, scopeName } from '../money/ledgerRead';
import type { Turn } from '../turn';
import type { Case } from './load';

/**
 * The decision form's money: the ledger's line for the report's forum and scheme, and what is left
 * once this report is granted as requested (its own share of the line counted once).
 */
export async function decisionMoney(turn: Turn, c: Pick<Case, 'report' | 'round'>): Promise<string[]> {
  const { t, locale } = turn;
  const { ledger, rows } = await readLedger(turn.services, c.round);
  const row = rows.find((r) => r.id === c.report.id);
  if (!row) return [];
  const scope = scopeOfRow(c.round, turn.services.regions, row);
  const line = lineOf(ledger, scope, (c.report.data as NeedsReport).scheme as Scheme);
  const after = line.left + takenBy(row, ledger.schoolYear) - askedOf(row, ledger.schoolYear);
  return [
    `${t('ledger.title', { schoolYear: formatSchoolYear(ledger.schoolYear), scope: scopeName(t, locale, turn.services, scope) })}: ${ledgerLineText(t, locale, line)}`,
    t(after < 0 ? 'ledger.decisionOver' : 'ledger.decisionFits', { after: formatNok(Math.abs(after), locale) }),
  ];
}
