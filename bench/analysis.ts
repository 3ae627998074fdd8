import { ALL, scopeOf } from '../src/domain/analytics/choice';
import { translator } from '../src/domain/i18n';
import { DEFAULT_REGIONS } from '../src/domain/regions';
import type { Round } from '../src/domain/round';
import { Aggregates } from '../src/storage/aggregates';
import { callCounts } from '../src/storage/callCounter';
import { odataString } from '../src/storage/keys';
import { reportPk, Reports } from '../src/storage/reports';
import { Roles } from '../src/storage/roles';
import { Rounds } from '../src/storage/rounds';
import { Tables } from '../src/storage/tables';
import { analysisCard } from '../src/teams/analytics/analysisCard';
import { benchRow, percentile, round2, standalone, type BenchRow } from './common';
import { TENANT } from './fixtures';
import { benchReports, grantsOf, storeReports } from './seedReports';

/**
 * `analyse` over a County Governor's history (issue 24): 10 rounds × 2 000 reports (200 with
 * --quick) on Azurite. The reports are imported, the aggregates rebuilt from them (the recount
 * command's bulk path, timed as setup), then `analyse` for the last 10 rounds, the whole County
 * Governor and every scheme (the officer's grants, the rounds, the tallies, the card) is timed
 * against a full read of the same rounds' reports, the least any answer from the reports
 * themselves must do. Both count their storage requests. The analysis must count every report
 * and every requested krone the bench made; a difference is an error.
 *
 *   node dist/bench/analysis.js [--quick] [--n=N]
 */

const ROUNDS = 10;
const RUNS = 40;
const FULL_RUNS = 5;
const OFFICER = { tenantId: TENANT, aadObjectId: '00000000-0000-4000-8000-0000000000aa' };

async function timed<T>(runs: number, f: () => Promise<T>): Promise<{ p99: number; p50: number; calls: number; result: T }> {
  const ms: number[] = [];
  const before = callCounts().total;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await f();
    ms.push(performance.now() - t);
  }
  const calls = (callCounts().total - before) / runs;
  ms.sort((a, b) => a - b);
  return { p99: round2(percentile(ms, 99)), p50: round2(percentile(ms, 50)), calls: round2(calls), result };
}

export async function benchAnalysis(opts: { connectionString: string; quick: boolean; n?: number; log?: (line: string) => void }): Promise<BenchRow[]> {
  const perRound = opts.n ?? (opts.quick ? 200 : 2_000);
  const log = opts.log ?? (() => undefined);
  const tables = new Tables(opts.connectionString, `ba${Date.now().toString(36)}`);
  await tables.ensure();
  try {
    const reports = new Reports(tables, () => new Date('2027-01-15T10:00:00Z'));
    const rounds = new Rounds(tables);
    const roles = new Roles(tables, DEFAULT_REGIONS.id, [OFFICER]);
    const aggregates = new Aggregates(tables, () => DEFAULT_REGIONS);
    let requested = 0;
    let seeding = 0;
    let rebuilding = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const year = 2020 + i;
      const round: Round = {
        id: `bench-${year}`,
        year,
        counties: ['oslo', 'akershus', 'ostfold', 'buskerud'],
        deadline: `${year}-02-01T22:59:00.000Z`,
        status: 'closed',
        budgets: { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 30_000_000 },
        createdAt: `${year - 1}-11-01T00:00:00.000Z`,
      };
      await rounds.create(round);
      // Three hundred owners (as the owner names vary), so no group falls under the privacy threshold.
      const inputs = benchReports(perRound, year).map((r, j) => {
        const ownerOrgnr = String(900_000_000 + (j % 300));
        return { ...r, summary: { ...r.summary, ownerOrgnr }, data: { ...r.data, ownerOrgnr } };
      });
      requested += inputs.reduce((a, r) => a + grantsOf(r)[0], 0);
      seeding += await storeReports(reports, round.id, inputs);
      const t = performance.now();
      await aggregates.rebuild(round.id);
      rebuilding += (performance.now() - t) / 1000;
      log(`round ${year}: ${perRound} reports stored and counted`);
    }
    const t = translator('nb');
    const l = { t, locale: 'nb' as const, regions: DEFAULT_REGIONS };

    // What `analyse` does for an officer: grants, rounds, the tallies, the card (once first, so
    // loading the templating engine is not counted).
    const request = async () => {
      const scope = scopeOf(await roles.of(OFFICER), DEFAULT_REGIONS)!;
      const all = await rounds.list();
      // Every forum: the default regions have two, and an officer's analysis opens on all of them.
      const choice = { rounds: `last${ROUNDS}`, forum: ALL, scheme: ALL };
      const { chosen, analysis } = await aggregates.analysis(all, choice);
      const card = analysisCard(l, { choice, scope, rounds: all, chosen, analysis });
      return { analysis, bytes: JSON.stringify(card).length * 2 };
    };
    await request();
    const analyse = await timed(RUNS, request);
    // The floor of any answer read from the reports: every row of the 10 rounds, every column.
    const all = await rounds.list();
    const full = await timed(FULL_RUNS, async () => {
      let rows = 0;
      for (const r of all) {
        const pages = tables
          .client('Reports')
          .listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(reportPk(r.id))}` } })
          .byPage({ maxPageSize: 1000 });
        for await (const page of pages) rows += page.length;
      }
      return rows;
    });

    const a = analyse.result.analysis;
    const counted = a.views.find((v) => v.id === 'money')!.rows.reduce((s, r) => s + r.values[0], 0);
    const n = ROUNDS * perRound;
    const wrong = [
      ...(a.reports === n ? [] : [`counted ${a.reports} reports, stored ${n}`]),
      ...(counted === requested ? [] : [`counted ${counted} kr requested, stored ${requested}`]),
      ...(full.result === n ? [] : [`the full read found ${full.result} rows, stored ${n}`]),
    ];
    const note = `${ROUNDS} rounds × ${perRound} reports; analyse p50 ${analyse.p50} ms, p99 ${analyse.p99} ms, ${analyse.calls} storage calls, card ${round2(analyse.result.bytes / 1024)} KB; full read p50 ${full.p50} ms, p99 ${full.p99} ms, ${full.calls} calls; seeding ${round2(seeding)} s, rebuilding the aggregates ${round2(rebuilding)} s`;
    log(note);
    const name = `analysis.${ROUNDS}x${perRound % 1000 === 0 ? `${perRound / 1000}k` : perRound}`;
    const error = wrong.length ? `the analysis differs from the stored reports: ${wrong.join('; ')}` : undefined;
    return [
      benchRow({
        name: `${name}.p99`,
        value: analyse.p99,
        unit: 'ms',
        baseline: full.p99,
        baselineKind: 'measured',
        n: RUNS,
        aim: { of: 'ratio', atMost: 0.1 },
        note,
        error,
      }),
      benchRow({
        name: `${name}.calls`,
        value: analyse.calls,
        unit: 'calls/request',
        baseline: full.calls,
        baselineKind: 'measured',
        n: RUNS,
        aim: { of: 'value', atMost: 5 },
        error,
      }),
    ];
  } finally {
    await tables.dropAll();
  }
}

standalone(module, benchAnalysis);
