import { formatDate, formatNok } from '../../domain/i18n';
import { osloDate } from '../../domain/osloTime';
import { UNUSED_PLANS, checkUnusedDecision, type UnusedDecision, type UnusedProblem } from '../../domain/usage';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import type { AdaptiveCard } from '../cards/render';
import { requireCaseworker } from '../casework/load';
import { formCard } from '../secretariat/cards';
import type { Turn } from '../turn';
import { PLAN_LABEL, problemText, schoolYearText } from './cards';
import { actorOf, idsOf, loadOfficerCase } from './load';
import { tellUnusedDecided } from './notify';
import { showCard, type Sent } from './review';
import { unusedOf } from './unusedView';
import { Refusal } from '../refusals';

/**
 * The secretariat decides what happens to a usage report's unused money once the report is
 * accepted: carried over (into the measure's next payment) or repaid by a due day, then marked
 * repaid. Stored on the usage report, where the ledger reads it (domain/usage/rules unusedByReport).
 */

function form(turn: Turn, c: Sent, typed: Record<string, string> = {}, problems: UnusedProblem[] = []): AdaptiveCard {
  const { t, locale } = turn;
  const errorOf = (field: UnusedProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    return p ? problemText(turn, p) : undefined;
  };
  const wish = c.usage.report?.unusedPlan;
  return formCard({
    title: t('unused.form.title', { reference: c.report.reference, schoolYear: schoolYearText(c) }),
    intro: t('unused.form.intro', { amount: formatNok(unusedOf(c), locale), wish: wish ? t(PLAN_LABEL[wish]) : '–' }),
    errorSummary: problems.length ? t('appeal.error.problems') : '',
    fields: [
      {
        id: 'plan',
        kind: 'choice',
        label: t('unused.form.plan'),
        value: typed.plan ?? wish ?? '',
        required: true,
        choices: UNUSED_PLANS.map((p) => ({ title: t(p === 'carryOver' ? 'unused.plan.carryOver' : 'unused.plan.repay'), value: p })),
        error: errorOf('plan'),
      },
      {
        id: 'amount',
        kind: 'text',
        label: t('unused.form.amount'),
        value: typed.amount ?? String(unusedOf(c)),
        required: true,
        maxLength: 20,
        error: errorOf('amount'),
      },
      { id: 'dueDay', kind: 'date', label: t('unused.form.dueDay'), value: typed.dueDay ?? '', hint: t('unused.form.dueHint'), error: errorOf('dueDay') },
    ],
    actions: [
      action(t('unused.form.save'), 'usage.unused', { ...idsOf(c), step: 'save' }, { inputs: 'auto', style: 'positive' }),
      action(t('usage.form.cancel'), 'usage.show', idsOf(c)),
    ],
  });
}

function notAccepted(turn: Turn, c: Sent): Refusal {
  return new Refusal('unused.notAccepted', { reference: c.report.reference, schoolYear: schoolYearText(c) });
}

/** `usage.unused`: the form (no `step`), or the decision (`step: save`); a decision made stands. */
export const usageUnused: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadOfficerCase(turn, data);
  if (c.usage.unusedDecision) return { card: showCard(turn, c) };
  if (c.usage.status !== 'accepted' || unusedOf(c) <= 0) throw notAccepted(turn, c);
  if (data.step !== 'save') return { card: form(turn, c) };
  const typed = Object.fromEntries(['plan', 'amount', 'dueDay'].filter((k) => typeof data[k] === 'string').map((k) => [k, String(data[k]).slice(0, 40)]));
  const now = turn.services.now();
  const checked = checkUnusedDecision({ plan: data.plan, amount: data.amount, dueDay: data.dueDay }, unusedOf(c), now);
  if (!checked.ok) return { card: form(turn, c, typed, checked.problems) };
  const decision: UnusedDecision = {
    plan: checked.plan,
    amount: checked.amount,
    ...(checked.dueDay ? { dueDay: checked.dueDay } : {}),
    decidedAt: now.toISOString(),
    ...actorOf(turn),
  };
  let made = false;
  const usage = await turn.services.usage.change(idsOf(c), (cur) => {
    if (!cur || cur.unusedDecision) return undefined;
    made = true;
    return { ...cur, unusedDecision: decision, updatedAt: decision.decidedAt };
  });
  const done: Sent = { ...c, usage: usage ?? c.usage };
  if (made) await tellUnusedDecided(turn.services, done, decision);
  return { card: showCard(turn, done, turn.t('unused.decided', { reference: c.report.reference })) };
};

/** `usage.repaid`: the money to be repaid came in (today, Oslo time); a second press changes nothing. */
export const usageRepaid: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const c = await loadOfficerCase(turn, data);
  const d = c.usage.unusedDecision;
  if (d?.plan !== 'repay') throw notAccepted(turn, c);
  const at = turn.services.now().toISOString();
  const usage = await turn.services.usage.change(idsOf(c), (cur) =>
    cur?.unusedDecision?.plan === 'repay' && !cur.unusedDecision.repaidAt
      ? { ...cur, unusedDecision: { ...cur.unusedDecision, repaidAt: at }, updatedAt: at }
      : undefined,
  );
  const repaidAt = usage?.unusedDecision?.repaidAt ?? at;
  return {
    card: showCard(
      turn,
      { ...c, usage: usage ?? c.usage },
      turn.t('unused.repaidRecorded', {
        reference: c.report.reference,
        amount: formatNok(d.amount, turn.locale),
        date: formatDate(osloDate(new Date(repaidAt)), turn.locale),
      }),
    ),
  };
};
