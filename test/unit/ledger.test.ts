import { strict as assert } from 'node:assert';
import type { Decision } from '../../src/domain/decision';
import { EXPORT_COLUMNS, exportRows } from '../../src/domain/exportRows';
import { planContinuation, type ContinuationSource } from '../../src/domain/money/continuation';
import { bulkPlan, ledgerOf, lineOf, takenBefore, type LedgerRow } from '../../src/domain/money/ledger';
import { encodeYears } from '../../src/domain/money/schoolYear';
import { DEFAULT_REGIONS, type RegionConfig } from '../../src/domain/regions';
import { coerceStartYear } from '../../src/domain/report/fields';
import { startYearRange } from '../../src/domain/report/school-year';
import { yearSummaries, type NeedsReport } from '../../src/domain/report';
import { readiness } from '../../src/domain/results';
import { percentText } from '../../src/domain/secretariat/overview';
import type { Round } from '../../src/domain/round';
import { needsReport } from '../support/forum';

/** Two forums: Oslo (working group oslo) and Akershus (the rest). */
const TWO: RegionConfig = {
  ...DEFAULT_REGIONS,
  forums: [
    { id: 'oslo', name: { nb: 'Samarbeidsforum Oslo' }, workingGroups: ['oslo'] },
    { id: 'akershus', name: { nb: 'Samarbeidsforum Akershus' }, workingGroups: ['nord', 'sor', 'ost', 'vest', 'nordvest'] },
  ],
};

const round = (over: Partial<Round> = {}): Round => ({
  id: 'r2027',
  year: 2027,
  counties: ['oslo'],
  deadline: '2027-02-01T22:59:59.999Z',
  status: 'closed',
  budgets: { REKOM: 0, DEKOM: 1_000_000, KOMPLOFT: 0 },
  createdAt: '2026-11-01T00:00:00Z',
  ...over,
});

let n = 0;
const row = (over: Partial<LedgerRow> & { years?: number[] } = {}): LedgerRow => {
  const { years = [100_000], ...rest } = over;
  n += 1;
  return {
    id: `r${n}`,
    reference: `BM-2027-${String(n).padStart(4, '0')}`,
    scheme: 'DEKOM',
    workingGroup: 'vest',
    status: 'formally_checked',
    totalRequested: years.reduce((a, b) => a + b, 0),
    requestedPerYear: encodeYears(years.map((grant, i) => ({ schoolYear: 2027 + i, grant }))),
    ...rest,
  };
};
const granted = (amounts: number[]): Pick<Decision, 'outcome' | 'amounts' | 'total'> => ({
  outcome: 'granted',
  amounts,
  total: amounts.reduce((a, b) => a + b, 0),
});

