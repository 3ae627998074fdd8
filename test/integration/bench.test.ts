import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../src/app/paths';

// Benchmarks are not part of `npm test`; this only makes sure `npm run bench -- --quick` still
// runs to the end and writes a row for every benchmark, each checking its own answers.
describe('the benchmark suite (quick smoke run)', function () {
  // The county year (two bot processes, 1 000 chats at Teams' 30/s) takes one to four minutes of it.
  this.timeout(600_000);

  it('runs every benchmark and writes bench/results.json', async () => {
    const out = path.join(ROOT, 'bench', 'results.json');
    const before = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'bench', 'run.js'), '--quick'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => {
      output += c;
    });
    child.stderr.on('data', (c) => {
      output += c;
    });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    assert.equal(code, 0, output);
    assert.ok(fs.statSync(out).mtimeMs > before, 'results written');
    const rows = JSON.parse(fs.readFileSync(out, 'utf8')) as Array<Record<string, unknown>>;
    const names = rows.map((r) => r.name);
    for (const name of [
      'submit.throughput',
      'submit.throughput.storage',
      'submit.cpu',
      'submit.calls',
      'submit.calls.submit',
      'submit.latency.p50',
      'submit.latency.p99',
      'vote.storm.p99',
      'vote.storm.stored',
      'vote.cpu',
      'vote.calls',
      'delivery.time',
      'overview.1k',
      'overview.1k.time',
      'export.memory.xlsx',
      'export.memory.csv',
      'export.held.xlsx',
      'export.held.csv',
      'startup',
      'input.text.1mb',
      'input.orgnr.1mb',
      'input.lineList.80k',
      'input.step.1mb',
      'backup.time',
      'restore.time',
      'county.announce.time',
      'county.results.time',
      'county.press.p99',
      'county.calls.results',
      'county.rss.b',
      'county.grant.time',
    ]) {
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    }
    // A missed aim (ok false) is what a loaded machine gives and does not fail this test; a wrong
    // answer (error) does. Baselines we computed rather than measured say so.
    for (const r of rows) {
      for (const key of ['name', 'value', 'unit', 'baseline', 'baselineKind', 'ratio', 'n', 'aim', 'ok']) assert.ok(key in r, `${String(r.name)} has ${key}`);
      assert.equal(r.error, undefined, `${String(r.name)}: ${String(r.error)}`);
    }
    const kind = (name: string) => rows.find((r) => r.name === name)?.baselineKind;
    assert.deepEqual(['submit.calls', 'vote.calls', 'delivery.time', 'input.text.1mb', 'startup', 'vote.storm.p99'].map(kind), [
      'computed',
      'computed',
      'computed',
      'computed',
      'measured',
      'measured',
    ]);
  });
});
