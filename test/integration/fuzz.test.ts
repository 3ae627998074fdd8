import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ACTIONS } from '../../src/teams/actions';
import { COMMANDS } from '../../src/teams/commands';
import { TABLES } from '../../src/storage/tables';
import { MAX_BODY_BYTES } from '../../src/app/jsonBody';
import { pickLocale, type Locale } from '../../src/domain/i18n';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, OTHER_OWNER, OWNER, MEMBER, type Persona } from '../support/personas';
import { submitted } from '../support/casework';
import { agendaItem, grantMember, meetingOf } from '../support/forum';
import { startReport, press } from '../support/wizard';
import { GOOD_INPUT } from '../support/reportInput';
import { hostileData, hostileText, hostileValue } from '../support/hostileInput';

// Hostile input, generated (issue 8, item 3). Every card verb of ACTIONS and every command of
// COMMANDS gets FUZZ_RUNS generated payloads (default below, chosen to keep this file near a
// minute on two cores; FUZZ_RUNS=10000 for the full count). FUZZ_SEED repeats a run.
const RUNS = Number(process.env.FUZZ_RUNS || 100);
const SEED = Number(process.env.FUZZ_SEED || Date.now() % 1_000_000);
const CONCURRENCY = 8;
const LOCALES = ['nb-NO', 'nn-NO', 'en-US', 'de-DE'] as const;

// The caller owns nothing and has no role; the seeded state belongs to others. Any write is a leak.
const CALLER: Persona = OTHER_OWNER;

// "Back" and "Save and close" keep what was typed even when it is not valid yet (issue 3), and a
// card carries its draft's future id: with a fresh id these store a draft of the caller's own.
// That is the only write allowed, and only in the caller's own draft rows.
const OWN_DRAFT_VERBS = new Set(['report.back', 'report.close']);
const ownDraftRow = (change: string) => /^(added|changed) Drafts\|/.test(change) && change.includes(`${CALLER.tenantId}_${CALLER.aadObjectId}`);
// With many payloads, forged ids hit drafts the caller itself stored above (e.g. "Endre" moves its
// step, delete removes it): changing or deleting one's own draft is fine; creating one is not.
const ownDraftTouched = (change: string) => /^(changed|deleted) Drafts\|/.test(change) && change.includes(`${CALLER.tenantId}_${CALLER.aadObjectId}`);
const verbOf = (title = '') => /^answers (\S+) /.exec(title)?.[1] ?? '';

type Answer = { status: number; body: any; bytes: number };

/** A payload over the door's 256 KB is refused there with 413 before anything runs: a clear answer too. */
const refusedAtTheDoor = (res: Answer) => res.status === 413 && res.bytes > MAX_BODY_BYTES;
type Snapshot = Map<string, string>;

/** Every text of every catalog, per language, read from the compiled catalogs so new areas count. */
function catalogTexts(): Record<Locale, string[]> {
  const dir = path.join(__dirname, '../../src/domain/i18n/messages');
  const out: Record<Locale, string[]> = { nb: [], nn: [], en: [] };
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    for (const c of Object.values(require(path.join(dir, f))) as any[]) {
      if (c && typeof c === 'object' && c.nb && c.nn && c.en) for (const l of ['nb', 'nn', 'en'] as const) out[l].push(...Object.values(c[l] as Record<string, string>));
    }
  }
  return out;
}

const TEXTS = catalogTexts();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PATTERNS = Object.fromEntries((['nb', 'nn', 'en'] as const).map((l) =>
  [l, TEXTS[l].map((t) => new RegExp(`^${escape(t).replace(/\\\{\w+\\\}/g, '[\\s\\S]*')}$`))])) as Record<Locale, RegExp[]>;
const OWN = Object.fromEntries((['nb', 'nn', 'en'] as const).map((l) => [l, new Set(TEXTS[l])])) as Record<Locale, Set<string>>;
const GENERIC_ERRORS = new Set((['nb', 'nn', 'en'] as const).map((l) => TEXTS[l]).flat().filter((t) => /noe gikk galt|noko gjekk gale|something went wrong/i.test(t)));

/** What is wrong with an answer, or undefined when it is a clear answer in the caller's language. */
function judgeText(text: unknown, locale: Locale): string | undefined {
  if (typeof text !== 'string' || !text.trim()) return 'empty text answer';
  if (GENERIC_ERRORS.has(text)) return `a handler failed: ${text}`;
  if (!PATTERNS[locale].some((p) => p.test(text))) return `text not from the ${locale} catalog: ${text.slice(0, 200)}`;
  return undefined;
}

