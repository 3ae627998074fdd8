import { checkContinuationAnswer, loweredAmount, type ContinuationAnswer } from '../../domain/continuationAnswer';
import { formatNok } from '../../domain/i18n';
import { encodeYears } from '../../domain/money/schoolYear';
import { transition, type AuditEntry, type NeedsReport } from '../../domain/report';
import { RefusedError, type ReportRecord } from '../../storage/reports';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import { personOf, requirePersonal } from '../caller';
import { reportFor } from '../ownerAccess';
import { Refusal } from '../refusals';
import { messageCard } from '../secretariat/cards';
import type { Turn } from '../turn';
import { askCard, choiceKey, decidedGrant } from './ask';
import { closeEarlierYears } from './closeMeasure';

/** What the owner reads after answering (and on a second press). */
function answeredCard(turn: Turn, report: ReportRecord<NeedsReport>) {
  const { t, locale } = turn;
  const a = report.continuation!.answer!;
  const what =
    a.choice === 'lower'
      ? t('continuation.answered.lower', { amount: formatNok(a.amount ?? 0, locale) })
      : a.choice === 'stop'
        ? t('continuation.answered.stop')
        : t('continuation.answered.continue');
  return messageCard({
    title: t('continuation.answered.title', { reference: report.reference, choice: t(choiceKey(a.choice)) }),
    text: what,
    color: a.choice === 'stop' ? 'Default' : 'Good',
    actions: [action(t('notify.show'), 'report.open', { reportId: report.id })],
  });
}

/**
 * `continuation.answer`: one of the owner's people answers for the owner; the first answer stands
 * (a second press, or a colleague's, reads it). A stop withdraws the year, and closes the original
 * when it has been reported on; a lower amount lowers the year's money before any agenda.
 */
export const continuationAnswer: ActionHandler = async (turn, data) => {
  requirePersonal(turn);
  // Ids as the bot makes them; anything else is not a report of theirs.
  const reportId = typeof data.reportId === 'string' && /^[A-Za-z0-9-]{1,80}$/.test(data.reportId) ? data.reportId : undefined;
  if (!reportId) throw new Refusal('report.notFound');
  const report = await reportFor<NeedsReport>(turn, reportId, 'change');
  if (!report.continuation) throw new Refusal('report.notFound');
  if (report.continuation.answer) return { card: answeredCard(turn, report) };
  const round = await turn.services.rounds.get(report.roundId);
  if (!round) throw new Refusal('report.notFound');
  if (report.status !== 'formally_checked') throw new Refusal('continuation.answer.tooLate', { reference: report.reference });
  const typed = Object.fromEntries(['choice', 'amount', 'reason'].filter((k) => typeof data[k] === 'string').map((k) => [k, String(data[k]).slice(0, 4000)]));
  const checked = checkContinuationAnswer({ choice: data.choice, amount: data.amount, reason: data.reason }, decidedGrant(report));
  if (!checked.ok) return { card: askCard(turn, report, round, typed, checked.problems) };

  const p = personOf(turn);
  const name = turn.context.activity.from?.name?.replace(/\s+/g, ' ').trim().slice(0, 120);
  const now = turn.services.now();
  const answer: ContinuationAnswer = {
    choice: checked.choice,
    ...(checked.amount !== undefined ? { amount: checked.amount } : {}),
    ...(checked.reason ? { reason: checked.reason } : {}),
    at: now.toISOString(),
    by: `${p.tenantId}:${p.aadObjectId}`,
    ...(name ? { byName: name } : {}),
  };
  const actor = { role: 'owner' as const, id: answer.by, ...(name ? { name } : {}) };
  let stored: ReportRecord<NeedsReport>;
  try {
    stored = await turn.services.reports.amend<NeedsReport>(report.roundId, report.id, (cur) => {
      if (!cur.continuation || cur.continuation.answer) return undefined;
      const continuation = { ...cur.continuation, answer };
      if (answer.choice === 'stop') {
        const moved = transition({ status: cur.status }, 'withdrawn', {
          actor,
          at: now,
          deadline: new Date(round.deadline),
          reason: answer.reason,
          locale: turn.locale,
        });
        if (!moved.ok) throw new RefusedError(moved);
        return { continuation, entry: moved.entry };
      }
      if (answer.choice === 'lower') {
        const row = loweredAmount(cur.data.amounts[0], answer.amount!);
        const entry: AuditEntry = {
          from: cur.status,
          to: cur.status,
          at: answer.at,
          actor,
          reason: turn.t('continuation.audit.lower', { amount: formatNok(answer.amount!, 'nb') }),
        };
        return {
          continuation,
          data: { ...cur.data, amounts: [row] },
          totalRequested: answer.amount!,
          requestedPerYear: encodeYears([{ schoolYear: cur.data.startYear, grant: answer.amount! }]),
          entry,
        };
      }
      return { continuation };
    });
  } catch (err) {
    if (err instanceof RefusedError) throw new Refusal(err.refusal.key, err.refusal.params);
    throw err;
  }
  if (stored.continuation?.answer?.choice === 'stop' && stored.continuation.answer.at === answer.at)
    await closeEarlierYears(turn.services, stored.continuation, { role: 'system' }, answer.reason);
  return { card: answeredCard(turn, stored) };
};
