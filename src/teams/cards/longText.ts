import { formatCount, type Locale, type Translate } from '../../domain/i18n';
import { charCount } from '../../domain/report/card-input';

/**
 * Long free texts (a report's need and goal, its network and units, a decision's reason) are shown
 * cut on the cards that hold a whole report, with the whole text one press away: a card with that
 * text alone, paged. Each character of a text can take up to eight bytes there (Markdown escape,
 * JSON escape, UTF-16), so these sizes keep any card within the budget (budget.ts).
 */
export const CUT_CHARS = 600;
/** Characters per page of the card that shows one whole text. */
export const FULL_TEXT_PAGE = 6_000;

/** The first `max` characters, ended at a line break or a space where one is near, or the text itself. */
function head(text: string, max: number): string {
  let end = 0;
  let n = 0;
  // Counted as a person counts (charCount): a surrogate pair is one character and never split.
  while (end < text.length && n < max) {
    const c = text.charCodeAt(end);
    end += c >= 0xd800 && c <= 0xdbff && end + 1 < text.length ? 2 : 1;
    n++;
  }
  const cut = text.slice(0, end);
  const at = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
  return (at > max * 0.8 ? cut.slice(0, at) : cut).trimEnd();
}

/** Whether a card shows this text cut. */
export const isLong = (text: string, max = CUT_CHARS) => charCount(text) > max;

/**
 * The text as a card shows it: whole when short, else its start and a note of how much is shown.
 * `review`: the note points to the step's Change button instead of a "show all" button.
 */
export function cutText(ctx: { t: Translate; locale: Locale }, text: string, opts: { max?: number; review?: boolean } = {}): string {
  const max = opts.max ?? CUT_CHARS;
  if (!isLong(text, max)) return text;
  const shown = head(text, max);
  const params = { shown: formatCount(charCount(shown), ctx.locale), total: formatCount(charCount(text), ctx.locale) };
  return `${shown} ${ctx.t(opts.review ? 'text.cutReview' : 'text.cut', params)}`;
}

/** The whole text in pages of FULL_TEXT_PAGE characters, split as `cutText` splits. */
export function textPages(text: string): string[] {
  const pages: string[] = [];
  let rest = text;
  while (isLong(rest, FULL_TEXT_PAGE)) {
    const part = head(rest, FULL_TEXT_PAGE);
    pages.push(part);
    rest = rest.slice(part.length).replace(/^[ \n]+/, '');
  }
  pages.push(rest);
  return pages;
}
