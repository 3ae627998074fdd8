import { scopeOf, type AnalysisScope } from '../../domain/analytics/choice';
import { personOf } from '../caller';
import { Refusal } from '../refusals';
import type { Turn } from '../turn';

export { ALL, choiceOf, roundsOf, LAST_N, type AnalysisChoice, type AnalysisScope } from '../../domain/analytics/choice';

/** The caller's analysis scope (domain/analytics/choice.ts); anyone without one is refused before anything is read. */
export async function analysisScope(turn: Turn): Promise<AnalysisScope> {
  const scope = scopeOf(await turn.services.roles.of(personOf(turn)), turn.services.regions);
  if (!scope) throw new Refusal('analysis.only');
  return scope;
}
