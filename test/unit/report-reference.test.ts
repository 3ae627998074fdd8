import { strict as assert } from 'node:assert';
import { compareReferences, formatReference, normaliseReference, parseReference } from '../../src/domain/report/reference';

describe('report references', () => {
  const formatted = [
    [2027, 42, 'BM-2027-0042'],
    [2027, 1, 'BM-2027-0001'],
    [2027, 9999, 'BM-2027-9999'],
    [2027, 10000, 'BM-2027-10000'],
    [2028, 123456, 'BM-2028-123456'],
  ] as const;
  for (const [year, n, text] of formatted) {
    it(`formats report ${n} of round ${year} as ${text} and reads it back`, () => {
      assert.equal(formatReference(year, n), text);
      assert.deepEqual(parseReference(text), { roundYear: year, number: n });
    });
  }

  it('reads references as people type them', () => {
    for (const typed of ['bm-2027-0042', ' BM 2027 42 ', 'BM-2027-42', 'bm2027-0042', 'BM - 2027 - 00042']) {
      assert.equal(normaliseReference(typed), 'BM-2027-0042', typed);
    }
  });

  it('rejects what is not a reference', () => {
    for (const typed of ['', 'BM-27-0042', 'XX-2027-0042', 'BM-2027-', 'BM-2027-0000', 'BM-2027-00a2', 'BM-2027-0042; drop', 'x'.repeat(100000)]) {
      assert.equal(parseReference(typed), null, typed.slice(0, 30));
    }
  });

  it('refuses to format a running number below 1 or a non-year', () => {
    assert.throws(() => formatReference(2027, 0), RangeError);
    assert.throws(() => formatReference(2027, 1.5), RangeError);
    assert.throws(() => formatReference(27, 1), RangeError);
  });

  it('sorts BM-2027-10000 after BM-2027-9999', () => {
    const refs = ['BM-2027-10000', 'BM-2026-9999', 'BM-2027-9999'].map((r) => parseReference(r)!);
    assert.deepEqual(
      refs.sort(compareReferences).map((r) => formatReference(r.roundYear, r.number)),
      ['BM-2026-9999', 'BM-2027-9999', 'BM-2027-10000'],
    );
  });
});
