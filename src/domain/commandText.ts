/**
 * What a person typed, as the command table reads it. Linear in the input: the text is cut to
 * MAX_TYPED_TEXT before any regular expression sees it, and every expression below stops at the
 * next `<` or `>` or is a plain scan, so no input makes it backtrack.
 */

/** Longer than any command with its arguments; the rest of a pasted text is never looked at. */
export const MAX_TYPED_TEXT = 4_000;

/** "<at>Kompetansebot</at>  Hjelp!" → "hjelp"; a lone "?" stays "?" (a help word of its own). */
export function normaliseCommandText(raw: unknown, mentionTexts: readonly string[] = []): string {
  let s = typeof raw === 'string' ? raw.slice(0, MAX_TYPED_TEXT) : '';
  for (const mention of mentionTexts) if (mention) s = s.replace(mention, ' ');
  s = s
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let end = s.length;
  while (end > 0 && '.!?'.includes(s[end - 1])) end--;
  return (s.slice(0, end).trimEnd() || s).toLowerCase();
}
