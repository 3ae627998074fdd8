import { strict as assert } from 'node:assert';
import type { Decision, Payment } from '../../src/domain/decision';
import { factsOf, type ReportForFacts } from '../../src/domain/analytics/facts';
import { applyFacts, emptyTally, type Tally } from '../../src/domain/analytics/tally';
import { analyse } from '../../src/domain/analytics/views';
import { ledgerOf, type LedgerRow } from '../../src/domain/money/ledger';
import { encodeYears } from '../../src/domain/money/schoolYear';
import { findRegion } from '../../src/domain/regions';
import type { ReportStatus } from '../../src/domain/report/lifecycle';
import type { Round } from '../../src/domain/round';
import { twoForums } from '../support/forum';

/**
 * The analysis' granted and paid (issue 24) are the ledger's (issue 22): the same reports give the
 * same sums per forum and scheme for the round's school year, also for the cases where a second
 * fold could differ: a decision stored before the per-year columns, a payment without its amount,
 * and a payment of another school year.
 */
const REGIONS = twoForums('sf');
const round: Pick<Round, 'id' | 'year' | 'budgets' | 'budgetSplit' | 'forumBudgets'> = {
  id: 'r2027',
  year: 2027,
  budgets: { REKOM: 2_000_000, DEKOM: 4_000_000, KOMPLOFT: 0 },
  budgetSplit: 'perForum',
  forumBudgets: {
    'forum-oslo': { REKOM: 1_000_000, DEKOM: 2_000_000, KOMPLOFT: 0 },
    'forum-akershus': { REKOM: 1_000_000, DEKOM: 2_000_000, KOMPLOFT: 0 },
  },
};

interface Case {
  region: string;
  scheme: string;
  status: ReportStatus;
  /** Requested per school year from 2027; absent: a report stored before the per-year columns. */
  years?: number[];
  total: number;
  decision?: Pick<Decision, 'outcome' | 'amounts' | 'total'>;
  payment?: Pick<Payment, 'schoolYear' | 'amount'>;
}
const CASES: Case[] = [
  // Two years, granted in part, this year's part paid.
  {
    region: 'grorud',
    scheme: 'DEKOM',
    status: 'paid',
    years: [500_000, 400_000],
    total: 900_000,
    decision: { outcome: 'partly_granted', amounts: [300_000, 200_000], total: 500_000 },
    payment: { schoolYear: 2027, amount: 300_000 },
  },
  // Stored before per-year columns: all of the decision counts now, and the payment without an amount paid it.
  {
    region: 'sondre',
    scheme: 'DEKOM',
    status: 'paid',
    total: 400_000,
    decision: { outcome: 'granted', amounts: [250_000, 150_000], total: 400_000 },
    payment: {},
  },
  // A payment recorded for another school year pays nothing in this one.
  {
    region: 'lillestrom',
    scheme: 'REKOM',
    status: 'paid',
    years: [200_000],
    total: 200_000,
    decision: { outcome: 'granted', amounts: [200_000], total: 200_000 },
    payment: { schoolYear: 2028, amount: 200_000 },
  },
  { region: 'ski', scheme: 'DEKOM', status: 'rejected', years: [700_000], total: 700_000, decision: { outcome: 'rejected', amounts: [0], total: 0 } },
  {
    region: 'lillestrom',
    scheme: 'DEKOM',
    status: 'granted',
    years: [600_000, 300_000],
    total: 900_000,
    decision: { outcome: 'granted', amounts: [600_000, 300_000], total: 900_000 },
  },
  { region: 'ski', scheme: 'DEKOM', status: 'prioritised', years: [350_000], total: 350_000 },
  // A third owner in Oslo: the analysis shows no figures for fewer than three.
  {
    region: 'grorud',
    scheme: 'REKOM',
    status: 'granted',
    years: [100_000],
    total: 100_000,
    decision: { outcome: 'granted', amounts: [100_000], total: 100_000 },
  },
];

