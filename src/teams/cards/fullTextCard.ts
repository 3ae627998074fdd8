import { z } from 'zod';
import type { NeedsReport } from '../../domain/report';
import type { ReportRecord } from '../../storage/reports';
import type { Verb } from '../actions/verbs';
import type { Turn } from '../turn';
import { action } from './action';
import { textPages } from './longText';
import { pageActions, pageIn, pageOf } from './paging';
import { renderCard, type AdaptiveCard } from './render';
import { LONG_FIELDS, displayValue, labelOf } from './reportFacts';

/** The texts a report card shows cut: its long fields and the decision's reason. */
export const FULL_TEXTS = [...LONG_FIELDS, 'decisionReason'] as const;
export type FullText = (typeof FULL_TEXTS)[number];

/** `text` in a button's data: which whole text to show instead of the report's card. */
const FullTextRef = z.object({ text: z.enum(FULL_TEXTS) });

export function fullTextIn(data: Record<string, unknown>): FullText | undefined {
  const ref = FullTextRef.safeParse(data);
  return ref.success ? ref.data.text : undefined;
}

function labelOfText(turn: Turn, text: FullText): string {
  return text === 'decisionReason' ? turn.t('decision.reason') : labelOf(turn.t, text);
}

/** The button under a section whose text is shown cut. */
export const showAllAction = (turn: Turn, verb: Verb, ids: Record<string, unknown>, text: FullText) =>
  action(turn.t('text.showAll', { field: labelOfText(turn, text) }), verb, { ...ids, text });

/**
 * One text of a report, whole, in pages; the same verb without `text` goes back to the report.
 * `verb` and `ids` are the report card's own (the owner's `report.open`, the officer's `report.check`),
 * so this card is shown to exactly those who may see that card.
 */
export function fullTextCard(
  turn: Turn,
  report: ReportRecord<NeedsReport>,
  text: FullText,
  verb: Verb,
  ids: Record<string, unknown>,
  data: Record<string, unknown>,
): AdaptiveCard {
  const { t } = turn;
  const whole =
    text === 'decisionReason'
      ? (report.decision?.reason ?? t('wizard.none'))
      : displayValue({ t, locale: turn.locale, regions: turn.services.regions }, report.data, text);
  const paged = pageOf(textPages(whole), pageIn(data), 1);
  const part = paged.pages > 1 ? ` · ${t('text.part', { page: paged.page + 1, pages: paged.pages })}` : '';
  return renderCard('message', {
    title: t('text.fullTitle', { field: labelOfText(turn, text), title: `${report.reference} ${report.summary.title}` }) + part,
    text: paged.shown[0] ?? '',
    color: 'Default',
    actions: [...pageActions(t, verb, { ...ids, text }, paged), action(t('text.back'), verb, ids)],
  });
}