function judgeCard(card: any, locale: Locale): string | undefined {
  if (card?.type !== 'AdaptiveCard' || !Array.isArray(card.body)) return 'not an Adaptive Card';
  for (const line of cardText(card).split('\n')) {
    // Choice values such as "member" are ids the card sends back, not text a person reads.
    if (OWN[locale].has(line) || /^[a-z_.-]+$/.test(line)) continue;
    const foreign = (['nb', 'nn', 'en'] as const).find((l) => l !== locale && OWN[l].has(line));
    if (foreign) return `card in ${foreign} for a ${locale} user: ${line}`;
  }
  return undefined;
}

function judgeInvoke(res: Answer, locale: Locale): string | undefined {
  if (refusedAtTheDoor(res)) return undefined;
  if (res.status !== 200) return `HTTP ${res.status}`;
  if (res.body?.statusCode !== 200) return `invoke status ${res.body?.statusCode}`;
  if (res.body.type === 'application/vnd.microsoft.activity.message') return judgeText(res.body.value, locale);
  if (res.body.type === 'application/vnd.microsoft.card.adaptive') return judgeCard(res.body.value, locale);
  return `unknown invoke answer ${res.body.type}`;
}

async function snapshot(h: Harness): Promise<Snapshot> {
  const rows: Snapshot = new Map();
  for (const name of TABLES) {
    for await (const e of h.app.services.tables.client(name).listEntities()) {
      // The delivery worker's heartbeat row moves on its own clock, whatever the users send.
      if (name === 'Outbox' && e.partitionKey === 'instance') continue;
      rows.set(`${name}|${e.partitionKey}|${e.rowKey}`, String(e.etag));
    }
  }
  return rows;
}

function changes(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [k, etag] of after) if (before.get(k) !== etag) out.push(before.has(k) ? `changed ${k}` : `added ${k}`);
  for (const k of before.keys()) if (!after.has(k)) out.push(`deleted ${k}`);
  return out;
}

