/**
 * Summarises CPU profiles of the bot (`.cpuprofile`, written by `node --cpu-prof`) as self time
 * per package: each node_modules package, our own code, Node's internals, GC. Idle time is left out.
 *
 *   BENCH_PROFILE=/tmp/prof node dist/bench/run.js --quick --only=submit,vote
 *   node dist/bench/profile.js /tmp/prof [--top=15]
 */
import fs from 'node:fs';
import path from 'node:path';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Which package a frame belongs to, by its script's path. */
export function packageOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return '(node internals)';
  const i = url.lastIndexOf('/node_modules/');
  if (i >= 0) {
    const parts = url.slice(i + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  // The benchmark's own instruments in the bot: the profiler's start and the storage call counter.
  if (url.includes('/dist/src/app/benchRoutes')) return '(profiler)';
  if (url.includes('/dist/src/storage/callCounter')) return '(call counter)';
  if (url.includes('/dist/src/')) return '(own code)';
  return '(other)';
}

const UNOWNED = new Set(['(node internals)', '(native)']);

/**
 * Self time in ms per package, busiest first, without idle time. Time in Node's own functions
 * (http, crypto, JSON) counts for the nearest package up the stack that called them: the SDK's
 * HMAC is the SDK's cost. Only what no package called stays "(node internals)".
 */
export function selfTimeByPackage(profile: CpuProfile): Array<{ name: string; ms: number }> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const own = new Map(profile.nodes.map((n) => [n.id, packageOf(n.callFrame)]));
  const pkgOf = new Map<number, string>();
  for (const n of profile.nodes) {
    let id: number | undefined = n.id;
    while (id !== undefined && UNOWNED.has(own.get(id)!)) id = parent.get(id);
    const found = id === undefined ? undefined : own.get(id);
    pkgOf.set(n.id, found && found !== '(root)' ? found : own.get(n.id)!);
  }
  const ms = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const pkg = pkgOf.get(id) ?? '(unknown)';
    if (pkg === '(idle)') return;
    ms.set(pkg, (ms.get(pkg) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...ms].map(([name, t]) => ({ name, ms: t })).sort((a, b) => b.ms - a.ms);
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node dist/bench/profile.js <dir with .cpuprofile files> [--top=N]');
  const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 15);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  for (const file of files) {
    const rows = selfTimeByPackage(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile);
    const busy = rows.reduce((a, r) => a + r.ms, 0);
    process.stdout.write(`\n${path.basename(file)}: ${Math.round(busy)} ms busy\n`);
    for (const r of rows.slice(0, top))
      process.stdout.write(`  ${r.name.padEnd(34)} ${r.ms.toFixed(0).padStart(7)} ms  ${((100 * r.ms) / busy).toFixed(1).padStart(5)} %\n`);
  }
}

if (require.main === module) main();
