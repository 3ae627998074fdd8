import assert from 'node:assert/strict';
import { describeAim, meetsAim } from '../../bench/aim';
import { benchRow } from '../../bench/common';
import { parseCsv } from '../support/parseCsv';
import { csvLines } from '../../src/export/csv';

// A benchmark that cannot fail measures nothing: a row's ok must follow from its value and its aim.
describe('benchmark rows: ok is the row’s own aim', () => {
  const row = (value: number, baseline: number | null, aim: Parameters<typeof benchRow>[0]['aim']) =>
    benchRow({ name: 'x', value, unit: 'ms', baseline, baselineKind: baseline === null ? null : 'measured', n: 1, aim });

  it('a ratio above its aim is not ok, at the aim it is', () => {
    assert.equal(row(3100, 1000, { of: 'ratio', atMost: 3 }).ok, false);
    assert.equal(row(3000, 1000, { of: 'ratio', atMost: 3 }).ok, true);
    assert.equal(row(3000, 1000, { of: 'ratio', atMost: 3 }).aim, 'ratio ≤ 3');
  });

  it('a start-up 20 times the baseline misses a 3× aim (the row that used to be always ok)', () => {
    const r = row(1254, 62, { of: 'ratio', atMost: 3 });
    assert.equal(r.ratio, 20.23);
    assert.equal(r.ok, false);
  });

  it('a throughput below its floor ratio is not ok', () => {
    assert.equal(row(80, 100, { of: 'ratio', atLeast: 0.85 }).ok, false);
    assert.equal(row(90, 100, { of: 'ratio', atLeast: 0.85 }).ok, true);
  });

  it('a value aim: strict limits refuse the limit itself, growth over the cap is not ok', () => {
    assert.equal(row(200, 200, { of: 'value', atMost: 200, strict: true }).ok, false);
    assert.equal(row(199.9, 200, { of: 'value', atMost: 200, strict: true }).ok, true);
    assert.equal(row(65, null, { of: 'value', atMost: 64 }).ok, false);
    assert.equal(describeAim({ of: 'value', atMost: 64 }, 'MB'), 'value ≤ 64 MB');
  });

  it('an exact aim (every mark stored) is missed one way or the other', () => {
    const exact = { of: 'ratio', atLeast: 1, atMost: 1 } as const;
    assert.equal(row(199, 200, exact).ok, false);
    assert.equal(row(201, 200, exact).ok, false);
    assert.equal(row(200, 200, exact).ok, true);
    assert.equal(describeAim(exact, 'marks'), 'ratio = 1');
  });

  it('a missing figure never meets an aim; a row without an aim says so', () => {
    assert.equal(meetsAim({ of: 'ratio', atMost: 3 }, 10, null), false);
    assert.equal(row(NaN, null, { of: 'value', atMost: 3 }).ok, false);
    const context = row(5, 10, null);
    assert.equal(context.aim, null);
    assert.equal(context.ok, true);
  });

  it('a wrong answer is an error beside the aim, not folded into ok', () => {
    const r = benchRow({ name: 'x', value: 1, unit: 'ms', baseline: 2, baselineKind: 'computed', n: 1, aim: { of: 'ratio', atMost: 1 }, error: 'lost 1' });
    assert.equal(r.ok, true);
    assert.equal(r.error, 'lost 1');
    assert.equal(r.baselineKind, 'computed');
  });
});

describe('the export benchmark’s CSV reader', () => {
  it('reads back what the house CSV writer wrote: quotes, semicolons, line breaks, formulas', () => {
    const rows = [
      ['BM-1', 1250000, 'a; b', 'sa "hei"\r\nny linje'],
      ['BM-2', -5, '=SUM(A1)', ''],
    ];
    const text = csvLines([['Referanse', 'Beløp', 'Tekst', 'Mer'], ...rows], { bom: true });
    assert.deepEqual(parseCsv(text), [
      ['Referanse', 'Beløp', 'Tekst', 'Mer'],
      ['BM-1', '1250000', 'a; b', 'sa "hei"\r\nny linje'],
      ['BM-2', '-5', "'=SUM(A1)", ''],
    ]);
  });
});
