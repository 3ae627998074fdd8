import assert from 'node:assert/strict';
import sinon, { type SinonFakeTimers } from 'sinon';
import { cardOf, startHarness, type Harness } from '../support/harness';
import { COLLEAGUE, OWNER, TENANT, type Persona } from '../support/personas';

const SLOW_DOWN = { nb: /Vent noen sekunder/, en: /Wait a few seconds/ };
const isCard = (res: { status: number; body: any }) => res.status === 200 && res.body?.type === 'application/vnd.microsoft.card.adaptive';

describe('one person flooding the bot', () => {
  let h: Harness;
  // The limiter reads Date.now(): frozen by sinon (Date only; timers and I/O run as usual), no
  // tokens come back unless a test moves the clock, so how many are answered is exact.
  let clock: SinonFakeTimers;
  // A small bucket, so a few hundred requests are a flood; 5 tokens a second back.
  before(async () => {
    h = await startHarness({ RATE_LIMIT_BURST: '10', RATE_LIMIT_PER_SECOND: '5', RATE_LIMIT_MAX_USERS: '100' });
    clock = sinon.useFakeTimers({ now: new Date(), toFake: ['Date'] });
  });
  after(async () => {
    clock.restore();
    await h.stop();
  });

  it('slows the flooder down with a message in their language while another person is answered normally', async function () {
    this.timeout(60_000);
    const flooder: Persona = { ...OWNER, locale: 'en-US' };
    const flood: Promise<{ status: number; body: any }>[] = [];
    const other: Promise<{ status: number; body: any }>[] = [];
    // 300 presses from one person in a few hundred ms, with the colleague pressing now and then in between.
    for (let i = 0; i < 300; i++) {
      flood.push(h.invoke(flooder, 'help.show'));
      if (i % 30 === 0) other.push(h.invoke(COLLEAGUE, 'help.show'));
      if (i % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    const [flooded, answered] = await Promise.all([Promise.all(flood), Promise.all(other)]);
    assert.ok(
      flooded.every((r) => r.status === 200),
      'every request gets HTTP 200',
    );
    const slowed = flooded.filter((r) => r.body?.type === 'application/vnd.microsoft.activity.message');
    assert.equal(flooded.filter(isCard).length, 10, 'the first presses, a burst of 10, are answered');
    assert.equal(slowed.length, 290, 'the rest are slowed down');
    for (const r of slowed) assert.match(r.body.value, SLOW_DOWN.en);
    assert.equal(answered.length, 10);
    assert.ok(answered.every(isCard), 'the colleague is answered with the card every time');
  });

  it('answers the flooder normally again once they slow down', async () => {
    assert.equal((await h.invoke(OWNER, 'help.show')).body?.type, 'application/vnd.microsoft.activity.message', 'still slowed while no time passed');
    clock.tick(1000); // 5 tokens back
    const res = await Promise.all(Array.from({ length: 6 }, () => h.invoke(OWNER, 'help.show')));
    assert.deepEqual(res.map(isCard), [true, true, true, true, true, false], JSON.stringify(res.map((r) => r.body?.type)));
  });

  it('slows down typed messages too, with a short text instead of the answer', async () => {
    const who: Persona = { ...COLLEAGUE, aadObjectId: '00000000-0000-4000-8000-000000000777' };
    const replies = await Promise.all(Array.from({ length: 40 }, () => h.send(who, 'hjelp')));
    const texts = replies
      .map((r) => r[0])
      .filter((a) => !cardOf(a))
      .map((a) => a.text as string);
    assert.equal(texts.length, 30, 'all but a burst of 10 slowed down');
    for (const t of texts) assert.match(t, SLOW_DOWN.nb);
  });

  it('keeps no more people in memory than configured however many write', async function () {
    this.timeout(60_000);
    const people = Array.from({ length: 600 }, (_, i): Persona => ({
      name: `P${i}`,
      tenantId: TENANT,
      aadObjectId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    }));
    for (let i = 0; i < people.length; i += 50) {
      const batch = await Promise.all(people.slice(i, i + 50).map((p) => h.invoke(p, 'help.show')));
      assert.ok(batch.every(isCard), 'a newcomer is always answered');
    }
    assert.ok(h.app.rateLimit.size <= 100, `tracks ${h.app.rateLimit.size} people`);
  });
});
