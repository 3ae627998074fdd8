import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { azuriteConnectionString, startAzurite, type Azurite } from '../../src/app/azurite';
import { Tables } from '../../src/storage/tables';
import { waitFor } from '../support/delivery';
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
    const direct = process.env.TEST_TABLES_CONNECTION_STRING!;
    // The first bot reaches storage through a gate that can hold its requests: the kill is then
    // known to land while submits are under way, after some of their writes and before the rest.
    const gate = await startStorageGate(Number(process.env.TEST_AZURITE_PORT), prefix);
    const env = { LOCAL_MODE: '1', TABLE_PREFIX: prefix, PLAYGROUND: '0', LOG_LEVEL: 'silent', SCHEDULER_TICK_MS: '0', RATE_LIMIT_BURST: '0' };
    const start = async (connectionString: string) => {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
        cwd: os.tmpdir(),
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, TABLES_CONNECTION_STRING: connectionString, PORT: String(port) },
        stdio: 'ignore',
      });
      await waitForPort(port, '127.0.0.1', 30_000);
      return { child, url: `http://127.0.0.1:${port}` };
    };
    const people = Array.from({ length: 12 }, (_, i) => `00000000-0000-4000-8000-0000000003${String(i).padStart(2, '0')}`);
    const activity = (aad: string, extra: object) => ({
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      locale: 'nb-NO',
      from: { id: `29:${aad}`, aadObjectId: aad },
      recipient: { id: '28:bot' },
      conversation: { id: `a:${aad}`, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      ...extra,
    });
    const post = (url: string, body: object) =>
      fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        .then((r) => r.text())
        .catch(() => '');
    const invoke = (url: string, aad: string, verb: string, data: object) =>
      post(url, activity(aad, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } } }));

    // Every owner completes the wizard; then all submit at once and the process is killed mid-way.
    const tables = new Tables(direct, prefix);
    let bot = await start(gate.connectionString);
    const drafts = new Map<string, string>();
    try {
      await Promise.all(
        people.map(async (aad) => {
          const draftId = randomUUID();
          drafts.set(aad, draftId);
          for (const step of STEP_ORDER) await invoke(bot.url, aad, 'report.next', { draftId, step, ...GOOD_INPUT[step] });
        }),
      );
      // A submit writes about ten rows (reference, report, version, event, indexes), so holding
      // storage after 1..48 of the 12 submits' writes stops some of them part-way.
      const letThrough = 1 + Math.floor(Math.random() * 48);
      const rowsBefore = await rowCount(tables);
      gate.holdAfter(letThrough);
      let answered = 0;
      const submits = people.map((aad) =>
        invoke(bot.url, aad, 'report.submit', { draftId: drafts.get(aad), step: 'review' }).then((text) => {
          if (/BM-\d{4}-\d{4}/.test(text)) answered++;
        }),
      );
      await waitFor('the submits to reach storage and be held there', () => gate.held() > 0, 30_000, 10);
      bot.child.kill('SIGKILL');
      await new Promise((r) => bot.child.once('exit', r));
      await Promise.allSettled(submits);
      assert.ok(answered < people.length, `a submit was in flight when the bot died (${answered} of ${people.length} had answered)`);
      assert.ok((await rowCount(tables)) > rowsBefore, `submits had written to storage before the bot died (${letThrough} writes let through)`);
      const torn = await halfWritten(tables);
      if (torn.length) console.log(`      (killed after ${letThrough} writes: ${torn.length} rows half-written, e.g. ${torn[0]})`);
    } finally {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
      await gate.stop();
    }

    // The owners press Submit again after the restart (Teams shows them the card still there).
    bot = await start(direct);
    try {
      const receipts = await Promise.all(people.map((aad) => invoke(bot.url, aad, 'report.submit', { draftId: drafts.get(aad), step: 'review' })));
      const references = receipts.map((r) => /BM-\d{4}-\d{4}/.exec(r)?.[0]);
      assert.ok(
        references.every(Boolean),
        `every owner gets a receipt: ${receipts
          .filter((r) => !/BM-/.test(r))
          .join(' | ')
          .slice(0, 500)}`,
      );
      assert.equal(new Set(references).size, people.length, 'no two reports share a reference');
      // Each report is whole: pressing again gives the same reference, and the report opens.
      const again = await Promise.all(people.map((aad) => invoke(bot.url, aad, 'report.submit', { draftId: drafts.get(aad), step: 'review' })));
      assert.deepEqual(
        again.map((r) => /BM-\d{4}-\d{4}/.exec(r)?.[0]),
        references,
      );
      const opened = await Promise.all(people.map((aad) => invoke(bot.url, aad, 'report.open', { reportId: drafts.get(aad) })));
      for (const o of opened) assert.match(o, /Lesing i alle fag/);
      assert.deepEqual(await halfWritten(tables), [], 'every report has all its rows, and no row lacks its report');
    } finally {
      bot.child.kill('SIGTERM');
      await new Promise((r) => bot.child.once('exit', r));
    }
  });
});

