import { formatSchoolYear } from '../../domain/report';
import { formatDate, formatNok, pickLocale, translator } from '../../domain/i18n';
import { usageDueOf, type Round } from '../../domain/round';
import { paidYearOf, usageDeadline } from '../../domain/usage';
import { statusLabelKey, type NeedsReport } from '../../domain/report';
import type { ReportRecord } from '../../storage/reports';
import { cardMessage } from '../cards/attach';
import { renderCard } from '../cards/render';
import type { Services } from '../services';
import type { Turn } from '../turn';
import { action } from '../cards/action';
import { decisionFacts } from './caseCard';
import { factsSection } from '../cards/factsSection';

/**
 * What owners are told proactively about their report, in their own language (from their
 * installed chat), always through the outbox with a key that makes a retry send nothing twice.
 */

async function ownerLanguage(services: Services, report: ReportRecord<unknown>) {
  const chat = await services.references.personal(report.createdBy.tenantId, report.createdBy.aadObjectId);
  const locale = pickLocale(chat?.locale);
  return { locale, t: translator(locale) };
}

function toOwner(services: Services, report: ReportRecord<unknown>, key: string, card: ReturnType<typeof renderCard>) {
  return services.deliver({
    kind: 'personal',
    key,
    tenantId: report.createdBy.tenantId,
    aadObjectId: report.createdBy.aadObjectId,
    activity: cardMessage(card),
  });
}

/** A returned report: the officer's comment and a button straight to the report to fix it. */
export async function tellReturned(services: Services, report: ReportRecord<NeedsReport>, comment: string): Promise<void> {
  const { t } = await ownerLanguage(services, report);
  const card = renderCard('message', {
    title: t('notify.returned.title', { reference: report.reference }),
    color: 'Attention',
    text: t('notify.returned.text', { title: report.summary.title, comment }),
    actions: [action(t('notify.open'), 'report.open', { reportId: report.id })],
  });
  // One message per return: the history length tells a second return of the same report apart.
  await toOwner(services, report, `returned:${report.id}:${report.history.length}`, card);
}

/** The decision card: outcome, amounts per year, reason. */
export async function tellDecision(turn: Pick<Turn, 'services'>, report: ReportRecord<NeedsReport>): Promise<void> {
  const decision = report.decision;
  if (!decision) return;
  const { locale, t } = await ownerLanguage(turn.services, report);
  // decisionFacts formats in the owner's language, not the officer's.
  const ownerTurn = { locale, t };
  const card = renderCard('summary', {
    progress: '',
    errorSummary: '',
    notice: '',
    title: t('notify.decision.title', { reference: report.reference, outcome: t(statusLabelKey(decision.outcome)) }),
    intro: t('notify.decision.intro', { title: report.summary.title }),
    sections: [
      factsSection(report.summary.title, [
        { title: t('notify.decision.requested'), value: formatNok(report.summary.totalRequested, locale) },
        ...decisionFacts(ownerTurn, report, decision),
      ]),
    ],
    actions: [action(t('notify.show'), 'report.open', { reportId: report.id })],
  });
  await toOwner(turn.services, report, `decision:${report.id}`, card);
}

/** The payment, with the usage report's due date and a button straight to it (the promise the text makes). */
export async function tellPaid(services: Services, report: ReportRecord<NeedsReport>, round: Round): Promise<void> {
  const { locale, t } = await ownerLanguage(services, report);
  const schoolYear = paidYearOf(report, round.year);
  const due = formatDate(usageDeadline(schoolYear, usageDueOf(round)), locale);
  const card = renderCard('message', {
    title: t('notify.paid.title', { reference: report.reference }),
    color: 'Good',
    text:
      t('notify.paid.text', { amount: formatNok(report.payment?.amount ?? report.decision?.total ?? 0, locale), title: report.summary.title, due }) +
      (report.payment?.schoolYear ? ` (${t('money.paidYear', { schoolYear: formatSchoolYear(report.payment.schoolYear) })})` : ''),
    actions: [
      action(t('usage.button'), 'usage.open', { roundId: round.id, reportId: report.id, schoolYear }, { style: 'positive' }),
      action(t('notify.show'), 'report.open', { reportId: report.id }),
    ],
  });
  await toOwner(services, report, `paid:${report.id}:${schoolYear}`, card);
}
