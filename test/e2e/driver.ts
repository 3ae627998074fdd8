import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page, type Route } from 'playwright-core';
import { ROOT } from '../../src/app/paths';

// Drives Microsoft 365 Agents Playground (0.2.x) in headless Chromium, as a person would: pick a
// chat or channel, type, click card buttons, fill card inputs, read cards.
//
// What the playground's UI can and cannot do (learned by driving it):
// - There is no way to switch the current user in the UI: it is `currentUser` in the config file
//   (`writeConfigAs` writes a copy with someone else as current user). To act as someone else,
//   press a card button `as` them (clickAction: the playground takes the presser from the page's
//   request, and the bot's answer shows on the card), or post an activity through the
//   playground's custom-activity API (`postActivity(..., { as })`: the bot's messages show, its
//   invoke responses do not).
// - The playground keeps one view of each card for everyone: an Action.Execute answer replaces
//   the card for all (Teams shows it to the presser only), and it does not run `refresh`.
// - In channels the bot only receives messages that @mention it, as in Teams; sendMessage adds
//   the mention there.
// - Each page load starts with empty transcripts, and the UI sends installationUpdate +
//   conversationUpdate for the personal chat on load and for a team the first time one of its
//   channels is opened (in that channel's conversation).
// - Card inputs are rendered by Fluent UI: a compact ChoiceSet is a combobox with a listbox of
//   options, expanded ChoiceSets and toggles are checkboxes/radios. An input's Adaptive Card id is
//   not in the DOM, so inputs are found by label; an id is translated to its label via the card
//   JSON the page received.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Every selector, in one place. The playground is a React app with generated class names, so we
 * lean on ARIA roles/labels and on the Adaptive Cards renderer's stable `ac-*` classes.
 */
export const SELECTORS = {
  /** Left pane entries are treeitems; a chat's aria-label is its name ("Personal Chat"). */
  chat: (page: Page, name: string) => page.getByRole('treeitem', { name, exact: true }),
  /** A channel's treeitem aria-label is "<team name> - <channel name>". */
  channel: (page: Page, team: string, channel: string) => page.getByRole('treeitem', { name: `${team} - ${channel}`, exact: true }),
  /**
   * Message boxes are Lexical editors. In a chat there is one; in a channel the first is
   * "Start a new post" and each thread has a reply box after it. (The log panel is also
   * contenteditable but is not a Lexical textbox.)
   */
  composer: '[data-lexical-editor="true"][role="textbox"]',
  /** The @mention picker that typing "@" opens in a message box; one menuitem per candidate. */
  mentionCandidate: '#typeahead-menu [role="menuitem"]',
  /** The rendered Adaptive Card root (adaptivecards renderer class). */
  card: '.ac-adaptiveCard',
  /** Stamped on each card element when it appears, counting up; the highest is the newest. */
  cardSeq: 'data-e2e-seq',
  /** Stamped on a card when it appears or its content changes: the page's mutation count then. */
  cardTick: 'data-e2e-tick',
  /** Action buttons carry the action's title as aria-label and title. */
  cardAction: (card: Locator, title: string | RegExp) => card.getByRole('button', { name: title, exact: true }),
  /** All of a card's action buttons (the card's own actions and ActionSets in its body). */
  cardActions: '.ac-actionSet button',
  /**
   * From an input: the nearest Container around it, which in our form card holds one field's
   * label, input, hint and error message.
   */
  fieldHolder: 'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ac-container ")][1]',
  /** Input labels: <label class="ac-richTextBlock" for="<input or group id>">. */
  cardInputLabel: 'label.ac-richTextBlock',
  /**
   * An expanded ChoiceSet's radio/checkbox, or a toggle, by its title: the title is the input's
   * aria-label (its accessible name also carries the group label, so role+name does not match).
   */
  choiceByTitle: (title: string) => `input[type="checkbox"][aria-label=${JSON.stringify(title)}], input[type="radio"][aria-label=${JSON.stringify(title)}]`,
  /** A compact ChoiceSet's options, in a Fluent listbox rendered outside the card. */
  listOption: (page: Page, title: string) => page.getByRole('option', { name: title, exact: true }),
  /**
   * The note an Action.Execute answer leaves under its card: "Your response was sent to the app"
   * when the bot answered with a card, else the bot's message or error text.
   */
  cardNotice: '[aria-label="Display Invoked Message"]',
  /** From a card: its nearest ancestor holding a notice (checked to hold no other card). */
  cardNoticeHolder: 'xpath=ancestor::*[.//*[@aria-label="Display Invoked Message"]][1]',
} as const;

