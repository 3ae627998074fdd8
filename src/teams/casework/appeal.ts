import {
  APPEAL_OUTCOMES,
  MAX_APPEAL_NOTE,
  appealLastDay,
  checkAppealOutcome,
  checkChangedDecision,
  checkReceivedOn,
  isLateAppeal,
  type Appeal,
  type AppealProblem,
} from '../../domain/appeal';
import { OUTCOMES, decisionAmountId, type Decision } from '../../domain/decision';
import { deviates } from '../../domain/deviation';
import { formatDate, formatNok, type MessageKey } from '../../domain/i18n';
import { grantedSplit } from '../../domain/money/ledger';
import { formatSchoolYear, statusLabelKey, yearSummaries, type AuditEntry, type DecisionBrief, type NeedsReport, type ReportStatus } from '../../domain/report';
import { RefusedError, type ReportRecord } from '../../storage/reports';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import type { AdaptiveCard } from '../cards/render';
import { Refusal } from '../refusals';
import { formCard, messageCard } from '../secretariat/cards';
import type { Turn } from '../turn';
import { caseCard } from './caseCard';
import { loadCase, officerActor, requireCaseworker, type Case } from './load';
import { toOwnerPeople } from './notify';
import { changedFromTo } from '../cards/storyLine';
import { outcomeKey } from './appealFacts';

/**
 * Appeals against a decision, as the secretariat registers them on the case (`appeal.form` shows
 * the step the appeal is at; `appeal.save` stores it): first the day it was received, then its
 * outcome, which the owner's people are told.
 */

const ids = (c: Case) => ({ roundId: c.round.id, reportId: c.report.id });

function form(turn: Turn, c: Case, typed: Record<string, string> = {}, problems: AppealProblem[] = []): AdaptiveCard {
  const { t, locale } = turn;
  const sentAt = c.report.decision!.at;
  const errorOf = (field: AppealProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    return p ? t(p.key, p.params?.lastDay ? { ...p.params, lastDay: formatDate(String(p.params.lastDay), locale) } : p.params) : undefined;
  };
  const registering = !c.report.appeal;
  return formCard({
    // Teams' renderer and screen readers need a message on every required input, even before an error.
    required: t('form.required'),
    title: t('appeal.form.title', { reference: c.report.reference }),
    intro: t('appeal.form.intro', { sent: formatDate(sentAt, locale), lastDay: formatDate(appealLastDay(sentAt), locale) }),
    errorSummary: problems.length ? t('appeal.error.problems') : '',
    fields: registering
      ? [{ id: 'receivedOn', kind: 'date', label: t('appeal.receivedOn'), value: typed.receivedOn ?? '', required: true, error: errorOf('receivedOn') }]
      : [
          { id: 'received', kind: 'info', label: `${t('appeal.fact.received')}: ${formatDate(c.report.appeal!.receivedOn, locale)}` },
          {
            id: 'outcome',
            kind: 'choice',
            label: t('appeal.outcome'),
            value: typed.outcome ?? '',
            required: true,
            choices: APPEAL_OUTCOMES.map((o) => ({ title: t(outcomeKey(o)), value: o })),
            error: errorOf('outcome'),
          },
          { id: 'note', kind: 'textarea', label: t('appeal.note'), value: typed.note ?? '', maxLength: MAX_APPEAL_NOTE, error: errorOf('note') },
          ...changeFields(turn, c, typed, errorOf),
        ],
    actions: [
      action(t(registering ? 'appeal.register' : 'appeal.decide'), 'appeal.save', ids(c), { inputs: 'auto', style: 'positive' }),
      action(t('case.cancel'), 'report.check', ids(c)),
    ],
  });
}

/** The new decision, for an appeal decided "changed": outcome and amount per school year, the current decision filled in. */
function changeFields(turn: Turn, c: Case, typed: Record<string, string>, errorOf: (field: AppealProblem['field']) => string | undefined) {
  const { t, locale } = turn;
  const d = c.report.decision!;
  return [
    { id: 'changeHint', kind: 'info' as const, label: t('appeal.change.hint') },
    {
      id: 'newOutcome',
      kind: 'choice' as const,
      label: t('appeal.newOutcome'),
      value: typed.newOutcome ?? d.outcome,
      choices: OUTCOMES.map((o) => ({ title: t(statusLabelKey(o)), value: o })),
      error: errorOf('newOutcome'),
    },
    ...yearSummaries(c.report.data).map((y, i) => ({
      id: decisionAmountId(y.year),
      kind: 'text' as const,
      label: t('decision.form.amount', { schoolYear: y.schoolYear ? formatSchoolYear(y.schoolYear) : String(y.year), requested: formatNok(y.grant, locale) }),
      value: typed[decisionAmountId(y.year)] ?? String(d.amounts[i] ?? 0),
      maxLength: 15,
      error: errorOf(`grant${y.year}`),
    })),
  ];
}

