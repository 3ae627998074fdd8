import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAzurite, type Azurite } from '../../src/app/azurite';
import { freePort, waitForPort } from '../../src/app/childProcess';
import { ROOT } from '../../src/app/paths';
import { cardText, startHarness, uniquePrefix } from '../support/harness';
import { OWNER, TENANT } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, passOwnerSteps, press, startReport, STEP_ORDER } from '../support/wizard';

// Faults a user can meet: storage gone in the middle of the dialog, the bot killed in the middle
// of submitting. Nothing half-written, nothing lost beyond the last completed step.
describe('faults', function () {
  this.timeout(120_000);

  it('keeps the card and the draft when storage goes away mid-dialog, and continues when it is back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-faults-'));
    const port = await freePort();
    let azurite: Azurite = await startAzurite({ port, location: dir });
    const h = await startHarness({ TABLES_CONNECTION_STRING: azurite.connectionString });
    const person = { tenantId: TENANT, aadObjectId: OWNER.aadObjectId };
    try {
      let card = await startReport(h, OWNER);
      card = await passOwnerSteps(h, OWNER, card);
      card = await press(h, OWNER, card, 'report.next', GOOD_INPUT.measure);
      const draftId = actionData(card, 'report.next').draftId as string;
      await azurite.stop();

      const refused = await press(h, OWNER, card, 'report.next', GOOD_INPUT.targets);
      // A text answer leaves the pressed card (and everything typed on it) in place.
      assert.match(refused.message ?? '', /Prøv igjen om litt/);

      azurite = await startAzurite({ port, location: dir });
      const draft = await h.app.services.drafts.get<{ report: Record<string, unknown> }>(person, draftId);
      assert.equal(draft?.data.report.title, GOOD_INPUT.measure.title, 'the completed steps are kept');
      assert.equal(draft?.data.report.participants, undefined, 'nothing of the failed step was written');
      const next = await press(h, OWNER, card, 'report.next', GOOD_INPUT.targets);
      assert.match(cardText(next), /Steg 5 av 8/);
    } finally {
      await h.stop();
      await azurite.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves no half-written report and no duplicate reference when the bot is killed during submits', async () => {
    const prefix = uniquePrefix();
    const env = { TABLES_CONNECTION_STRING: process.env.TEST_TABLES_CONNECTION_STRING!, TABLE_PREFIX: prefix, PLAYGROUND: '0', LOG_LEVEL: 'silent', SCHEDULER_TICK_MS: '0', RATE_LIMIT_BURST: '0' };
    const start = async () => {
      const port = await freePort();
      const child = spawn(process.execPath, ['--no-deprecation', path.join(ROOT, 'dist', 'src', 'index.js')], {
        cwd: os.tmpdir(), env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, PORT: String(port) }, stdio: 'ignore',
      });
      await waitForPort(port, '127.0.0.1', 30_000);
      return { child, url: `http://127.0.0.1:${port}` };
    };
    const people = Array.from({ length: 12 }, (_, i) => `00000000-0000-4000-8000-0000000003${String(i).padStart(2, '0')}`);
    const activity = (aad: string, extra: object) => ({
      id: randomUUID(), channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', locale: 'nb-NO',
      from: { id: `29:${aad}`, aadObjectId: aad }, recipient: { id: '28:bot' },
      conversation: { id: `a:${aad}`, conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: TENANT } }, ...extra,
    });
    const post = (url: string, body: object) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then((r) => r.text()).catch(() => '');
    const invoke = (url: string, aad: string, verb: string, data: object) =>
      post(url, activity(aad, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } } }));

    // Every owner completes the wizard; then all submit at once and the process is killed mid-way.
    let bot = await start();
    const drafts = new Map<string, string>();
    await Promise.all(people.map(async (aad) => {
      const draftId = randomUUID();
      drafts.set(aad, draftId);
      for (const step of STEP_ORDER) await invoke(bot.url, aad, 'report.next', { draftId, step, ...GOOD_INPUT[step] });
    }));
    const submits = people.map((aad) => invoke(bot.url, aad, 'report.submit', { draftId: drafts.get(aad), step: 'review' }));
    await new Promise((r) => setTimeout(r, 60));
    bot.child.kill('SIGKILL');
    await Promise.allSettled(submits);

    // The owners press Submit again after the restart (Teams shows them the card still there).
    bot = await start();
    try {
      const receipts = await Promise.all(people.map((aad) => invoke(bot.url, aad, 'report.submit', { draftId: drafts.get(aad), step: 'review' })));
      const references = receipts.map((r) => /BM-\d{4}-\d{4}/.exec(r)?.[0]);
      assert.ok(references.every(Boolean), `every owner gets a receipt: ${receipts.filter((r) => !/BM-/.test(r)).join(' | ').slice(0, 500)}`);
      assert.equal(new Set(references).size, people.length, 'no two reports share a reference');
      // Each report is whole: pressing again gives the same reference, and the report opens.
      const again = await Promise.all(people.map((aad) => invoke(bot.url, aad, 'report.submit', { draftId: drafts.get(aad), step: 'review' })));
      assert.deepEqual(again.map((r) => /BM-\d{4}-\d{4}/.exec(r)?.[0]), references);
      const opened = await Promise.all(people.map((aad) => invoke(bot.url, aad, 'report.open', { reportId: drafts.get(aad) })));
      for (const o of opened) assert.match(o, /Lesing i alle fag/);
    } finally {
      bot.child.kill('SIGTERM');
      await new Promise((r) => bot.child.once('exit', r));
    }
  });
});
