import type { Decision, Payment } from '../../domain/decision';
import { formatDate, formatNok, type Locale, type Translate } from '../../domain/i18n';
import { formatSchoolYear, statusLabelKey, yearSummaries, type NeedsReport } from '../../domain/report';
import type { ReportRecord } from '../../storage/reports';
import { cutText } from './longText';

/** The most recent entries of an audit trail a card shows (the officer's case card, the owner's report card). */
export const HISTORY_SHOWN = 20;

/** The decision as facts: outcome, amount per school year, total, reason, when and by whom. */
export function decisionFacts(
  turn: { t: Translate; locale: Locale },
  report: ReportRecord<NeedsReport>,
  decision: Decision,
  payment?: Payment,
  cut = false,
): Array<{ title: string; value: string }> {
  const { t, locale } = turn;
  const nok = (n: number) => formatNok(n, locale);
  const years = yearSummaries(report.data);
  const facts = [{ title: t('decision.outcome'), value: t(statusLabelKey(decision.outcome)) }];
  if (decision.outcome !== 'rejected') {
    // The first year is this round's money; later years are commitments decided again in their rounds (issue 22 item 3).
    years.forEach((y, i) => {
      const year = y.schoolYear ? formatSchoolYear(y.schoolYear) : String(y.year);
      facts.push({ title: t(i === 0 ? 'money.fact.thisYear' : 'money.fact.commitment', { schoolYear: year }), value: nok(decision.amounts[i] ?? 0) });
    });
  }
  if (decision.deviatesFrom)
    facts.push({ title: t('decision.deviation.fact'), value: t('decision.deviation.value', { recommended: t(statusLabelKey(decision.deviatesFrom)) }) });
  // Cut on the cards that show the whole report (the button under the section shows it all).
  if (decision.reason) facts.push({ title: t('decision.reason'), value: cut ? cutText(turn, decision.reason) : decision.reason });
  facts.push({ title: t('decision.decidedAt'), value: formatDate(decision.at, locale) });
  if (payment) facts.push({ title: t('decision.paidAt'), value: formatDate(payment.at, locale) });
  if (payment?.carriedOver) facts.push({ title: t('unused.carriedIn'), value: nok(payment.carriedOver) });
  return facts;
}