describe('the money ledger', () => {
  it("counts the school year's money by kind, later years apart, and what is left", () => {
    const rows = [
      row({ continues: 'BM-2026-0001', status: 'formally_checked', years: [200_000] }),
      row({ status: 'recommended_by_group', groupRecommended: true, years: [50_000] }),
      row({ status: 'recommended_by_group', years: [70_000] }),
      row({ status: 'prioritised', years: [300_000, 300_000] }),
      row({ status: 'granted', decision: granted([150_000, 100_000]), years: [150_000, 100_000] }),
      row({ status: 'paid', decision: granted([80_000]), payment: { schoolYear: 2027, amount: 80_000 }, unused: { carryOver: 5_000, repay: 1_000 } }),
      row({ status: 'rejected', decision: { outcome: 'rejected', amounts: [0], total: 0 } }),
      row({ status: 'not_prioritised', years: [999_000] }),
      row({ status: 'on_agenda', years: [400_000] }),
      row({ status: 'withdrawn', continues: 'BM-2026-0002', years: [10_000] }),
    ];
    const l = lineOf(ledgerOf(round(), DEFAULT_REGIONS, rows), '*', 'DEKOM');
    assert.deepEqual(
      {
        budget: l.budget,
        continuations: l.continuations,
        recommendedInGroups: l.recommendedInGroups,
        prioritised: l.prioritised,
        granted: l.granted,
        later: l.later,
        paid: l.paid,
        carriedOver: l.carriedOver,
        repaid: l.repaid,
        taken: l.taken,
        left: l.left,
      },
      {
        budget: 1_000_000,
        continuations: 200_000,
        recommendedInGroups: 50_000,
        prioritised: 300_000,
        granted: 230_000,
        later: 100_000,
        paid: 80_000,
        carriedOver: 5_000,
        repaid: 1_000,
        // The continuation, the prioritised report and the two decisions; nothing on an agenda or refused.
        taken: 730_000,
        left: 270_000,
      },
    );
  });

  it('keeps a line per forum when budgets are per forum, and one across forums when shared', () => {
    const rows = [
      row({ workingGroup: 'oslo', status: 'prioritised', years: [100_000] }),
      row({ workingGroup: 'vest', status: 'prioritised', years: [40_000] }),
    ];
    const perForum = round({ budgetSplit: 'perForum', forumBudgets: { oslo: { DEKOM: 500_000 }, akershus: { DEKOM: 300_000 } } });
    const split = ledgerOf(perForum, TWO, rows);
    assert.deepEqual(
      [lineOf(split, 'oslo', 'DEKOM'), lineOf(split, 'akershus', 'DEKOM')].map((l) => [l.budget, l.prioritised, l.left]),
      [
        [500_000, 100_000, 400_000],
        [300_000, 40_000, 260_000],
      ],
    );
    const shared = ledgerOf(round(), TWO, rows);
    assert.deepEqual([shared.lines.length, lineOf(shared, '*', 'DEKOM').left], [3, 860_000]);
  });

  it('lets a second meeting start from what the first one used', () => {
    const first = [row({ status: 'prioritised', years: [600_000] }), row({ status: 'granted', decision: granted([200_000]) })];
    const second = [row({ status: 'on_agenda', years: [300_000] }), row({ status: 'on_agenda', continues: 'BM-2026-0009', years: [50_000] })];
    const rows = [...first, ...second];
    const ledger = ledgerOf(round(), DEFAULT_REGIONS, rows);
    // The second agenda's own continuation is not "before" it: the agenda counts it itself.
    assert.equal(takenBefore(ledger, '*', rows, new Set(second.map((r) => r.id))).DEKOM, 800_000);
  });

  it('grants in bulk what fits under the cut line, and leaves the line item and those below it', () => {
    const rows = [
      row({ status: 'granted', decision: granted([500_000]) }),
      row({ status: 'prioritised', years: [300_000] }),
      row({ status: 'prioritised', years: [300_000] }),
      row({ status: 'prioritised', years: [100_000] }),
      row({ status: 'prioritised', continues: 'BM-2026-0003', years: [100_000] }),
    ];
    const [, a, b, c, cont] = rows;
    const plan = bulkPlan(round(), DEFAULT_REGIONS, ledgerOf(round(), DEFAULT_REGIONS, rows), rows, [a, b, c, cont]);
    // 500 000 left: the continuation first (100 000), then a (300 000); b is on the line (100 000 of 300 000 fits).
    assert.deepEqual(
      plan.grant.map((r) => r.id),
      [a.id, cont.id],
    );
    assert.deepEqual(
      plan.left.map((l) => [l.row.id, l.place, l.fits, l.amount]),
      [
        [b.id, 'line', 100_000, 300_000],
        [c.id, 'out', 0, 100_000],
      ],
    );
  });
});