// A card counts as rendered once nothing in it changed for this long: the renderer attaches a
// card's root first and fills in its Fluent UI parts over the next frames.
const QUIET_MS = 300;

// Runs in the page before its scripts. Numbers every card element as it is added (seq: the highest
// is the newest card, wherever the layout puts it) and notes the page-wide change count whenever a
// card is added or changes in place (tick: an Action.Execute answer or a bot's update replaces the
// card's content but keeps its element), and when (for QUIET_MS).
const STAMP_CARDS = `(() => {
  let seq = 0;
  window.__e2eTick = 0;
  const touch = (card, tick) => { card.setAttribute('${SELECTORS.cardTick}', tick); card.__e2eChangedAt = performance.now(); };
  new MutationObserver((records) => {
    const tick = String(++window.__e2eTick);
    for (const el of document.querySelectorAll('${SELECTORS.card}:not([${SELECTORS.cardSeq}])')) {
      el.setAttribute('${SELECTORS.cardSeq}', String(++seq));
      touch(el, tick);
    }
    for (const r of records) {
      const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const card = node && node.closest ? node.closest('[${SELECTORS.cardSeq}]') : null;
      if (card) touch(card, tick);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

// Browser-side: the seq of the rendered, visible card changed most recently after tick `after`
// whose text contains `text` (false if none yet).
const FIND_CARD = `({ text, flags, after }) => {
  const re = flags === null ? null : new RegExp(text, flags);
  let best = null;
  for (const el of document.querySelectorAll('[${SELECTORS.cardSeq}]')) {
    const tick = Number(el.getAttribute('${SELECTORS.cardTick}'));
    if (tick <= after || el.offsetParent === null || performance.now() - el.__e2eChangedAt < ${QUIET_MS}) continue;
    const shown = el.innerText.replace(/\\s+/g, ' ');
    if (!(re ? re.test(shown) : shown.includes(text))) continue;
    const seq = Number(el.getAttribute('${SELECTORS.cardSeq}'));
    if (!best || tick > best.tick || (tick === best.tick && seq > best.seq)) best = { tick, seq };
  }
  return best ? best.seq : false;
}`;

// Browser-side: { seq } of the newest visible card once it is rendered ({ seq: 0 } if there is
// none), false while it is still changing.
const LATEST_CARD = `() => {
  const cards = Array.from(document.querySelectorAll('[${SELECTORS.cardSeq}]')).filter((el) => el.offsetParent !== null);
  if (!cards.length) return { seq: 0 };
  const newest = cards.reduce((a, b) => (Number(b.getAttribute('${SELECTORS.cardSeq}')) > Number(a.getAttribute('${SELECTORS.cardSeq}')) ? b : a));
  if (performance.now() - newest.__e2eChangedAt < ${QUIET_MS}) return false;
  return { seq: Number(newest.getAttribute('${SELECTORS.cardSeq}')) };
}`;

const CURRENT_TICK = `() => window.__e2eTick || 0`;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string; name: string };
  teams: Array<{ id: string; name: string; channels: Array<{ id: string; name: string }> }>;
}
export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}

interface Where {
  kind: 'chat' | 'channel';
  conversationId: string;
}

export interface LaunchOptions {
  timeoutMs?: number;
}

/** Fails with an instruction rather than skipping: CI installs Debian's chromium. */
export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH; the end-to-end tests need it.`);
  }
}

