import { computeResults, publicationKey, type ResultRow } from '../../../domain/results';
import { budgetOf, budgetScopeOf, SCHEME_CODES, type Round } from '../../../domain/round';
import { forumOfRow } from '../../../domain/money/ledger';
import type { Services } from '../../services';

/** A round's results for one forum: its reports, its budgets, and the key its publication is kept under. */
export interface ForumResults {
  round: Round;
  forum: string;
  key: string;
  rows: ResultRow[];
  budgets: Record<string, number>;
}

/** The forum's reports of the round (by their working group) and the budget per scheme of its scope. */
export async function forumResults(services: Services, round: Round, forum: string): Promise<ForumResults> {
  const rows = (await services.results.rows(round.id)).filter((r) => forumOfRow(services.regions, { workingGroup: r.workingGroup ?? '' }) === forum);
  const scope = budgetScopeOf(round, forum);
  return {
    round,
    forum,
    key: publicationKey(round.id, forum, services.regions.id),
    rows,
    budgets: Object.fromEntries(SCHEME_CODES.map((s) => [s, budgetOf(round, scope, s)])),
  };
}

export const resultsOf = (services: Services, f: ForumResults) => computeResults(f.rows, f.budgets, services.regions, f.round.year);