describe('every krone in exactly one school year', () => {
  const START = 2027;
  it("refuses a new measure starting after its round's school year, saying why", () => {
    assert.deepEqual(startYearRange(START), { min: START, max: START });
    const later = coerceStartYear(String(START + 1), startYearRange(START));
    assert.equal(later.ok, false);
    assert.equal(!later.ok && later.problems[0].key, 'report.error.schoolYear.roundOnly');
  });

  it("sums what the rounds' ledgers granted per school year to exactly what was decided per school year", () => {
    // Measures of 1, 2 and 3 years, from every start year the form allows (the round's own), some granted in part.
    const measures: Array<{ years: number; amounts: number[]; decided: number[] }> = [
      { years: 1, amounts: [100_000], decided: [100_000] },
      { years: 2, amounts: [200_000, 150_000], decided: [200_000, 150_000] },
      { years: 2, amounts: [200_000, 150_000], decided: [120_000, 90_000] },
      { years: 3, amounts: [300_000, 250_000, 200_000], decided: [300_000, 250_000, 200_000] },
      { years: 3, amounts: [300_000, 250_000, 200_000], decided: [300_000, 100_000, 50_000] },
    ];
    const rowsByRound = new Map<number, LedgerRow[]>();
    const decidedPerYear = new Map<number, number>();
    const add = (year: number, r: LedgerRow) => rowsByRound.set(year, [...(rowsByRound.get(year) ?? []), r]);
    const asRow = (id: string, data: NeedsReport, decision: Decision, continues?: string): LedgerRow => ({
      id,
      reference: id,
      scheme: data.scheme,
      workingGroup: 'vest',
      status: 'paid',
      totalRequested: decision.total,
      requestedPerYear: encodeYears(yearSummaries(data).map((y) => ({ schoolYear: y.schoolYear!, grant: y.grant }))),
      decision,
      payment: { schoolYear: data.startYear, amount: decision.amounts[0] },
      ...(continues ? { continues } : {}),
    });
    const decision = (amounts: number[]): Decision => ({ outcome: 'granted', amounts, total: amounts.reduce((a, b) => a + b, 0), at: '', by: '' });

    for (const [i, m] of measures.entries()) {
      for (const startYear of [startYearRange(START).min]) {
        const data = needsReport(i, {
          startYear,
          years: m.years,
          amounts: m.amounts.map((owner) => ({ owner, uh: 0, ownContribution: Math.ceil(owner * 0.3) })),
        });
        const originDecision = decision(m.decided);
        const origin: ContinuationSource = { id: `m${i}`, roundId: `r${startYear}`, reference: `M${i}`, status: 'paid', data, decision: originDecision };
        add(startYear, asRow(origin.id, data, originDecision));
        m.decided.forEach((amount, y) => decidedPerYear.set(startYear + y, (decidedPerYear.get(startYear + y) ?? 0) + amount));
        // Each later year comes back in its own round, is decided as planned, paid, and carries on.
        let source = origin;
        for (let year = startYear + 1; year < startYear + m.years; year++) {
          const planned = planContinuation(origin, source, year - 1, year);
          assert.ok(planned, `measure ${i} continues in ${year}`);
          const d = decision(yearSummaries(planned.data).map((y) => y.grant));
          add(year, asRow(planned.id, planned.data, d, origin.reference));
          source = {
            id: planned.id,
            roundId: `r${year}`,
            reference: planned.id,
            status: 'paid',
            data: planned.data,
            decision: d,
            continuation: planned.continuation,
          };
        }
      }
    }
    const grantedPerYear = new Map<number, number>();
    for (const [year, rows] of rowsByRound) {
      const line = lineOf(ledgerOf(round({ id: `r${year}`, year }), DEFAULT_REGIONS, rows), '*', 'DEKOM');
      grantedPerYear.set(year, line.granted);
    }
    assert.deepEqual([...grantedPerYear].sort(), [...decidedPerYear].sort());
    assert.deepEqual([...grantedPerYear].sort(), [
      [2027, 1_020_000],
      [2028, 590_000],
      [2029, 250_000],
    ]);
  });

  it("sums two rounds' exports per school year without counting the commitments twice", () => {
    const data = needsReport(1, { startYear: 2027, years: 2 });
    const first = { outcome: 'granted' as const, amounts: [1_250_000, 1_000_000], total: 2_250_000, at: '2027-04-01T10:00:00Z', by: 't:u' };
    const cont = needsReport(1, { startYear: 2028, years: 1, amounts: [data.amounts[1]] });
    const second = { outcome: 'granted' as const, amounts: [1_000_000], total: 1_000_000, at: '2028-04-01T10:00:00Z', by: 't:u' };
    const base = { status: 'paid' as const, workingGroup: 'vest', version: 1, submittedAt: '2027-01-01T00:00:00Z', updatedAt: '2027-01-01T00:00:00Z' };
    const rows = [
      ...exportRows({ ...base, reference: 'BM-2027-0001', roundYear: 2027, data, decision: first }, DEFAULT_REGIONS),
      ...exportRows(
        {
          ...base,
          reference: 'BM-2028-0001',
          roundYear: 2028,
          data: cont,
          decision: second,
          continuation: { originReference: 'BM-2027-0001', year: 2, of: 2 },
        },
        DEFAULT_REGIONS,
      ),
    ];
    const col = (h: string) => EXPORT_COLUMNS.findIndex((c) => c.header === h);
    const perYear = new Map<string, number>();
    for (const r of rows) {
      const v = r[col('Innvilget for skoleåret i denne runden (kr)')];
      if (typeof v === 'number') perYear.set(String(r[col('Barnehage-/skoleår')]), (perYear.get(String(r[col('Barnehage-/skoleår')])) ?? 0) + v);
    }
    assert.deepEqual(Object.fromEntries(perYear), { '2027–2028': 1_250_000, '2028–2029': 1_000_000 });
    assert.deepEqual(
      rows.map((r) => [r[col('Videreføring av')], r[col('Tiltakets år')], r[col('Forum')], r[col('Tilsagn for senere år, vedtas på nytt (kr)')]]),
      [
        ['', '1 av 2', 'Samarbeidsforum Viken', null],
        ['', '2 av 2', 'Samarbeidsforum Viken', 1_000_000],
        ['BM-2027-0001', '2 av 2', 'Samarbeidsforum Viken', null],
      ],
    );
  });
});

