import { capInputValue } from './budget';
import { tidyElement } from './tidy';

/**
 * Teams reads a TextBlock's text and a Fact's title and value as Markdown: "1. desember 2026" at
 * the start of a line becomes a numbered list, and a typed "[Stem her](https://…)" a link. What we
 * show there is text, whether a person typed it or the bot built it, so every such string is made
 * literal here, after templating, for every card at once. TextRuns, inputs and buttons are not
 * Markdown in any client and are left as they are.
 *
 * Backslash escapes are CommonMark's way to say "this character as itself"; they are added only
 * where a character could start markup, so clients that show a stray backslash show few.
 */

// Anywhere in a line: emphasis, code, links and images, HTML and autolinks, strikethrough, tables.
const INLINE = new Set(['\\', '*', '_', '`', '[', ']', '<', '~', '|']);
// At a line's start: headings, block quotes, bullets and the underlines that make a heading or a rule.
const LINE_START = new Set(['#', '>', '-', '+', '=']);
// "1." or "1)" then a space or the line's end: an ordered list item.
const ORDERED = /^(\d{1,9})([.)])(?=[ \t]|$)/;
// &amp; &#38; &#x26;: Markdown shows the character the entity names.
const ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;
// {{DATE(…)}} and {{TIME(…)}}: Adaptive Card clients replace these with a formatted date.
const DATE_FUNCTION = /\{\{(?:DATE|TIME)\(/y;
const WORD_JOINER = '\u2060';
const NO_BREAK_SPACE = '\u00a0';

function literalLine(line: string): string {
  let lead = 0;
  while (lead < line.length && (line[lead] === ' ' || line[lead] === '\t')) lead++;
  // Leading spaces would be dropped, or make four-space "code"; no-break spaces are shown as spaces.
  let out = NO_BREAK_SPACE.repeat(lead);
  const rest = line.slice(lead);
  if (LINE_START.has(rest[0] ?? '')) out += '\\';
  const ordered = ORDERED.exec(rest);
  let i = 0;
  if (ordered) {
    out += `${ordered[1]}\\${ordered[2]}`;
    i = ordered[0].length;
  }
  for (; i < rest.length; i++) {
    const c = rest[i];
    if (INLINE.has(c)) out += '\\' + c;
    else if (c === '&' && ((ENTITY.lastIndex = i), ENTITY.test(rest))) out += '\\&';
    else if (c === '{' && ((DATE_FUNCTION.lastIndex = i), DATE_FUNCTION.test(rest))) out += '{' + WORD_JOINER;
    else out += c;
  }
  return out;
}

/**
 * `text` as Markdown that shows exactly `text`. Each line break becomes a paragraph break, since a
 * single one is joined into the line before it.
 */
export function literalMarkdown(text: string): string {
  if (text.length > MEMO_CHARS) return literalText(text);
  let out = memo.get(text);
  if (out === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(text, (out = literalText(text)));
  }
  return out;
}

const literalText = (text: string): string =>
  text
    .split(/\r\n|\r|\n/)
    .map(literalLine)
    .join('\n\n');

// The same labels, facts and titles come back on every card of a storm of presses: each is made
// literal once. Short texts only, and a bounded number of them (at most about 2 MB).
const MEMO_CHARS = 500;
const MEMO_SIZE = 2000;
const memo = new Map<string, string>();

/**
 * Makes every Markdown-read string of an expanded card literal, in place; returns the card. The same
 * walk cuts each input's echoed value to what Teams could have sent (cards/budget.ts) and tidies
 * each element (cards/tidy.ts: buttons that fit, styles by verb, no default values written out).
 */
export function literalCard<T>(card: T): T {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as Record<string, unknown>;
    if (el.type === 'TextBlock' && typeof el.text === 'string') el.text = literalMarkdown(el.text);
    if (typeof el.type === 'string' && el.type.startsWith('Input.')) capInputValue(el);
    if (el.type === 'FactSet' && Array.isArray(el.facts)) {
      for (const fact of el.facts as Array<Record<string, unknown>>) {
        if (typeof fact?.title === 'string') fact.title = literalMarkdown(fact.title);
        if (typeof fact?.value === 'string') fact.value = literalMarkdown(fact.value);
      }
    }
    tidyElement(el, el === (card as unknown));
    for (const [key, value] of Object.entries(el)) if (key !== 'data') walk(value);
  };
  walk(card);
  return card;
}
