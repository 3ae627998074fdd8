import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import { freePort, waitForPort } from '../../src/app/childProcess';
import { ROOT } from '../../src/app/paths';
import { waitFor } from '../support/delivery';
import { uniquePrefix } from '../support/harness';

const ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');

// Makes the child a production install: the azurite package cannot be loaded (see the file).
const WITHOUT_AZURITE = ['--require', path.join(ROOT, 'dist', 'test', 'support', 'noAzurite.js')];

// Every bot started here, so one a failed test left running is stopped at the end.
const bots: Array<{ child: ChildProcess; exited: Promise<number | null> }> = [];

function run(env: Record<string, string>, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, ENTRY], {
    cwd: os.tmpdir(), // no .env from the repo is read
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PLAYGROUND: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => {
    out += c;
  });
  child.stderr.on('data', (c) => {
    out += c;
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const exited = ended.then((e) => e.code);
  bots.push({ child, exited });
  return { child, exited, ended, output: () => out };
}

/**
 * The port the bot itself reports listening on (started with PORT=0). A port picked beforehand
 * and probed from outside can be answered by another process on a busy machine, and a SIGTERM
 * sent then reaches this bot before it has installed its handler (exit code null, signal SIGTERM).
 * The line is logged in the same tick that installs the handler; /healthz is answered after it.
 */
async function listeningPort(p: ReturnType<typeof run>, timeoutMs = 60_000): Promise<number> {
  let port = 0;
  await waitFor(
    'the bot to log that it listens',
    () => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) throw new Error(`the bot exited before listening:\n${p.output()}`);
      const line = p
        .output()
        .split('\n')
        .slice(0, -1) // whole lines only
        .find((l) => l.includes('"msg":"bot listening"'));
      port = line ? Number(new URL((JSON.parse(line) as { url: string }).url).port) : 0;
      return port > 0;
    },
    timeoutMs,
    50,
  );
  return port;
}

