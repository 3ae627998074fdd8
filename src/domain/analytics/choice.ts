import { z } from 'zod';
import { forumsOf, type Forum, type RegionConfig } from '../regions';
import { isOfficer, type Grant } from '../roles';
import type { Round } from '../round';
import { SCHEMES } from '../schemes';

/**
 * Who sees which analysis: the secretariat every forum and the whole County Governor; a forum's
 * members and chairs (of the forum or its working groups) only their own forum.
 */
export interface AnalysisScope {
  officer: boolean;
  /** The forums the caller may choose, in configured order. */
  forums: Forum[];
}

/** The caller's scope, or undefined when they may see no analysis. */
export function scopeOf(grants: readonly Grant[], regions: RegionConfig): AnalysisScope | undefined {
  const all = forumsOf(regions);
  if (isOfficer(grants, regions.id)) return { officer: true, forums: all };
  const mine = all.filter((f) => grants.some((g) => g.forum === f.id && (g.role === 'member' || g.role === 'chair')));
  return mine.length > 0 ? { officer: false, forums: mine } : undefined;
}

/** The rounds choice: the last N rounds, or one round by id. */
export const LAST_N = [1, 3, 5, 10] as const;
export const ALL = 'all';

const Choice = z.object({
  rounds: z
    .string()
    .regex(/^(last(1|3|5|10)|[a-z0-9-]{1,40})$/)
    .optional()
    .catch(undefined),
  forum: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined),
  scheme: z.string().max(20).optional().catch(undefined),
});

/** What the card's inputs asked, checked against the caller's scope; anything else falls back to the default. */
export interface AnalysisChoice {
  rounds: string;
  /** A forum id, or ALL (officers only). */
  forum: string;
  /** A scheme code, or ALL. */
  scheme: string;
}

export function choiceOf(data: Record<string, unknown>, scope: AnalysisScope, rounds: readonly Round[]): AnalysisChoice {
  const c = Choice.parse(data ?? {});
  const defaultForum = scope.officer && scope.forums.length > 1 ? ALL : scope.forums[0].id;
  const forum = c.forum && (c.forum === ALL ? scope.officer : scope.forums.some((f) => f.id === c.forum)) ? c.forum : defaultForum;
  const roundsChoice = c.rounds && (c.rounds.startsWith('last') || rounds.some((r) => r.id === c.rounds)) ? c.rounds : 'last3';
  const scheme = c.scheme && (SCHEMES as readonly string[]).includes(c.scheme) ? c.scheme : ALL;
  return { rounds: roundsChoice, forum, scheme };
}

/** The rounds a choice means, oldest first. `rounds` is newest first, as Rounds.list gives them. */
export function roundsOf(choice: AnalysisChoice, rounds: readonly Round[]): Round[] {
  const m = /^last(\d+)$/.exec(choice.rounds);
  const picked = m ? rounds.slice(0, Number(m[1])) : rounds.filter((r) => r.id === choice.rounds);
  return [...picked].sort((a, b) => a.year - b.year || a.id.localeCompare(b.id));
}
