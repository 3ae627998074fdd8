import path from 'node:path';
import { spawn } from 'node:child_process';
import { freePort } from '../src/app/childProcess';
import { ROOT } from '../src/app/paths';
import { benchRow, round2, standalone, waitForHealth, type BenchRow } from './common';

async function timeProcess(args: string[], env: Record<string, string>, until?: (port: number) => Promise<void>): Promise<number> {
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
      child.once('exit', () => resolve(performance.now() - t0));
      return;
    }
    until(port).then(
      () => {
        const ms = performance.now() - t0;
        child.once('exit', () => resolve(ms));
        child.kill('SIGTERM');
      },
      (err: unknown) => {
        child.kill('SIGKILL');
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

// The bot may take at most this many times a bare restify server's start (issue 25).
const AIM_RATIO = 3;

/**
 * Process start to /healthz 200 with storage already up, against a bare restify server answering
 * /healthz (bench/bareRestify.ts), started and timed the same way; runs interleaved so both see
 * the same load. The median of 10 (5 with --quick); `node -e ''` is in the note for scale.
 */
export async function benchStartup(opts: { connectionString: string; quick: boolean }): Promise<BenchRow[]> {
  const runs = opts.quick ? 5 : 10;
  const entry = path.join(ROOT, 'dist', 'src', 'index.js');
  const restifyEntry = path.join(ROOT, 'dist', 'bench', 'bareRestify.js');
  const health = (port: number) => waitForHealth(`http://127.0.0.1:${port}`, 60_000);
  const bot: number[] = [];
  const restify: number[] = [];
  const bare: number[] = [];
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
  return [
    benchRow({
      name: 'startup',
      value: median(bot),
      unit: 'ms',
      baseline: median(restify),
      baselineKind: 'measured',
      n: runs,
      aim: { of: 'ratio', atMost: AIM_RATIO },
      note: `median of ${runs}: bot ${median(bot)} ms, bare restify ${median(restify)} ms, node -e '' ${median(bare)} ms (bot runs ${bot.map(Math.round).join('/')})`,
    }),
  ];
}

standalone(module, benchStartup);
