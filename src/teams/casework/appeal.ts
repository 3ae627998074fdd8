import {
  APPEAL_OUTCOMES,
  MAX_APPEAL_NOTE,
  appealLastDay,
  checkAppealOutcome,
  checkReceivedOn,
  isLateAppeal,
  type Appeal,
  type AppealProblem,
} from '../../domain/appeal';
import { formatDate, type MessageKey } from '../../domain/i18n';
import type { NeedsReport } from '../../domain/report';
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
        ],
    actions: [
      action(t(registering ? 'appeal.register' : 'appeal.decide'), 'appeal.save', ids(c), { inputs: 'auto', style: 'positive' }),
      action(t('case.cancel'), 'report.check', ids(c)),
    ],
  });
}

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
  Object.fromEntries(['receivedOn', 'outcome', 'note'].filter((k) => typeof data[k] === 'string').map((k) => [k, String(data[k]).slice(0, MAX_APPEAL_NOTE)]));

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
    // Two officers at once: the first registration stands; the second reads it.
    const report = await turn.services.reports.amend<NeedsReport>(c.round.id, c.report.id, (cur) => (cur.appeal ? undefined : { appeal }));
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
  if (!checked.ok) return { card: form(turn, c, typedOf(data), checked.problems) };
  let told = false;
  let report: ReportRecord<NeedsReport>;
  try {
    report = await turn.services.reports.amend<NeedsReport>(c.round.id, c.report.id, (cur) => {
      if (!cur.appeal || cur.appeal.outcome) return undefined;
      told = true;
      return {
        appeal: {
          ...cur.appeal,
          outcome: checked.outcome,
          ...(checked.note ? { note: checked.note } : {}),
          decidedAt: now.toISOString(),
          decidedBy: actor.id!,
          ...(actor.name ? { decidedByName: actor.name } : {}),
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
  const sentAt = report.decision!.at;
  await toOwnerPeople(turn.services, report, `appeal:${report.id}`, (locale, t) => {
    const date = formatDate(a.receivedOn, locale);
    const lines = [t(`appeal.notify.${a.outcome}` as MessageKey, { date, lastDay: formatDate(appealLastDay(sentAt), locale) })];
    if (a.note) lines.push(t('appeal.notify.note', { note: a.note }));
    return messageCard({
      title: t('appeal.notify.title', { reference: report.reference }),
      text: lines.join('\n\n'),
      color: a.outcome === 'changed' ? 'Good' : 'Default',
      actions: [action(t('notify.show'), 'report.open', { reportId: report.id })],
    });
  });
}
