import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TABLES, Tables } from '../../src/storage/tables';
import { writeBackup } from '../../src/storage/backup';
import { nonEmptyTables } from '../../src/storage/restore';
import { BackupError, manifestPathOf } from '../../src/storage/backupFormat';
import { backupCommand, restoreCommand } from '../../src/app/backupCommand';
import { cardOf, cardText, startHarness, uniquePrefix, type Harness } from '../support/harness';
import { OFFICER, OWNER } from '../support/personas';
import { pressInChannel } from '../support/forum';
import { GROUP_MEMBER, seedWorld, WORLD_ENV, type World } from '../support/verbWorld';

const CONN = () => process.env.TEST_TABLES_CONNECTION_STRING!;
const envFor = (prefix: string) => ({ TABLES_CONNECTION_STRING: CONN(), TABLE_PREFIX: prefix });

/** Every entity of every table, keys and typed properties, without the service's Timestamp and ETag. */
async function everyRow(prefix: string, names: readonly string[] = TABLES): Promise<Record<string, unknown[]>> {
  const tables = new Tables(CONN(), prefix);
  const out: Record<string, unknown[]> = {};
  for (const name of names) {
    const rows: unknown[] = [];
    try {
      for await (const e of tables.client(name).listEntities<Record<string, unknown>>({ disableTypeConversion: true })) {
        const { etag: _e, timestamp: _t, ...rest } = e;
        rows.push(rest);
      }
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
    out[name] = rows;
  }
  return out;
}

const rowCount = (rows: Record<string, unknown[]>) => Object.values(rows).reduce((n, r) => n + r.length, 0);

/** What a person sees: `mine meldinger` (owner), `oversikt` and the case card (officer), as card JSON. */
async function answers(h: Harness, w: World): Promise<Record<string, unknown>> {
  const first = async (who: typeof OWNER, text: string) => {
    const replies = await h.send(who, text);
    const card = replies.map(cardOf).find(Boolean);
    assert.ok(card, `${text}: a card (${JSON.stringify(replies).slice(0, 300)})`);
    return card;
  };
  return {
    mine: await first(OWNER, 'mine meldinger'),
    overview: await first(OFFICER, 'oversikt'),
    caseCard: await first(OFFICER, `vis ${w.report.reference}`),
  };
}

async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (err) {
    assert.ok(err instanceof BackupError, `a BackupError, not ${(err as Error).stack}`);
    return err.message;
  }
  assert.fail('the restore was not refused');
}

