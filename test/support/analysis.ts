import type { Round } from '../../src/domain/round';

/** A closed filing round of `year` for the analysis tests, its id `<prefix>-<year>`. */
export const closedRound = (prefix: string, year: number, budgets: Round['budgets'] = { REKOM: 0, DEKOM: 10_000_000, KOMPLOFT: 0 }): Round => ({
  id: `${prefix}-${year}`,
  year,
  counties: ['oslo', 'akershus', 'ostfold', 'buskerud'],
  deadline: `${year}-02-01T22:59:00.000Z`,
  status: 'closed',
  budgets,
  createdAt: `${year - 1}-11-01T00:00:00.000Z`,
});