/** Runs the samples CONCURRENCY at a time; the first failure is reported with its payload. */
async function drive<T>(samples: T[], one: (s: T) => Promise<string | undefined>): Promise<void> {
  let next = 0;
  let failure: string | undefined;
  const worker = async () => {
    while (next < samples.length && !failure) {
      const s = samples[next++];
      const problem = await one(s).catch((err: Error) => `threw ${err.message}`);
      if (problem && !failure) failure = `${problem}\n  payload: ${JSON.stringify(s, (_k, v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length} chars)` : v)).slice(0, 1500)}`;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failure) assert.fail(`${failure}\n  (FUZZ_SEED=${SEED})`);
}

describe(`hostile input, generated (${RUNS} payloads per verb and command, FUZZ_SEED=${SEED})`, function () {
  this.timeout(Math.max(120_000, RUNS * 200));
  const clock = { now: new Date('2026-12-01T09:00:00Z') };
  let h: Harness;
  let ids: string[];
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => { rejections.push(reason); };
  const timings: string[] = [];

  before(async () => {
    process.on('unhandledRejection', onRejection);
    h = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: () => clock.now });
    // Other people's things to forge: a submitted report, a draft, a role and a meeting.
    const filed = await submitted(h, OWNER);
    let card = await startReport(h, OWNER);
    card = await press(h, OWNER, card, 'report.next', GOOD_INPUT.owner);
    await grantMember(h.app.services, MEMBER);
    await h.app.services.meetings.create(meetingOf([agendaItem(1, { reportId: filed.reportId })], { roundId: filed.roundId }));
    const keys = new Set<string>([filed.reference, filed.reportId, filed.roundId, OWNER.aadObjectId, MEMBER.aadObjectId]);
    const seeded = await snapshot(h);
    // The write check compares these rows; an empty snapshot would make it pass for nothing.
    for (const table of ['Drafts', 'Reports', 'Roles', 'Meetings', 'Rounds']) {
      assert.ok([...seeded.keys()].some((k) => k.startsWith(`${table}|`)), `nothing seeded in ${table}`);
    }
    for (const k of seeded.keys()) for (const part of k.split('|').slice(1)) if (part.length < 200) keys.add(part);
    ids = [...keys];
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    await h?.stop();
    if (timings.length) console.log(`    fuzz timings: ${timings.join(', ')}`);
  });

  let rowsBefore: Snapshot;
  let checkWrites = true;
  let errorLines: number;
  beforeEach(async () => {
    rowsBefore = await snapshot(h);
    errorLines = h.logLines.filter((l) => l.includes('"level":"error"')).length;
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') return;
    if (checkWrites) {
      const allowed = OWN_DRAFT_VERBS.has(verbOf(this.currentTest?.title)) ? ownDraftRow : ownDraftTouched;
      assert.deepEqual(changes(rowsBefore, await snapshot(h)).filter((c) => !allowed(c)), [], 'an invalid payload wrote to storage');
    }
    const errors = h.logLines.filter((l) => l.includes('"level":"error"'));
    assert.deepEqual(errors.slice(errorLines), [], 'a handler failed');
    assert.deepEqual(rejections, [], 'unhandled promise rejection');
  });

  const locale = fc.constantFrom(...LOCALES);

  for (const verb of Object.keys(ACTIONS)) {
    it(`answers ${verb} with hostile data clearly, in the caller's language, storing nothing`, async () => {
      const started = Date.now();
      const samples = fc.sample(fc.tuple(hostileData(ids), locale), { numRuns: RUNS, seed: SEED });
      await drive(samples, async ([data, loc]) => judgeInvoke(await h.invoke({ ...CALLER, locale: loc }, verb, data), pickLocale(loc)));
      timings.push(`${verb} ${Date.now() - started} ms`);
    });
  }

  it('answers invokes that are not well-formed card actions with a clear message', async () => {
    const envelope = fc.oneof(
      hostileValue(ids),
      fc.record({ action: hostileValue(ids) }),
      fc.record({ action: fc.record({ type: fc.constantFrom('Action.Execute', 'Action.Submit', ''), verb: hostileValue(ids), data: hostileValue(ids) }, { requiredKeys: [] }) }),
    );
    const samples = fc.sample(fc.tuple(envelope, locale), { numRuns: RUNS, seed: SEED });
    await drive(samples, async ([value, loc]) => {
      const res = await h.post({ ...h.personalActivity({ ...CALLER, locale: loc }), type: 'invoke', name: 'adaptiveCard/action', value });
      return judgeInvoke(res, pickLocale(loc));
    });
  });

  const words = COMMANDS.flatMap((c) => c.words);
  it(`answers typed commands (${words.length} words) with hostile arguments clearly, storing nothing`, async () => {
    const started = Date.now();
    const samples = fc.sample(fc.tuple(hostileText(words, ids), locale), { numRuns: RUNS * COMMANDS.length, seed: SEED });
    await drive(samples, async ([text, loc]) => {
      const res = await h.post({ ...h.personalActivity({ ...CALLER, locale: loc }), type: 'message', text, deliveryMode: 'expectReplies' });
      if (refusedAtTheDoor(res)) return undefined;
      if (res.status !== 200) return `HTTP ${res.status}`;
      const replies: any[] = res.body?.activities ?? [];
      if (replies.length === 0) return 'no answer';
      for (const r of replies) {
        const card = cardOf(r);
        const problem = card ? judgeCard(card, pickLocale(loc)) : judgeText(r.text, pickLocale(loc));
        if (problem) return problem;
      }
      return undefined;
    });
    timings.push(`commands ${Date.now() - started} ms`);
  });
  // An officer reaches deeper into the secretariat's handlers. Forged ids are real ids for an
  // officer, so a payload may be a valid action (checking a real report, closing the round): here
  // only a clear answer, no failure and no unhandled rejection are required, not "nothing stored".
  describe('as a secretariat officer', () => {
    const OFFICER_RUNS = Math.max(10, Math.round(RUNS / 4));
    before(() => { checkWrites = false; });
    after(() => { checkWrites = true; });
    for (const verb of Object.keys(ACTIONS)) {
      it(`answers ${verb} with hostile data clearly (${OFFICER_RUNS} payloads)`, async () => {
        const samples = fc.sample(fc.tuple(hostileData(ids), locale), { numRuns: OFFICER_RUNS, seed: SEED + 1 });
        await drive(samples, async ([data, loc]) => judgeInvoke(await h.invoke({ ...OFFICER, locale: loc }, verb, data), pickLocale(loc)));
      });
    }
  });
});
