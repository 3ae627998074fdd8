import assert from 'node:assert/strict';
import { appLimits, backoffMs, floorMs, RateLimiter, retryAfterMs, TEAMS_CONVERSATION_LIMITS, type WindowLimit } from '../../src/domain/rateLimit';
import { judgeFailure, type AttemptFailure } from '../../src/domain/delivery';

/**
 * Drives the limiter with a fake clock: each send starts as soon as the limiter allows, Teams
 * receives it `latency(i)` ms later and answers at once. Returns the receipt times.
 */
function simulate(limiter: RateLimiter, sends: Array<{ conversation: string }>, latency: (i: number) => number): number[][] {
  const received: number[][] = sends.map(() => []);
  const pending = sends.map((s, i) => ({ ...s, i }));
  const answers: Array<{ at: number; finish: (at: number) => void }> = [];
  let now = 0;
  for (let guard = 0; pending.length && guard < 1_000_000; guard++) {
    let started = false;
    for (let k = 0; k < pending.length; k++) {
      const p = pending[k];
      const permit = limiter.tryTake(p.conversation, now);
      if (!permit) continue;
      const at = now + latency(p.i);
      received[p.i].push(at);
      answers.push({ at, finish: permit.finish });
      pending.splice(k--, 1);
      started = true;
    }
    if (started) continue;
    // Advance the fake clock to the next answer or the next free token, whichever is first.
    const nextFree = Math.min(...pending.map((p) => limiter.freeAt(p.conversation, now)));
    answers.sort((a, b) => a.at - b.at);
    const nextAnswer = answers.length ? answers[0].at : Infinity;
    now = Math.min(nextFree, nextAnswer);
    while (answers.length && answers[0].at <= now) answers.shift()!.finish(now);
  }
  return received;
}

/** The largest number of receipts inside any window of each limit. */
function worstWindows(times: number[], limits: readonly WindowLimit[]): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  return limits.map((l) => {
    let worst = 0;
    for (let i = 0, j = 0; i < sorted.length; i++) {
      while (sorted[j] <= sorted[i] - l.windowMs) j++;
      worst = Math.max(worst, i - j + 1);
    }
    return worst;
  });
}

