import type { CutEntry, CutLine, SchemeCut } from '../../domain/forum';
import { schemeName } from '../../domain/schemes';
import { nok, type ForumView } from './view';

/** Where one item stands against the line: above it, on it (and how much fits), or below it. */
export function cutText(view: ForumView, e: CutEntry): { text: string; color: 'Good' | 'Warning' | 'Attention' } {
  const { t } = view;
  if (e.place === 'fits') return { text: t('cut.fits'), color: 'Good' };
  if (e.place === 'line') return { text: t('cut.line', { fits: nok(view, e.fits), amount: nok(view, e.amount) }), color: 'Warning' };
  return { text: t('cut.out'), color: 'Attention' };
}

/** One line per scheme: where the money runs out, continuations counted first. */
export function schemeCutText(view: ForumView, s: SchemeCut): string {
  const { t } = view;
  const below = s.below;
  const scheme = schemeName(t, s.scheme, 'short');
  const main = s.line
    ? t(below > 0 ? 'cut.schemeLine' : 'cut.schemeLineLast', {
        scheme,
        reference: s.line.reference,
        fits: nok(view, s.line.fits),
        amount: nok(view, s.line.amount),
        count: below,
      })
    : s.lastFit
      ? t('cut.schemeExact', { scheme, reference: s.lastFit.reference, count: below })
      : s.below > 0
        ? t('cut.schemeNothing', { scheme, budget: nok(view, s.budget), count: below })
        : t('cut.schemeAll', { scheme, left: nok(view, s.left), budget: nok(view, s.budget) });
  return s.continuing > 0 ? `${main} ${t('cut.continuingFirst', { amount: nok(view, s.continuing) })}` : main;
}

export const cutLines = (view: ForumView, cut: CutLine) => cut.schemes.map((s) => schemeCutText(view, s));
