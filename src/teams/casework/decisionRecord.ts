import { checkDecision, decisionAmountId, decisionRefusalKey, sameDecision, type Decision, type Payment } from '../../domain/decision';
import { deviates, recommendedOf } from '../../domain/deviation';
import { paidSchoolYear, yearIndex } from '../../domain/money/schoolYear';
import { grantedSplit } from '../../domain/money/ledger';
import { decisionMoney } from './decisionMoney';
import { formatDate, formatNok } from '../../domain/i18n';
import { formatSchoolYear, statusLabelKey, transition, yearSummaries, type NeedsReport } from '../../domain/report';
import { RefusedError, type ReportRecord } from '../../storage/reports';
import { renderCard } from '../cards/render';
import { actorLabel, caseCard } from './caseCard';
import { decisionForm } from './forms';
import { loadCase, officerActor, requireCaseworker, type Case } from './load';
import { tellDecision, tellPaid } from './notify';
import type { Turn } from '../turn';
import { Refusal } from '../refusals';
import { action } from '../cards/action';
import type { ActionHandler } from '../actions/types';
import { paidUsageYears } from '../usage/caseUsage';
import { carryOverFor, markCarried } from '../usage/carryOver';

/** Why this report cannot get a decision now, in words naming what it has. */
export function decisionRefusal(turn: Turn, report: ReportRecord<NeedsReport>): Refusal {
  const { t, locale } = turn;
  const d = report.decision;
  if (d) {
    return new Refusal('decision.already', {
      reference: report.reference,
      outcome: t(statusLabelKey(d.outcome)),
      amount: formatNok(d.total, locale),
      date: formatDate(d.at, locale),
      who: actorLabel(t, { role: 'secretariat', name: d.byName }),
      // What was decided, in full: the loser of two decisions at once reads the winner's reason.
      reason: d.reason ? ` ${t('decision.alreadyReason', { reason: d.reason })}` : '',
    });
  }
  const key = decisionRefusalKey(report.status) === 'decision.already' ? 'decision.alreadyStatus' : 'decision.notYet';
  return new Refusal(key, { reference: report.reference, status: t(statusLabelKey(report.status)) });
}

/** `decision.form`: the decision form, only for a report the forum has recommended on. */
export const decisionFormAction: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  if (decisionRefusalKey(c.report.status)) throw decisionRefusal(turn, c.report);
  return { card: decisionForm(turn, c, {}, [], await decisionMoney(turn, c)) };
};

const typedOf = (data: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(data).filter(([k, v]) => typeof v === 'string' && (k === 'outcome' || k === 'reason' || /^grant\d$/.test(k)))) as Record<
    string,
    string
  >;

/**
 * Stores one decision under the report's ETag: when two officers decide the same report at once,
 * the second write finds the first decision and is refused with it. The same officer pressing the
 * same decision twice gets the same answer, and the owner one message.
 */
export async function recordDecision(turn: Turn, c: Case, decision: Decision): Promise<{ report: ReportRecord<NeedsReport>; recorded: boolean }> {
  const actor = officerActor(turn);
  try {
    const report = await turn.services.reports.setStatus<NeedsReport>(
      c.round.id,
      c.report.id,
      (status) => {
        const key = decisionRefusalKey(status);
        if (key) return { ok: false, reason: 'notAllowed', key };
        const moved = transition({ status }, decision.outcome, {
          actor,
          at: new Date(decision.at),
          deadline: new Date(c.round.deadline),
          reason: decision.reason,
          locale: turn.locale,
        });
        return moved.ok ? moved.entry : moved;
      },
      { decision },
    );
    return { report, recorded: true };
  } catch (err) {
    if (!(err instanceof RefusedError)) throw err;
    const now = await turn.services.reports.get<NeedsReport>(c.round.id, c.report.id);
    if (now?.decision && sameDecision(now.decision, decision)) return { report: now, recorded: false };
    throw decisionRefusal(turn, now ?? c.report);
  }
}

/** "Innvilget, 500 000 kr for 2027–2028. Tilsagn for senere år: 450 000 kr …": this year's money, later years as commitments. */
export function recordedText(turn: Pick<Turn, 't' | 'locale'>, report: ReportRecord<NeedsReport>, d: Decision, roundYear: number): string {
  const split = grantedSplit({ requestedPerYear: report.summary.requestedPerYear, decision: d }, roundYear);
  const text = turn.t('decision.recorded', {
    reference: report.reference,
    outcome: turn.t(statusLabelKey(d.outcome)),
    amount: `${formatNok(split.thisYear, turn.locale)} (${formatSchoolYear(roundYear)})`,
  });
  return split.later > 0 ? `${text} ${turn.t('money.commitments', { later: formatNok(split.later, turn.locale) })}` : text;
}

