import { formatDateTime, type MessageKey } from '../../domain/i18n';
import { MAX_REASON_LENGTH, statusLabelKey, transition, type NeedsReport } from '../../domain/report';
import { charCount, cleanText } from '../../domain/report/card-input';
import { isLastYear } from '../../domain/usage';
import type { ReportRecord } from '../../storage/reports';
import { RefusedError } from '../../storage/reports';
import type { UsageRecord } from '../../storage/usageReports';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import type { AdaptiveCard } from '../cards/render';
import { officerActor, requireCaseworker } from '../casework/load';
import { Refusal } from '../refusals';
import { formCard, summaryCard } from '../secretariat/cards';
import type { Turn } from '../turn';
import { schoolYearText, usageFacts, usageStatusText } from './cards';
import { actorOf, idsOf, loadOfficerCase, type UsageCase } from './load';
import { tellUsageAccepted, tellUsageReturned } from './notify';
import { unusedActions, unusedSections } from './unusedView';
import { closeEarlierYears } from '../continuation/closeMeasure';

export type Sent = UsageCase & { usage: UsageRecord };

/** The officer's card of one usage report: what was sent, its history, and accept / return while it waits. */
export function showCard(turn: Turn, c: Sent, notice = ''): AdaptiveCard {
  const { t, locale } = turn;
  const history = c.usage.history.map((e) => ({
    title: t('usage.show.historyLine', { at: formatDateTime(e.at, locale), status: t(`usage.status.${e.to}` as MessageKey), who: e.byName ?? e.by }),
    value: e.comment ?? '',
  }));
  const ids = idsOf(c);
  return summaryCard({
    title: t('usage.show.title', { reference: c.report.reference, schoolYear: schoolYearText(c) }),
    intro: `${c.report.summary.ownerName}: ${c.report.summary.title}`,
    notice,
    sections: [
      { title: usageStatusText(turn, c.usage.status, c.deadline), facts: c.usage.report ? usageFacts(turn, c, c.usage.report) : [] },
      ...unusedSections(turn, c),
      { title: t('usage.show.history'), facts: history },
    ],
    actions: [
      ...(c.usage.status === 'submitted'
        ? [action(t('usage.accept'), 'usage.accept', ids, { style: 'positive' }), action(t('usage.return'), 'usage.return', ids, { style: 'destructive' })]
        : []),
      ...unusedActions(turn, c),
      action(t('usage.back'), 'usage.round', { roundId: c.round.id }),
    ],
  });
}

function notSubmitted(turn: Turn, c: Sent): Refusal {
  return new Refusal('usage.notSubmitted', { reference: c.report.reference, status: turn.t(`usage.status.${c.usage.status}` as MessageKey) });
}

/** `usage.show`: one usage report for the secretariat. */
export const usageShow: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  return { card: showCard(turn, await loadOfficerCase(turn, data)) };
};

/**
 * Moves the measure on once its usage report is accepted: `paid` → `reported`, and → `closed` after
 * its last school year. Audited on the report; a retry finds the moves made and makes none twice.
 */
async function moveMeasure(turn: Turn, c: Sent): Promise<ReportRecord<NeedsReport>> {
  const actor = officerActor(turn);
  const at = turn.services.now();
  const deadline = new Date(c.round.deadline);
  const reason = turn.t('usage.audit.accepted', { schoolYear: schoolYearText(c) });
  const step = async (from: 'paid' | 'reported', to: 'reported' | 'closed') => {
    try {
      return await turn.services.reports.setStatus<NeedsReport>(c.round.id, c.report.id, (status) => {
        if (status !== from) return { ok: false, reason: 'notAllowed', key: 'usage.notFound' };
        const moved = transition({ status }, to, { actor, at, deadline, reason, locale: turn.locale });
        return moved.ok ? moved.entry : moved;
      });
    } catch (err) {
      // Moved already (a retry, or another officer): what is stored stands.
      if (err instanceof RefusedError) return undefined;
      throw err;
    }
  };
  let report = c.report;
  if (report.status === 'paid') report = (await step('paid', 'reported')) ?? report;
  // A continuation is one school year of a longer measure: only the measure's last year closes it.
  const measureEnds = !report.continuation || report.continuation.year === report.continuation.of;
  if (report.status === 'reported' && measureEnds && isLastYear(report.data, c.schoolYear)) report = (await step('reported', 'closed')) ?? report;
  // The measure's last year is closed: so are the original report and earlier years, which stayed `reported` meanwhile.
  if (report.status === 'closed' && report.continuation) await closeEarlierYears(turn.services, report.continuation, actor, reason);
  return (await turn.services.reports.get<NeedsReport>(c.round.id, c.report.id)) ?? report;
}

