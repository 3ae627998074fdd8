import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import sinon from 'sinon';
import { callCounts } from '../../src/storage/callCounter';
import { submitted } from '../support/casework';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { PROTO_KEYS } from '../support/hostileInput';
import { OFFICER, OTHER_OWNER, OWNER, type Persona } from '../support/personas';
import { prototypeSnapshot } from '../support/prototypeSnapshot';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, inputsOf, press, startReport } from '../support/wizard';

// Issue 21, item 1: a key that came with a request (activity type, verb, card-data key, field name,
// org. number, round id, typed command) never reaches Object.prototype. One body
// {"type":"__proto__"} once set Object.prototype.turns through the call counter, before
// authentication, and from then on every z.record parse failed for every user until a restart.

const APP_ID = '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b';
const GENERIC = /Noe gikk galt|Noko gjekk gale|something went wrong/i;

/** `obj` with `key` as an own property, also for "__proto__" (an object literal would set the prototype). */
function withOwnKey(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = { ...obj };
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

/** Every way a hostile key reaches the bot, as one activity each (the harness fills in the rest). */
function hostileActivities(h: Harness, who: Persona, key: string): Array<[string, Record<string, unknown>]> {
  const base = h.personalActivity(who);
  const invoke = (verb: string, data: Record<string, unknown>) => ({
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
  });
  const poison = { turns: 1, calls: 1, toString: 'x' };
  return [
    ['activity type', { ...base, type: key }],
    ['verb', invoke(key, {})],
    ['card-data key', invoke('help.show', withOwnKey({}, key, poison))],
    ['field name', invoke('report.next', withOwnKey({ draftId: `d-${Date.now()}`, step: 'owner', ...GOOD_INPUT.owner }, key, poison))],
    ['org. number', invoke('report.next', { draftId: `d-${Date.now()}`, step: 'owner', ...GOOD_INPUT.owner, ownerOrgnr: key })],
    ['round id', invoke('round.close', { roundId: key })],
    ['command', { ...base, type: 'message', text: key, deliveryMode: 'expectReplies' }],
    ['command argument', { ...base, type: 'message', text: `kolleger ${key}`, deliveryMode: 'expectReplies' }],
    ['round in a command', { ...base, type: 'message', text: `vedtak ${key}`, deliveryMode: 'expectReplies' }],
  ];
}

/** Labels the call counter holds, with their turns: what "nothing counted" is checked against. */
const counted = () => Object.fromEntries(Object.entries(callCounts().byLabel).map(([k, v]) => [k, v.turns]));

/** A JWT in the shape Bot Framework sends, signed with a key nobody published. */
function forgedJwt(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' })}.${part({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/emea/', nbf: now - 60, exp: now + 3600 })}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
}

