import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import zlib from 'node:zlib';
import { startAzurite } from '../../src/app/azurite';
import { freePort } from '../../src/app/childProcess';
import { rssMb, startBotProcess, type BotProcess } from '../../bench/common';
import { cardOf, startHarness, type Harness } from '../support/harness';
import { OFFICER, OTHER_OWNER, OWNER, TENANT } from '../support/personas';

/** A raw POST (node:http, so an early answer is read even while the body is still being sent). */
function rawPost(url: string, headers: Record<string, string>, body: Buffer | Iterable<Buffer>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/messages`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    // The server may close the connection while the rest is still being sent: the answer counts.
    req.on('error', (err) => reject(err));
    const chunks = Buffer.isBuffer(body) ? [body] : body;
    (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        if (!req.write(chunk))
          await new Promise((r) => {
            req.once('drain', r);
            req.once('close', r);
          });
      }
      req.end();
    })().catch(() => undefined);
  });
}

/**
 * A chunked POST over a bare socket, body chunk after chunk as fast as the server takes them, then
 * the end of the body; resolves when the server closes the connection. `sentAll`: every byte was
 * written; `error`: how the connection broke (ECONNRESET, EPIPE), if it did.
 */
function chunkedPost(port: number, chunks: Buffer[]): Promise<{ answer: string; sentAll: boolean; error?: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let sentAll = false;
    let error: string | undefined;
    socket.on('data', (c) => {
      answer += c.toString('utf8');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      error = err.code ?? err.message;
    });
    socket.on('close', () => resolve({ answer, sentAll, error }));
    const send = async () => {
      socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        if (!socket.write('\r\n'))
          await new Promise((r) => {
            socket.once('drain', r);
            socket.once('close', r);
          });
      }
      socket.end('0\r\n\r\n', () => {
        sentAll = true;
      });
    };
    socket.on('connect', () => void send());
  });
}

/**
 * A gzip body inflating to `inflatedMb` MB, made of repeated gzip members (each 1 MB of spaces),
 * which every gzip reader inflates one after another: a real bomb, cheap to build.
 */
function gzipBomb(inflatedMb: number): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(1024 * 1024, ' '), { level: 9 });
  return Buffer.concat(Array.from({ length: inflatedMb }, () => member));
}

const ONE_LINE_JSON_ERROR = /^\{"error":"[^"\n]+"\}$/;

describe('at the door: body limits, slow clients, channels', function () {
  this.timeout(120_000);

  describe('request bodies (the bot in this process)', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness();
    });
    after(async () => {
      await h.stop();
    });

    const install = () => ({ ...h.personalActivity(OWNER), type: 'installationUpdate', action: 'add', deliveryMode: 'expectReplies' });

    it('serves an activity of 200 KB', async () => {
      const activity = {
        ...h.personalActivity(OTHER_OWNER),
        type: 'installationUpdate',
        action: 'add',
        deliveryMode: 'expectReplies',
        padding: 'x'.repeat(200 * 1024),
      };
      const res = await rawPost(h.app.url, { 'content-type': 'application/json; charset=utf-8' }, Buffer.from(JSON.stringify(activity)));
      assert.equal(res.status, 200);
      assert.match(res.text, /Kompetansebot/);
    });

    it('refuses a body over 256 KB with 413 and one line of JSON, stores nothing, and keeps answering', async () => {
      const activity = { ...install(), padding: 'x'.repeat(300 * 1024) };
      const res = await rawPost(h.app.url, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(activity)));
      assert.equal(res.status, 413);
      assert.match(res.text, ONE_LINE_JSON_ERROR);
      assert.equal(await h.app.services.references.personal(TENANT, OWNER.aadObjectId), undefined, 'the install was not stored');
      assert.equal((await fetch(`${h.app.url}/healthz`)).status, 200);
    });

    it('counts the bytes that arrive, not content-length: 20 MB sent chunked without a length is cut off at the cap with 413', async () => {
      const mb = Buffer.alloc(1024 * 1024, ' ');
      const res = await chunkedPost(h.app.port, [Buffer.from('{"type":"message","text":"'), ...Array.from({ length: 20 }, () => mb)]);
      const [head, body] = res.answer.split('\r\n\r\n');
      assert.match(head, /^HTTP\/1\.1 413 /);
      assert.match(body, ONE_LINE_JSON_ERROR);
      // The server reads on and discards the rest (bounded by the request timeout) instead of
      // closing on the sender, so a client that sends its whole body before reading the answer gets it.
      assert.deepEqual({ sentAll: res.sentAll, error: res.error }, { sentAll: true, error: undefined }, 'the whole body was taken, no reset');
      assert.equal((await fetch(`${h.app.url}/healthz`)).status, 200);
    });

    // A body declared far past the cap (over 16 × 256 KB) is not worth reading: the 413 says
    // `connection: close` and the socket closes after it. The client reads the answer as long as it
    // waits for it before sending the body (as with `expect: 100-continue`); one that sends on
    // regardless may see its connection reset instead, which no server can prevent without reading
    // the whole body.
    it('answers a body declared at 100 MB with 413 and closes the connection, without waiting for it', async () => {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(h.app.port, '127.0.0.1');
        let text = '';
        socket.on('data', (c) => {
          text += c.toString('utf8');
        });
        socket.on('connect', () =>
          socket.write(`POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n`),
        );
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
        setTimeout(() => reject(new Error(`no answer within 10 s: ${text}`)), 10_000).unref();
      });
      assert.match(answer, /^HTTP\/1\.1 413 /);
      assert.match(answer, /\r\nconnection: close\r\n/i);
      assert.match(answer.split('\r\n\r\n')[1] ?? '', ONE_LINE_JSON_ERROR);
      assert.equal((await fetch(`${h.app.url}/healthz`)).status, 200);
    });

    for (const [what, headers] of [
      ['text/plain', { 'content-type': 'text/plain' }],
      ['no content type', {}],
      ['multipart/form-data', { 'content-type': 'multipart/form-data; boundary=x' }],
      ['application/x-www-form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['JSON in another charset', { 'content-type': 'application/json; charset=latin1' }],
      ['content-encoding gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
      ['content-encoding deflate', { 'content-type': 'application/json', 'content-encoding': 'deflate' }],
      ['content-encoding br', { 'content-type': 'application/json', 'content-encoding': 'br' }],
    ] as const) {
      it(`refuses ${what} with 415 and one line of JSON, storing nothing`, async () => {
        const body = JSON.stringify(install());
        const res = await rawPost(h.app.url, headers, Buffer.from(headers['content-encoding'] === 'gzip' ? zlib.gzipSync(body) : body));
        assert.equal(res.status, 415);
        assert.match(res.text, ONE_LINE_JSON_ERROR);
        assert.equal(await h.app.services.references.personal(TENANT, OWNER.aadObjectId), undefined);
      });
    }

    it('reads only the first 4 000 typed characters: 100 000 of markup or punctuation are answered at once', async () => {
      const [unknown] = await h.send(OTHER_OWNER, '<'.repeat(100_000));
      assert.equal(unknown?.text, 'Det forsto jeg ikke. Skriv «hjelp» for å se hva jeg kan gjøre.');
      // "hjelp" and 3 995 dots are what is read; the rest (ending in "x") is never looked at.
      const replies = await h.send(OTHER_OWNER, `hjelp${'.'.repeat(99_990)}x`);
      assert.match(JSON.stringify(cardOf(replies[replies.length - 1])), /Jeg hjelper barnehage- og skoleeiere/);
    });

    it('writes no upload to the temp folder for a multipart body', async () => {
      const before = new Set(fs.readdirSync(os.tmpdir()));
      const boundary = 'kbboundary';
      const part = Buffer.concat([
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`),
        Buffer.alloc(200 * 1024, 1),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await rawPost(h.app.url, { 'content-type': `multipart/form-data; boundary=${boundary}` }, part);
      assert.equal(res.status, 415);
      const added = fs.readdirSync(os.tmpdir()).filter((f) => !before.has(f) && /^upload_/.test(f));
      assert.deepEqual(added, [], 'no upload_* file written');
    });

    it('answers the export route and health probe without reading a body', async () => {
      const res = await fetch(`${h.app.url}/exports/not-a-token`, { method: 'GET' });
      assert.equal(res.status, 404);
      const post = await fetch(`${h.app.url}/exports/x`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--\r\n' });
      assert.equal(post.status, 405);
      assert.equal((await fetch(`${h.app.url}/healthz`)).status, 200);
    });
  });

  describe('slow clients', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({ HTTP_REQUEST_TIMEOUT_MS: '1000' });
    });
    after(async () => {
      await h.stop();
    });

    /** Opens a socket, sends `head`, then one byte every 100 ms for up to 20 s; resolves when the server closes it. */
    function trickle(head: string, byte: string): Promise<{ closedAfterMs: number; answer: string }> {
      return new Promise((resolve) => {
        const started = Date.now();
        const socket = net.connect(h.app.port, '127.0.0.1');
        let answer = '';
        let timer: NodeJS.Timeout | undefined;
        socket.on('data', (c) => {
          answer += c.toString('utf8');
        });
        socket.on('connect', () => {
          socket.write(head);
          timer = setInterval(() => {
            if (Date.now() - started > 20_000) socket.destroy();
            else if (!socket.destroyed && socket.writable) socket.write(byte);
          }, 100);
        });
        const done = () => {
          clearInterval(timer);
          resolve({ closedAfterMs: Date.now() - started, answer });
        };
        socket.on('close', done);
        socket.on('error', () => undefined);
      });
    }

    it('cuts off a client that sends the headers and then trickles the body, within the configured time', async () => {
      const r = await trickle('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{', ' ');
      // Configured 1 s, checked every 250 ms; the trickle itself would last 20 s.
      assert.ok(r.closedAfterMs < 10_000, `closed after ${r.closedAfterMs} ms`);
      assert.match(r.answer, /^HTTP\/1\.1 408/);
      assert.equal((await fetch(`${h.app.url}/healthz`)).status, 200);
    });

    it('cuts off a client that trickles its headers', async () => {
      const r = await trickle('POST /api/messages HTTP/1.1\r\nHost: x\r\n', 'X');
      assert.ok(r.closedAfterMs < 10_000, `closed after ${r.closedAfterMs} ms`);
    });
  });

  describe('gzip bombs and floods against the bot process', () => {
    let bot: BotProcess;
    before(async () => {
      bot = await startBotProcess({
        TABLES_CONNECTION_STRING: process.env.TEST_TABLES_CONNECTION_STRING!,
        TABLE_PREFIX: `door${process.pid}`,
        LOG_LEVEL: 'silent',
      });
      // The first activity loads botbuilder and the features, once per process (docs/benchmarks.md,
      // `startup`): done here, so the memory measured below is that of the bodies alone.
      const hello = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          channelId: 'msteams',
          text: 'hjelp',
          deliveryMode: 'expectReplies',
          serviceUrl: 'http://127.0.0.1:9/',
          from: { id: `29:${OWNER.aadObjectId}`, aadObjectId: OWNER.aadObjectId },
          recipient: { id: '28:bot' },
          conversation: { id: `a:${OWNER.aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
        }),
      });
      assert.equal(hello.status, 200);
    });
    after(async () => {
      await bot?.stop();
    });

    for (const [what, body, headers] of [
      ['a 1.5 MB gzip body that inflates to 1.5 GB', () => gzipBomb(1536), { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
      ['a 65 KB gzip body that inflates to 64 MB', () => gzipBomb(64), { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
      ['the same 65 KB bomb declared as x-gzip', () => gzipBomb(64), { 'content-type': 'application/json', 'content-encoding': 'x-gzip' }],
      ['the 1.5 MB bomb sent as plain JSON', () => gzipBomb(1536), { 'content-type': 'application/json' }],
    ] as const) {
      it(`refuses ${what} without growing, and stays up`, async () => {
        const payload = body();
        const rssBefore = rssMb(bot.pid);
        const res = await rawPost(bot.url, headers, payload).catch((err: Error) => ({ status: 0, text: err.message }));
        assert.ok([413, 415].includes(res.status), `got ${res.status} ${res.text}`);
        const health = await fetch(`${bot.url}/healthz`);
        assert.equal(health.status, 200, 'the process answers /healthz');
        const grown = rssMb(bot.pid) - rssBefore;
        process.stdout.write(
          `      ${(payload.length / 1024).toFixed(0)} KB → ${res.status}, RSS ${rssBefore.toFixed(0)} → ${(rssBefore + grown).toFixed(0)} MB\n`,
        );
        assert.ok(grown < 40, `RSS grew by ${grown.toFixed(0)} MB`);
      });
    }

    it('keeps its resident memory flat over 50 bodies of 256 KB sent at once', async () => {
      const rssBefore = rssMb(bot.pid);
      const body = Buffer.from(JSON.stringify({ type: 'message', channelId: 'msteams', text: 'x'.repeat(256 * 1024 - 100) }));
      assert.ok(body.length <= 256 * 1024);
      const results = await Promise.all(Array.from({ length: 50 }, () => rawPost(bot.url, { 'content-type': 'application/json' }, body)));
      assert.ok(
        results.every((r) => r.status > 0),
        'every request answered',
      );
      assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
      const grown = rssMb(bot.pid) - rssBefore;
      process.stdout.write(`      50 × 256 KB → RSS ${rssBefore.toFixed(0)} → ${(rssBefore + grown).toFixed(0)} MB\n`);
      assert.ok(grown < 80, `RSS grew by ${grown.toFixed(0)} MB`);
    });
  });

  describe('only Teams', () => {
    it("in local mode serves msteams and the emulators' channels, and refuses any other channel with 403 before anything runs", async () => {
      const h = await startHarness();
      try {
        for (const channelId of ['slack', 'telegram', 'MSTEAMS', '', undefined]) {
          const res = await h.post({ ...h.personalActivity(OWNER), type: 'installationUpdate', action: 'add', channelId, deliveryMode: 'expectReplies' });
          assert.equal(res.status, 403, `channel ${channelId}`);
          assert.match(JSON.stringify(res.body), /Only Microsoft Teams/);
        }
        assert.equal(await h.app.services.references.personal(TENANT, OWNER.aadObjectId), undefined);
        for (const channelId of ['emulator', 'webchat', 'directline', 'msteams']) {
          const replies = await h.send(OWNER, 'hjelp', { channelId });
          assert.ok(cardOf(replies[0]), `a help card on ${channelId}`);
        }
      } finally {
        await h.stop();
      }
    });

    it("with an app id refuses the emulator's channel with 403 before authentication", async () => {
      const h = await startHarness({
        MicrosoftAppId: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'MultiTenant',
      });
      const consoleError = console.error;
      console.error = () => undefined; // the SDK prints each refused token
      try {
        for (const channelId of ['emulator', 'webchat', 'slack']) {
          const res = await h.post({ ...h.personalActivity(OWNER), type: 'message', text: 'hjelp', channelId });
          assert.equal(res.status, 403, channelId);
        }
        assert.equal((await h.post({ ...h.personalActivity(OWNER), type: 'message', text: 'hjelp' })).status, 401, 'msteams goes on to authentication');
      } finally {
        console.error = consoleError;
        await h.stop();
      }
    });
  });

  describe('export links', () => {
    it('answer 503 (not the storage error) while storage is away, and no token is ever logged', async () => {
      const azurite = await startAzurite({ port: await freePort() });
      const clock = { now: new Date('2026-12-01T09:00:00Z') };
      const h = await startHarness(
        { TABLES_CONNECTION_STRING: azurite.connectionString, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, EXPORT_LINK_MINUTES: '10' },
        { now: () => clock.now },
      );
      try {
        const [reply] = await h.send(OFFICER, 'eksport 2027');
        const links: string[] = [];
        JSON.stringify(cardOf(reply), (k, v) => {
          if (k === 'url' && typeof v === 'string') links.push(v);
          return v;
        });
        const csv = links.find((l) => l.includes('/exports/'))!;
        assert.ok(csv, 'an export link');
        const token = csv.split('/exports/')[1];
        const local = csv.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:');
        assert.equal((await fetch(local)).status, 200);
        assert.equal((await fetch(`${local}x`)).status, 404);
        assert.equal((await fetch(local, { method: 'POST' })).status, 405);
        clock.now = new Date('2026-12-01T09:11:00Z');
        assert.equal((await fetch(local)).status, 410);
        clock.now = new Date('2026-12-01T09:01:00Z');

        await azurite.stop();
        const res = await fetch(local, { headers: { 'accept-language': 'en' } });
        assert.equal(res.status, 503);
        const text = await res.text();
        assert.equal(text, 'The export cannot be fetched right now. Try the link again in a little while.');

        const [payload, signature] = token.split('.');
        const leaked = h.logLines.filter((l) => l.includes(signature) || l.includes(payload));
        assert.deepEqual(leaked, [], 'no log line holds the token');
        assert.ok(h.logLines.some((l) => /export refused: storage unavailable/.test(l)));
      } finally {
        await h.stop();
        await azurite.stop().catch(() => undefined);
      }
    });
  });
});