/**
 * Writes a copy of the repository's playground config in which `userId` ("29:siri.dahl") is the
 * current user and the current user becomes one of the others: the same people, team and
 * channels, seen by someone else. Returns the file's path (in `dir`), for startPlayground's
 * `configPath`. The config is edited as text, block by block, since it is hand-written YAML.
 */
export function writeConfigAs(userId: string, dir: string): string {
  const source = fs.readFileSync(path.join(ROOT, '.m365agentsplayground.yml'), 'utf8');
  const lines = source.split(/\r?\n/);
  // A top-level section: its key line and the indented lines under it.
  const section = (key: string): [number, number] => {
    const start = lines.findIndex((l) => l.startsWith(`${key}:`));
    if (start < 0) throw new Error(`no "${key}:" in .m365agentsplayground.yml`);
    let end = start + 1;
    while (end < lines.length && (lines[end].startsWith(' ') || lines[end].trim() === '')) end++;
    return [start, end];
  };
  const field = (l: string) => l.trim().replace(/^- /, '');
  const idOf = (fields: string[]) => /^id:\s*"?([^"]+)"?$/.exec(fields.find((f) => f.startsWith('id:')) ?? '')?.[1];

  const [curStart, curEnd] = section('currentUser');
  const current = lines
    .slice(curStart + 1, curEnd)
    .filter((l) => l.trim())
    .map(field);
  const [usersStart, usersEnd] = section('users');
  if (usersStart < curEnd) throw new Error('.m365agentsplayground.yml: expected currentUser before users');
  const users: string[][] = [];
  for (const l of lines.slice(usersStart + 1, usersEnd).filter((x) => x.trim())) {
    if (l.trim().startsWith('- ')) users.push([]);
    users[users.length - 1].push(field(l));
  }
  const chosen = users.findIndex((u) => idOf(u) === userId);
  if (chosen < 0) throw new Error(`no user ${userId} in .m365agentsplayground.yml; have ${users.map(idOf).join(', ')}`);
  if (idOf(current) === userId) throw new Error(`${userId} is already the current user`);
  const asEntry = (fields: string[]) => fields.map((f, i) => `${i === 0 ? '  - ' : '    '}${f}`);
  const others = [current, ...users.filter((_, i) => i !== chosen)];

  const out = [
    `# Written by test/e2e/driver.ts writeConfigAs: .m365agentsplayground.yml with ${userId} as the current user.`,
    ...lines.slice(0, curStart).filter((l) => !l.startsWith('#')),
    'currentUser:',
    ...users[chosen].map((f) => `  ${f}`),
    ...lines.slice(curEnd, usersStart),
    'users:',
    ...others.flatMap(asEntry),
    ...lines.slice(usersEnd),
  ];
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `playground-${userId.replace(/[^A-Za-z0-9]+/g, '-')}.yml`);
  fs.writeFileSync(file, out.join('\n'));
  return file;
}