describe('keys from a request never reach Object.prototype', () => {
  const prototypeBefore = prototypeSnapshot();

  describe('in production mode (an app id), unauthenticated', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' });
    });
    after(async () => {
      await h?.stop();
    });

    it('answers every hostile key (type, verb, data key, field, org. number, round id, command) with 401 and counts nothing', async () => {
      const before = counted();
      for (const key of PROTO_KEYS) {
        for (const [where, activity] of hostileActivities(h, OWNER, key)) {
          const res = await h.post(activity);
          assert.equal(res.status, 401, `${key} as ${where}: ${JSON.stringify(res.body)}`);
          assert.deepEqual(res.body, { error: 'Unauthorized.' }, `${key} as ${where}`);
        }
      }
      assert.deepEqual(counted(), before, 'no turn counted before authentication');
      assert.deepEqual(prototypeSnapshot(), prototypeBefore, 'Object.prototype unchanged');
    });

    for (const [what, header] of [
      ['no Authorization header', undefined],
      ['a token signed with an unpublished key', () => `Bearer ${forgedJwt()}`],
      ['an unsigned token', () => 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.'],
      ['a header that is not a token', () => 'Basic dXNlcjpwYXNz'],
    ] as const) {
      it(`answers ${what} with a one-line 401, one JSON log line and nothing on the console`, async () => {
        const spies = (['error', 'warn', 'log', 'info'] as const).map((level) => sinon.spy(console, level));
        const write = sinon.spy(process.stderr, 'write');
        const linesBefore = h.logLines.length;
        try {
          const res = await fetch(`${h.app.url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(header ? { authorization: header() } : {}) },
            body: JSON.stringify({ ...h.personalActivity(OWNER), type: 'message', text: 'hjelp' }),
          });
          const body = await res.text();
          assert.equal(res.status, 401);
          assert.equal(body, '{"error":"Unauthorized."}', 'one line, no internal error text');
          const lines = h.logLines.slice(linesBefore).filter((l) => !l.includes('"level":20'));
          assert.equal(lines.length, 1, lines.join('\n'));
          const logged = JSON.parse(lines[0]) as Record<string, unknown>;
          assert.equal(logged.msg, 'request not authenticated');
          assert.equal(logged.statusCode, 401);
          assert.ok(!lines[0].includes('Bearer') && !lines[0].includes('eyJ'), 'the token is not logged');
          for (const spy of spies) assert.equal(spy.callCount, 0, `console.${String((spy as any).displayName ?? '')} was called: ${spy.args.join(' | ')}`);
          assert.equal(write.callCount, 0, `stderr: ${write.args.join('')}`);
        } finally {
          spies.forEach((s) => s.restore());
          write.restore();
        }
      });
    }
  });

  describe('in local mode, authenticated as the anonymous local user', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId });
    });
    after(async () => {
      await h?.stop();
    });

    it('answers every hostile key clearly, as owner and as officer, without any handler failing', async () => {
      for (const who of [OTHER_OWNER, OFFICER]) {
        for (const key of PROTO_KEYS) {
          for (const [where, activity] of hostileActivities(h, who, key)) {
            const res = await h.post(activity);
            const what = `${key} as ${where} (${who.name})`;
            if (activity.type === 'invoke') {
              assert.equal(res.status, 200, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`);
              assert.doesNotMatch(JSON.stringify(res.body.value), GENERIC, what);
            } else if (activity.type === 'message') {
              assert.equal(res.status, 200, what);
              const replies: any[] = res.body.activities;
              assert.ok(replies.length > 0, `${what}: no answer`);
              for (const r of replies) assert.doesNotMatch(r.text ?? cardText(cardOf(r)), GENERIC, what);
            } else {
              assert.equal(res.status, 200, what);
            }
            if (where === 'org. number') assert.equal(inputsOf(res.body.value).ownerOrgnr?.value, key, `${what}: the typed value is kept`);
            if (where === 'verb') assert.match(res.body.value, /Det forsto jeg ikke/, what);
            if (where === 'command') assert.match(res.body.activities[0].text, /Det forsto jeg ikke/, what);
          }
        }
      }
      assert.deepEqual(
        h.logLines.filter((l) => l.includes('"level":50')),
        [],
        'no handler failed',
      );
      const labels = Object.keys(callCounts().byLabel);
      for (const key of PROTO_KEYS) assert.ok(!labels.includes(key), `${key} is not a counter label: ${labels.join(', ')}`);
      assert.deepEqual(prototypeSnapshot(), prototypeBefore, 'Object.prototype unchanged');
    });

    it('still serves a whole owner turn and an officer turn afterwards, with the right cards', async () => {
      // Owner: the first step of a new report, then a submitted report with its receipt.
      const first = await startReport(h, OWNER);
      assert.match(cardText(first), /Meld behov/);
      assert.ok(inputsOf(first).ownerOrgnr, 'the owner step asks for the org. number');
      const next = await press(h, OWNER, first, 'report.next', GOOD_INPUT.owner);
      assert.ok(inputsOf(next).contactName, `the contact step follows: ${cardText(next).slice(0, 300)}`);
      assert.ok(actionData(next, 'report.next'));
      const filed = await submitted(h, OWNER);
      assert.match(filed.reference, /^BM-\d{4}-\d{4}$/);

      // Officer: the round's overview counts that report.
      const [reply] = await h.send(OFFICER, 'oversikt');
      const text = cardText(cardOf(reply)).replace(/\n/g, ' ');
      assert.match(text, /Oversikt: innmeldingsrunde \d{4}/);
      assert.match(text, /Meldinger: 1\b/);
      // Rounds parse (their budgets are a record): the list answers too.
      const [rounds] = await h.send(OFFICER, 'runder');
      assert.match(cardText(cardOf(rounds)), /Innmeldingsrunder|innmeldingsrunde/i);
      assert.deepEqual(prototypeSnapshot(), prototypeBefore, 'Object.prototype unchanged');
    });
  });

  after(() => {
    assert.deepEqual(prototypeSnapshot(), prototypeBefore, 'Object.prototype unchanged at the end');
  });
});
