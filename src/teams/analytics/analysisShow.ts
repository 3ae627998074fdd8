import type { ActionHandler } from '../actions/types';
import { analysisCard } from './analysisCard';
import { chosenAnalysis } from './chosen';

/** `analysis.show` (typed: `analyse` / `analysis`): the views for the chosen rounds, forum and scheme. */
export const analysisShow: ActionHandler = async (turn, data) => {
  const { t, locale, services } = turn;
  return { card: analysisCard({ t, locale, regions: services.regions }, await chosenAnalysis(turn, data)) };
};
