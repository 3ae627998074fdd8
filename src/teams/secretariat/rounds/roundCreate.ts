import { osloWallClock } from '../../../domain/osloTime';
import { SCHEME_CODES } from '../../../domain/round';
import { schemeName } from '../../../domain/schemes';
import { DEFAULT_USAGE_DUE } from '../../../domain/usage';
import { BUDGET_SPLIT_INPUT, ROUND_INPUTS, budgetInput, forumBudgetInput, parseRoundSetup, type RoundField } from '../../../domain/secretariat/round-setup';
import { forumsOf, localised } from '../../../domain/regions';
import type { FormField } from '../cards';
import type { ActionHandler } from '../../actions/types';
import type { AdaptiveCard } from '../../cards/render';
import type { Turn } from '../../turn';
import { action } from '../../cards/action';
import { formCard } from '../cards';
import { requireOfficer } from '../../requireOfficer';
import { allCounties, countyChoices, roundsCard } from './roundsCard';
import { carryForward } from './continuations';
import { officerActor } from '../../casework/load';

/** The year a new round most likely is for: this year until 1 February, then the next. */
function likelyYear(now: Date): number {
  const w = osloWallClock(now);
  return w.month === 1 ? w.year : w.year + 1;
}

/** With several forums: the budget split, and each forum's budget per scheme (read when split per forum). */
function forumBudgetFields(turn: Turn, values: Partial<Record<RoundField, string>>, errors: Partial<Record<RoundField, string>>): FormField[] {
  const { t, locale } = turn;
  const forums = forumsOf(turn.services.regions);
  if (forums.length < 2) return [];
  return [
    {
      id: BUDGET_SPLIT_INPUT,
      kind: 'choice',
      label: t('forums.round.split'),
      required: true,
      value: values[BUDGET_SPLIT_INPUT] ?? 'shared',
      choices: [
        { title: t('forums.round.split.shared'), value: 'shared' },
        { title: t('forums.round.split.perForum'), value: 'perForum' },
      ],
      hint: t('forums.round.split.hint'),
      error: errors[BUDGET_SPLIT_INPUT],
    },
    ...forums.flatMap((f) => [
      { id: `heading_${f.id}`, kind: 'heading' as const, label: t('forums.round.forumHeading', { forum: localised(f.name, locale) }) },
      ...SCHEME_CODES.map((s) => ({
        id: forumBudgetInput(f.id, s),
        kind: 'text' as const,
        label: t('forums.round.forumBudget', { forum: localised(f.name, locale), scheme: schemeName(t, s, 'short') }),
        maxLength: 20,
        value: values[forumBudgetInput(f.id, s)],
        error: errors[forumBudgetInput(f.id, s)],
      })),
    ]),
  ];
}

function roundForm(turn: Turn, values: Partial<Record<RoundField, string>>, errors: Partial<Record<RoundField, string>> = {}, summary = ''): AdaptiveCard {
  const { t } = turn;
  const split = forumsOf(turn.services.regions).length > 1;
  return formCard({
    required: turn.t('form.required'),
    title: t('round.form.title'),
    intro: t('round.form.intro'),
    errorSummary: summary || (Object.keys(errors).length ? t('secretariat.errorSummary') : ''),
    fields: [
      { id: 'year', kind: 'text', label: t('round.field.year'), required: true, maxLength: 4, value: values.year, error: errors.year },
      { id: 'deadline', kind: 'date', label: t('round.field.deadline'), required: true, value: values.deadline, error: errors.deadline },
      {
        id: 'counties',
        kind: 'multichoice',
        label: t('round.field.counties'),
        required: true,
        value: values.counties,
        choices: countyChoices(turn),
        error: errors.counties,
      },
      ...SCHEME_CODES.map((s) => ({
        id: budgetInput(s),
        kind: 'text' as const,
        // With several forums these are the shared budgets, needed only when the split is shared.
        label: t(split ? 'forums.round.sharedBudget' : 'round.field.budget', { scheme: schemeName(t, s, 'short') }),
        required: !split,
        maxLength: 20,
        value: values[budgetInput(s)],
        error: errors[budgetInput(s)],
      })),
      ...forumBudgetFields(turn, values, errors),
      {
        id: 'usageDue',
        kind: 'text',
        label: t('round.field.usageDue'),
        hint: t('round.field.usageDueHint'),
        placeholder: DEFAULT_USAGE_DUE,
        maxLength: 5,
        value: values.usageDue,
        error: errors.usageDue,
      },
    ],
    actions: [action(t('round.create'), 'round.create', {}, { inputs: 'auto', style: 'positive' }), action(t('secretariat.cancel'), 'round.list', {})],
  });
}

/** `round.newForm` / `ny runde`: year, deadline, counties (all by default), budgets and the usage reports' due day. */
export const roundNewForm: ActionHandler = async (turn) => {
  await requireOfficer(turn);
  const year = likelyYear(turn.services.now());
  return {
    card: roundForm(turn, {
      year: String(year),
      deadline: `${year}-02-01`,
      counties: allCounties(turn).join(','),
      ...Object.fromEntries(SCHEME_CODES.map((s) => [budgetInput(s), ''])),
      usageDue: DEFAULT_USAGE_DUE,
      ...(forumsOf(turn.services.regions).length > 1 ? { [BUDGET_SPLIT_INPUT]: 'shared' } : {}),
    }),
  };
};

/** `round.create`: validated as a whole; on any problem the form comes back as typed, nothing stored. */
export const roundCreate: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const { t, services, locale } = turn;
  const forums = forumsOf(services.regions).map((f) => f.id);
  const forumInputs: RoundField[] = forums.length > 1 ? [BUDGET_SPLIT_INPUT, ...forums.flatMap((f) => SCHEME_CODES.map((s) => forumBudgetInput(f, s)))] : [];
  const inputs: RoundField[] = [...ROUND_INPUTS, ...forumInputs];
  const values = Object.fromEntries(inputs.map((k) => [k, typeof data[k] === 'string' ? (data[k] as string) : ''])) as Record<RoundField, string>;
  const existing = await services.rounds.list();
  const setup = parseRoundSetup(values, { now: services.now(), counties: allCounties(turn), existing, locale, forums });
  if (!setup.ok) {
    const { form, ...fields } = setup.errors;
    const errors = Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, t(p!.key, p!.params)]));
    return { card: roundForm(turn, values, errors, form ? t(form.key, form.params) : '') };
  }
  if (!(await services.rounds.create(setup.round))) {
    // Another officer created it a moment ago.
    return { card: roundForm(turn, values, {}, t('round.error.duplicate', { year: setup.round.year, round: setup.round.id })) };
  }
  services.logger.info('round created', { roundId: setup.round.id });
  const carried = await carryForward(services, setup.round, officerActor(turn));
  const notice =
    t('rounds.created', { year: setup.round.year }) + (carried > 0 ? ` ${t('continuation.carried', { count: carried, year: setup.round.year })}` : '');
  return { card: await roundsCard(turn, { notice }) };
};
