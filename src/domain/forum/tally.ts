/**
 * Marks on one agenda item and what they add up to (DOMAIN.md section 5). Consensus is the main
 * rule: with no "ikke prioriter" marks the item is prioritised by consensus; otherwise the
 * majority decides, and a tie goes to the chair's own mark, or stays open for the secretariat.
 */

export const MARKS = ['prioritise', 'not_prioritise', 'abstain', 'conflict'] as const;
/** `conflict` is a member declaring themselves disqualified (inhabil) for the item. */
export type Mark = (typeof MARKS)[number];

export function isMark(value: unknown): value is Mark {
  return typeof value === 'string' && (MARKS as readonly string[]).includes(value);
}

export interface Tally {
  prioritise: number;
  notPrioritise: number;
  abstain: number;
  conflict: number;
  /** Everyone who marked anything, conflicts included. */
  total: number;
}

export function tally(marks: Iterable<Mark>): Tally {
  const t: Tally = { prioritise: 0, notPrioritise: 0, abstain: 0, conflict: 0, total: 0 };
  for (const m of marks) {
    if (m === 'prioritise') t.prioritise++;
    else if (m === 'not_prioritise') t.notPrioritise++;
    else if (m === 'abstain') t.abstain++;
    else t.conflict++;
    t.total++;
  }
  return t;
}

export type Outcome = 'prioritised' | 'not_prioritised' | 'undecided';
/** How the outcome came about; `tie` and `noVotes` leave the item undecided. */
export type Method = 'consensus' | 'majority' | 'chair' | 'tie' | 'noVotes';

export interface Decision { outcome: Outcome; method: Method }

/**
 * The result of a closed vote. `chairMark` is the chair's own mark on this item, if the chair
 * marked it; a chair who abstained or was disqualified cannot break a tie.
 */
export function decide(t: Tally, chairMark?: Mark): Decision {
  if (t.prioritise === 0 && t.notPrioritise === 0) return { outcome: 'undecided', method: 'noVotes' };
  if (t.notPrioritise === 0) return { outcome: 'prioritised', method: 'consensus' };
  if (t.prioritise > t.notPrioritise) return { outcome: 'prioritised', method: 'majority' };
  if (t.notPrioritise > t.prioritise) return { outcome: 'not_prioritised', method: 'majority' };
  if (chairMark === 'prioritise') return { outcome: 'prioritised', method: 'chair' };
  if (chairMark === 'not_prioritise') return { outcome: 'not_prioritised', method: 'chair' };
  return { outcome: 'undecided', method: 'tie' };
}