const perYear = (c: Case) => (c.years ? encodeYears(c.years.map((grant, i) => ({ schoolYear: 2027 + i, grant }))) : undefined);
const groupOf = (c: Case) => findRegion(REGIONS, c.region)!.workingGroup!;

const ledgerRow = (c: Case, i: number): LedgerRow => ({
  id: `r${i}`,
  reference: `BM-2027-000${i}`,
  scheme: c.scheme,
  workingGroup: groupOf(c),
  status: c.status,
  totalRequested: c.total,
  ...(perYear(c) ? { requestedPerYear: perYear(c) } : {}),
  ...(c.decision ? { decision: c.decision } : {}),
  ...(c.payment ? { payment: c.payment } : {}),
});

const report = (c: Case, i: number): ReportForFacts => ({
  status: c.status,
  summary: {
    ownerOrgnr: `9${i}0000000`,
    ownerType: 'kommune',
    scheme: c.scheme,
    region: c.region,
    workingGroup: groupOf(c),
    totalRequested: c.total,
    ...(perYear(c) ? { requestedPerYear: perYear(c) } : {}),
  },
  data: { startYear: 2027, theme: 'lesing' },
  history: [],
  ...(c.decision ? { decision: c.decision } : {}),
  ...(c.payment ? { payment: c.payment } : {}),
});

/** The analysis' money view for a choice of tallies: granted and paid of the school year per scheme. */
function analysed(tallies: Array<{ forum: string; scheme: string; tally: Tally }>, forum?: string): Map<string, { granted: number; paid: number }> {
  const chosen = tallies.filter((t) => !forum || t.forum === forum).map((t) => ({ roundId: round.id, scheme: t.scheme, tally: t.tally }));
  const money = analyse({ tallies: chosen, rounds: [{ id: round.id, year: round.year }] }).views.find((v) => v.id === 'money')!;
  const out = new Map<string, { granted: number; paid: number }>();
  for (const r of money.rows.filter((x) => x.key === String(round.year))) out.set(r.sub!, { granted: r.values[2], paid: r.values[3] });
  return out;
}

describe("the analysis' granted and paid are the ledger's", () => {
  const tallies = new Map<string, { forum: string; scheme: string; tally: Tally }>();
  CASES.forEach((c, i) => {
    const placed = factsOf(report(c, i), [], REGIONS)!;
    const key = `${placed.target.forum}|${placed.target.scheme}`;
    const cur = tallies.get(key) ?? { ...placed.target, tally: emptyTally() };
    tallies.set(key, { ...cur, tally: applyFacts(cur.tally, placed.facts, 1) });
  });
  const ledger = ledgerOf(round, REGIONS, CASES.map(ledgerRow));

  it('per forum and scheme, for the round', () => {
    for (const forum of ['forum-oslo', 'forum-akershus']) {
      const a = analysed([...tallies.values()], forum);
      const lines = ledger.lines.filter((l) => l.scope === forum && (l.granted > 0 || l.paid > 0));
      assert.equal(lines.length, 2, forum);
      for (const line of lines) {
        assert.deepEqual(a.get(line.scheme), { granted: line.granted, paid: line.paid }, `${forum} ${line.scheme}`);
      }
    }
  });

  it('for the whole County Governor, with the figures the ledger gives', () => {
    const a = analysed([...tallies.values()]);
    const sum = (scheme: string, k: 'granted' | 'paid') => ledger.lines.filter((l) => l.scheme === scheme).reduce((s, l) => s + l[k], 0);
    for (const scheme of ['DEKOM', 'REKOM']) assert.deepEqual(a.get(scheme), { granted: sum(scheme, 'granted'), paid: sum(scheme, 'paid') }, scheme);
    // Oslo's DEKOM: 300 000 + the old row's whole 400 000 granted, 300 000 + 400 000 paid; Akershus's REKOM paid nothing this year.
    assert.deepEqual(a.get('DEKOM'), { granted: 300_000 + 400_000 + 600_000, paid: 700_000 });
    assert.deepEqual(a.get('REKOM'), { granted: 200_000 + 100_000, paid: 0 });
  });
});
