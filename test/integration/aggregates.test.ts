import assert from 'node:assert/strict';
import fc from 'fast-check';
import { factsOf } from '../../src/domain/analytics/facts';
import { applyFacts, emptyTally, type Tally } from '../../src/domain/analytics/tally';
import { DEFAULT_REGIONS, type RegionConfig } from '../../src/domain/regions';
import type { NeedsReport } from '../../src/domain/report';
import type { AuditEntry, ReportStatus } from '../../src/domain/report/lifecycle';
import { OWNER_TYPES } from '../../src/domain/ownerTypes';
import { SCHEMES } from '../../src/domain/schemes';
import { THEMES } from '../../src/domain/report/themes';
import { Aggregates, tallyKey } from '../../src/storage/aggregates';
import { Reports } from '../../src/storage/reports';
import { Tables } from '../../src/storage/tables';
import { UsageReports, type UsageRecord } from '../../src/storage/usageReports';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { SAMPLE_REPORT } from '../support/sampleReport';

// Two forums, so a working group moved across them moves the report from one forum's tally to the other's.
const REGIONS: RegionConfig = {
  ...DEFAULT_REGIONS,
  forums: [
    { id: 'forum-a', name: { nb: 'Forum A' }, workingGroups: ['oslo', 'nord', 'ost'] },
    { id: 'forum-b', name: { nb: 'Forum B' }, workingGroups: ['sor', 'vest', 'nordvest'] },
  ],
};
const ROUNDS = ['r-2027', 'r-2028'];
const ORGNRS = ['974760673', '123456785', '921605900', '940192226'];
const GROUPS = REGIONS.workingGroups.map((g) => g.id);
const BY = { tenantId: 't', aadObjectId: 'u' };

type Op =
  | { kind: 'submit' | 'edit'; report: number; variant: number }
  | { kind: 'withdraw' | 'prioritise' | 'notPrioritise' | 'decide' | 'pay' | 'usage' | 'move' | 'rebuild'; report: number; variant: number };

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('submit', 'submit', 'edit', 'withdraw', 'prioritise', 'notPrioritise', 'decide', 'pay', 'usage', 'move', 'rebuild'),
  report: fc.nat({ max: 5 }),
  variant: fc.nat({ max: 1000 }),
}) as fc.Arbitrary<Op>;

function reportData(variant: number, roundYear: number): NeedsReport {
  return {
    ...SAMPLE_REPORT,
    ownerOrgnr: ORGNRS[variant % ORGNRS.length],
    ownerType: OWNER_TYPES[variant % OWNER_TYPES.length],
    scheme: SCHEMES[(variant >> 2) % SCHEMES.length],
    region: REGIONS.regions[variant % REGIONS.regions.length].id,
    theme: THEMES[variant % THEMES.length],
    targetGroups: variant % 2 ? ['ledere'] : ['ledere', 'laerere'],
    uhName: variant % 3 ? 'OsloMet' : 'Universitetet i Oslo',
    startYear: roundYear,
    years: 1 + (variant % 2),
    amounts: [
      { owner: 100_000 + variant, uh: 50_000, ownContribution: 60_000 },
      { owner: 90_000, uh: 10_000, ownContribution: 40_000 },
    ],
  } as NeedsReport;
}

const entry = (to: ReportStatus): AuditEntry => ({ at: new Date().toISOString(), actor: { role: 'secretariat', id: 'x' }, from: 'submitted', to });

/** Every stored tally recounted from the reports and usage reports as they stand. */
async function recount(reports: Reports, usage: UsageReports): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>();
  for (const roundId of ROUNDS) {
    const usages = await usage.listRound(roundId);
    for await (const r of reports.listRound(roundId)) {
      const placed = factsOf(
        r,
        usages.filter((u) => u.reportId === r.id),
        REGIONS,
      );
      if (!placed) continue;
      const key = tallyKey(placed.target.forum, roundId, placed.target.scheme);
      out.set(key, applyFacts(out.get(key) ?? emptyTally(), placed.facts, 1));
    }
  }
  return out;
}