describe('backup and restore of a whole deployment', function () {
  this.timeout(240_000);
  const clock = { now: new Date('2026-12-01T09:00:00Z') };
  const source = uniquePrefix();
  const target = uniquePrefix();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-backup-'));
  let world: World;
  let answered: Record<string, unknown>;
  let sourceRows: Record<string, unknown[]>;
  let dataFile: string;
  const lines: string[] = [];

  before(async () => {
    const h = await startHarness({ ...WORLD_ENV, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, TABLE_PREFIX: source }, { now: () => clock.now });
    try {
      world = await seedWorld(h, OWNER);
      // A mark in the open vote, so the Votes table holds a row of a member.
      const mark = await pressInChannel(h, GROUP_MEMBER, '19:vest@thread.tacv2', 'vote.mark', {
        meetingId: world.meetingId,
        reportId: world.agendaReportId,
        v: world.voteId,
        mark: 'prioritise',
      });
      assert.equal(mark.status, 200);
      answered = await answers(h, world);
      // The answers carry the data: the owner's report and the case card name its reference.
      assert.match(cardText(answered.mine), new RegExp(world.report.reference));
      assert.match(cardText(answered.caseCard), new RegExp(world.report.reference));
    } finally {
      // Stopped before the backup, so nothing in the source moves while it is read.
      await h.stop();
    }
    sourceRows = await everyRow(source);
    await backupCommand(['--out', dir], envFor(source), (l) => lines.push(l));
    dataFile = path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.endsWith('.jsonl.gz'))!,
    );
  });

  after(async () => {
    await new Tables(CONN(), source).dropAll();
    await new Tables(CONN(), target).dropAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a manifest whose row counts per table are the tables as stored, with a checksum', () => {
    const manifest = JSON.parse(fs.readFileSync(manifestPathOf(dataFile), 'utf8'));
    assert.deepEqual(
      manifest.tables,
      TABLES.map((name) => ({ name, rows: sourceRows[name].length })),
    );
    assert.equal(manifest.rows, rowCount(sourceRows));
    for (const t of ['Rounds', 'Drafts', 'Reports', 'ReportIndex', 'Meetings', 'Votes', 'Roles', 'UsageReports', 'Conversations', 'Outbox'])
      assert.ok(sourceRows[t].length > 0, `the full cycle's data has rows in ${t}`);
    assert.match(manifest.sha256, /^[0-9a-f]{64}$/);
    assert.equal(manifest.bytes.compressed, fs.statSync(dataFile).size);
    assert.ok(manifest.bytes.raw > manifest.bytes.compressed);
    assert.equal(manifest.tablePrefix, source);
    assert.match(path.basename(dataFile), new RegExp(`^kompetansebot-${source}-\\d{4}-\\d{2}-\\d{2}T\\d{6}Z\\.jsonl\\.gz$`));
    assert.ok(lines.some((l) => l.includes(`${manifest.rows} rows`)));
  });

  it('restores into an empty deployment every row equal, types included, and the bot answers as before', async () => {
    const out: string[] = [];
    await restoreCommand([dataFile], envFor(target), (l) => out.push(l));
    const restored = await everyRow(target);
    assert.deepEqual(restored, sourceRows);
    assert.match(out.join('\n'), new RegExp(`Restored ${rowCount(sourceRows)} rows`));
    // The figures of a full cycle's data, for docs/deploy.md (Backups).
    console.log(`      ${[...lines, ...out].filter((l) => /^(Wrote|Restored)/.test(l)).join('\n      ')}`);

    const h = await startHarness({ ...WORLD_ENV, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, TABLE_PREFIX: target }, { now: () => clock.now });
    try {
      assert.deepEqual(await answers(h, world), answered);
    } finally {
      await h.stop();
    }
  });

  it('refuses a target that holds rows, writing nothing, and writes over it with --force', async () => {
    const held = await everyRow(target);
    assert.ok(rowCount(held) > 0);
    // One row changed in the target: --force must put the backup's version back.
    const tables = new Tables(CONN(), target);
    const round = held.Rounds[0] as { partitionKey: string; rowKey: string };
    await tables.client('Rounds').updateEntity({ partitionKey: round.partitionKey, rowKey: round.rowKey, changed: 'yes' }, 'Merge');
    const changed = await everyRow(target);

    const message = await refusal(restoreCommand([dataFile], envFor(target), () => {}));
    assert.match(message, /The target is not empty: .*Rounds.* already hold rows\. Nothing was written\./);
    assert.match(message, /--force/);
    assert.deepEqual(await everyRow(target), changed, 'nothing written');

    await restoreCommand([dataFile, '--force'], envFor(target), () => {});
    assert.deepEqual(await everyRow(target), sourceRows);
  });

  it('refuses a damaged data file (checksum) and a manifest whose counts differ, writing nothing', async () => {
    const copyDir = fs.mkdtempSync(path.join(dir, 'damaged-'));
    const copy = path.join(copyDir, path.basename(dataFile));
    const manifestCopy = manifestPathOf(copy);
    const bytes = fs.readFileSync(dataFile);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(copy, bytes);
    fs.copyFileSync(manifestPathOf(dataFile), manifestCopy);
    const empty = uniquePrefix();
    try {
      assert.match(await refusal(restoreCommand([copy], envFor(empty), () => {})), /^Checksum mismatch: .* Nothing was written/);

      fs.copyFileSync(dataFile, copy);
      const manifest = JSON.parse(fs.readFileSync(manifestCopy, 'utf8'));
      manifest.tables.find((t: { name: string }) => t.name === 'Reports').rows += 1;
      fs.writeFileSync(manifestCopy, JSON.stringify(manifest));
      assert.match(
        await refusal(restoreCommand([copy], envFor(empty), () => {})),
        /Row counts differ from the manifest \(Reports: manifest \d+, file \d+\)\. Nothing was written\./,
      );

      const tables = new Tables(CONN(), empty);
      await tables.ensure();
      assert.deepEqual(await nonEmptyTables(tables, TABLES), []);
    } finally {
      await new Tables(CONN(), empty).dropAll();
    }
  });

  it('puts the data file and then its manifest into a blob container (SAS kept, not printed), leaving no local copy', async () => {
    const puts: { url: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
    let answer = 201;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        puts.push({ url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        // Two calls: restify's patch of writeHead (loaded by the bot) does not return the response.
        res.writeHead(answer, answer === 201 ? {} : { 'x-ms-error-code': 'AuthorizationPermissionMismatch' });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const container = `http://127.0.0.1:${(server.address() as AddressInfo).port}/backups?sv=2021-08-06&sp=cw&sig=SECRET`;
    try {
      const out: string[] = [];
      await backupCommand(['--upload', container], envFor(source), (l) => out.push(l));
      assert.equal(puts.length, 2);
      const [data, manifest] = puts;
      assert.match(data.url, new RegExp(`^/backups/kompetansebot-${source}-[0-9TZ-]+\\.jsonl\\.gz\\?sv=2021-08-06&sp=cw&sig=SECRET$`));
      assert.equal(manifest.url, data.url.replace('.jsonl.gz', '.manifest.json'));
      for (const p of puts) assert.equal(p.headers['x-ms-blob-type'], 'BlockBlob');
      const described = JSON.parse(manifest.body.toString('utf8'));
      assert.equal(createHash('sha256').update(data.body).digest('hex'), described.sha256);
      assert.equal(described.rows, rowCount(sourceRows));
      assert.ok(out.some((l) => l.startsWith('Uploaded http://127.0.0.1:') && l.endsWith('.manifest.json')));
      assert.ok(!out.join('\n').includes('SECRET'), 'the SAS is never printed');
      const temp = /^Backing up .* to (.*)$/.exec(out[0])![1];
      assert.ok(!fs.existsSync(temp), 'the temporary copy is removed');

      answer = 403;
      await assert.rejects(
        backupCommand(['--upload', container], envFor(source), () => {}),
        /Blob Storage answered 403 \(AuthorizationPermissionMismatch\)/,
      );
    } finally {
      server.close();
    }
  });
});

describe('backup of typed properties', () => {
  it('keeps Int64, DateTime, Binary, Guid, Double, Int32, Boolean and String exactly', async () => {
    const source = uniquePrefix();
    const target = uniquePrefix();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-types-'));
    const from = new Tables(CONN(), source);
    try {
      await from.ensure(['Jobs']);
      await from.client('Jobs').createEntity({
        partitionKey: 'typed',
        rowKey: 'a/b#c?'.replace(/[/#?]/g, '_') + ' æøå',
        text: 'Blåbær\nsyltetøy 🫐',
        empty: '',
        yes: true,
        no: false,
        small: -7,
        fraction: 2.5,
        beyondInt32: 1_733_000_000_123,
        notANumber: { type: 'Double', value: 'NaN' },
        int64: { type: 'Int64', value: '9007199254740993' },
        when: { type: 'DateTime', value: '2027-01-02T03:04:05.1234567Z' },
        bytes: new Uint8Array([0, 1, 127, 128, 255]),
        id: { type: 'Guid', value: '6f1b6d0a-3b0e-4c1e-9a0a-2b1c3d4e5f60' },
      });
      // Stamps was never created (as a table a newer version adds): it is backed up as empty.
      const written = await writeBackup(from, { dir, prefix: source, appVersion: 'test', names: ['Jobs', 'Stamps'] });
      assert.deepEqual(written.manifest.tables, [
        { name: 'Jobs', rows: 1 },
        { name: 'Stamps', rows: 0 },
      ]);
      const to = new Tables(CONN(), target);
      await restoreCommand([written.dataFile], envFor(target), () => {});
      const [original] = (await everyRow(source, ['Jobs'])).Jobs as Record<string, { type: string; value: string }>[];
      const [restored] = (await everyRow(target, ['Jobs'])).Jobs as Record<string, { type: string; value: string }>[];
      assert.deepEqual(restored, original);
      assert.deepEqual(Object.fromEntries(Object.entries(restored).map(([k, v]) => [k, typeof v === 'object' ? v.type : 'key'])), {
        partitionKey: 'key',
        rowKey: 'key',
        text: 'String',
        empty: 'String',
        yes: 'Boolean',
        no: 'Boolean',
        small: 'Int32',
        fraction: 'Double',
        // The SDK reads a bare whole number as Int32; one beyond Int32's range is the service's Double.
        beyondInt32: 'Int32',
        notANumber: 'Double',
        int64: 'Int64',
        when: 'DateTime',
        bytes: 'Binary',
        id: 'Guid',
      });
      // Read as the app reads it (types converted by the SDK): the same values.
      const plain = async (t: Tables) => {
        const {
          etag: _e,
          timestamp: _t,
          'odata.metadata': _m,
          ...rest
        } = await t.client('Jobs').getEntity<Record<string, unknown>>('typed', String(original.rowKey));
        return rest;
      };
      const app = await plain(to);
      assert.deepEqual(app, await plain(from));
      assert.equal(app.int64, 9007199254740993n);
      assert.equal(app.beyondInt32, 1_733_000_000_123);
      assert.deepEqual([...(app.bytes as Uint8Array)], [0, 1, 127, 128, 255]);
    } finally {
      await from.dropAll();
      await new Tables(CONN(), target).dropAll();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
