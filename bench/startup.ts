import path from 'node:path';
import { spawn } from 'node:child_process';
import { freePort } from '../src/app/childProcess';
import { ROOT } from '../src/app/paths';
import { benchRow, round2, standalone, waitForHealth, type BenchRow } from './common';

interface Started {
  /** Process start to /healthz 200 (wall time). */
  ms: number;
  /** The process's own CPU time (user + system) by then, as it reports it. */
  cpuMs?: number;
}

/** CPU time (user + system) the process has used, from its /bench/counters. */
async function cpuOf(port: number): Promise<number> {
  const { cpu } = (await (await fetch(`http://127.0.0.1:${port}/bench/counters`)).json()) as { cpu: { user: number; system: number } };
  return (cpu.user + cpu.system) / 1000;
}

async function timeProcess(args: string[], env: Record<string, string>, until?: (port: number) => Promise<void>): Promise<Started> {
  const port = await freePort();
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), ...env },
      stdio: 'ignore',
    });
    child.once('error', reject);
    if (!until) {
      child.once('exit', () => resolve({ ms: performance.now() - t0 }));
      return;
    }
    until(port)
      .then(async () => {
        const ms = performance.now() - t0;
        const cpuMs = await cpuOf(port);
        child.once('exit', () => resolve({ ms, cpuMs }));
        child.kill('SIGTERM');
      })
      .catch((err: unknown) => {
        child.kill('SIGKILL');
        reject(err instanceof Error ? err : new Error(String(err)));
      });
  });
}

// The bot may take at most this many times a bare restify server's start (issue 25).
const AIM_RATIO = 3;

/**
 * Process start to /healthz 200 with storage already up, against a bare restify server answering
 * /healthz (bench/bareRestify.ts), started and timed the same way, one after the other in each of
 * 10 rounds (5 with --quick), so both see the same load; `node -e ''` is in the note for scale.
 * Two rows: `startup`, the wall time (what a deploy waits for; on a loaded machine it swings with
 * the other processes' use of the cores), and `startup.cpu`, the CPU time each process reports it
 * used by then (what start-up itself costs; barely moved by the load, see docs/benchmarks.md).
 * Each row is the median of the processes' figures; the note adds the median of the rounds' own
 * ratios, which a load change between rounds does not skew.
 */
export async function benchStartup(opts: { connectionString: string; quick: boolean }): Promise<BenchRow[]> {
  const runs = opts.quick ? 5 : 10;
  const entry = path.join(ROOT, 'dist', 'src', 'index.js');
  const restifyEntry = path.join(ROOT, 'dist', 'bench', 'bareRestify.js');
  const health = (port: number) => waitForHealth(`http://127.0.0.1:${port}`, 60_000);
  const bot: Started[] = [];
  const restify: Started[] = [];
  const bare: Started[] = [];
  for (let i = 0; i < runs; i++) {
    bot.push(
      await timeProcess(
        [entry],
        { LOCAL_MODE: '1', TABLES_CONNECTION_STRING: opts.connectionString, TABLE_PREFIX: 'benchstart', PLAYGROUND: '0', LOG_LEVEL: 'silent' },
        health,
      ),
    );
    restify.push(await timeProcess([restifyEntry], {}, health));
    bare.push(await timeProcess(['-e', ''], {}));
  }
  const median = (xs: number[]) => round2([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
  const wall = (s: Started) => s.ms;
  const cpu = (s: Started) => s.cpuMs ?? NaN;
  const paired = (of: (s: Started) => number) => median(bot.map((b, i) => of(b) / of(restify[i])));
  // Both rows compare the bot's median with restify's, with the aim on their ratio.
  const row = (name: string, of: (s: Started) => number, note: string) =>
    benchRow({
      name,
      value: median(bot.map(of)),
      unit: 'ms',
      baseline: median(restify.map(of)),
      baselineKind: 'measured',
      n: runs,
      aim: { of: 'ratio', atMost: AIM_RATIO },
      note: `${note}; median of the rounds' ratios ${paired(of)} (bot ${bot.map((b) => Math.round(of(b))).join('/')} ms)`,
    });
  return [
    row(
      'startup',
      wall,
      `wall time, median of ${runs}: bot ${median(bot.map(wall))} ms, bare restify ${median(restify.map(wall))} ms, node -e '' ${median(bare.map(wall))} ms`,
    ),
    row('startup.cpu', cpu, `CPU time (user + system) each process used by its /healthz 200, median of ${runs}`),
  ];
}

standalone(module, benchStartup);