const REPORT_TABLES = ['Reports', 'ReportIndex', 'Events', 'Counters'];

async function rowCount(tables: Tables): Promise<number> {
  let n = 0;
  for (const table of REPORT_TABLES) for await (const _ of tables.client(table).listEntities()) n++;
  return n;
}

/**
 * Rows of a submitted report that lack their counterparts: a report without its first version,
 * its submitted event or its index rows, or a version, event, index row or reserved reference
 * without its report. Empty when every submit is whole.
 */
async function halfWritten(tables: Tables): Promise<string[]> {
  const rows = async (table: string) => {
    const out: Array<Record<string, unknown> & { partitionKey: string; rowKey: string }> = [];
    for await (const e of tables.client(table).listEntities<Record<string, unknown>>()) out.push(e as never);
    return out;
  };
  const [reportRows, indexRows, eventRows, counterRows] = await Promise.all(REPORT_TABLES.map(rows));
  const reports = reportRows.filter((r) => r.partitionKey.startsWith('r_'));
  const has = (list: typeof reportRows, pk: string, rk: string) => list.some((r) => r.partitionKey === pk && r.rowKey === rk);
  const reportIds = new Set(reports.map((r) => r.rowKey));
  const references = new Map(reports.map((r) => [String(r.reference), r.rowKey]));
  const problems: string[] = [];
  for (const r of reports) {
    const id = r.rowKey;
    if (!has(reportRows, `v_${id}`, '0001')) problems.push(`${r.reference}: no version 1`);
    if (!eventRows.some((e) => e.rowKey === `${id}_submitted_v1`)) problems.push(`${r.reference}: no submitted event`);
    if (!indexRows.some((x) => x.partitionKey === `ref_${r.reference}` && x.reportId === id)) problems.push(`${r.reference}: not found by its reference`);
    if (!indexRows.some((x) => x.partitionKey.startsWith('u_') && x.rowKey === id)) problems.push(`${r.reference}: not in its owner's list`);
    if (!indexRows.some((x) => x.partitionKey.startsWith('o_') && x.rowKey === id)) problems.push(`${r.reference}: not under its organisation`);
  }
  for (const v of reportRows.filter((x) => x.partitionKey.startsWith('v_')))
    if (!reportIds.has(v.partitionKey.slice(2))) problems.push(`version ${v.partitionKey} without its report`);
  for (const e of eventRows) if (!reportIds.has(String(e.reportId))) problems.push(`event ${e.rowKey} without its report`);
  for (const x of indexRows.filter((i) => /^(u|o)_/.test(i.partitionKey)))
    if (!reportIds.has(x.rowKey)) problems.push(`index ${x.partitionKey}/${x.rowKey} without its report`);
  for (const x of indexRows.filter((i) => i.partitionKey.startsWith('ref_')))
    if (references.get(x.partitionKey.slice(4)) !== x.reportId) problems.push(`reference ${x.partitionKey} without its report`);
  for (const c of counterRows.filter((i) => i.rowKey.startsWith('draft_')))
    if (!references.has(String(c.reference))) problems.push(`reserved ${c.reference} without a report`);
  return problems;
}

/**
 * An HTTP gate in front of Azurite for one bot. Everything passes until `holdAfter(n)`; from then on
 * it lets through n more writes to the report tables and holds every later request unanswered.
 */
async function startStorageGate(azuritePort: number, prefix: string) {
  const reportWrite = new RegExp(`^/devstoreaccount1/${prefix}(${REPORT_TABLES.join('|')})(\\(|\\?|$)`);
  let budget = Infinity;
  const held = new Set<http.IncomingMessage>();
  const server = http.createServer((req, res) => {
    if (budget <= 0) {
      held.add(req);
      req.socket.once('close', () => held.delete(req));
      return;
    }
    if (req.method !== 'GET' && reportWrite.test(req.url ?? '') && budget !== Infinity) {
      budget--;
    }
    const upstream = http.request({ host: '127.0.0.1', port: azuritePort, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    connectionString: azuriteConnectionString(port),
    holdAfter: (n: number) => {
      budget = n;
    },
    held: () => held.size,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