describe('the bot process', () => {
  const temps: string[] = [];
  const temp = (prefix: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    temps.push(dir);
    return dir;
  };
  after(async () => {
    for (const b of bots)
      if (b.child.exitCode === null && b.child.signalCode === null) {
        b.child.kill('SIGKILL');
        await b.exited;
      }
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });
  it('stops with one line naming a bad setting', async () => {
    const p = run({ LOCAL_MODE: '1', PORT: 'eighty' });
    assert.equal(await p.exited, 1);
    assert.equal(p.output().trim(), 'Configuration error: PORT must be a whole number');
  });

  it('refuses to start open: no app id and no LOCAL_MODE stops with one line naming the setting, and the toolkit names it does not read', async () => {
    const p = run({ PORT: '0', BOT_ID: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b', BOT_PASSWORD: 'not-read' });
    assert.equal(await p.exited, 1);
    assert.match(
      p.output().trim(),
      /^Configuration error: MicrosoftAppId is required, or LOCAL_MODE=1 for anonymous local use \(BOT_ID and BOT_PASSWORD are not read[^\n]*\)$/,
    );
  });

  it("npm start's entry sets LOCAL_MODE and listens on 127.0.0.1 only", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'start-local.js')], {
      cwd: os.tmpdir(),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PLAYGROUND: '0',
        PORT: String(port),
        TABLES_CONNECTION_STRING: process.env.TEST_TABLES_CONNECTION_STRING,
        TABLE_PREFIX: `loc${process.pid}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      await waitForPort(port, '127.0.0.1', 30_000);
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { anonymous: boolean };
      assert.equal(health.anonymous, true);
      // Another address of this machine gets no answer (when it has one).
      const external = Object.values(os.networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      if (external) await assert.rejects(waitForPort(port, external.address, 500));
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('stops when an app id is set without a password', async () => {
    const p = run({ MicrosoftAppId: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b' });
    assert.equal(await p.exited, 1);
    assert.match(p.output(), /^Configuration error: MicrosoftAppPassword is required when MicrosoftAppId is set/m);
  });

  it('exits non-zero with a clear message when storage is unreachable at start', async () => {
    const dead = await freePort();
    const p = run({
      LOCAL_MODE: '1',
      PORT: '0',
      TABLES_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${dead}/devstoreaccount1;`,
    });
    assert.notEqual(await p.exited, 0);
    assert.match(p.output(), /Table Storage does not answer .*TABLES_CONNECTION_STRING/);
  });

  it('starts without the azurite package (npm ci --omit=dev) when TABLES_CONNECTION_STRING is set, never asking for it', async function () {
    this.timeout(120_000); // a start and a graceful stop, on a machine that may be busy
    const p = run(
      { LOCAL_MODE: '1', PORT: '0', TABLES_CONNECTION_STRING: process.env.TEST_TABLES_CONNECTION_STRING!, TABLE_PREFIX: uniquePrefix() },
      WITHOUT_AZURITE,
    );
    const port = await listeningPort(p);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { storage: boolean }).storage, true);
    p.child.kill('SIGTERM');
    assert.deepEqual(await p.ended, { code: 0, signal: null }, `a graceful stop, exit code 0; the bot said:\n${p.output()}`);
    assert.doesNotMatch(p.output(), /azurite was asked for/);
    assert.match(p.output(), /"msg":"bot listening"/, 'the hook was in place and the bot ran');
  });

  it('says in one line that azurite is missing when no storage is configured on a production install', async () => {
    const p = run({ LOCAL_MODE: '1', PORT: '0' }, WITHOUT_AZURITE);
    assert.equal(await p.exited, 1);
    assert.equal(
      p
        .output()
        .replace(/^azurite was asked for: .*\n/m, '')
        .trim(),
      'No Table Storage is configured and the azurite package is not installed: set TABLES_CONNECTION_STRING or TABLES_ACCOUNT_URL, or run `npm install` for local use',
    );
  });

  it('leaves no Azurite behind when the bot is killed outright', async () => {
    const [port, azuritePort] = [await freePort(), await freePort()];
    const p = run({ LOCAL_MODE: '1', PORT: String(port), AZURITE_PORT: String(azuritePort), DATA_DIR: temp('kb-data-') });
    await waitForPort(port, '127.0.0.1', 30_000);
    await waitForPort(azuritePort, '127.0.0.1', 1000);
    p.child.kill('SIGKILL');
    await p.exited;
    await waitFor(
      'Azurite to stop by itself',
      () =>
        waitForPort(azuritePort, '127.0.0.1', 200).then(
          () => false,
          () => true,
        ),
      5000,
      200,
    );
  });

  it('leaves no Agents Playground (nor its temp folder) behind when the bot is killed outright', async function () {
    this.timeout(90_000);
    const [port, azuritePort, playgroundPort] = [await freePort(), await freePort(), await freePort()];
    const tmp = temp('kb-tmp-'); // the bot's TMPDIR: the playground's working folder goes here
    const p = run({
      LOCAL_MODE: '1',
      PORT: String(port),
      AZURITE_PORT: String(azuritePort),
      DATA_DIR: temp('kb-data-'),
      PLAYGROUND: '1',
      PLAYGROUND_PORT: String(playgroundPort),
      TMPDIR: tmp,
    });
    let url = '';
    await waitFor('the playground to start', () => (url = /Agents Playground: (http:\/\/[0-9.]+:\d+)/.exec(p.output())?.[1] ?? '') !== '', 60_000, 100).catch(
      (err: Error) => {
        throw new Error(`${err.message}; the bot said:\n${p.output()}`);
      },
    );
    const uiPort = Number(new URL(url).port);
    await waitForPort(uiPort, '127.0.0.1', 1000);
    const workDirs = () => fs.readdirSync(tmp).filter((f) => f.startsWith('agents-playground-'));
    assert.equal(workDirs().length, 1, 'the playground works in a temp folder');
    p.child.kill('SIGKILL');
    await p.exited;
    await waitFor(
      'the playground to stop by itself',
      () =>
        waitForPort(uiPort, '127.0.0.1', 200).then(
          () => false,
          () => true,
        ),
      5000,
      100,
    );
    await waitFor('its temp folder to go', () => workDirs().length === 0, 5000, 100);
  });

  it('starts its own Azurite in LOCAL_MODE, keeps data under DATA_DIR, and stops both on SIGTERM', async function () {
    this.timeout(120_000);
    const azuritePort = await freePort();
    const dataDir = temp('kb-data-');
    const p = run({ LOCAL_MODE: '1', PORT: '0', AZURITE_PORT: String(azuritePort), DATA_DIR: dataDir });
    const port = await listeningPort(p);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    assert.ok(fs.readdirSync(path.join(dataDir, 'azurite')).length > 0, 'Azurite persisted its files');
    p.child.kill('SIGTERM');
    assert.deepEqual(await p.ended, { code: 0, signal: null }, `a graceful stop, exit code 0; the bot said:\n${p.output()}`);
    await assert.rejects(waitForPort(azuritePort, '127.0.0.1', 500), 'Azurite stopped with the bot');
  });
});
