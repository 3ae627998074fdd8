import assert from 'node:assert/strict';
import { cardOf, startHarness, type Harness } from '../support/harness';
import { COLLEAGUE, OWNER, TENANT, type Persona } from '../support/personas';

const SLOW_DOWN = { nb: /Vent noen sekunder/, en: /Wait a few seconds/ };
// The most a person can be answered in `ms` with a burst of 10 and 5 a second (one spare for rounding).
const mostAnswered = (ms: number) => 10 + Math.ceil((5 * ms) / 1000) + 1;
const isCard = (res: { status: number; body: any }) => res.status === 200 && res.body?.type === 'application/vnd.microsoft.card.adaptive';

describe('one person flooding the bot', () => {
  let h: Harness;
  // A small bucket, so a few hundred requests are a flood; 5 tokens a second back.
  before(async () => { h = await startHarness({ RATE_LIMIT_BURST: '10', RATE_LIMIT_PER_SECOND: '5', RATE_LIMIT_MAX_USERS: '100' }); });
  after(async () => { await h.stop(); });

  it('slows the flooder down with a message in their language while another person is answered normally', async function () {
    this.timeout(60_000);
    const flooder: Persona = { ...OWNER, locale: 'en-US' };
    const started = Date.now();
    const flood: Promise<{ status: number; body: any }>[] = [];
    const other: Promise<{ status: number; body: any }>[] = [];
    // 300 presses from one person in a few hundred ms, with the colleague pressing now and then in between.
    for (let i = 0; i < 300; i++) {
      flood.push(h.invoke(flooder, 'help.show'));
      if (i % 30 === 0) other.push(h.invoke(COLLEAGUE, 'help.show'));
      if (i % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    const [flooded, answered] = await Promise.all([Promise.all(flood), Promise.all(other)]);
    assert.ok(flooded.every((r) => r.status === 200), 'every request gets HTTP 200');
    const slowed = flooded.filter((r) => r.body?.type === 'application/vnd.microsoft.activity.message');
    const elapsed = Date.now() - started;
    assert.ok(300 - slowed.length <= mostAnswered(elapsed), `${300 - slowed.length} of 300 answered in ${elapsed} ms`);
    assert.ok(slowed.length >= 200, `only ${slowed.length} of 300 were slowed down in ${elapsed} ms`);
    assert.ok(flooded.filter(isCard).length >= 10, 'the first presses are answered');
    for (const r of slowed) assert.match(r.body.value, SLOW_DOWN.en);
    assert.equal(answered.length, 10);
    assert.ok(answered.every(isCard), 'the colleague is answered with the card every time');
  });

  it('answers the flooder normally again once they slow down', async () => {
    await new Promise((r) => setTimeout(r, 2200));
    const res = await h.invoke(OWNER, 'help.show');
    assert.ok(isCard(res), JSON.stringify(res.body).slice(0, 200));
  });

  it('slows down typed messages too, with a short text instead of the answer', async () => {
    const who: Persona = { ...COLLEAGUE, aadObjectId: '00000000-0000-4000-8000-000000000777' };
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 40 }, () => h.send(who, 'hjelp')));
    const elapsed = Date.now() - started;
    const texts = replies.map((r) => r[0]).filter((a) => !cardOf(a)).map((a) => a.text as string);
    assert.ok(40 - texts.length <= mostAnswered(elapsed), `${40 - texts.length} of 40 answered in ${elapsed} ms`);
    assert.ok(texts.length > 0, 'nobody was slowed down');
    for (const t of texts) assert.match(t, SLOW_DOWN.nb);
  });

  it('keeps no more people in memory than configured however many write', async function () {
    this.timeout(60_000);
    const people = Array.from({ length: 600 }, (_, i): Persona => ({ name: `P${i}`, tenantId: TENANT, aadObjectId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}` }));
    for (let i = 0; i < people.length; i += 50) {
      const batch = await Promise.all(people.slice(i, i + 50).map((p) => h.invoke(p, 'help.show')));
      assert.ok(batch.every(isCard), 'a newcomer is always answered');
    }
    assert.ok(h.app.rateLimit.size <= 100, `tracks ${h.app.rateLimit.size} people`);
  });
});
