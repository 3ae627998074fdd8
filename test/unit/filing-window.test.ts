import assert from 'node:assert/strict';
import { ownerWindow } from '../../src/domain/filingWindow';
import type { Round } from '../../src/domain/round';

// Deadline 1 February 2027, 23:59 Oslo time (22:59 UTC in winter).
const ROUND: Round = {
  id: 'round-2027',
  year: 2027,
  counties: ['oslo'],
  deadline: '2027-02-01T22:59:59.999Z',
  status: 'open',
  budgets: { REKOM: 1, DEKOM: 1, KOMPLOFT: 1 },
  createdAt: '2026-11-01T00:00:00.000Z',
};
const BEFORE = new Date('2026-12-02T13:15:00Z');
const AFTER = new Date('2027-02-01T23:00:00Z');

describe('when an owner may file, change or withdraw (filingWindow)', () => {
  const cases: Array<[string, Partial<Round>, Date, string | undefined]> = [
    ['open, before the deadline', {}, BEFORE, undefined],
    ['open, in the last minute', {}, new Date('2027-02-01T22:59:59.999Z'), undefined],
    ['open, past the deadline (not closed by the scheduler yet)', {}, AFTER, 'round.closed'],
    ['planned', { status: 'planned' }, BEFORE, 'filing.planned'],
    ['closed by hand before the deadline', { status: 'closed', closedAt: '2026-12-02T13:15:00.000Z' }, BEFORE, 'filing.closedEarly'],
    ['closed before the deadline, time not kept (older rounds)', { status: 'closed' }, BEFORE, 'filing.closed'],
    ['closed by the scheduler after the deadline', { status: 'closed', closedAt: '2027-02-01T23:01:00.000Z' }, AFTER, 'round.closed'],
  ];
  for (const [what, change, now, key] of cases) {
    it(`${key ? 'refuses' : 'allows'}: ${what}`, () => {
      const w = ownerWindow({ ...ROUND, ...change }, now);
      assert.equal(w.ok ? undefined : w.key, key);
    });
  }

  it('lets a returned report be fixed whatever the round, and nothing else', () => {
    for (const change of [{ status: 'closed' as const, closedAt: '2026-12-02T13:15:00.000Z' }, { status: 'planned' as const }, {}]) {
      assert.equal(ownerWindow({ ...ROUND, ...change }, AFTER, 'returned').ok, true);
      assert.equal(ownerWindow({ ...ROUND, ...change }, AFTER, 'submitted').ok, false);
    }
  });

  it('gives the close time and the deadline in Oslo time, in each language', () => {
    const closed = { ...ROUND, status: 'closed' as const, closedAt: '2026-12-02T13:15:00.000Z' };
    const at = (locale: 'nb' | 'nn' | 'en') => {
      const w = ownerWindow(closed, BEFORE, undefined, locale);
      return w.ok ? {} : w.params;
    };
    assert.deepEqual(at('nb'), { year: 2027, closedAt: '2. desember 2026 kl. 14.15', deadline: '1. februar 2027' });
    assert.deepEqual(at('nn'), { year: 2027, closedAt: '2. desember 2026 kl. 14.15', deadline: '1. februar 2027' });
    assert.deepEqual(at('en'), { year: 2027, closedAt: '2 December 2026 at 14:15', deadline: '1 February 2027' });
  });
});