describe('rate limiting for Teams', () => {
  it("needs 4 s for 20 cards in one channel, as Teams' limits allow and no faster", () => {
    assert.equal(floorMs(20, TEAMS_CONVERSATION_LIMITS), 4000);
    const limiter = new RateLimiter({ conversation: TEAMS_CONVERSATION_LIMITS, app: appLimits(1000) });
    const [times] = [
      simulate(
        limiter,
        Array.from({ length: 20 }, () => ({ conversation: 'c:1' })),
        () => 0,
      ).map((r) => r[0]),
    ];
    assert.equal(Math.max(...times), 4000);
    assert.deepEqual(worstWindows(times, TEAMS_CONVERSATION_LIMITS), [7, 8, 20, 20]);
  });

  it('never lets Teams see more than its limits, however late the answers come', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const limiter = new RateLimiter({ conversation: TEAMS_CONVERSATION_LIMITS, app: appLimits(30) });
    const sends = Array.from({ length: 300 }, (_, i) => ({ conversation: `c:${i % 3}` }));
    const received = simulate(limiter, sends, () => Math.floor(random() * 400)).map((r) => r[0]);
    for (const c of [0, 1, 2]) {
      const times = received.filter((_, i) => i % 3 === c);
      const worst = worstWindows(times, TEAMS_CONVERSATION_LIMITS);
      TEAMS_CONVERSATION_LIMITS.forEach((l, k) => assert.ok(worst[k] <= l.max, `conversation ${c}: ${worst[k]} in ${l.windowMs} ms`));
    }
    assert.ok(worstWindows(received, appLimits(30))[0] <= 30);
  });

  it('keeps the whole app within its own limit across many conversations', () => {
    const limiter = new RateLimiter({ conversation: TEAMS_CONVERSATION_LIMITS, app: appLimits(30) });
    const received = simulate(
      limiter,
      Array.from({ length: 420 }, (_, i) => ({ conversation: `u:${i}` })),
      () => 0,
    ).map((r) => r[0]);
    assert.equal(worstWindows(received, appLimits(30))[0], 30);
    assert.equal(Math.max(...received), 13_000); // 14 batches of 30, one second apart
  });

  it('holds a conversation back after a 429 until Retry-After has passed, and frees forgotten conversations', () => {
    const limiter = new RateLimiter({ conversation: TEAMS_CONVERSATION_LIMITS, app: appLimits(30) });
    limiter.tryTake('c:1', 0)!.finish(10);
    limiter.blockUntil('c:1', 3000);
    assert.equal(limiter.freeAt('c:1', 100), 3000);
    assert.equal(limiter.tryTake('c:1', 2999), undefined);
    limiter.tryTake('c:1', 3000)!.finish(3010);
    assert.equal(limiter.freeAt('c:2', 100), 100, 'other conversations go on');
    limiter.prune(4_000_000);
    assert.equal(limiter.size, 0);
  });

  it('gives back a token that was never used', () => {
    const limiter = new RateLimiter({ conversation: [{ max: 1, windowMs: 1000 }], app: appLimits(30) });
    const permit = limiter.tryTake('c:1', 0)!;
    assert.equal(limiter.freeAt('c:1', 0), Infinity, 'waits for the answer');
    permit.refund();
    assert.equal(limiter.freeAt('c:1', 0), 0);
  });

  it('backs off exponentially with jitter, within bounds', () => {
    const opts = { baseMs: 1000, maxMs: 60_000 };
    assert.equal(
      backoffMs(1, opts, () => 0),
      500,
    );
    assert.equal(
      backoffMs(1, opts, () => 1),
      1000,
    );
    assert.equal(
      backoffMs(4, opts, () => 0.5),
      6000,
    );
    assert.equal(
      backoffMs(20, opts, () => 1),
      60_000,
    );
    const spread = new Set(Array.from({ length: 50 }, () => backoffMs(3, opts)));
    assert.ok(spread.size > 10, 'jitter spreads retries out');
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2027-03-01T10:00:00Z');
    assert.equal(retryAfterMs('3', now), 3000);
    assert.equal(retryAfterMs('0.5', now), 500);
    assert.equal(retryAfterMs('Mon, 01 Mar 2027 10:00:05 GMT', now), 5000);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(undefined, now), undefined);
    assert.equal(retryAfterMs('86400', now), 600_000, 'capped');
  });
});

describe('what a failed send leads to', () => {
  const cases: Array<[string, AttemptFailure, number, string]> = [
    ['429 is retried', { status: 429 }, 1, 'retry'],
    ['412 is retried', { status: 412 }, 1, 'retry'],
    ['503 is retried', { status: 503 }, 1, 'retry'],
    ['500, 502 and 504 are retried, in doubt (Teams may have posted it anyway)', { status: 502 }, 1, 'retry:doubt'],
    ['a timeout is retried, in doubt', { network: 'timeout' }, 1, 'retry:doubt'],
    ['a dropped connection is retried, in doubt', { network: 'reset' }, 1, 'retry:doubt'],
    ['a refused connection is retried, never in doubt', { network: 'refused' }, 1, 'retry'],
    ['403 is final and marks the chat stale', { status: 403 }, 1, 'fail:blocked:stale'],
    ['404 is final and marks the chat stale', { status: 404 }, 1, 'fail:gone:stale'],
    ['413 is final', { status: 413 }, 1, 'fail:too-large'],
    ['400 is final', { status: 400 }, 1, 'fail:rejected'],
    ['retryable faults end after the last attempt', { status: 503 }, 8, 'fail:gave-up'],
  ];
  for (const [name, failure, attempts, want] of cases) {
    it(name, () => {
      const v = judgeFailure(failure, attempts, 8, 'personal');
      const got = v.action === 'retry' ? `retry${v.inDoubt ? ':doubt' : ''}` : `fail:${v.reason}${v.markStale ? ':stale' : ''}`;
      assert.equal(got, want);
    });
  }

  it('a 404 on a card update means the card is gone, not the chat', () => {
    assert.deepEqual(judgeFailure({ status: 404 }, 1, 8, 'update'), { action: 'fail', reason: 'gone', markStale: false });
  });
});
