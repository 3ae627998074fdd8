import assert from 'node:assert/strict';
import { UserRateLimit } from '../../src/teams/userRateLimit';
import { fakeClock } from '../support/clock';

describe('the per-person request limit', () => {
  const clock = fakeClock(new Date(1_000_000));
  const limit = (burst = 5, perSecond = 2, maxUsers = 1000) => new UserRateLimit({ burst, perSecond, maxUsers, now: () => clock.now });

  it('lets a burst through, then refuses until tokens come back at the configured rate', () => {
    const l = limit();
    const first = Array.from({ length: 8 }, () => l.take('a'));
    assert.deepEqual(first, [true, true, true, true, true, false, false, false]);
    clock.tick(499);
    assert.equal(l.take('a'), false);
    clock.tick(1);
    assert.equal(l.take('a'), true);
    assert.equal(l.take('a'), false);
  });

  it('counts each person on their own', () => {
    const l = limit(2);
    assert.equal(l.take('a'), true);
    assert.equal(l.take('a'), true);
    assert.equal(l.take('a'), false);
    assert.equal(l.take('b'), true);
  });

  it('forgets people who have been idle long enough to be full again', () => {
    const l = limit(5, 2);
    for (let i = 0; i < 50; i++) l.take(`p${i}`);
    assert.equal(l.size, 50);
    clock.tick(2500);
    l.take('late');
    assert.equal(l.size, 1);
  });

  it('keeps at most the configured number of people when a million different people write', () => {
    // The memory bound is structural: the map never holds more than maxUsers buckets. (Heap
    // readings without a forced GC are too noisy to assert on in a shared test process.)
    const l = limit(5, 2, 10_000);
    let most = 0;
    for (let i = 0; i < 1_000_000; i++) {
      l.take(`tenant|${i}`);
      if (l.size > most) most = l.size;
    }
    assert.ok(most <= 10_000, `held ${most} at once`);
    assert.ok(l.size >= 9_000, `forgot too many: ${l.size}`);
  });

  it('lets everything through when the burst is 0 (turned off)', () => {
    const l = limit(0);
    assert.ok(Array.from({ length: 100 }, () => l.take('a')).every(Boolean));
    assert.equal(l.size, 0);
  });
});
