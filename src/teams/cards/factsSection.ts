import type { CardAction } from './action';

/**
 * A read-only section of the `summary` template: a title, optional text and facts, no errors; a
 * button only where a text in it is shown cut (the whole text, cards/fullTextCard.ts).
 */
export const factsSection = (title: string, facts: Array<{ title: string; value: string }>, text = '', button?: CardAction) => ({
  title,
  facts,
  text,
  editVerb: button?.verb ?? '',
  editTitle: button?.title ?? '',
  editData: button?.data ?? {},
  errors: [] as string[],
});