/** `usage.accept`: the usage report is accepted and the measure moves on; the owner is told once. */
export const usageAccept: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadOfficerCase(turn, data);
  if (c.usage.status !== 'submitted' && c.usage.status !== 'accepted') throw notSubmitted(turn, c);
  const at = turn.services.now().toISOString();
  const usage = await turn.services.usage.change(idsOf(c), (cur) =>
    cur?.status === 'submitted'
      ? { ...cur, status: 'accepted', updatedAt: at, history: [...cur.history, { to: 'accepted', at, ...actorOf(turn) }] }
      : undefined,
  );
  if (usage?.status !== 'accepted') throw notSubmitted(turn, { ...c, usage: usage ?? c.usage });
  const report = await moveMeasure(turn, c);
  const done: Sent = { ...c, report, usage };
  await tellUsageAccepted(turn.services, done);
  return { card: showCard(turn, done, turn.t('usage.accepted', { reference: report.reference, status: turn.t(statusLabelKey(report.status)) })) };
};

function returnForm(turn: Turn, c: Sent, typed = '', error = ''): AdaptiveCard {
  const { t } = turn;
  const ids = idsOf(c);
  return formCard({
    required: t('form.required'),
    title: t('usage.return.title', { reference: c.report.reference }),
    intro: t('usage.return.intro'),
    fields: [{ kind: 'textarea', id: 'comment', label: t('usage.return.comment'), value: typed, maxLength: MAX_REASON_LENGTH, required: true, error }],
    actions: [
      action(t('usage.return.send'), 'usage.returnConfirm', ids, { inputs: 'auto', style: 'destructive' }),
      action(t('usage.form.cancel'), 'usage.show', ids),
    ],
  });
}

/** `usage.return`: asks for the comment the owner gets. */
export const usageReturn: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadOfficerCase(turn, data);
  if (c.usage.status !== 'submitted') throw notSubmitted(turn, c);
  return { card: returnForm(turn, c) };
};

/** `usage.returnConfirm`: back to the owner with a required comment; they fix it and send it again. */
export const usageReturnConfirm: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadOfficerCase(turn, data);
  const raw = typeof data.comment === 'string' ? data.comment : '';
  const done = (usage: UsageRecord) => ({ card: showCard(turn, { ...c, usage }, turn.t('usage.returned', { reference: c.report.reference })) });
  // A double press finds it returned already: the same answer, no second message.
  if (c.usage.status === 'returned') return done(c.usage);
  if (c.usage.status !== 'submitted') throw notSubmitted(turn, c);
  const comment = cleanText(raw.slice(0, MAX_REASON_LENGTH * 4), true);
  if (!comment) return { card: returnForm(turn, c, raw.slice(0, MAX_REASON_LENGTH), turn.t('usage.error.commentRequired')) };
  if (charCount(comment) > MAX_REASON_LENGTH) {
    return { card: returnForm(turn, c, raw.slice(0, MAX_REASON_LENGTH), turn.t('usage.error.tooLong', { max: MAX_REASON_LENGTH })) };
  }
  const at = turn.services.now().toISOString();
  const usage = await turn.services.usage.change(idsOf(c), (cur) =>
    cur?.status === 'submitted'
      ? { ...cur, status: 'returned', updatedAt: at, history: [...cur.history, { to: 'returned', at, comment, ...actorOf(turn) }] }
      : undefined,
  );
  if (!usage || usage.status !== 'returned') throw notSubmitted(turn, { ...c, usage: usage ?? c.usage });
  if (usage.history.at(-1)?.at === at) await tellUsageReturned(turn.services, c, usage, comment);
  return done(usage);
};
