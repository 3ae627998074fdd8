import type { AnalysisChoice, AnalysisScope } from '../../domain/analytics/choice';
import type { Analysis } from '../../domain/analytics/views';
import type { Round } from '../../domain/round';
import { Refusal } from '../refusals';
import type { Turn } from '../turn';
import { analysisScope, choiceOf } from './scope';

/** What a press or command asked for, within the caller's scope, and its figures: the same for the card and its download. */
export async function chosenAnalysis(
  turn: Turn,
  data: Record<string, unknown>,
): Promise<{ scope: AnalysisScope; rounds: Round[]; choice: AnalysisChoice; chosen: Round[]; analysis: Analysis }> {
  const scope = await analysisScope(turn);
  const rounds = await turn.services.rounds.list();
  if (rounds.length === 0) throw new Refusal('analysis.noRounds');
  const choice = choiceOf(data, scope, rounds);
  return { scope, rounds, choice, ...(await turn.services.aggregates.analysis(rounds, choice)) };
}
