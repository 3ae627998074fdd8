import { forumsOf, type RegionConfig } from './regions';
import { SCHEME_CODES, type Round } from './round';

/**
 * The local demo round with several forums: its budgets split per forum, by each forum's share of
 * the working groups (rounded to 100 000 kr, the last forum taking what is left), so a newcomer
 * sees each forum's own budget. With one forum the round is left as it is.
 */
export function withDemoForumBudgets(round: Round, regions: RegionConfig): Round {
  const forums = forumsOf(regions);
  if (forums.length < 2) return round;
  const groups = forums.reduce((n, f) => n + f.workingGroups.length, 0);
  const forumBudgets: NonNullable<Round['forumBudgets']> = {};
  for (const s of SCHEME_CODES) {
    const total = round.budgets[s] ?? 0;
    let left = total;
    forums.forEach((f, i) => {
      const share = i === forums.length - 1 ? left : Math.round((total * f.workingGroups.length) / groups / 100_000) * 100_000;
      left -= share;
      forumBudgets[f.id] = { ...forumBudgets[f.id], [s]: share };
    });
  }
  return { ...round, budgetSplit: 'perForum', forumBudgets };
}
