import { MAX_ACTIVITY_BYTES } from '../../../src/teams/cards/budget';
import { captureCycle, type Captured, type GalleryLocale } from './capture';
import type { CardRenderer, Rendered } from './render';

// What the gallery and its test share: the cards of a cycle made distinct, each one's budget, and
// the findings a person would meet.

/** An elector's voting card: the one a member reads and presses in the channel. */
export const isVotingCard = (card: unknown): boolean => JSON.stringify(card).includes('"verb":"vote.mark"');

/** How tall a card may be at 500 px: a voting card is read by every elector, the rest are paged or split. */
export const heightBudget = (card: unknown): number => (isVotingCard(card) ? 1200 : 1500);

/** Ids that differ between runs (uuids, timestamps, keys) made equal, so equal cards compare equal. */
const normalised = (card: unknown): string =>
  JSON.stringify(card)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'U')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T')
    .replace(/\b[0-9a-f]{16,}\b/gi, 'H');

export interface Distinct extends Captured {
  locale: GalleryLocale;
}

/** The cycle's cards in one language, each distinct card once (the largest payload it came in). */
export async function distinctCards(locale: GalleryLocale): Promise<Distinct[]> {
  const byJson = new Map<string, Distinct>();
  for (const c of await captureCycle(locale)) {
    const key = normalised(c.card);
    const had = byJson.get(key);
    if (!had || had.bytes < c.bytes) byJson.set(key, { ...c, locale });
  }
  return [...byJson.values()];
}

export interface Finding extends Distinct, Rendered {
  over: string[];
}

/** Renders a card and names what is wrong with it: warnings, cut titles, over the size or height budget. */
export async function inspect(renderer: CardRenderer, c: Distinct, png?: string): Promise<Finding> {
  const r = await renderer.render(c.card, png);
  // Teams' people picker: its choices come from `choices.data` (Data.Query), filled by Teams as the
  // person types; the JS renderer counts only the static list, which is empty by design.
  if (JSON.stringify(c.card).includes('"Data.Query"')) r.warnings = r.warnings.filter((w) => !/at least one choice/.test(w));
  const over: string[] = [];
  if (c.bytes > MAX_ACTIVITY_BYTES) over.push(`${c.bytes} bytes as UTF-16, over ${MAX_ACTIVITY_BYTES}`);
  if (r.height > heightBudget(c.card)) over.push(`${r.height} px tall, over ${heightBudget(c.card)}`);
  return { ...c, ...r, over };
}

export interface Totals {
  cards: number;
  kinds: number;
  truncatedButtons: number;
  over1500: number;
  warnings: number;
  bytes: number;
}

export function totalsOf(found: readonly Finding[]): Totals {
  return {
    cards: found.length,
    kinds: new Set(found.map((f) => f.kind)).size,
    truncatedButtons: found.reduce((n, f) => n + f.truncated.length, 0),
    over1500: found.filter((f) => f.height > 1500).length,
    warnings: found.reduce((n, f) => n + f.warnings.length, 0),
    bytes: found.reduce((n, f) => n + f.bytes, 0),
  };
}

/**
 * What a person sees or hears of a card, one text a line: text blocks and runs, facts, button
 * titles and tooltips, inputs' labels, placeholders, error messages, choice titles and typed values,
 * images' alt texts and charts' labels. Not what stays behind the card (choice values, action data,
 * ids), and not an export shown as monospace text (the recommendation's CSV): exports keep codes.
 */
export function visibleText(card: unknown): string[] {
  const out: string[] = [];
  const say = (...texts: unknown[]) => texts.forEach((x) => typeof x === 'string' && x !== '' && out.push(x));
  const walk = (n: any): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const type = typeof n.type === 'string' ? (n.type as string) : '';
    if (type === 'TextBlock' && n.fontType === 'Monospace') return;
    if (type === 'TextBlock' || type === 'TextRun') say(n.text);
    if (type === 'FactSet') for (const f of n.facts ?? []) say(f.title, f.value);
    if (type.startsWith('Action.')) say(n.title, n.tooltip);
    if (type.startsWith('Input.')) {
      say(n.label, n.placeholder, n.errorMessage, n.title);
      if (/^Input\.(Text|Number|Date|Time)$/.test(type)) say(String(n.value ?? ''));
      for (const c of Array.isArray(n.choices) ? n.choices : []) say(c.title);
    }
    if (type === 'Image') say(n.altText);
    if (type.startsWith('Chart.')) {
      say(n.title);
      for (const d of n.data ?? []) say(d.x, d.legend, ...(d.values ?? []).map((v: any) => v.x));
    }
    for (const [k, v] of Object.entries(n)) if (!['data', 'choices', 'facts'].includes(k)) walk(v);
  };
  walk(card);
  // Amounts use non-breaking spaces, as Norwegian typography wants; a person reads plain spaces.
  return out.map((x) => x.replace(/[\u00a0\u202f]/g, ' '));
}