export class PlaygroundDriver {
  /** Card JSON the page received from the bot, oldest first (messages, updates, invoke responses). */
  readonly receivedCards: any[] = [];
  private baseline = 0;
  private where: Where;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly userDataDir: string,
    readonly url: string,
    readonly config: PlaygroundConfig,
    private readonly timeoutMs: number,
  ) {
    this.where = { kind: 'chat', conversationId: config.personalChat.id };
  }

  static async launch(url: string, opts: LaunchOptions = {}): Promise<PlaygroundDriver> {
    requireChromium();
    const base = url.replace(/\/$/, '');
    const res = await fetch(`${base}/_internal/v1/testConfig`);
    if (!res.ok) throw new Error(`Agents Playground at ${base} did not give its config (${res.status})`);
    const config = ((await res.json()) as { config: PlaygroundConfig }).config;

    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
    let context: BrowserContext | undefined;
    try {
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1400, height: 1000 },
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const driver = new PlaygroundDriver(page, context, userDataDir, base, config, opts.timeoutMs ?? 15_000);
      page.setDefaultTimeout(driver.timeoutMs);
      // The UI asks a CDN for fonts and an animation worklet; refuse at once instead of waiting
      // on DNS in a closed network. It renders fine with fallback fonts.
      await page.route(
        (u) => !/^(localhost|127\.0\.0\.1|\[::1\])$/.test(u.hostname),
        (route) => route.abort(),
      );
      await page.addInitScript(STAMP_CARDS);
      driver.recordCards();
      await page.goto(base, { waitUntil: 'load' });
      await SELECTORS.chat(page, config.personalChat.name).waitFor();
      return driver;
    } catch (err) {
      await context?.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
      throw err;
    }
  }

  get team(): PlaygroundConfig['teams'][number] {
    return this.config.teams[0];
  }

  async openPersonalChat(): Promise<void> {
    await SELECTORS.chat(this.page, this.config.personalChat.name).click();
    await this.composers().first().waitFor();
    this.where = { kind: 'chat', conversationId: this.config.personalChat.id };
    this.baseline = await this.currentTick();
  }

  /** Opens a channel of the configured team by its name ("General", "Arbeidsgruppe Øst"). */
  async openChannel(channelName: string): Promise<void> {
    const channel = this.team.channels.find((c) => c.name === channelName);
    if (!channel) throw new Error(`no channel "${channelName}" in ${this.team.name}; have ${this.team.channels.map((c) => c.name).join(', ')}`);
    await SELECTORS.channel(this.page, this.team.name, channelName).click();
    await this.composers().first().waitFor();
    this.where = { kind: 'channel', conversationId: channel.id };
    this.baseline = await this.currentTick();
  }

  /**
   * Sends text as the current user. In a chat it goes to the bot; in a channel it starts a new
   * post that @mentions the bot (or, with `inThread`, replies in the newest post's thread).
   */
  async sendMessage(text: string, opts: { inThread?: boolean } = {}): Promise<void> {
    this.baseline = await this.currentTick();
    const boxes = this.composers();
    // A channel lists posts newest first, under its "Start a new post" box; a chat has one box.
    const box = this.where.kind === 'channel' ? boxes.nth(opts.inThread ? 1 : 0) : boxes.last();
    await box.click();
    if (this.where.kind === 'channel') {
      await this.page.keyboard.type(`@${this.config.bot.name}`);
      await this.page.locator(SELECTORS.mentionCandidate, { hasText: this.config.bot.name }).first().click();
      await this.page.keyboard.type(' ');
    }
    await this.page.keyboard.type(text);
    const delivered = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/_conversation\/v1\/conversations\/[^/]+\/messages$/.test(new URL(r.url()).pathname),
    );
    await this.page.keyboard.press('Enter');
    const res = await delivered;
    if (!res.ok()) throw new Error(`the playground did not take the message "${text}" (${res.status()})`);
  }

  /**
   * Waits for a card that appeared or changed since the last send/click (any card with
   * `includeOlder`) and whose visible text contains `text`; returns it.
   */
  async waitForCard(text: string | RegExp, opts: { timeoutMs?: number; includeOlder?: boolean } = {}): Promise<Locator> {
    const arg =
      typeof text === 'string'
        ? { text, flags: null, after: opts.includeOlder ? 0 : this.baseline }
        : { text: text.source, flags: text.flags, after: opts.includeOlder ? 0 : this.baseline };
    let seq: unknown;
    try {
      const handle = await this.page.waitForFunction(`(${FIND_CARD})(${JSON.stringify(arg)})`, undefined, { timeout: opts.timeoutMs ?? this.timeoutMs });
      seq = await handle.jsonValue();
    } catch (err) {
      const seen = await this.latestCardText().catch(() => '(no card)');
      throw new Error(`no card containing ${String(text)} appeared; newest card says: ${seen}`, { cause: err });
    }
    return this.page.locator(`[${SELECTORS.cardSeq}="${seq}"]`);
  }

  /** The newest card on screen. */
  async latestCard(): Promise<Locator> {
    const seq = await this.latestSeq();
    if (!seq) throw new Error('no Adaptive Card is shown');
    return this.page.locator(`[${SELECTORS.cardSeq}="${seq}"]`);
  }

  /** What a person reads on the newest card, whitespace collapsed. */
  async latestCardText(): Promise<string> {
    return normalise(await (await this.latestCard()).innerText());
  }

  /**
   * The newest card's text line by line as it is laid out (a fact's value on two lines gives two
   * lines), each with whitespace collapsed, blank lines left out.
   */
  async latestCardLines(): Promise<string[]> {
    const text = await (await this.latestCard()).innerText();
    return text
      .split('\n')
      .map(normalise)
      .filter((l) => l !== '');
  }

  /**
   * The note under the newest card after an Action.Execute (the bot's message or error text, or
   * "Your response was sent to the app"); undefined when there is none.
   */
  async latestCardNotice(): Promise<string | undefined> {
    const card = await this.latestCard();
    const holder = card.locator(SELECTORS.cardNoticeHolder);
    if (!(await holder.count()) || (await holder.locator(SELECTORS.card).count()) !== 1) return undefined;
    return normalise(await holder.locator(SELECTORS.cardNotice).first().innerText());
  }

  /** Titles of the action buttons on the newest card. */
  async latestCardActions(): Promise<string[]> {
    return this.cardActions(await this.latestCard());
  }

  /**
   * Clicks an action on the newest card (or on `card`, one that waitForCard returned) by its title
   * and waits until the playground has sent the resulting invoke (Action.Execute) or message
   * (Action.Submit). Pass `sends: false` for actions that stay in the page (ShowCard,
   * ToggleVisibility, OpenUrl). When several buttons share the title (the review card's "Endre"
   * per section, a list's "Åpne" per item), `within` names text of the part of the card the button
   * belongs to: a section's title, a report's reference.
   *
   * `as` presses as another configured user ("29:ola.hansen"): the playground cannot switch users,
   * but it takes the presser of an invoke from the request the page sends, so the one request this
   * click sends is rewritten to name that user. Everything else is the real UI: the button, the
   * data the renderer collects, the playground's activity, and the answer rendered on the card.
   */
  /**
   * A card's button by its title or, when the card keeps it in its "…" menu (Adaptive Cards
   * `mode: "secondary"`, for buttons that would not fit in the row), that menu's item: the menu is
   * opened first (the renderer shows it on the page, outside the card).
   */
  private async actionOrMenuItem(card: Locator, title: string | RegExp): Promise<Locator> {
    const button = SELECTORS.cardAction(card, title);
    if ((await button.count()) > 0) return button;
    const more = card.getByRole('button', { name: /^(\.\.\.|…|More options)$/ });
    if ((await more.count()) === 0) return button;
    await more.last().click();
    return this.page.getByRole('menuitem', { name: title, exact: true });
  }

  async clickAction(title: string | RegExp, opts: { sends?: boolean; within?: string; card?: Locator; as?: string } = {}): Promise<void> {
    const card = opts.card ?? (await this.latestCard());
    this.baseline = await this.currentTick();
    const button = opts.within === undefined ? await this.actionOrMenuItem(card, title) : await this.buttonWithin(card, title, opts.within);
    if (opts.sends === false) {
      await button.click();
      return;
    }
    const sendsToBot = (u: URL) => /\/_conversation\/v1\/(invoke|submit)$/.test(u.pathname);
    const presser = opts.as === undefined ? undefined : this.user(opts.as);
    const asPresser = async (route: Route) => {
      const body = route.request().postDataJSON() as { from?: Record<string, unknown> };
      await route.continue({ postData: JSON.stringify({ ...body, from: { ...body.from, id: presser!.id } }) });
    };
    if (presser) await this.page.route(sendsToBot, asPresser, { times: 1 });
    try {
      const sent = this.page.waitForResponse((r) => sendsToBot(new URL(r.url())));
      await button.click();
      const res = await sent.catch(async (err: Error) => {
        // The renderer sends nothing while a required input is empty or invalid; it says so on the card.
        throw new Error(`clicking "${String(title)}" sent nothing to the bot; the card says: ${normalise(await card.innerText())}`, { cause: err });
      });
      if (!res.ok()) throw new Error(`the playground could not deliver "${String(title)}" (${res.status()})`);
    } finally {
      if (presser) await this.page.unroute(sendsToBot, asPresser);
    }
  }

  /** What a person reads on a card, whitespace collapsed. */
  async cardText(card: Locator): Promise<string> {
    return normalise(await card.innerText());
  }

  /** Titles of a card's action buttons. */
  async cardActions(card: Locator): Promise<string[]> {
    return card.locator(SELECTORS.cardActions).evaluateAll((els) => els.map((e) => (e as unknown as { title: string }).title));
  }

  /** Types into an Input.Text/Number/Date on the newest card, found by label or card input id. */
  async fillInput(labelOrId: string, value: string): Promise<void> {
    const input = await this.inputOnLatestCard(labelOrId);
    await input.fill(value);
  }

  /** Picks choices (by title) in an Input.ChoiceSet on the newest card, compact or expanded. */
  async choose(labelOrId: string, ...choices: string[]): Promise<void> {
    const input = await this.inputOnLatestCard(labelOrId);
    if ((await input.getAttribute('role')) === 'combobox') {
      for (const choice of choices) {
        if ((await input.getAttribute('aria-expanded')) !== 'true') await input.click();
        await SELECTORS.listOption(this.page, choice).click();
      }
      if ((await input.getAttribute('aria-expanded')) === 'true') await this.page.keyboard.press('Escape');
      return;
    }
    for (const choice of choices) {
      await input.locator(SELECTORS.choiceByTitle(choice)).check();
    }
  }

  /** Sets an Input.Toggle on the newest card, found by its label, its title or its card input id. */
  async setToggle(labelOrId: string, on: boolean): Promise<void> {
    const input = await this.inputOnLatestCard(labelOrId);
    await input.setChecked(on);
  }

  /**
   * What an input on the newest card holds now, as a person sees it: the text of a text box, the
   * title shown in a compact ChoiceSet, the titles ticked in an expanded one, a toggle's state.
   */
  async inputValue(labelOrId: string): Promise<string | string[] | boolean> {
    const input = await this.inputOnLatestCard(labelOrId);
    const kind = await input.evaluate((e) => {
      const el = e as unknown as { tagName: string; type?: string };
      return el.tagName === 'INPUT' ? String(el.type) : el.tagName.toLowerCase();
    });
    if (kind === 'checkbox' || kind === 'radio') return input.isChecked();
    if (
      kind === 'text' ||
      kind === 'email' ||
      kind === 'tel' ||
      kind === 'number' ||
      kind === 'date' ||
      kind === 'time' ||
      kind === 'url' ||
      kind === 'textarea'
    ) {
      return input.inputValue();
    }
    // An expanded ChoiceSet: the label points at the group holding one checkbox/radio per choice.
    return input.locator('input:checked').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  /**
   * What a person reads around an input on the newest card: its label, hint and error message,
   * whitespace collapsed (the part of the card the input sits in, without other inputs).
   */
  async fieldText(labelOrId: string): Promise<string> {
    const input = await this.inputOnLatestCard(labelOrId);
    return normalise(await input.locator(SELECTORS.fieldHolder).innerText());
  }

  /**
   * A screenshot of just the newest card, whole however tall it is (the window grows for it,
   * since the chat scrolls and the playground's bar would cover a tall card's top).
   */
  async screenshotLatestCard(file: string): Promise<string> {
    return this.screenshotCard(await this.latestCard(), file);
  }

  /** A screenshot of one card (from waitForCard), whole, as screenshotLatestCard takes it. */
  async screenshotCard(card: Locator, file: string): Promise<string> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const viewport = this.page.viewportSize() ?? { width: 1400, height: 1000 };
    const height = Math.ceil((await card.boundingBox())?.height ?? 0);
    try {
      if (height + 300 > viewport.height) await this.page.setViewportSize({ width: viewport.width, height: height + 300 });
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: file });
    } finally {
      await this.page.setViewportSize(viewport);
    }
    return file;
  }

  /**
   * Sends an activity to the bot through the playground's custom-activity API, filled in as the
   * playground would (serviceUrl, recipient, tenant) for the current conversation unless given.
   * `as` names another configured user by id ("29:siri.dahl") or AAD object id.
   */
  async postActivity(activity: Record<string, unknown>, opts: { as?: string } = {}): Promise<void> {
    const conversationId = (activity.conversation as { id?: string } | undefined)?.id ?? this.where.conversationId;
    const res = await fetch(`${this.url}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`);
    if (!res.ok) throw new Error(`no activity template for conversation ${conversationId} (${res.status})`);
    const template = (await res.json()) as Record<string, unknown>;
    const from = opts.as ? this.user(opts.as) : undefined;
    const body = {
      ...template,
      ...(from ? { from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId } } : {}),
      channelData: {
        tenant: { id: this.config.tenantId },
        ...(this.where.kind === 'channel' ? { team: { id: this.team.id }, channel: { id: this.where.conversationId } } : {}),
      },
      ...activity,
    };
    this.baseline = await this.currentTick();
    const sent = await fetch(`${this.url}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!sent.ok) throw new Error(`the playground refused the activity (${sent.status}): ${await sent.text()}`);
  }

  /** A configured person by id or AAD object id (the current user included). */
  user(idOrAadObjectId: string): PlaygroundUser {
    const all = [this.config.currentUser, ...this.config.users];
    const found = all.find((u) => u.id === idOrAadObjectId || u.aadObjectId === idOrAadObjectId);
    if (!found) throw new Error(`no user ${idOrAadObjectId} in the playground config; have ${all.map((u) => u.id).join(', ')}`);
    return found;
  }

  async screenshot(file: string): Promise<string> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** For afterEach: a screenshot under test-results/e2e/ when the test failed; returns its path. */
  async screenshotOnFailure(ctx: Mocha.Context): Promise<string | undefined> {
    const test = ctx.currentTest;
    if (!test || test.state !== 'failed') return undefined;
    const name = test
      .fullTitle()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 120);
    const file = await this.screenshot(path.join(ROOT, 'test-results', 'e2e', `${name}.png`)).catch(() => undefined);
    if (file) process.stderr.write(`    screenshot of the failure: ${file}\n`);
    return file;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    fs.rmSync(this.userDataDir, { recursive: true, force: true });
  }

  private composers(): Locator {
    return this.page.locator(`${SELECTORS.composer}:visible`);
  }

  private async currentTick(): Promise<number> {
    return Number(await this.page.evaluate(`(${CURRENT_TICK})()`));
  }

  private async latestSeq(): Promise<number> {
    const handle = await this.page.waitForFunction(`(${LATEST_CARD})()`, undefined, { timeout: this.timeoutMs });
    return Number(((await handle.jsonValue()) as { seq: number }).seq);
  }

  /**
   * The one button titled `title` whose nearest part of the card mentioning `within` is smallest:
   * the button in that section or list item, not one in another part of the same card.
   */
  private async buttonWithin(card: Locator, title: string | RegExp, within: string): Promise<Locator> {
    const buttons = card.locator(SELECTORS.cardActions).and(SELECTORS.cardAction(card, title));
    const distances: number[] = [];
    for (const b of await buttons.all()) {
      distances.push(
        await b.evaluate(
          (el, { text, cardAttr }) => {
            type Node = { innerText: string; parentElement: Node | null; hasAttribute(name: string): boolean };
            let steps = 0;
            for (let n: Node | null = el as unknown as Node; n; n = n.parentElement, steps++) {
              if (n.innerText.replace(/\s+/g, ' ').includes(text)) return steps;
              if (n.hasAttribute(cardAttr)) break;
            }
            return Number.POSITIVE_INFINITY;
          },
          { text: within, cardAttr: SELECTORS.cardSeq },
        ),
      );
    }
    const best = Math.min(...distances);
    const at = distances.flatMap((d, i) => (d === best ? [i] : []));
    if (!Number.isFinite(best) || at.length !== 1) {
      throw new Error(
        `${at.length > 1 ? 'more than one' : 'no'} "${String(title)}" button beside "${within}" on the card: ${normalise(await card.innerText())}`,
      );
    }
    return buttons.nth(at[0]);
  }

  /** Finds an input on the newest card: card input id → its label; label → the labelled control. */
  private async inputOnLatestCard(labelOrId: string): Promise<Locator> {
    const card = await this.latestCard();
    const names = [labelOrId, ...this.namesOfInputId(labelOrId)];
    for (const name of names) {
      const label = card.locator(SELECTORS.cardInputLabel).filter({ hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*\\*?\\s*$`) });
      if (await label.count()) {
        const target = await label.first().getAttribute('for');
        if (target) return card.locator(`[id="${target}"]`);
      }
      // Toggles without a label are named by their title; Input.Text without a label by its placeholder.
      const titled = card.locator(SELECTORS.choiceByTitle(name)).or(card.getByPlaceholder(name, { exact: true }));
      if (await titled.count()) return titled.first();
    }
    throw new Error(`no input "${labelOrId}" on the newest card: ${await this.latestCardText()}`);
  }

  /** Label, title and placeholder of the card input with this id, newest card JSON first. */
  private namesOfInputId(id: string): string[] {
    for (let i = this.receivedCards.length - 1; i >= 0; i--) {
      const input = findElement(this.receivedCards[i], (e) => typeof e.type === 'string' && e.type.startsWith('Input.') && e.id === id);
      if (input) return [input.label, input.title, input.placeholder].filter((s): s is string => typeof s === 'string' && s.length > 0);
    }
    return [];
  }

  /** Keeps the card JSON the UI gets over its websocket and in invoke responses. */
  private recordCards(): void {
    const keep = (attachments: unknown) => {
      if (!Array.isArray(attachments)) return;
      for (const a of attachments) if (a?.contentType === 'application/vnd.microsoft.card.adaptive' && a.content) this.receivedCards.push(a.content);
    };
    this.page.on('websocket', (ws) => {
      ws.on('framereceived', (frame) => {
        try {
          const data = JSON.parse(String(frame.payload));
          keep(data?.message?.attachments ?? data?.activity?.attachments);
        } catch {
          /* not JSON */
        }
      });
    });
    this.page.on('response', async (res) => {
      if (!/\/_conversation\/v1\/invoke$/.test(new URL(res.url()).pathname)) return;
      try {
        const body = await res.json();
        const card =
          body?.type === 'application/vnd.microsoft.card.adaptive'
            ? body.value
            : body?.body?.type === 'application/vnd.microsoft.card.adaptive'
              ? body.body.value
              : undefined;
        if (card) this.receivedCards.push(card);
      } catch {
        /* no JSON body */
      }
    });
  }
}

function findElement(node: any, match: (e: any) => boolean): any {
  if (!node || typeof node !== 'object') return undefined;
  if (match(node)) return node;
  for (const value of Object.values(node)) {
    const found = findElement(value, match);
    if (found) return found;
  }
  return undefined;
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
