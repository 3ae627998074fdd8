import { appealLastDay, isLateAppeal, type Appeal } from '../../domain/appeal';
import { formatDate, type Locale, type MessageKey, type Translate } from '../../domain/i18n';
import type { NeedsReport } from '../../domain/report';
import type { ReportRecord } from '../../storage/reports';
import { action } from '../cards/action';
import type { Case } from './load';

/** An appeal on the case card: its facts and the button for its next step (the handlers are in appeal.ts). */

export const outcomeKey = (o: Appeal['outcome']) => `appeal.outcome.${o}` as MessageKey;
const ids = (c: Pick<Case, 'report' | 'round'>) => ({ roundId: c.round.id, reportId: c.report.id });

/** The appeal as facts on the case card. */
export function appealFacts(t: Translate, locale: Locale, report: ReportRecord<NeedsReport>): Array<{ title: string; value: string }> {
  const a = report.appeal;
  if (!a || !report.decision) return [];
  // A decision changed on appeal is newer than the notice the appeal was against.
  const sentAt = a.noticeSentAt ?? report.decision.at;
  const late = isLateAppeal(a.receivedOn, sentAt);
  return [
    { title: t('appeal.fact.received'), value: formatDate(a.receivedOn, locale) },
    { title: t('appeal.fact.lastDay'), value: formatDate(appealLastDay(sentAt), locale) },
    { title: t('appeal.fact.inTime'), value: t(late ? 'appeal.fact.no' : 'appeal.fact.yes') },
    { title: t('appeal.fact.outcome'), value: a.outcome ? t(outcomeKey(a.outcome)) : t('appeal.fact.open') },
    ...(a.note ? [{ title: t('appeal.fact.note'), value: a.note }] : []),
  ];
}

/** The button a case card shows for the appeal's next step, if any. */
export function appealAction(t: Translate, c: Pick<Case, 'report' | 'round'>) {
  if (!c.report.decision || c.report.appeal?.outcome) return undefined;
  return action(t(c.report.appeal ? 'appeal.button.decide' : 'appeal.button.register'), 'appeal.form', ids(c));
}
