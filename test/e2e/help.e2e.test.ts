import assert from 'node:assert/strict';
import { reportFailure, startE2E, type E2ESession } from './session';

// The whole chain a person uses locally: the real bot, Microsoft 365 Agents Playground in front of
// it, and the playground's web UI in headless Chromium.
describe('help in the personal chat, in Agents Playground (end to end)', function () {
  // A step waits at most 15 s (the driver's default); the whole test far less than this.
  this.timeout(60_000);

  let session: E2ESession | undefined;

  before(async function () {
    // Azurite, the bot, the playground and Chromium: a few seconds, more on a busy 2-core machine.
    this.timeout(90_000);
    session = await startE2E({ name: 'e2e' });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await reportFailure(this, session);
  });

  after(async function () {
    this.timeout(30_000);
    await session?.stop();
  });

  it('shows the Kompetansebot help card with a "Meld behov" button when the owner types "hjelp"', async () => {
    await session!.driver.openPersonalChat();
    await session!.driver.sendMessage('hjelp');
    await session!.driver.waitForCard('Kompetansebot');
    assert.match(await session!.driver.latestCardText(), /^Kompetansebot\b/, 'the card starts with its title');
    const buttons = await session!.driver.latestCardActions();
    assert.ok(buttons.includes('Meld behov'), `buttons on the card: ${buttons.join(', ')}`);
  });
});