describe('analytics aggregates', function () {
  this.timeout(300_000);

  it('equal a full recount after any sequence of submits, edits, withdrawals, decisions, payments, usage reports and rebuilds, from two instances at once', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(opArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), async (batches) => {
        const tables = new Tables(process.env.TEST_TABLES_CONNECTION_STRING!, `agg${Date.now().toString(36)}${run++}`);
        await tables.ensure();
        try {
          const reports = new Reports(tables, () => new Date());
          const usage = new UsageReports(tables);
          // Two instances of the bot, each told of every change: their refreshes race for real.
          const one = new Aggregates(
            tables,
            () => REGIONS,
            (err) => assert.fail(err),
          );
          const two = new Aggregates(
            tables,
            () => REGIONS,
            (err) => assert.fail(err),
          );
          reports.onChange = usage.onChange = (roundId, reportId) => {
            one.track(roundId, reportId);
            two.track(roundId, reportId);
          };
          const submitted = new Set<string>();
          const apply = async (op: Op) => {
            const roundId = ROUNDS[op.report % 2];
            const year = roundId === 'r-2027' ? 2027 : 2028;
            const id = `rep-${op.report}`;
            const data = reportData(op.variant, year);
            const summary = summaryOf(data, REGIONS);
            // The recount command, run by the other instance while changes come in.
            if (op.kind === 'rebuild') return void (await two.rebuild(roundId));
            if (op.kind === 'submit' || !submitted.has(id)) {
              await reports.submitNew({ draftId: id, roundId, reference: `BM-${year}-${op.report}`, by: BY, summary, data });
              submitted.add(id);
              return;
            }
            switch (op.kind) {
              case 'edit':
                await reports.applyEdit({ draftId: `${id}-e${op.variant}`, roundId, reportId: id, summary, data, decide: () => entry('submitted') });
                return;
              case 'withdraw':
                await reports.setStatus(roundId, id, () => entry('withdrawn'));
                return;
              case 'prioritise':
              case 'notPrioritise':
                await reports.setStatus(roundId, id, () => entry(op.kind === 'prioritise' ? 'prioritised' : 'not_prioritised'));
                return;
              case 'decide': {
                const rejected = op.variant % 3 === 0;
                const amount = rejected ? 0 : 100_000 + (op.variant % 50) * 1000;
                await reports.setStatus(roundId, id, () => entry(rejected ? 'rejected' : 'granted'), {
                  decision: { outcome: rejected ? 'rejected' : 'granted', amounts: [amount], total: amount, at: '2027-04-01T00:00:00Z', by: 'x' },
                });
                return;
              }
              case 'pay':
                await reports.setStatus(roundId, id, () => entry('paid'), {
                  payment: { at: '2027-05-01T00:00:00Z', by: 'x', schoolYear: year, amount: 50_000 + op.variant },
                });
                return;
              case 'usage':
                await usage.change({ roundId, reportId: id, schoolYear: year + (op.variant % 2) }, (cur) => {
                  const status = (['draft', 'submitted', 'accepted'] as const)[op.variant % 3];
                  const base: UsageRecord = cur ?? {
                    roundId,
                    reportId: id,
                    schoolYear: year,
                    reference: 'x',
                    ownerName: 'x',
                    ownerOrgnr: data.ownerOrgnr,
                    title: 'x',
                    paid: 0,
                    status: 'draft',
                    values: {},
                    history: [],
                    updatedAt: new Date().toISOString(),
                  };
                  const report = { participants: op.variant % 70, unitsReached: op.variant % 9, ownContribution: op.variant * 10 } as UsageRecord['report'];
                  return { ...base, status, ...(status === 'draft' ? {} : { report }) };
                });
                return;
              case 'move':
                await reports.setWorkingGroup(roundId, id, GROUPS[op.variant % GROUPS.length], () => entry('submitted'));
                return;
            }
          };
          for (const batch of batches) {
            // A batch's changes run at once (the same report's too), as several people's clicks would.
            await Promise.all(batch.map(apply));
          }
          await Promise.all([one.settled(), two.settled()]);
          const stored = new Map((await one.tallies()).filter((t) => t.tally.n !== 0).map((t) => [tallyKey(t.forum, t.roundId, t.scheme), t.tally]));
          assert.deepEqual(Object.fromEntries(stored), Object.fromEntries(await recount(reports, usage)));
        } finally {
          await tables.dropAll();
        }
      }),
      { numRuns: 12 },
    );
  });

  it('a rebuild gives the same tallies as keeping them up, and mends a tally that was lost', async () => {
    const tables = new Tables(process.env.TEST_TABLES_CONNECTION_STRING!, `aggr${Date.now().toString(36)}`);
    await tables.ensure();
    try {
      const reports = new Reports(tables, () => new Date());
      const aggregates = new Aggregates(tables, () => REGIONS);
      reports.onChange = aggregates.track;
      for (let i = 0; i < 12; i++) {
        const data = reportData(i * 7, 2027);
        await reports.submitNew({ draftId: `r${i}`, roundId: 'r-2027', reference: `BM-2027-${i}`, by: BY, summary: summaryOf(data, REGIONS), data });
      }
      await aggregates.settled();
      const kept = await aggregates.tallies();
      assert.equal(
        kept.reduce((a, t) => a + t.tally.n, 0),
        12,
      );
      // A tally row lost (an operator's mistake): the rebuild recounts it from the reports.
      await tables.client('Aggregates').deleteEntity('agg', tallyKey(kept[0].forum, kept[0].roundId, kept[0].scheme));
      assert.equal(await aggregates.rebuild('r-2027'), 12);
      const rebuilt = await aggregates.tallies();
      const byKey = (ts: typeof kept) => Object.fromEntries(ts.map((t) => [tallyKey(t.forum, t.roundId, t.scheme), t.tally]));
      assert.deepEqual(byKey(rebuilt), byKey(kept));
    } finally {
      await tables.dropAll();
    }
  });
});
