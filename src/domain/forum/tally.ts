import type { Translate } from '../i18n';
/**
 * Marks on one agenda item and what they add up to (DOMAIN.md section 5). The rules that turn a
 * tally into a result (quorum, consensus, majority, the chair's mark) are in rules.ts.
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

/**
 * A closed count in words, "2 for, 2 imot, 0 avstår", saying so when the chair's mark decided a
 * tie (method `chair`, rules.ts): otherwise such a result reads like any majority.
 */
export function tallyText(t: Translate, count: Pick<Tally, 'prioritise' | 'notPrioritise' | 'abstain'>, method?: string): string {
  const counts = t('tally.counts', { for: count.prioritise, against: count.notPrioritise, abstain: count.abstain });
  return method === 'chair' ? t('tally.chairDecided', { counts }) : counts;
}
