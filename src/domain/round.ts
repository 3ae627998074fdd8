import { z } from 'zod';
import { isBeforeDeadline } from './deadline';
import { ownerWindow } from './filingWindow';
import { ownRecord } from './ownKeys';
import { DEFAULT_USAGE_DUE, isUsageDueDay } from './usage/dueDate';

export const SCHEME_CODES = ['REKOM', 'DEKOM', 'KOMPLOFT'] as const;

/** A yearly reporting round of one County Governor (one forum). */
export const RoundSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  year: z.number().int().min(2020).max(2100),
  /** The counties whose owners file in this round (region config `county` ids). */
  counties: z.array(z.string()).min(1),
  /** The reporting deadline, an instant (ISO 8601); shown in Oslo time. */
  deadline: z.string().datetime({ offset: true }),
  status: z.enum(['planned', 'open', 'closed']),
  /** When the round was closed (by hand or at the deadline); absent on rounds closed before this was kept. */
  closedAt: z.string().datetime({ offset: true }).optional(),
  /** The budget per scheme for the round's school year: the whole County Governor's when shared, else their sum. */
  budgets: ownRecord(z.enum(SCHEME_CODES), z.number().int().min(0)),
  /** How the money is split: 'shared' (absent) = one budget per scheme across forums; 'perForum' = `forumBudgets`. */
  budgetSplit: z.enum(['shared', 'perForum']).optional(),
  /** Per forum id, its budget per scheme (used when budgetSplit is 'perForum'). */
  forumBudgets: ownRecord(z.string(), ownRecord(z.enum(SCHEME_CODES), z.number().int().min(0))).optional(),
  createdAt: z.string(),
  /** Usage reports are due on this day ("MM-DD") after each school year; absent = 15 January. */
  usageDue: z.string().refine(isUsageDueDay).optional(),
});
export type Round = z.infer<typeof RoundSchema>;

/** The key money is counted under: the forum's own when budgets are per forum, else the whole round's ('*'). */
export const SHARED_BUDGET = '*';
export function budgetScopeOf(round: Pick<Round, 'budgetSplit'>, forum: string): string {
  return round.budgetSplit === 'perForum' ? forum : SHARED_BUDGET;
}

/** The budget of one scheme for a budget scope (see budgetScopeOf). */
export function budgetOf(round: Pick<Round, 'budgets' | 'budgetSplit' | 'forumBudgets'>, scope: string, scheme: (typeof SCHEME_CODES)[number]): number {
  if (round.budgetSplit === 'perForum' && scope !== SHARED_BUDGET) return round.forumBudgets?.[scope]?.[scheme] ?? 0;
  return round.budgets[scheme] ?? 0;
}

/** The day usage reports of this round's measures are due after each school year ("MM-DD"). */
export function usageDueOf(round: Pick<Round, 'usageDue'> | undefined): string {
  return round?.usageDue ?? DEFAULT_USAGE_DUE;
}

/** Owners may file and edit until the deadline, while the round is open (the rule: filingWindow.ts). */
export function isOpenForFiling(round: Round, now: Date): boolean {
  return ownerWindow(round, now).ok;
}

export function coversCounty(round: Round, county: string): boolean {
  return round.counties.includes(county);
}

/**
 * The end of 23:59 Oslo time on 1 February of `year`. Oslo is UTC+1 in February (no summer time
 * then), so the instant is 22:59:59.999 UTC.
 */
export function februaryDeadline(year: number): string {
  return new Date(Date.UTC(year, 1, 1, 22, 59, 59, 999)).toISOString();
}

/**
 * The round a newcomer meets in local mode: the next 1 February deadline still ahead, for the
 * school year starting that August.
 */
export function demoRound(now: Date, counties: string[]): Round {
  let year = now.getUTCFullYear();
  if (!isBeforeDeadline(now, februaryDeadline(year))) year += 1;
  return {
    id: `demo-${year}`,
    year,
    counties,
    deadline: februaryDeadline(year),
    status: 'open',
    budgets: { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 30_000_000 },
    createdAt: now.toISOString(),
  };
}
