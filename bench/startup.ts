import path from 'node:path';
import { spawn } from 'node:child_process';
import { freePort } from '../src/app/childProcess';
import { ROOT } from '../src/app/paths';
import { round2, waitForHealth, type BenchRow } from './common';

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

/** Process start to /healthz 200 with storage already up, against a bare `node -e ''`. */
export async function benchStartup(opts: { connectionString: string; quick: boolean }): Promise<BenchRow[]> {
  const runs = opts.quick ? 3 : 10;
  const entry = path.join(ROOT, 'dist', 'src', 'index.js');
  const bot: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bot.push(
      await timeProcess(
        [entry],
        { LOCAL_MODE: '1', TABLES_CONNECTION_STRING: opts.connectionString, TABLE_PREFIX: 'benchstart', PLAYGROUND: '0', LOG_LEVEL: 'silent' },
        (port) => waitForHealth(`http://127.0.0.1:${port}`, 60_000),
      ),
    );
    bare.push(await timeProcess(['-e', ''], {}));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return [
    { name: 'startup', value: round2(median(bot)), unit: 'ms', baseline: round2(median(bare)), ratio: round2(median(bot) / median(bare)), n: runs, ok: true },
  ];
}
