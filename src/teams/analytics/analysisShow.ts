import type { ActionHandler } from '../actions/types';
import { Refusal } from '../refusals';
import { analysisCard } from './analysisCard';
import { analysisScope, choiceOf } from './scope';

/** `analysis.show` (typed: `analyse` / `analysis`): the views for the chosen rounds, forum and scheme. */
export const analysisShow: ActionHandler = async (turn, data) => {
  const { t, locale, services } = turn;
  const scope = await analysisScope(turn);
  const rounds = await services.rounds.list();
  if (rounds.length === 0) throw new Refusal('analysis.noRounds');
  const choice = choiceOf(data, scope, rounds);
  const { chosen, analysis } = await services.aggregates.analysis(rounds, choice);
  return { card: analysisCard({ t, locale, regions: services.regions }, { choice, scope, rounds, chosen, analysis }) };
};
