import assert from 'node:assert/strict';
import { cutLine, runningSums, type CutInput } from '../../src/domain/forum';
import { continuationId, planContinuation, type ContinuationSource } from '../../src/domain/money/continuation';
import { agendaItem } from '../support/forum';
import { needsReport } from '../support/forum';

const item = (n: number, amount: number, over: Partial<CutInput> = {}): CutInput => ({
  reportId: `r${n}`,
  reference: `BM-2028-000${n}`,
  scheme: 'DEKOM',
  amount,
  continuation: false,
  ...over,
});
const places = (items: readonly CutInput[], budget: number) => cutLine(items, { DEKOM: budget, REKOM: budget }).items.map((e) => [e.place, e.fits]);

describe('the cut line per scheme', () => {
  it('lets items above the line fit, the line item partly, and the rest not', () => {
    assert.deepEqual(places([item(1, 400), item(2, 400), item(3, 400), item(4, 100)], 1000), [
      ['fits', 400],
      ['fits', 400],
      ['line', 200],
      ['out', 0],
    ]);
  });

  it('moves with the order: the same items reordered put the line elsewhere', () => {
    const a = item(1, 700);
    const b = item(2, 500);
    assert.deepEqual(places([a, b], 1000), [
      ['fits', 700],
      ['line', 300],
    ]);
    assert.deepEqual(places([b, a], 1000), [
      ['fits', 500],
      ['line', 500],
    ]);
  });

  it('counts continuations first, wherever they stand on the agenda', () => {
    const cut = cutLine([item(1, 600), item(2, 300), item(3, 500, { continuation: true })], { DEKOM: 1000 });
    assert.deepEqual(
      cut.items.map((e) => [e.reportId, e.place, e.fits, e.running]),
      [
        ['r1', 'line', 500, 1100],
        ['r2', 'out', 0, 1400],
        ['r3', 'fits', 500, 500],
      ],
    );
    assert.deepEqual(cut.schemes[0], {
      scheme: 'DEKOM',
      budget: 1000,
      taken: 0,
      asked: 1400,
      continuing: 500,
      left: 0,
      line: { reportId: 'r1', reference: 'BM-2028-0001', fits: 500, amount: 600 },
      below: 1,
    });
  });

  it('starts from what the round took before the items (a second meeting goes on from the first)', () => {
    const cut = cutLine([item(1, 300), item(2, 300)], { DEKOM: 1000 }, { DEKOM: 600 });
    assert.deepEqual(
      cut.items.map((e) => [e.reportId, e.place, e.fits, e.running]),
      [
        ['r1', 'fits', 300, 900],
        ['r2', 'line', 100, 1200],
      ],
    );
    assert.deepEqual([cut.schemes[0].taken, cut.schemes[0].left], [600, 0]);
  });

  it('keeps schemes apart and says when everything fits or the money ends exactly', () => {
    const cut = cutLine([item(1, 500), item(2, 300, { scheme: 'REKOM' }), item(3, 200)], { DEKOM: 500, REKOM: 1000 });
    assert.deepEqual(
      cut.schemes.map((s) => [s.scheme, s.left, s.line?.reportId, s.lastFit?.reportId, s.below]),
      [
        ['REKOM', 700, undefined, undefined, 0],
        ['DEKOM', 0, undefined, 'r1', 1],
      ],
    );
  });

  it('puts nothing above the line of a scheme without budget', () => {
    assert.deepEqual(
      cutLine([item(1, 10)], {}).items.map((e) => e.place),
      ['out'],
    );
  });

  it('counts continuations first in the agenda running sums too', () => {
    const cont = agendaItem(2, {
      scheme: 'DEKOM',
      roundAmount: 5,
      continuation: { originRoundId: 'r', originReportId: 'x', originReference: 'BM', year: 2, of: 3, earlier: [] },
    });
    assert.deepEqual(runningSums([agendaItem(1, { scheme: 'DEKOM', roundAmount: 10 }), cont]), [15, 5]);
  });
});

