import { CONTINUATION_CHOICES, MAX_STOP_REASON, awaitsAnswer, type AnswerProblem, type ContinuationChoice } from '../../domain/continuationAnswer';
import { formatDate, formatNok, type Locale, type MessageKey, type Translate } from '../../domain/i18n';
import { formatSchoolYear, type NeedsReport } from '../../domain/report';
import { grantForYear } from '../../domain/report/money';
import type { Round } from '../../domain/round';
import type { ReportRecord } from '../../storage/reports';
import { action } from '../cards/action';
import type { AdaptiveCard } from '../cards/render';
import { toOwnerPeople } from '../casework/notify';
import { formCard } from '../secretariat/cards';
import type { Services } from '../services';

/**
 * When a round opens, the owner's people of each running measure are asked whether its next year
 * goes ahead: continue as decided, continue with a lower amount, or stop (with a reason). Only a
 * confirmed continuation goes on an agenda; the secretariat's overview lists those not answered.
 */

export const choiceKey = (c: ContinuationChoice) => `continuation.answer.${c}` as MessageKey;

/** The year's grant as decided (what the continuation carries). */
export const decidedGrant = (report: ReportRecord<NeedsReport>) => (report.data.amounts[0] ? grantForYear(report.data.amounts[0]) : 0);

/** The question, as a form the owner answers in place. */
export function askCard(
  to: { locale: Locale; t: Translate },
  report: ReportRecord<NeedsReport>,
  round: Round,
  typed: Record<string, string> = {},
  problems: readonly AnswerProblem[] = [],
): AdaptiveCard {
  const { t, locale } = to;
  const c = report.continuation!;
  const errorOf = (field: AnswerProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    if (!p) return undefined;
    const params = { ...(p.params ?? {}) };
    if (typeof params.decided === 'number') params.decided = formatNok(params.decided, locale);
    return t(p.key, params);
  };
  return formCard({
    title: t('continuation.ask.title', { reference: report.reference, title: report.summary.title }),
    intro: t('continuation.ask.intro', {
      origin: c.originReference,
      year: c.year,
      of: c.of,
      schoolYear: formatSchoolYear(report.data.startYear),
      amount: formatNok(decidedGrant(report), locale),
      deadline: formatDate(round.deadline, locale),
    }),
    errorSummary: problems.length ? t('appeal.error.problems') : '',
    fields: [
      {
        id: 'choice',
        kind: 'choice',
        label: t('continuation.ask.choice'),
        value: typed.choice ?? '',
        required: true,
        choices: CONTINUATION_CHOICES.map((x) => ({ title: t(choiceKey(x)), value: x })),
        error: errorOf('choice'),
      },
      {
        id: 'amount',
        kind: 'text',
        label: t('continuation.ask.amount'),
        value: typed.amount ?? '',
        maxLength: 20,
        hint: t('continuation.ask.amountHint'),
        error: errorOf('amount'),
      },
      { id: 'reason', kind: 'textarea', label: t('continuation.ask.reason'), value: typed.reason ?? '', maxLength: MAX_STOP_REASON, error: errorOf('reason') },
    ],
    actions: [
      action(t('continuation.ask.send'), 'continuation.answer', { roundId: report.roundId, reportId: report.id }, { inputs: 'auto', style: 'positive' }),
    ],
  });
}

/** Asks the owner's people of every continuation in the round still waiting for an answer; returns how many were asked about. */
export async function askContinuations(services: Services, round: Round): Promise<number> {
  let asked = 0;
  for await (const report of services.reports.listRound<NeedsReport>(round.id, ['formally_checked'])) {
    if (!awaitsAnswer(report)) continue;
    await toOwnerPeople(services, report, `continuation-ask:${report.id}`, (locale, t) => askCard({ locale, t }, report, round));
    asked++;
  }
  return asked;
}

/** The round's continuations nobody has answered yet (for the secretariat's overview). */
export async function unansweredContinuations(services: Services, round: Round): Promise<Array<ReportRecord<NeedsReport>>> {
  const out: Array<ReportRecord<NeedsReport>> = [];
  for await (const report of services.reports.listRound<NeedsReport>(round.id, ['formally_checked'])) if (awaitsAnswer(report)) out.push(report);
  return out.sort((a, b) => a.reference.localeCompare(b.reference));
}