describe('results', () => {
  it('show a small share of a large budget as more than 0 %, and never 100 % under budget', () => {
    assert.equal(percentText(252_000, 90_000_000, 'nb'), '0,3');
    assert.equal(percentText(1_000, 90_000_000, 'nb'), '< 0,1');
    assert.equal(percentText(252_000, 90_000_000, 'en'), '0.3');
    assert.equal(percentText(45_000_000, 90_000_000), '50');
    assert.equal(percentText(89_990_000, 90_000_000), '99');
    assert.equal(percentText(90_000_000, 90_000_000), '100');
    assert.equal(percentText(0, 90_000_000), '0');
    assert.equal(percentText(120, 1_000), '12');
  });

  it('wait while any report of the round is not treated to a decision, grouped by what it needs next', () => {
    const r = (status: LedgerRow['status'], reference: string, extra: { undecided?: boolean; decision?: LedgerRow['decision'] } = {}) => ({
      status,
      reference,
      ...extra,
    });
    const ready = readiness([
      r('granted', 'BM-5', { decision: granted([1]) }),
      r('submitted', 'BM-1'),
      r('formally_checked', 'BM-10'),
      r('formally_checked', 'BM-2'),
      r('returned', 'BM-3'),
      r('on_agenda', 'BM-4'),
      r('on_agenda', 'BM-6', { undecided: true }),
      r('recommended_by_group', 'BM-7'),
      r('prioritised', 'BM-8'),
      r('not_prioritised', 'BM-9'),
      r('withdrawn', 'BM-11'),
    ]);
    assert.equal(ready.ready, false);
    assert.deepEqual(!ready.ready && ready.groups, [
      { step: 'check', references: ['BM-1'] },
      { step: 'returned', references: ['BM-3'] },
      { step: 'agenda', references: ['BM-2', 'BM-10'] },
      { step: 'meeting', references: ['BM-4'] },
      { step: 'forum', references: ['BM-7'] },
      { step: 'followUp', references: ['BM-6'] },
      { step: 'decision', references: ['BM-8', 'BM-9'] },
    ]);
    assert.deepEqual(readiness([r('granted', 'BM-5', { decision: granted([1]) }), r('withdrawn', 'BM-11')]), { ready: true, decided: 1 });
  });
});
