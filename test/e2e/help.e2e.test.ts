import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/app/childProcess';
import { startPlayground, type RunningPlayground } from '../../src/app/playground';
import { startApp, type RunningApp } from '../../src/app/start';
import { PlaygroundDriver, requireChromium } from './driver';

// The whole chain a person uses locally: the real bot, Microsoft 365 Agents Playground in front of
// it, and the playground's web UI in headless Chromium.
describe('help in the personal chat, in Agents Playground (end to end)', function () {
  // A step waits at most 15 s (the driver's default); the whole test far less than this.
  this.timeout(60_000);

  let app: RunningApp | undefined;
  let playground: RunningPlayground | undefined;
  let driver: PlaygroundDriver | undefined;
  let dataDir: string | undefined;
  const playgroundLog: string[] = [];

  before(async function () {
    // Azurite, the bot, the playground and Chromium: a few seconds, more on a busy 2-core machine.
    this.timeout(90_000);
    requireChromium();
    // The test run's Azurite when the global hook started one; else the app starts its own.
    const shared = process.env.TEST_TABLES_CONNECTION_STRING;
    dataDir = shared ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-data-'));
    app = await startApp({
      PORT: '0',
      MicrosoftAppId: '',
      TABLES_CONNECTION_STRING: shared ?? '',
      TABLE_PREFIX: `e2e${process.pid}x${Date.now() % 1e6}`,
      DATA_DIR: dataDir,
      AZURITE_PORT: shared ? undefined : String(await freePort()),
      PLAYGROUND: '0',
      LOG_LEVEL: 'error',
    });
    playground = await startPlayground({ botEndpoint: `${app.url}/api/messages`, log: (l) => playgroundLog.push(l) });
    driver = await PlaygroundDriver.launch(playground.url);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await driver?.screenshotOnFailure(this);
    process.stderr.write(`    last lines of the playground's log:\n${playgroundLog.slice(-20).join('\n')}\n`);
  });

  after(async function () {
    this.timeout(30_000);
    try {
      await driver?.close();
    } finally {
      try {
        await playground?.stop();
      } finally {
        await app?.stop();
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  });

  it('shows the Kompetansebot help card with a "Meld behov" button when the owner types "hjelp"', async () => {
    await driver!.openPersonalChat();
    await driver!.sendMessage('hjelp');
    await driver!.waitForCard('Kompetansebot');
    assert.match(await driver!.latestCardText(), /^Kompetansebot\b/, 'the card starts with its title');
    const buttons = await driver!.latestCardActions();
    assert.ok(buttons.includes('Meld behov'), `buttons on the card: ${buttons.join(', ')}`);
  });
});
