import { createHash } from 'node:crypto';
import { COMMANDS } from '../../../src/app/registry';
import { activityBytes } from '../../../src/teams/cards/budget';
import { FAST_DELIVERY, waitDrained } from '../delivery';
import { CHANNEL, TEAM } from '../forum';
import { startHarness, type Harness } from '../harness';
import { OFFICER, OWNER, TENANT, type Persona } from '../personas';
import { FORUM_CHANNEL, GROUP_MEMBER, PRESSES, activityFor, seedWorld, WORLD_ENV } from '../verbWorld';

// The card gallery's capture: a whole yearly cycle through the bot's endpoint (verbWorld's seeded
// world, then every verb's valid press by the person who would press it, every typed command, the
// welcomes and a scheduler tick), every card the bot answered, sent or updated kept with where it
// came from. Everyone speaks one language for the run: activities carry it and every stored chat
// is saved with it, so proactive cards come in it too.

const CARD = 'application/vnd.microsoft.card.adaptive';
export const GALLERY_LOCALES = ['nb-NO', 'nn-NO', 'en-US'] as const;
export type GalleryLocale = (typeof GALLERY_LOCALES)[number];

export interface Captured {
  /** What produced it: `verb`, `cmd:word`, `welcome:…`, `sent`/`updated` for proactive messages. */
  source: string;
  /** Source and the card's shape (element types, inputs, verbs), not its text: cards of one kind share it. */
  kind: string;
  card: any;
  /** The whole payload Teams gets (reply, invoke answer or proactive activity), UTF-16 as Teams counts it. */
  bytes: number;
  /** Shown in a channel, where every member of the team reads it. */
  channel: boolean;
}

/** Verbs an owner presses (the rest the officer, votes a group member in the channel). */
const OWNER_VERB =
  /^(help|report\.(new|next|back|goto|close|continue|resume|cancel|submit|mine|open|edit|withdraw)|draft|privacy|colleagues|usage\.(list|open|save|submit))\b/;
const MEMBER_VERB = /^vote\.(mark|refresh)$/;

/** The shape of a card without its words: what a dedup by kind compares. */
function shapeOf(card: unknown): string {
  const out: string[] = [];
  const walk = (n: any): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n.type === 'string') out.push(n.type + (n.verb ? `:${n.verb}` : '') + (n.id && n.type.startsWith('Input.') ? `#${n.id}` : ''));
    for (const [k, v] of Object.entries(n)) if (k !== 'data') walk(v);
  };
  walk(card);
  // Repeated rows (list items) collapse, so a list of 3 and of 5 is one kind.
  return createHash('sha1')
    .update([...new Set(out)].join(','))
    .digest('hex')
    .slice(0, 8);
}

