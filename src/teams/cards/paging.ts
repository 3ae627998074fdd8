import { z } from 'zod';
import type { Translate } from '../../domain/i18n';
import type { Verb } from '../actions/verbs';
import { action, type CardAction } from './action';

/**
 * Lists that grow with data are shown a page at a time, so every card stays within the size
 * budget (budget.ts). The page travels in the buttons' data as `page` (0-based); anything else
 * there (a hand-made or stale press) shows the first page, and a page past the end the last one.
 */
const PageRef = z.object({ page: z.number().int().min(0).max(9_999) });

export function pageIn(data: Record<string, unknown>): number {
  const ref = PageRef.safeParse(data);
  return ref.success ? ref.data.page : 0;
}

export interface Paged<T> {
  shown: T[];
  page: number;
  pages: number;
}

export function pageOf<T>(items: readonly T[], page: number, size: number): Paged<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { shown: items.slice(at * size, (at + 1) * size), page: at, pages };
}

/** "Side 2 av 3", or nothing when everything fits on one page. */
export function pageLine(t: Translate, p: Paged<unknown>): string {
  return p.pages > 1 ? t('page.of', { page: p.page + 1, pages: p.pages }) : '';
}

/** "Forrige side" / "Neste side" for the same verb and data, where there is such a page. */
export function pageActions(t: Translate, verb: Verb, data: Record<string, unknown>, p: Paged<unknown>): CardAction[] {
  return [
    ...(p.page > 0 ? [action(t('page.previous'), verb, { ...data, page: p.page - 1 })] : []),
    ...(p.page < p.pages - 1 ? [action(t('page.next'), verb, { ...data, page: p.page + 1 })] : []),
  ];
}
