import assert from 'node:assert/strict';
import { countiesOfRegions, isAnnouncedTo } from '../../src/domain/announcement';
import type { ReportStatus } from '../../src/domain/report/lifecycle';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import { computeResults, grantedSplit, readiness, resultOwners, type ResultRow } from '../../src/domain/results';

const person = (n: number) => ({ tenantId: 't', aadObjectId: `p${n}` });
const row = (status: ReportStatus, over: Partial<ResultRow> = {}): ResultRow => ({
  status,
  scheme: 'DEKOM',
  region: 'oslo',
  requestedPerYear: '2027:1000000,2028:500000',
  ownerOrgnr: '974760673',
  createdBy: person(1),
  ...over,
});
const granted = (amounts: number[]) => ({ outcome: 'granted' as const, amounts, total: amounts.reduce((a, b) => a + b, 0) });

describe('who is told when a round opens', () => {
  const round = { counties: ['akershus', 'buskerud'] };
  const cases: Array<[string, string[], boolean]> = [
    ['a newcomer with no reports or drafts', [], true],
    ['someone with a draft for an owner in Asker og Bærum (Akershus)', ['asker-baerum'], true],
    ['someone who filed for Oslo and for Ringerike (Buskerud)', ['oslo', 'ringerike-hallingdal-numedal'], true],
    ['someone whose reports are all for Oslo', ['oslo', 'oslo'], false],
    ['someone whose only draft names a region no longer configured', ['gone-region'], true],
  ];
  for (const [who, regions, told] of cases) {
    it(`${told ? 'tells' : 'does not tell'} ${who}`, () => {
      assert.equal(isAnnouncedTo(round, countiesOfRegions(DEFAULT_REGIONS, regions)), told);
    });
  }
});

describe("a round's results", () => {
  it('is ready only when nothing on the recommendation waits and something is decided', () => {
    assert.deepEqual(
      readiness([row('granted', { decision: granted([1, 1]) }), row('prioritised', { reference: 'BM-2' }), row('on_agenda', { reference: 'BM-1' })]),
      {
        ready: false,
        waiting: 2,
        decided: 1,
        reason: 'waiting',
        groups: [
          { step: 'meeting', references: ['BM-1'] },
          { step: 'decision', references: ['BM-2'] },
        ],
      },
    );
    assert.deepEqual(readiness([row('withdrawn')]), { ready: false, waiting: 0, decided: 0, reason: 'none', groups: [] });
    // Issue 22: a checked report (a continuation left off every agenda) is not treated yet.
    assert.equal(readiness([row('paid', { decision: granted([1, 1]) }), row('formally_checked')]).ready, false);
    assert.deepEqual(readiness([row('paid', { decision: granted([1, 1]) }), row('withdrawn')]), { ready: true, decided: 1 });
  });

  it("counts what a decision grants for the round's school year, later years apart", () => {
    assert.deepEqual(grantedSplit(row('granted', { decision: granted([1_000_000, 500_000]) }), 2027), { thisYear: 1_000_000, later: 500_000 });
    assert.deepEqual(grantedSplit(row('partly_granted', { decision: granted([600_000, 0]) }), 2027), { thisYear: 600_000, later: 0 });
    assert.deepEqual(grantedSplit(row('rejected', { decision: { outcome: 'rejected', amounts: [0, 0], total: 0 } }), 2027), { thisYear: 0, later: 0 });
    assert.deepEqual(grantedSplit(row('granted', { requestedPerYear: undefined, decision: granted([700_000]) }), 2027), { thisYear: 700_000, later: 0 });
  });

  it('sums per scheme against the budget and per county, counting granted measures only', () => {
    const rows = [
      row('granted', { region: 'asker-baerum', decision: granted([1_000_000, 500_000]), createdBy: person(1) }),
      row('partly_granted', { region: 'follo', scheme: 'REKOM', decision: granted([600_000, 0]), ownerOrgnr: '123456785', createdBy: person(2) }),
      row('rejected', { region: 'oslo', decision: { outcome: 'rejected', amounts: [0, 0], total: 0 }, ownerOrgnr: '123456785', createdBy: person(2) }),
      row('submitted', { region: 'oslo', createdBy: person(3) }),
    ];
    const r = computeResults(rows, { REKOM: 500_000, DEKOM: 2_000_000, KOMPLOFT: 0 }, DEFAULT_REGIONS, 2027);
    assert.deepEqual([r.decided, r.granted, r.rejected, r.sum, r.later, r.budget], [3, 2, 1, 1_600_000, 500_000, 2_500_000]);
    assert.deepEqual(
      r.schemes.map((s) => [s.key, s.count, s.granted, s.budget, s.bar.within, s.bar.free, s.bar.over]),
      [
        ['REKOM', 1, 600_000, 500_000, 83, 0, 17],
        ['DEKOM', 1, 1_000_000, 2_000_000, 50, 50, 0],
        ['KOMPLOFT', 0, 0, 0, 0, 0, 0],
      ],
    );
    assert.deepEqual(
      r.counties.map((c) => [c.key, c.count, c.granted]),
      [['akershus', 2, 1_600_000]],
    );
    assert.deepEqual(
      resultOwners(rows),
      [
        { orgnr: '974760673', filers: [person(1)] },
        { orgnr: '123456785', filers: [person(2)] },
      ],
      'each owner with a decision once, with its filers; nobody without one',
    );
  });
});
