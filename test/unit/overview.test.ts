import assert from 'node:assert/strict';
import type { ReportStatus } from '../../src/domain/report/lifecycle';
import { barOf, computeOverview, type OverviewRow } from '../../src/domain/secretariat/overview';

let n = 0;
const row = (
  scheme: string,
  workingGroup: string,
  ownerType: string,
  totalRequested: number,
  status: ReportStatus = 'submitted',
  submittedAt = '2026-12-01T10:00:00Z',
): OverviewRow => ({
  id: `r${++n}`,
  reference: `BM-2027-${String(n).padStart(4, '0')}`,
  ownerName: `Eier ${n}`,
  ownerType,
  scheme,
  workingGroup,
  title: `Tiltak ${n}`,
  totalRequested,
  status,
  submittedAt,
});

describe('the round overview', () => {
  const rows = [
    row('DEKOM', 'oslo', 'kommune', 1_000_000, 'submitted', '2026-12-03T10:00:00Z'),
    row('DEKOM', 'nord', 'privat', 500_000, 'formally_checked'),
    row('REKOM', 'oslo', 'kommune', 250_000, 'submitted', '2026-12-02T10:00:00Z'),
    row('KOMPLOFT', 'vest', 'fylkeskommune', 2_000_000, 'returned'),
    row('REKOM', 'nord', 'privat', 9_999_999, 'withdrawn'),
  ];
  const o = computeOverview(
    rows,
    { REKOM: 1_000_000, DEKOM: 1_000_000, KOMPLOFT: 1_000_000 },
    { groups: ['oslo', 'nord', 'sor', 'vest'], ownerTypes: ['kommune', 'fylkeskommune', 'privat'] },
  );

  it('counts and sums every report filed, leaving out withdrawn ones', () => {
    assert.equal(o.count, 4);
    assert.equal(o.requested, 3_750_000);
    assert.equal(o.withdrawn, 1);
    assert.equal(o.budget, 3_000_000);
  });

  it('tallies per scheme against its budget', () => {
    assert.deepEqual(
      o.schemes.map((s) => [s.key, s.count, s.requested, s.budget, s.bar.percent]),
      [
        ['REKOM', 1, 250_000, 1_000_000, 25],
        ['DEKOM', 2, 1_500_000, 1_000_000, 150],
        ['KOMPLOFT', 1, 2_000_000, 1_000_000, 200],
      ],
    );
  });

  it('tallies per working group and owner type in the configured order, empty ones included', () => {
    assert.deepEqual(
      o.groups.map((g) => [g.key, g.count, g.requested]),
      [
        ['oslo', 2, 1_250_000],
        ['nord', 1, 500_000],
        ['sor', 0, 0],
        ['vest', 1, 2_000_000],
      ],
    );
    assert.deepEqual(
      o.ownerTypes.map((g) => [g.key, g.count, g.requested]),
      [
        ['kommune', 2, 1_250_000],
        ['fylkeskommune', 1, 2_000_000],
        ['privat', 1, 500_000],
      ],
    );
  });

  it('lists the reports waiting for a formal check, oldest first', () => {
    assert.deepEqual(
      o.waiting.map((r) => r.submittedAt),
      ['2026-12-02T10:00:00Z', '2026-12-03T10:00:00Z'],
    );
  });
});

describe('the bar per scheme', () => {
  const table: Array<[string, number, number, { within: number; free: number; over: number }]> = [
    ['nothing requested', 0, 1000, { within: 0, free: 100, over: 0 }],
    ['a quarter of the budget', 250, 1000, { within: 25, free: 75, over: 0 }],
    ['exactly the budget', 1000, 1000, { within: 100, free: 0, over: 0 }],
    ['a sliver', 1, 1_000_000, { within: 1, free: 99, over: 0 }],
    ['just under the budget', 999_999, 1_000_000, { within: 99, free: 1, over: 0 }],
    ['twice the budget', 2000, 1000, { within: 50, free: 0, over: 50 }],
    ['four times the budget', 4000, 1000, { within: 25, free: 0, over: 75 }],
    ['a request and no budget', 500, 0, { within: 0, free: 0, over: 100 }],
    ['neither', 0, 0, { within: 0, free: 0, over: 0 }],
  ];
  for (const [what, requested, budget, want] of table) {
    it(`draws ${what} as ${want.within}/${want.free}/${want.over}`, () => {
      const { within, free, over } = barOf(requested, budget);
      assert.deepEqual({ within, free, over }, want);
      if (requested > 0 || budget > 0) assert.equal(within + free + over, 100, 'the parts fill the bar');
    });
  }
});