/** A decision in brief for the history: outcome and this school year's amount (the ledger's split). */
const briefOf = (report: ReportRecord<NeedsReport>, d: Pick<Decision, 'outcome' | 'amounts' | 'total'>, schoolYear: number): DecisionBrief => ({
  outcome: d.outcome,
  amount: grantedSplit({ requestedPerYear: report.summary.requestedPerYear, decision: d }, schoolYear).thisYear,
});

/** The forum's last recommendation in the history, for whether a new decision deviates from it. */
function forumRecommendation(history: readonly AuditEntry[]): 'prioritised' | 'not_prioritised' | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const to = history[i].to;
    if (to === 'prioritised' || to === 'not_prioritised') return to;
  }
  return undefined;
}

/** A decided report moves to the new outcome; one paid or later keeps its status (the payment stands). */
const DECISION_STATUSES: readonly ReportStatus[] = ['granted', 'partly_granted', 'rejected'];

function noDecision(c: Case): Refusal {
  return new Refusal('appeal.noDecision', { reference: c.report.reference });
}

/** `appeal.form`: registers an appeal on a decided case, or records the outcome of the one registered. */
export const appealForm: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  if (!c.report.decision) throw noDecision(c);
  if (c.report.appeal?.outcome) {
    return {
      card: caseCard(turn, c, turn.t('appeal.alreadyDecided', { reference: c.report.reference, outcome: turn.t(outcomeKey(c.report.appeal.outcome)) })),
    };
  }
  return { card: form(turn, c) };
};

const typedOf = (data: Record<string, unknown>) =>
  Object.fromEntries(
    Object.keys(data)
      .filter((k) => typeof data[k] === 'string' && (['receivedOn', 'outcome', 'note', 'newOutcome'].includes(k) || /^grant\d$/.test(k)))
      .map((k) => [k, String(data[k]).slice(0, MAX_APPEAL_NOTE)]),
  );