/** `decision.record`: checks the form, then records and tells the owner. */
export const decisionRecordAction: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  const actor = officerActor(turn);
  const requested = yearSummaries(c.report.data).map((y) => y.grant);
  const checked = checkDecision(
    { outcome: data.outcome, amounts: requested.map((_, i) => data[decisionAmountId(i + 1)]), reason: data.reason },
    requested,
    turn.locale,
  );
  if (decisionRefusalKey(c.report.status)) {
    // A retried press of a decision already stored is answered as the first was.
    if (!(checked.ok && c.report.decision && sameDecision(c.report.decision, { ...checked, by: actor.id! }))) throw decisionRefusal(turn, c.report);
  }
  if (!checked.ok) return { card: decisionForm(turn, c, typedOf(data), checked.problems, await decisionMoney(turn, c)) };
  const recommended = recommendedOf(c.report.status);
  const deviation = deviates(recommended, checked.outcome) ? recommended : undefined;
  if (deviation && !checked.reason) {
    const problem = { field: 'reason', key: 'decision.error.reasonDeviation' as const, params: { recommended: turn.t(statusLabelKey(deviation)) } };
    return { card: decisionForm(turn, c, typedOf(data), [problem], await decisionMoney(turn, c)) };
  }
  const decision: Decision = {
    outcome: checked.outcome,
    amounts: checked.amounts,
    total: checked.total,
    ...(checked.reason ? { reason: checked.reason } : {}),
    ...(deviation ? { deviatesFrom: deviation } : {}),
    at: turn.services.now().toISOString(),
    by: actor.id!,
    ...(actor.name ? { byName: actor.name } : {}),
  };
  const { report } = await recordDecision(turn, c, decision);
  await tellDecision(turn, report, c.round);
  const d = report.decision!;
  return { card: caseCard(turn, { report, round: c.round }, recordedText(turn, report, d, c.round.year)) };
};

function paidRefusal(turn: Turn, report: ReportRecord<NeedsReport>): Refusal {
  return new Refusal('decision.paidNotYet', { reference: report.reference, status: turn.t(statusLabelKey(report.status)) });
}

/** One school year's payment: the amount granted for the year this round pays. */
function paymentOf(c: Case): { schoolYear: number; amount: number } {
  const d = c.report.data;
  const schoolYear = paidSchoolYear(d.startYear, d.years, c.round.year);
  return { schoolYear, amount: c.report.decision?.amounts[yearIndex(d.startYear, d.years, schoolYear)] ?? 0 };
}

/** `decision.paid`: asks first; a payment cannot be undone in the bot. */
export const decisionPaidAction: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  if (c.report.status !== 'granted' && c.report.status !== 'partly_granted') throw paidRefusal(turn, c.report);
  const { t } = turn;
  const ids = { roundId: c.round.id, reportId: c.report.id };
  const pay = paymentOf(c);
  const carried = (await carryOverFor(turn.services, c.report)).reduce((a, x) => a + x.amount, 0);
  return {
    card: renderCard('message', {
      title: t('case.action.paid'),
      color: 'Default',
      text:
        `${t('money.paidYear', { schoolYear: formatSchoolYear(pay.schoolYear) })}: ${t('decision.paidConfirm', { reference: c.report.reference, amount: formatNok(pay.amount, turn.locale) })}` +
        (carried ? ` ${t('unused.intoPayment', { amount: formatNok(carried, turn.locale) })}` : ''),
      actions: [action(t('case.action.paid'), 'decision.paidConfirm', ids), action(t('case.cancel'), 'report.check', ids)],
    }),
  };
};

/** `decision.paidConfirm`: records the payment and tells the owner; a second press changes nothing. */
export const decisionPaidConfirmAction: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  const notice = (r: ReportRecord<NeedsReport>) =>
    turn.t('decision.paidRecorded', { reference: r.reference, amount: formatNok(r.payment?.amount ?? r.decision?.total ?? 0, turn.locale) });
  if (c.report.status === 'paid') return { card: caseCard(turn, c, notice(c.report)) };
  const actor = officerActor(turn);
  const now = turn.services.now();
  const carry = await carryOverFor(turn.services, c.report);
  const carriedOver = carry.reduce((a, x) => a + x.amount, 0);
  const payment: Payment = {
    at: now.toISOString(),
    by: actor.id!,
    ...(actor.name ? { byName: actor.name } : {}),
    ...paymentOf(c),
    ...(carriedOver ? { carriedOver } : {}),
  };
  let report: ReportRecord<NeedsReport>;
  try {
    report = await turn.services.reports.setStatus<NeedsReport>(
      c.round.id,
      c.report.id,
      (status) => {
        const moved = transition({ status }, 'paid', { actor, at: now, deadline: new Date(c.round.deadline), locale: turn.locale });
        return moved.ok ? moved.entry : { ok: false, reason: 'notAllowed', key: 'decision.paidNotYet' };
      },
      { payment },
    );
  } catch (err) {
    if (!(err instanceof RefusedError)) throw err;
    const current = (await turn.services.reports.get<NeedsReport>(c.round.id, c.report.id)) ?? c.report;
    if (current.status === 'paid')
      return { card: caseCard(turn, { ...c, report: current, usage: await paidUsageYears(turn, current, c.round) }, notice(current)) };
    throw paidRefusal(turn, current);
  }
  await markCarried(turn.services, carry, report.reference);
  await tellPaid(turn.services, report, c.round);
  // Paid now: the case card shows the school year's usage report as not filed yet.
  return { card: caseCard(turn, { ...c, report, usage: await paidUsageYears(turn, report, c.round) }, notice(report)) };
};
