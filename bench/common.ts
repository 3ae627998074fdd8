import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { startAzurite } from '../src/app/azurite';
import { freePort, waitForPort } from '../src/app/childProcess';
import { ROOT } from '../src/app/paths';

/** One row of bench/results.json. `ratio` is value / baseline; `ok` says whether the aim is met. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  n: number;
  ok: boolean;
  note?: string;
  /** Set when the benchmark's answer was wrong (lost or duplicated work) or it crashed: fails the run. */
  error?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Resident memory of a process in MB, from /proc (Linux). `peak` reads the high-water mark. */
export function rssMb(pid: number, peak = false): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`${peak ? 'VmHWM' : 'VmRSS'}:\\s+(\\d+) kB`).exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

export interface BotProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The real bot as its own process (so the load generator does not share its event loop). */
export async function startBotProcess(env: Record<string, string>, script?: string): Promise<BotProcess> {
  const port = await freePort();
  script ??= path.join(ROOT, 'dist', 'src', 'index.js');
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOCAL_MODE: '1', PLAYGROUND: '0', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let alive = true;
  child.once('exit', () => {
    alive = false;
  });
  await waitForPort(port, '127.0.0.1', 60_000, () => alive);
  await waitForHealth(`http://127.0.0.1:${port}`);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!alive) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms`);
}

/** Runs `worker(i)` for i in 0..n-1 with at most `concurrency` at a time. */
export async function pool(n: number, concurrency: number, worker: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) await worker(next++);
    }),
  );
}

export type BenchOptions = { connectionString: string; quick: boolean; n?: number; log?: (line: string) => void };

/**
 * Runs one benchmark on its own (`node dist/bench/<name>.js [--quick] [--n=N]`) against an Azurite
 * it starts: prints its rows, exits non-zero when an aim is missed or an answer is wrong.
 */
export function standalone(module: NodeModule, bench: (opts: BenchOptions) => Promise<BenchRow[]>): void {
  if (require.main !== module) return;
  (async () => {
    const quick = process.argv.includes('--quick');
    const nArg = process.argv.find((a) => a.startsWith('--n='));
    const azurite = await startAzurite({ port: await freePort() });
    try {
      const rows = await bench({
        connectionString: azurite.connectionString,
        quick,
        n: nArg ? Number(nArg.slice(4)) : undefined,
        log: (l) => process.stderr.write(`${l}\n`),
      });
      for (const r of rows) {
        process.stdout.write(
          `${r.ok ? 'ok ' : 'NO '} ${r.name}: ${r.value} ${r.unit} (baseline ${r.baseline ?? '—'}, ratio ${r.ratio ?? '—'})${r.note ? `  [${r.note}]` : ''}${r.error ? `  WRONG: ${r.error}` : ''}\n`,
        );
      }
      if (rows.some((r) => !r.ok || r.error)) process.exitCode = 1;
    } finally {
      await azurite.stop();
    }
  })().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}

/** The framework floor (bench/echoBot.ts) as its own process; see there for what `env` switches on. */
export function startEcho(env: Record<string, string>): Promise<BotProcess> {
  return startBotProcess(env, path.join(ROOT, 'dist', 'bench', 'echoBot.js'));
}

/** What a bot process has used so far: storage calls (in total and per kind of turn) and CPU time. */
export interface Usage {
  total: number;
  byLabel: Record<string, { turns: number; calls: number }>;
  cpu: { user: number; system: number };
}

export async function usageOf(url: string): Promise<Usage> {
  return (await fetch(`${url}/bench/counters`)).json() as Promise<Usage>;
}

/** CPU ms, storage calls, and per label turns and calls, between two readings. */
export function usageBetween(a: Usage, b: Usage): { cpuMs: number; calls: number; of(label: string): { turns: number; calls: number } } {
  return {
    cpuMs: (b.cpu.user + b.cpu.system - a.cpu.user - a.cpu.system) / 1000,
    calls: b.total - a.total,
    of: (label) => ({
      turns: (b.byLabel[label]?.turns ?? 0) - (a.byLabel[label]?.turns ?? 0),
      calls: (b.byLabel[label]?.calls ?? 0) - (a.byLabel[label]?.calls ?? 0),
    }),
  };
}

/**
 * With BENCH_PROFILE=<dir>, a CPU profile of the bot during `work` only, written to <dir>/<name>.cpuprofile
 * (summarise with `node dist/bench/profile.js <dir>`). Without it, just `work`.
 */
export async function profiled<T>(url: string, name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return work();
  fs.mkdirSync(dir, { recursive: true });
  await fetch(`${url}/bench/profile/start`, { method: 'POST' });
  try {
    return await work();
  } finally {
    // The bot writes into its own fixed folder (it takes no path from a request); copied from there.
    const stopped = (await (await fetch(`${url}/bench/profile/stop?name=${encodeURIComponent(name)}`, { method: 'POST' })).json()) as { file?: string };
    if (stopped.file) fs.copyFileSync(stopped.file, path.resolve(dir, `${name}.cpuprofile`));
  }
}
