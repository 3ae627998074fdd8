import { osloWallClock } from '../../../domain/osloTime';
import { SCHEME_CODES } from '../../../domain/round';
import { DEFAULT_USAGE_DUE } from '../../../domain/usage';
import { ROUND_INPUTS, budgetInput, parseRoundSetup, type RoundInput } from '../../../domain/secretariat/round-setup';
import type { ActionHandler } from '../../actions/types';
import type { AdaptiveCard } from '../../cards/render';
import type { Turn } from '../../turn';
import { action } from '../../cards/action';
import { formCard } from '../cards';
import { requireOfficer } from '../requireOfficer';
import { allCounties, countyChoices, roundsCard } from './roundsCard';
import { carryForward } from './continuations';
import { officerActor } from '../../casework/load';

/** The year a new round most likely is for: this year until 1 February, then the next. */
function likelyYear(now: Date): number {
  const w = osloWallClock(now);
  return w.month === 1 ? w.year : w.year + 1;
}

function roundForm(turn: Turn, values: Partial<Record<RoundInput, string>>, errors: Partial<Record<RoundInput, string>> = {}, summary = ''): AdaptiveCard {
  const { t } = turn;
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
        label: t('round.field.budget', { scheme: s }),
        required: true,
        maxLength: 20,
        value: values[budgetInput(s)],
        error: errors[budgetInput(s)],
      })),
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
    }),
  };
};

/** `round.create`: validated as a whole; on any problem the form comes back as typed, nothing stored. */
export const roundCreate: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const { t, services, locale } = turn;
  const values = Object.fromEntries(ROUND_INPUTS.map((k) => [k, typeof data[k] === 'string' ? (data[k] as string) : ''])) as Record<RoundInput, string>;
  const existing = await services.rounds.list();
  const setup = parseRoundSetup(values, { now: services.now(), counties: allCounties(turn), existing, locale });
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