/** `appeal.save`: the day received (first), then the outcome; a second press of the same step changes nothing. */
export const appealSave: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadCase(turn, data);
  const decision = c.report.decision;
  if (!decision) throw noDecision(c);
  const { t, locale } = turn;
  const actor = officerActor(turn);
  const now = turn.services.now();
  if (c.report.appeal?.outcome) {
    return { card: caseCard(turn, c, t('appeal.alreadyDecided', { reference: c.report.reference, outcome: t(outcomeKey(c.report.appeal.outcome)) })) };
  }

  if (!c.report.appeal) {
    const checked = checkReceivedOn(data.receivedOn, decision.at, now);
    if (!checked.ok) return { card: form(turn, c, typedOf(data), [checked.problem]) };
    const appeal: Appeal = { receivedOn: checked.receivedOn, registeredAt: now.toISOString(), by: actor.id!, ...(actor.name ? { byName: actor.name } : {}) };
    const lateOne = isLateAppeal(checked.receivedOn, decision.at);
    // Two officers at once: the first registration stands; the second reads it. The history tells it as a step of the case.
    const report = await turn.services.reports.amend<NeedsReport>(c.round.id, c.report.id, (cur) =>
      cur.appeal
        ? undefined
        : {
            appeal,
            entry: {
              from: cur.status,
              to: cur.status,
              at: now.toISOString(),
              actor,
              change: { field: 'appeal', step: 'received', receivedOn: checked.receivedOn, ...(lateOne ? { late: true } : {}) },
            },
          },
    );
    const stored = report.appeal!;
    const late = isLateAppeal(stored.receivedOn, decision.at);
    const notice = t(late ? 'appeal.registeredLate' : 'appeal.registered', {
      reference: report.reference,
      date: formatDate(stored.receivedOn, locale),
      lastDay: formatDate(appealLastDay(decision.at), locale),
    });
    return { card: caseCard(turn, { ...c, report }, notice) };
  }

  const checked = checkAppealOutcome({ outcome: data.outcome, note: data.note }, c.report.appeal, decision.at);
  // Changed: the new decision, checked as any decision is, against what was asked per year.
  const requested = yearSummaries(c.report.data).map((y) => y.grant);
  const change =
    data.outcome === 'changed'
      ? checkChangedDecision(
          {
            newOutcome: data.newOutcome,
            amounts: requested.map((_, i) => data[decisionAmountId(i + 1)]),
            note: checked.ok ? checked.note : typeof data.note === 'string' ? data.note : undefined,
          },
          requested,
          decision,
          locale,
        )
      : undefined;
  const problems = [...(checked.ok ? [] : checked.problems), ...(change && !change.ok ? change.problems : [])].filter(
    (p, i, all) => all.findIndex((q) => q.field === p.field) === i,
  );
  if (!checked.ok || problems.length) return { card: form(turn, c, typedOf(data), problems) };
  const next = change?.ok ? change.decision : undefined;
  let told = false;
  let report: ReportRecord<NeedsReport>;
  try {
    report = await turn.services.reports.amend<NeedsReport>(c.round.id, c.report.id, (cur) => {
      if (!cur.appeal || cur.appeal.outcome || !cur.decision) return undefined;
      told = true;
      const at = now.toISOString();
      const appeal: Appeal = {
        ...cur.appeal,
        outcome: checked.outcome,
        ...(checked.note ? { note: checked.note } : {}),
        decidedAt: at,
        decidedBy: actor.id!,
        ...(actor.name ? { decidedByName: actor.name } : {}),
        ...(next ? { noticeSentAt: cur.decision.at } : {}),
      };
      const step = { field: 'appeal' as const, step: checked.outcome, receivedOn: cur.appeal.receivedOn };
      if (!next) return { appeal, entry: { from: cur.status, to: cur.status, at, actor, ...(checked.note ? { reason: checked.note } : {}), change: step } };
      // The new decision replaces the old one (the ledger counts only it); the history keeps what it was.
      const recommended = forumRecommendation(cur.history);
      const changed: Decision = {
        ...next,
        ...(checked.note ? { reason: checked.note } : {}),
        at,
        by: actor.id!,
        ...(actor.name ? { byName: actor.name } : {}),
        ...(deviates(recommended, next.outcome) ? { deviatesFrom: recommended } : {}),
      };
      const to = DECISION_STATUSES.includes(cur.status) ? next.outcome : cur.status;
      return {
        appeal,
        decision: changed,
        entry: {
          from: cur.status,
          to,
          at,
          actor,
          ...(checked.note ? { reason: checked.note } : {}),
          change: { ...step, was: briefOf(cur, cur.decision, c.round.year), now: briefOf(cur, changed, c.round.year) },
        },
      };
    });
  } catch (err) {
    if (err instanceof RefusedError) throw new Refusal(err.refusal.key);
    throw err;
  }
  if (told) await tellAppealOutcome(turn, report);
  const outcome = report.appeal?.outcome;
  return { card: caseCard(turn, { ...c, report }, t('appeal.decided', { reference: report.reference, outcome: t(outcomeKey(outcome)) })) };
};

/** The appeal's outcome, to every one of the owner's people in their language. */
async function tellAppealOutcome(turn: Turn, report: ReportRecord<NeedsReport>): Promise<void> {
  const a = report.appeal!;
  const sentAt = a.noticeSentAt ?? report.decision!.at;
  await toOwnerPeople(turn.services, report, `appeal:${report.id}`, (locale, t) => {
    const date = formatDate(a.receivedOn, locale);
    const lines = [t(`appeal.notify.${a.outcome}` as MessageKey, { date, lastDay: formatDate(appealLastDay(sentAt), locale) })];
    // A changed decision: what it was and what it is now, as the case's story says it.
    const step = [...report.history].reverse().find((h) => h.change?.field === 'appeal')?.change;
    if (a.outcome === 'changed' && step?.field === 'appeal' && step.was && step.now)
      lines.push(t('appeal.notify.changedFrom', changedFromTo({ t, locale }, step.was, step.now)));
    if (a.note) lines.push(t('appeal.notify.note', { note: a.note }));
    return messageCard({
      title: t('appeal.notify.title', { reference: report.reference }),
      text: lines.join('\n\n'),
      color: a.outcome === 'changed' ? 'Good' : 'Default',
      actions: [action(t('notify.show'), 'report.open', { reportId: report.id })],
    });
  });
}
