import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEAMS_CSS, TEAMS_LIGHT } from './hostConfig';

// Renders cards with Microsoft's Adaptive Cards renderer (npm adaptivecards) in headless Chromium,
// 500 px wide, on a local page (no network), and measures what a person would meet: the card's
// height, buttons whose title is cut, and the renderer's parse and validation warnings.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CARD_WIDTH = 500;

export interface Rendered {
  height: number;
  /** Titles of visible buttons whose text is wider than the button. */
  truncated: string[];
  /** The renderer's parse and validation warnings. */
  warnings: string[];
  /** Each budget bar (columns of one colour image each, cards/barColours.ts): its parts' rendered widths, in order. */
  bars: number[][];
}

// Teams renders Markdown; the bot's TextBlocks are literal Markdown (cards/literal.ts), so undoing
// backslash escapes and making paragraphs shows them as Teams does.
function markdown(text: string, result: { didProcess: boolean; outputHtml?: string }): void {
  const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  result.outputHtml = text
    .split(/\n\n/)
    .map((p) => `<p>${html(p.replace(/\\(.)/g, '$1'))}</p>`)
    .join('');
  result.didProcess = true;
}

/** In the page: renders one card into #host and measures it. */
async function renderInPage([json, hostConfig, md]: [unknown, unknown, string]): Promise<Rendered> {
  // Runs in the page (no DOM types in this project's lib): the browser's globals, untyped.
  const g = globalThis as any;
  const AC = g.AdaptiveCards;
  AC.AdaptiveCard.onProcessMarkdown ??= new Function(`return ${md}`)();
  const host = g.document.getElementById('host');
  host.innerHTML = '';
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(hostConfig);
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const warnings: string[] = [];
  for (let i = 0; i < context.eventCount; i++) warnings.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents) warnings.push(`validation: ${e.message}`);
  const el = card.render();
  if (el) host.appendChild(el);
  // Images (the bars' colours) take their size once decoded: measure after that.
  await Promise.all((Array.from(host.querySelectorAll('img')) as any[]).map((img) => img.decode().catch(() => undefined)));
  const truncated: string[] = [];
  for (const button of Array.from(host.querySelectorAll('.ac-pushButton')) as any[]) {
    const title = button.querySelector(':scope > div');
    if (!title || !title.offsetParent) continue;
    if (title.scrollWidth > title.clientWidth + 1) truncated.push(title.innerText);
  }
  const rows = new Map<unknown, number[]>();
  for (const img of Array.from(host.querySelectorAll('img[src^="data:image/png"]')) as any[]) {
    const row = img.closest('.ac-columnSet');
    rows.set(row, [...(rows.get(row) ?? []), img.getBoundingClientRect().width]);
  }
  return { height: Math.round(host.getBoundingClientRect().height), truncated, warnings, bars: [...rows.values()] };
}

export class CardRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async start(): Promise<CardRenderer> {
    if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH.`);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--font-render-hinting=none'] });
    const page = await browser.newPage({ viewport: { width: CARD_WIDTH + 40, height: 800 } });
    // Nothing leaves the machine: the page and the renderer are local.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(`<!doctype html><meta charset="utf-8"><style>${TEAMS_CSS}</style><div class="frame" id="host"></div>`);
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
    return new CardRenderer(browser, page);
  }

  /** Renders and measures a card; with `png`, also writes its picture there. */
  async render(card: unknown, png?: string): Promise<Rendered> {
    const result = await this.page.evaluate(renderInPage, [card, TEAMS_LIGHT, markdown.toString()] as [unknown, unknown, string]);
    if (png) await this.page.locator('#host').screenshot({ path: png });
    return result;
  }

  async stop(): Promise<void> {
    await this.browser.close();
  }
}