describe('a multi-year measure returning the next year', () => {
  const data = needsReport(1, {
    startYear: 2027,
    years: 3,
    amounts: [
      { owner: 600_000, uh: 400_000, ownContribution: 300_000 },
      { owner: 500_000, uh: 300_000, ownContribution: 240_000 },
      { owner: 400_000, uh: 0, ownContribution: 120_000 },
    ],
  });
  const decision = { outcome: 'granted' as const, amounts: [1_000_000, 800_000, 400_000], total: 2_200_000, at: '2027-04-01T10:00:00Z', by: 't:o' };
  const origin: ContinuationSource = {
    id: 'orig',
    roundId: 'r2027',
    reference: 'BM-2027-0001',
    status: 'paid',
    data,
    decision,
    payment: { at: '2027-05-01T10:00:00Z', by: 't:o', schoolYear: 2027, amount: 1_000_000 },
  };

  it('comes back as year 2 of 3, a one-year measure in the new school year, with year 1 visible', () => {
    const plan = planContinuation(origin, origin, 2027, 2028)!;
    assert.equal(plan.id, continuationId('orig', 2));
    assert.deepEqual([plan.data.startYear, plan.data.years, plan.data.amounts], [2028, 1, [{ owner: 500_000, uh: 300_000, ownContribution: 240_000 }]]);
    assert.deepEqual(plan.continuation, {
      originRoundId: 'r2027',
      originReportId: 'orig',
      originReference: 'BM-2027-0001',
      year: 2,
      of: 3,
      earlier: [{ schoolYear: 2027, reference: 'BM-2027-0001', outcome: 'granted', granted: 1_000_000, paid: 1_000_000 }],
    });
  });

  it('asks what the first decision granted for the year, shares scaled alike when it granted less', () => {
    const partly = { ...origin, decision: { ...decision, outcome: 'partly_granted' as const, amounts: [1_000_000, 400_000, 0] } };
    const plan = planContinuation(partly, partly, 2027, 2028)!;
    assert.deepEqual(plan.data.amounts, [{ owner: 250_000, uh: 150_000, ownContribution: 240_000 }]);
    assert.equal(planContinuation(partly, { ...partly }, 2027, 2029), undefined, 'not paid for 2028');
  });

  it('comes back for year 3 from year 2, carrying both earlier years', () => {
    const year2 = planContinuation(origin, origin, 2027, 2028)!;
    const source: ContinuationSource = {
      id: year2.id,
      roundId: 'r2028',
      reference: 'BM-2028-0001',
      status: 'paid',
      data: year2.data,
      continuation: year2.continuation,
      decision: { ...decision, amounts: [800_000], total: 800_000 },
      payment: { at: '2028-05-01T10:00:00Z', by: 't:o', schoolYear: 2028, amount: 800_000 },
    };
    const plan = planContinuation(origin, source, 2028, 2029)!;
    assert.equal(plan.id, 'orig-y3');
    assert.deepEqual(
      plan.continuation.earlier.map((e) => [e.schoolYear, e.reference, e.granted, e.paid]),
      [
        [2027, 'BM-2027-0001', 1_000_000, 1_000_000],
        [2028, 'BM-2028-0001', 800_000, 800_000],
      ],
    );
  });

  it('does not come back when not yet paid, rejected, or without years left', () => {
    assert.equal(planContinuation(origin, { ...origin, status: 'granted' }, 2027, 2028), undefined);
    assert.equal(planContinuation({ ...origin, decision: { ...decision, outcome: 'rejected' } }, origin, 2027, 2028), undefined);
    const oneYear = { ...origin, data: { ...data, years: 1, amounts: [data.amounts[0]] } };
    assert.equal(planContinuation(oneYear, oneYear, 2027, 2028), undefined);
  });
});
