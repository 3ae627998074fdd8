import { strict as assert } from 'node:assert';
import { checkDecision, decisionRefusalKey, sameDecision } from '../../src/domain/decision';
import type { ReportStatus } from '../../src/domain/report/lifecycle';

// Requested grant per year: 1 250 000 the first year, 1 000 000 the second.
const requested = [1_250_000, 1_000_000];

describe('recording a decision on a needs report', () => {
  it('grants as requested when the amounts are left as they are, or left empty', () => {
    for (const amounts of [
      ['1 250 000', '1000000'],
      [undefined, ''],
    ]) {
      const r = checkDecision({ outcome: 'granted', amounts, reason: '' }, requested);
      assert.deepEqual(r, { ok: true, outcome: 'granted', amounts: requested, total: 2_250_000 });
    }
  });

  it('keeps a reason given with a full grant', () => {
    const r = checkDecision({ outcome: 'granted', amounts: [], reason: '  Godt begrunnet  ' }, requested);
    assert.ok(r.ok && r.reason === 'Godt begrunnet');
  });

  it('partly grants a lower amount per year with a reason', () => {
    const r = checkDecision({ outcome: 'partly_granted', amounts: ['600 000', '0'], reason: 'Budsjettet rekker ikke' }, requested);
    assert.deepEqual(r, { ok: true, outcome: 'partly_granted', amounts: [600_000, 0], total: 600_000, reason: 'Budsjettet rekker ikke' });
  });

  it('rejects with a reason and no money', () => {
    const r = checkDecision({ outcome: 'rejected', amounts: ['999'], reason: 'Ikke prioritert av forumet' }, requested);
    assert.deepEqual(r, { ok: true, outcome: 'rejected', amounts: [0, 0], total: 0, reason: 'Ikke prioritert av forumet' });
  });

  // [what, input] → the problem keys, by field
  const refused: Array<[string, Parameters<typeof checkDecision>[0], Record<string, string>]> = [
    ['no outcome', { outcome: undefined, amounts: [], reason: '' }, { outcome: 'decision.error.outcome' }],
    ['an outcome that is not a decision', { outcome: 'paid', amounts: [], reason: '' }, { outcome: 'decision.error.outcome' }],
    ['a rejection without a reason', { outcome: 'rejected', amounts: [], reason: '   ' }, { reason: 'decision.error.reasonRejected' }],
    ['a partial grant without a reason', { outcome: 'partly_granted', amounts: ['1', '1'], reason: '' }, { reason: 'decision.error.reasonPartly' }],
    ['a partial grant of nothing', { outcome: 'partly_granted', amounts: ['0', '0'], reason: 'x' }, { grant1: 'decision.error.partlyZero' }],
    ['a partial grant of everything', { outcome: 'partly_granted', amounts: ['1250000', '1000000'], reason: 'x' }, { grant1: 'decision.error.partlyIsAll' }],
    ['a partial grant with a year left empty', { outcome: 'partly_granted', amounts: ['1', ''], reason: 'x' }, { grant2: 'decision.error.amountRequired' }],
    ['more than requested', { outcome: 'partly_granted', amounts: ['1 250 001', '0'], reason: 'x' }, { grant1: 'decision.error.moreThanRequested' }],
    [
      '"granted" with less than requested',
      { outcome: 'granted', amounts: ['1 000 000', '1 000 000'], reason: '' },
      { grant1: 'decision.error.grantedIsRequested' },
    ],
    ['a negative amount', { outcome: 'partly_granted', amounts: ['-5', '0'], reason: 'x' }, { grant1: 'report.error.amount.negative' }],
    ['an amount with øre', { outcome: 'partly_granted', amounts: ['100,50', '0'], reason: 'x' }, { grant1: 'report.error.amount.notWhole' }],
    ['an absurd amount', { outcome: 'partly_granted', amounts: ['99999999999999999', '0'], reason: 'x' }, { grant1: 'report.error.amount.tooLarge' }],
    ['a reason longer than 2000 characters', { outcome: 'rejected', amounts: [], reason: 'x'.repeat(2001) }, { reason: 'report.error.tooLong' }],
    ['a reason that is not text', { outcome: 'rejected', amounts: [], reason: 42 }, { reason: 'report.error.wrongType' }],
  ];
  for (const [what, input, expected] of refused) {
    it(`refuses ${what}`, () => {
      const r = checkDecision(input, requested);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.deepEqual(Object.fromEntries(r.problems.map((p) => [p.field, p.key])), expected);
    });
  }

  it('says which year an amount problem is in', () => {
    const r = checkDecision({ outcome: 'partly_granted', amounts: ['0', '2 000 000'], reason: 'x' }, requested);
    assert.ok(!r.ok);
    assert.equal(r.problems[0].params?.year, 2);
    assert.match(String(r.problems[0].params?.requested).replace(/\s/g, ' '), /1 000 000 kr/);
  });

  // status → refusal key (undefined: a decision may be recorded)
  const byStatus: Array<[ReportStatus, string | undefined]> = [
    ['prioritised', undefined],
    ['not_prioritised', undefined],
    ['submitted', 'decision.notYet'],
    ['formally_checked', 'decision.notYet'],
    ['on_agenda', 'decision.notYet'],
    ['returned', 'decision.notYet'],
    ['withdrawn', 'decision.notYet'],
    ['granted', 'decision.already'],
    ['partly_granted', 'decision.already'],
    ['rejected', 'decision.already'],
    ['paid', 'decision.already'],
  ];
  for (const [status, key] of byStatus) {
    it(`${key ? 'refuses' : 'allows'} a decision on a report that is ${status}`, () => assert.equal(decisionRefusalKey(status), key));
  }

  it('tells a repeated press of the same decision from a different one', () => {
    const a = { outcome: 'granted' as const, amounts: [1, 2], by: 't:u' };
    assert.equal(sameDecision(a, { ...a }), true);
    assert.equal(sameDecision(a, { ...a, by: 't:other' }), false);
    assert.equal(sameDecision(a, { ...a, amounts: [1, 1] }), false);
    assert.equal(sameDecision(a, { ...a, outcome: 'partly_granted' }), false);
    assert.equal(sameDecision({ ...a, reason: 'Budsjettet er brukt opp.' }, { ...a, reason: 'Mangler UH-partner.' }), false);
    assert.equal(sameDecision({ ...a, reason: 'Samme.' }, { ...a, reason: 'Samme.' }), true);
  });
});
