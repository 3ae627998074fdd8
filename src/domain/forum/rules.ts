import { z } from 'zod';
import type { Mark, Tally } from './tally';

/**
 * How a forum counts a vote (DOMAIN.md section 5, "Counting a vote"), configurable per forum.
 * Defaults: two steps (working groups recommend, the forum prioritises); a quorum of more than
 * half of the electors; consensus when every counted mark is the same; otherwise the majority of
 * prioriter against ikke prioriter, the chair's mark on a tie.
 */
export const ForumRulesSchema = z
  .object({
    /** `two`: working groups recommend, the forum prioritises; `one`: every meeting's vote is the forum's. */
    steps: z.enum(['two', 'one']).default('two'),
    /** Quorum: more than this share (percent) of the electors must have marked; 0 = no quorum. */
    quorumPercent: z.number().int().min(0).max(99).default(50),
    /**
     * `unanimous`: every counted mark is the same (an abstention breaks consensus);
     * `noObjection`: nobody marked against (abstentions allowed), for prioriter and ikke prioriter alike.
     */
    consensus: z.enum(['unanimous', 'noObjection']).default('unanimous'),
    /** `chair`: a tie goes to the chair's mark; `undecided`: a tie stays with the secretariat. */
    tieBreak: z.enum(['chair', 'undecided']).default('chair'),
  })
  .strict();
export type ForumRules = z.infer<typeof ForumRulesSchema>;

export const DEFAULT_FORUM_RULES: ForumRules = ForumRulesSchema.parse({});

export type Outcome = 'prioritised' | 'not_prioritised' | 'undecided';
/**
 * How the outcome came about; `tie`, `noVotes` and `notQuorate` leave the item undecided.
 * `recorded`: the secretariat recorded the meeting's result afterwards (agreed orally), with a note.
 */
export type Method = 'consensus' | 'majority' | 'chair' | 'tie' | 'noVotes' | 'notQuorate' | 'recorded';
export const METHODS = ['consensus', 'majority', 'chair', 'tie', 'noVotes', 'notQuorate', 'recorded'] as const satisfies readonly Method[];

export interface Decision {
  outcome: Outcome;
  method: Method;
}

/** Marks that take part: everything but a declared conflict (inhabil), which removes the elector. */
const taking = (t: Tally) => t.prioritise + t.notPrioritise + t.abstain;

/**
 * Whether enough electors marked. `electors` is everyone entitled to vote on the item (members and
 * chair of the group, not disqualified by their organisations); a member who declares a conflict
 * on the item is no longer one of them.
 */
export function isQuorate(t: Tally, electors: number, rules: Pick<ForumRules, 'quorumPercent'> = DEFAULT_FORUM_RULES): boolean {
  if (rules.quorumPercent === 0) return true;
  const base = Math.max(0, electors - t.conflict);
  return taking(t) * 100 > base * rules.quorumPercent;
}

/**
 * The result of a closed vote by the forum's rules. `electors` undefined skips the quorum (a
 * count without the group's size); `chairMark` is the chair's own counted mark, if any.
 */
export function decideByRules(t: Tally, opts: { electors?: number; chairMark?: Mark; rules?: ForumRules } = {}): Decision {
  const rules = opts.rules ?? DEFAULT_FORUM_RULES;
  if (opts.electors !== undefined && !isQuorate(t, opts.electors, rules)) return { outcome: 'undecided', method: 'notQuorate' };
  if (t.prioritise === 0 && t.notPrioritise === 0) return { outcome: 'undecided', method: 'noVotes' };
  const allSame = rules.consensus === 'unanimous' ? t.abstain === 0 : true;
  if (allSame && t.notPrioritise === 0) return { outcome: 'prioritised', method: 'consensus' };
  if (allSame && t.prioritise === 0) return { outcome: 'not_prioritised', method: 'consensus' };
  if (t.prioritise > t.notPrioritise) return { outcome: 'prioritised', method: 'majority' };
  if (t.notPrioritise > t.prioritise) return { outcome: 'not_prioritised', method: 'majority' };
  if (rules.tieBreak === 'chair' && opts.chairMark === 'prioritise') return { outcome: 'prioritised', method: 'chair' };
  if (rules.tieBreak === 'chair' && opts.chairMark === 'not_prioritise') return { outcome: 'not_prioritised', method: 'chair' };
  return { outcome: 'undecided', method: 'tie' };
}

/** Reads FORUM_RULES-style JSON (or an object); throws a readable error naming the bad field. */
export function parseForumRules(value: unknown): ForumRules {
  const parsed = ForumRulesSchema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new Error(`Invalid forum rules: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** The result of a closed vote by the default rules, without a quorum (a count without the group's size). */
export function decide(t: Tally, chairMark?: Mark): Decision {
  return decideByRules(t, { chairMark });
}