export async function captureCycle(locale: GalleryLocale): Promise<Captured[]> {
  const h = await startHarness({ ...FAST_DELIVERY, ...WORLD_ENV, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId });
  const cards: Captured[] = [];
  let source = 'seed';
  const keep = (card: any, payload: unknown, channel: boolean, from = source) => {
    if (card?.type === 'AdaptiveCard') cards.push({ source: from, kind: `${from} ${shapeOf(card)}`, card, bytes: activityBytes(payload), channel });
  };
  // What the bot sent or updated proactively since the last look, named after what caused it.
  let seenConnector = 0;
  const harvest = async () => {
    await waitDrained(h.app.services.outbox, undefined, 30_000);
    const fresh = h.connector.received.slice(seenConnector);
    seenConnector = h.connector.received.length;
    for (const r of fresh) {
      const update = r.method === 'PUT';
      if (!(update || (r.method === 'POST' && (/\/activities/.test(r.path) || r.path === '/v3/conversations')))) continue;
      const a = r.body?.activity ?? r.body;
      // Channel conversations are "19:…" (a new thread is posted to /v3/conversations with the channel in channelData).
      const channel = /\/conversations\/19(:|%3A)/i.test(r.path) || Boolean(r.body?.channelData?.channel);
      for (const att of a?.attachments ?? []) if (att.contentType === CARD) keep(att.content, a, channel, `${source} → ${update ? 'updated' : 'sent'}`);
    }
  };
  try {
    instrument(h, locale, (body, activity) => {
      const channel = (activity.conversation as { conversationType?: string } | undefined)?.conversationType === 'channel';
      if (body?.type === CARD) keep(body.value, body, channel);
      for (const a of body?.activities ?? []) for (const att of a.attachments ?? []) if (att.contentType === CARD) keep(att.content, a, channel);
    });
    const as = (p: Persona): Persona => ({ ...p, locale });

    source = 'welcome:personal';
    for (const who of [OWNER, OFFICER]) await h.post({ ...h.personalActivity(who), type: 'installationUpdate', action: 'add', deliveryMode: 'expectReplies' });
    source = 'seed';
    const world = await seedWorld(h, OWNER);
    await harvest();
    source = 'welcome:team';
    h.connector.channels.set(TEAM, [{ id: TEAM }, { id: CHANNEL, name: 'Arbeidsgruppe Vest' }, { id: FORUM_CHANNEL, name: 'Samarbeidsforum' }]);
    await h.post({
      ...h.personalActivity(OFFICER),
      type: 'installationUpdate',
      action: 'add',
      deliveryMode: 'expectReplies',
      conversation: { id: TEAM, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: TEAM, name: 'Samarbeidsforum Oslo og Viken' } },
    });

    // Typed commands first (as the authorization matrix does), each group's first word, by each kind of person.
    for (const c of COMMANDS) {
      const word = c.words[0];
      for (const who of [OWNER, OFFICER]) {
        source = `cmd:${word}`;
        await h.send(as(who), word === 'vis' ? `vis ${world.report.reference}` : word);
        await harvest();
      }
    }
    // Every verb, in PRESSES' order, by the person who would press it.
    const officer = async (verb: string, data: Record<string, unknown> = {}) => (await h.invoke(as(OFFICER), verb, data)).body?.value;
    for (const [verb, pressOf] of PRESSES) {
      source = 'seed';
      const press = await pressOf(world, officer);
      const who = MEMBER_VERB.test(verb) ? GROUP_MEMBER : OWNER_VERB.test(verb) ? OWNER : OFFICER;
      source = verb;
      await h.post({
        ...activityFor(h, as(who), press.where),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data: { verb, ...press.data } }, trigger: 'manual' },
      });
      await harvest();
    }
    source = 'tick';
    await h.app.scheduler.tick();
    await harvest();
    return cards;
  } finally {
    await h.stop();
  }
}

/**
 * Every activity the harness posts carries `locale`, every chat the bot stores is stored in it, and
 * each answer is handed to `seen`. The harness's own send/invoke post through a closure, so they
 * are replaced here by the same activities posted through the wrapped `post`.
 */
function instrument(h: Harness, locale: string, seen: (body: any, activity: Record<string, unknown>) => void): void {
  const post = h.post.bind(h);
  const personal = h.personalActivity.bind(h);
  h.personalActivity = (who, extra = {}) => ({ ...personal(who, extra), locale });
  h.post = async (activity) => {
    const res = await post({ ...activity, locale });
    seen(res.body, activity);
    return res;
  };
  h.send = async (who, text, extra = {}) => {
    const res = await h.post({ ...h.personalActivity(who), type: 'message', text, deliveryMode: 'expectReplies', ...extra });
    if (res.status !== 200) throw new Error(`bot answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body?.activities ?? [];
  };
  h.invoke = (who, verb, data = {}, extra = {}) =>
    h.post({
      ...h.personalActivity(who),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
      ...extra,
    });
  const refs = h.app.services.references;
  const save = refs.save.bind(refs);
  refs.save = (target) => save({ ...target, locale });
}
