import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import { freePort, waitForPort } from '../../src/app/childProcess';
import { ROOT } from '../../src/app/paths';
import { uniquePrefix } from '../support/harness';

const ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');

// Makes the child a production install: the azurite package cannot be loaded (see the file).
const WITHOUT_AZURITE = ['--require', path.join(ROOT, 'dist', 'test', 'support', 'noAzurite.js')];

function run(env: Record<string, string>, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, ['--no-deprecation', ...nodeArgs, ENTRY], {
    cwd: os.tmpdir(), // no .env from the repo is read
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PLAYGROUND: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { out += c; });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, output: () => out };
}

describe('the bot process', () => {
  it('stops with one line naming a bad setting', async () => {
    const p = run({ PORT: 'eighty' });
    assert.equal(await p.exited, 1);
    assert.equal(p.output().trim(), 'Configuration error: PORT must be a whole number');
  });

  it('stops when an app id is set without a password', async () => {
    const p = run({ MicrosoftAppId: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b' });
    assert.equal(await p.exited, 1);
    assert.match(p.output(), /^Configuration error: MicrosoftAppPassword is required when MicrosoftAppId is set/m);
  });

  it('exits non-zero with a clear message when storage is unreachable at start', async () => {
    const dead = await freePort();
    const p = run({ PORT: '0', TABLES_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${dead}/devstoreaccount1;` });
    assert.notEqual(await p.exited, 0);
    assert.match(p.output(), /Table Storage does not answer .*TABLES_CONNECTION_STRING/);
  });

  it('starts without the azurite package (npm ci --omit=dev) when TABLES_CONNECTION_STRING is set, never asking for it', async () => {
    const port = await freePort();
    const p = run({ PORT: String(port), TABLES_CONNECTION_STRING: process.env.TEST_TABLES_CONNECTION_STRING!, TABLE_PREFIX: uniquePrefix() }, WITHOUT_AZURITE);
    await waitForPort(port, '127.0.0.1', 30_000);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    assert.equal((await health.json() as { storage: boolean }).storage, true);
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0);
    assert.doesNotMatch(p.output(), /azurite was asked for/);
    assert.match(p.output(), /"msg":"bot listening"/, 'the hook was in place and the bot ran');
  });

  it('says in one line that azurite is missing when no storage is configured on a production install', async () => {
    const p = run({ PORT: '0' }, WITHOUT_AZURITE);
    assert.equal(await p.exited, 1);
    assert.equal(p.output().replace(/^azurite was asked for: .*\n/m, '').trim(),
      'No Table Storage is configured and the azurite package is not installed: set TABLES_CONNECTION_STRING or TABLES_ACCOUNT_URL, or run `npm install` for local use');
  });

  it('leaves no Azurite behind when the bot is killed outright', async () => {
    const [port, azuritePort] = [await freePort(), await freePort()];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-data-'));
    const p = run({ PORT: String(port), AZURITE_PORT: String(azuritePort), DATA_DIR: dataDir });
    await waitForPort(port, '127.0.0.1', 30_000);
    await waitForPort(azuritePort, '127.0.0.1', 1000);
    p.child.kill('SIGKILL');
    await p.exited;
    const deadline = Date.now() + 5000;
    let open = true;
    while (open && Date.now() < deadline) {
      open = await waitForPort(azuritePort, '127.0.0.1', 200).then(() => true, () => false);
      if (open) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(open, false, 'Azurite stopped by itself within 5 s');
  });

  it('starts its own Azurite without configuration, keeps data under DATA_DIR, and stops both on SIGTERM', async () => {
    const [port, azuritePort] = [await freePort(), await freePort()];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-data-'));
    const p = run({ PORT: String(port), AZURITE_PORT: String(azuritePort), DATA_DIR: dataDir });
    await waitForPort(port, '127.0.0.1', 30_000);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    assert.ok(fs.readdirSync(path.join(dataDir, 'azurite')).length > 0, 'Azurite persisted its files');
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0);
    await assert.rejects(waitForPort(azuritePort, '127.0.0.1', 500), 'Azurite stopped with the bot');
  });
});
