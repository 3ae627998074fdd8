// How a Teams client reads a card's text: TextBlock text and Fact titles and values are Markdown
// (CommonMark rules for what starts markup and what a backslash escapes); TextRuns are plain text.
// This is a model of that reader, written apart from the bot's own escaping so that it can catch it.

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

export interface CardText {
  /** Where on the card: "TextBlock", "Fact.title", "Fact.value" or "TextRun". */
  where: string;
  text: string;
  markdown: boolean;
}

/** Every text a person reads on a card, with whether the client parses it as Markdown. */
export function textsOf(card: unknown): CardText[] {
  const out: CardText[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'TextBlock' && typeof node.text === 'string') out.push({ where: 'TextBlock', text: node.text, markdown: true });
    if (node.type === 'TextRun' && typeof node.text === 'string') out.push({ where: 'TextRun', text: node.text, markdown: false });
    if (node.type === 'FactSet') {
      for (const f of node.facts ?? []) {
        if (typeof f.title === 'string') out.push({ where: 'Fact.title', text: f.title, markdown: true });
        if (typeof f.value === 'string') out.push({ where: 'Fact.value', text: f.value, markdown: true });
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'data') walk(v);
  };
  walk(card);
  return out;
}

/**
 * The markup a Markdown reader would find in `text`: block markers at a line's start (headings,
 * lists, quotes, rules and heading underlines, fences, four-space code) and unescaped inline markup
 * (emphasis, code, links, images, HTML and autolinks, strikethrough, tables, entities, date functions).
 */
export function markupIn(text: string): string[] {
  const found: string[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, n) => {
    const startsBlock = n === 0 || lines[n - 1].trim() === '';
    if (startsBlock && /^ {4}/.test(line)) found.push(`code block: ${line}`);
    const rest = line.replace(/^ {0,3}/, '');
    const block: Array<[string, RegExp]> = [
      ['heading', /^#{1,6}(\s|$)/],
      ['quote', /^>/],
      ['bullet', /^[-+*](\s|$)/],
      ['numbered list', /^\d{1,9}[.)](\s|$)/],
      ['rule or heading underline', /^(=+|-+|(\*[ \t]*){3,}|(_[ \t]*){3,})[ \t]*$/],
      ['fence', /^(```|~~~)/],
      ['table', /^\|/],
    ];
    for (const [what, re] of block) if (re.test(rest)) found.push(`${what}: ${line}`);
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '\\' && ASCII_PUNCTUATION.test(line[i + 1] ?? '')) {
        i++;
        continue;
      }
      if ('*_'.includes(c)) found.push(`emphasis at ${i}: ${line}`);
      else if (c === '`') found.push(`code at ${i}: ${line}`);
      else if (c === '~') found.push(`strikethrough at ${i}: ${line}`);
      else if (c === '[') found.push(`link or image at ${i}: ${line}`);
      else if (c === '<') found.push(`html or autolink at ${i}: ${line}`);
      else if (c === '|') found.push(`table cell at ${i}: ${line}`);
      else if (c === '&' && /^&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(line.slice(i))) found.push(`entity at ${i}: ${line}`);
      else if (c === '{' && /^\{\{(DATE|TIME)\(/.test(line.slice(i))) found.push(`date function at ${i}: ${line}`);
    }
  });
  return found;
}

/**
 * What a person sees of a Markdown text that has no markup: escapes undone, each paragraph a line
 * (a single line break inside a paragraph is shown as a space), no-break spaces as spaces.
 */
export function shownText(text: string): string {
  return text
    .split(/(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+/)
    .map((p) =>
      p
        .replace(/\r\n|\r|\n/g, ' ')
        .replace(/\\([!-/:-@[-`{-~])/g, '$1')
        .replace(/\u00a0/g, ' ')
        .replace(/\u2060/g, ''),
    )
    .join('\n');
}

/** Every Markdown text on the card with the markup found in it; empty when the card shows only text. */
export function markupOnCard(card: unknown): string[] {
  return textsOf(card)
    .filter((t) => t.markdown)
    .flatMap((t) => markupIn(t.text).map((m) => `${t.where} ${JSON.stringify(t.text.slice(0, 120))}: ${m}`));
}

/** What a person reads on the card, text by text. */
export function shownTexts(card: unknown): string[] {
  return textsOf(card).map((t) => (t.markdown ? shownText(t.text) : t.text));
}
