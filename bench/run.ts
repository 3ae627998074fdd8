import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite } from '../src/app/azurite';
import { freePort } from '../src/app/childProcess';
import { ROOT } from '../src/app/paths';
import { benchRow, type BenchRow } from './common';
import { benchBackup } from './backup';
import { runDeliveryBench } from './delivery';
import { benchExport } from './export';
import { benchInput } from './input';
import { benchOverview } from './overview';
import { benchVote } from './vote';
import { benchAnalysis } from './analysis';
import { benchSoak } from './soak';
import { benchStartup } from './startup';
import { benchSubmit } from './submit';
import { benchCounty } from './county';

type Bench = { name: string; run: (opts: { connectionString: string; quick: boolean }) => Promise<BenchRow[]> };

// Every benchmark, in the order the table prints them. Each checks its own results and marks a
// wrong answer as failed, however fast.
const BENCHES: Bench[] = [
  { name: 'submit', run: benchSubmit },
  {
    name: 'vote',
    run: async (o) => {
      const rows = await benchVote(o);
      const named = (from: string, name: string, note?: string) => {
        const r = rows.find((x) => x.name === from)!;
        return { ...r, name, ...(note ? { note } : {}) };
      };
      // Renamed only: each keeps its own aim (p99 within 3 × the echo floor; the storage p99 under
      // 15 s; every mark stored, else an error).
      return [
        named('vote.echo.p99', 'vote.storm.p99'),
        named('vote.latency.p99', 'vote.storm.p99.storage', 'vs 200 raw upserts of one row each'),
        named('vote.latency.p50', 'vote.storm.p50'),
        named('vote.stored', 'vote.storm.stored'),
        ...rows.filter((r) => r.name === 'vote.cpu' || r.name === 'vote.cpu.storage' || r.name === 'vote.calls'),
      ];
    },
  },
  {
    name: 'delivery',
    run: async (o) => {
      const r = await runDeliveryBench({ quick: o.quick });
      const wrong = r.lost > 0 || r.duplicates > 0;
      return [
        benchRow({
          name: 'delivery.time',
          value: r.totalMs,
          unit: 'ms',
          // The least time Teams' limits allow for these messages: computed, not measured.
          baseline: r.floorMs,
          baselineKind: 'computed',
          n: r.messages,
          aim: { of: 'ratio', atMost: 1.1 },
          note: `${r.channels} channels × ${r.cardsPerChannel} cards + ${r.personal} personal at ${r.appRate}/s; lost ${r.lost}, duplicates ${r.duplicates}, 429s ${r.throttled}`,
          error: wrong ? `lost ${r.lost}, duplicates ${r.duplicates}` : undefined,
        }),
      ];
    },
  },
  { name: 'startup', run: benchStartup },
  { name: 'overview', run: benchOverview },
  { name: 'export', run: benchExport },
  { name: 'input', run: benchInput },
  { name: 'backup', run: benchBackup },
  { name: 'analysis', run: benchAnalysis },
  // A County Governor's year on two instances (one killed midway); see docs/benchmarks.md.
  { name: 'county', run: benchCounty },
  // Last: ten minutes of load, full runs only.
  { name: 'soak', run: benchSoak },
];

function table(rows: BenchRow[]): string {
  const head = ['name', 'value', 'unit', 'baseline', 'ratio', 'n', 'aim', 'ok'];
  const cells = rows.map((r) => [
    r.name,
    String(r.value),
    r.unit,
    r.baseline === null ? '—' : `${r.baseline}${r.baselineKind === 'computed' ? ' (computed)' : ''}`,
    r.ratio === null ? '—' : String(r.ratio),
    String(r.n),
    r.aim ?? '—',
    r.error ? 'WRONG' : r.aim === null ? '—' : r.ok ? 'yes' : 'NO',
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(width[i])).join('  ');
  return [line(head), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const azurite = await startAzurite({ port: await freePort() });
  const rows: BenchRow[] = [];
  const started = Date.now();
  try {
    for (const b of BENCHES) {
      if (only && !only.includes(b.name)) continue;
      process.stderr.write(`running ${b.name}${quick ? ' (quick)' : ''}…\n`);
      try {
        rows.push(...(await b.run({ connectionString: azurite.connectionString, quick })));
      } catch (err) {
        rows.push({
          ...benchRow({ name: b.name, value: NaN, unit: '', baseline: null, baselineKind: null, n: 0, aim: null }),
          ok: false,
          error: (err as Error).message,
        });
      }
    }
  } finally {
    await azurite.stop();
  }
  const out = path.join(ROOT, 'bench', 'results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    quick,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  fs.writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
  fs.writeFileSync(path.join(ROOT, 'bench', 'machine.json'), JSON.stringify(machine, null, 2) + '\n');
  const notes = rows.filter((r) => r.note || r.error).map((r) => `${r.error ? 'WRONG ' : ''}${r.name}: ${r.error ?? r.note}`);
  process.stdout.write(`${table(rows)}\n\n${notes.join('\n')}\nwritten to bench/results.json (${machine.seconds} s, ${machine.cpus} cores, ${machine.node})\n`);
  // A fast wrong answer is a failure; a missed aim is reported in the table, not an error.
  if (rows.some((r) => r.error)) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
