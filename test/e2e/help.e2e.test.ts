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
  // Starting Azurite, the bot, the playground and Chromium takes a few seconds on 2 cores.
  this.timeout(120_000);

  let app: RunningApp | undefined;
  let playground: RunningPlayground | undefined;
  let driver: PlaygroundDriver | undefined;
  let dataDir: string | undefined;
  const logs: string[] = [];

  before(async function () {
    requireChromium();
    // Uses the test run's Azurite when the global hook started one, else the app starts its own.
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
      LOG_LEVEL: 'warn',
    });
    playground = await startPlayground({ botEndpoint: `${app.url}/api/messages`, log: (l) => logs.push(l) });
    driver = await PlaygroundDriver.launch(playground.url);
  });

  afterEach(async function () {
    await driver?.screenshotOnFailure(this);
    if (this.currentTest?.state === 'failed' && logs.length) process.stderr.write(`    playground log:\n${logs.slice(-20).join('\n')}\n`);
  });

  after(async function () {
    await driver?.close();
    await playground?.stop();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the Kompetansebot help card with "Meld behov" when the owner types "hjelp"', async () => {
    await driver!.openPersonalChat();
    await driver!.sendMessage('hjelp');
    await driver!.waitForCard('Kompetansebot');
    assert.match(await driver!.latestCardText(), /Kompetansebot/);
    assert.ok((await driver!.latestCardActions()).includes('Meld behov'), `buttons: ${(await driver!.latestCardActions()).join(', ')}`);
  });
});
