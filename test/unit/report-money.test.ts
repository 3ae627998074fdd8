import { strict as assert } from 'node:assert';
import { grantInSchoolYear, minOwnContribution, reportTotals, sumsByScheme } from '../../src/domain/report/money';

describe('money of a needs report', () => {
  const minimums = [
    ['DEKOM', 1_000_000, 300_000],
    ['DEKOM', 1, 1],
    ['DEKOM', 10, 3],
    ['DEKOM', 11, 4],
    ['DEKOM', 333_333, 100_000],
    ['DEKOM', 0, 0],
    ['DEKOM', 50_000_000, 15_000_000],
    ['REKOM', 1_000_000, 0],
    ['KOMPLOFT', 1_000_000, 0],
  ] as const;
  for (const [scheme, grant, min] of minimums) {
    it(`${scheme}: a grant of ${grant} needs an own contribution of at least ${min}`, () => {
      assert.equal(minOwnContribution(grant, scheme), min);
    });
  }

  it('totals each year and the whole period, with the minimum own contribution per year', () => {
    const totals = reportTotals({
      scheme: 'DEKOM',
      startYear: 2027,
      years: 2,
      amounts: [
        { owner: 1_000_000, uh: 250_000, ownContribution: 375_000 },
        { owner: 800_000, uh: 200_000, ownContribution: 200_000 },
      ],
    });
    assert.deepEqual(
      totals.years.map((y) => [y.year, y.schoolYear, y.grant, y.minOwnContribution, y.meetsMinimum]),
      [
        [1, 2027, 1_250_000, 375_000, true],
        [2, 2028, 1_000_000, 300_000, false],
      ],
    );
    assert.equal(totals.grant, 2_250_000);
    assert.equal(totals.owner, 1_800_000);
    assert.equal(totals.uh, 450_000);
    assert.equal(totals.ownContribution, 575_000);
    assert.equal(totals.minOwnContribution, 675_000);
  });

  it('leaves out amounts past the chosen number of years', () => {
    const totals = reportTotals({
      scheme: 'REKOM',
      years: 1,
      amounts: [
        { owner: 10, uh: 0 },
        { owner: 99, uh: 0 },
      ],
    });
    assert.equal(totals.grant, 10);
  });

  it('sums requested grants per scheme and per school year for overviews', () => {
    const sums = sumsByScheme([
      {
        scheme: 'DEKOM',
        startYear: 2027,
        years: 2,
        amounts: [
          { owner: 100, uh: 50 },
          { owner: 10, uh: 0 },
        ],
      },
      { scheme: 'DEKOM', startYear: 2028, years: 1, amounts: [{ owner: 1, uh: 1 }] },
      { scheme: 'REKOM', startYear: 2027, years: 1, amounts: [{ owner: 7, uh: 0 }] },
    ]);
    assert.deepEqual(sums.DEKOM, { reports: 2, grant: 162, bySchoolYear: { 2027: 150, 2028: 12 } });
    assert.deepEqual(sums.REKOM, { reports: 1, grant: 7, bySchoolYear: { 2027: 7 } });
    assert.deepEqual(sums.KOMPLOFT, { reports: 0, grant: 0, bySchoolYear: {} });
  });

  it('tells what a multi-year measure asks of one school year', () => {
    const report = {
      startYear: 2027,
      years: 2,
      amounts: [
        { owner: 100, uh: 50 },
        { owner: 10, uh: 0 },
      ],
    };
    assert.equal(grantInSchoolYear(report, 2028), 10);
    assert.equal(grantInSchoolYear(report, 2030), 0);
  });
});
