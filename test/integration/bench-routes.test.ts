import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PROFILE_DIR } from '../../src/app/benchRoutes';
import { startHarness, type Harness } from '../support/harness';

/** A request with exactly these headers (fetch would not let a test set Host or leave out its own). */
function request(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

const noCors = (headers: http.IncomingHttpHeaders) => Object.keys(headers).filter((h) => h.startsWith('access-control-'));

describe('the /bench routes (local mode only)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.stop();
  });

  it('answers the benchmark on this machine, with no CORS header', async () => {
    const res = await request(`${h.app.url}/bench/counters`, 'GET');
    assert.equal(res.status, 200, res.body);
    assert.equal(typeof JSON.parse(res.body).total, 'number');
    assert.deepEqual(noCors(res.headers), []);
  });

  it('refuses any browser page (a request with an Origin) and a host name that is not local, with no CORS header', async () => {
    for (const [what, headers] of [
      ['an Origin of another site', { origin: 'https://evil.example' }],
      ['an Origin of this very address', { origin: h.app.url }],
      ['a cross-site fetch without Origin', { 'sec-fetch-site': 'cross-site' }],
      ['a rebound host name', { host: `evil.example:${h.app.port}` }],
    ] as const) {
      for (const [method, route] of [
        ['GET', '/bench/counters'],
        ['POST', '/bench/profile/start'],
      ] as const) {
        const res = await request(`${h.app.url}${route}`, method, headers);
        assert.equal(res.status, 403, `${what} ${method} ${route}: ${res.body}`);
        assert.deepEqual(noCors(res.headers), [], what);
      }
    }
  });

  it('writes a profile only into its fixed folder: a file= path from the query is refused and nothing is written there', async () => {
    const outside = path.join(os.tmpdir(), `bench-routes-${process.pid}-${Date.now()}.cpuprofile`);
    assert.equal((await request(`${h.app.url}/bench/profile/start`, 'POST')).status, 200);
    for (const query of [
      `file=${encodeURIComponent(outside)}`,
      `name=x&file=${encodeURIComponent(outside)}`,
      'name=../../escape',
      `name=${encodeURIComponent(outside)}`,
      'name=',
    ]) {
      const res = await request(`${h.app.url}/bench/profile/stop?${query}`, 'POST');
      assert.equal(res.status, 400, `${query}: ${res.body}`);
    }
    assert.equal(fs.existsSync(outside), false, 'nothing written where the query said');
    const name = `test-${process.pid}`;
    const res = await request(`${h.app.url}/bench/profile/stop?name=${name}`, 'POST');
    assert.equal(res.status, 200, res.body);
    const file = path.join(PROFILE_DIR, `${name}.cpuprofile`);
    assert.equal(JSON.parse(res.body).file, file);
    try {
      assert.ok(Array.isArray(JSON.parse(fs.readFileSync(file, 'utf8')).nodes), 'a CPU profile');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('does not exist with an app id', async () => {
    const prod = await startHarness({ MicrosoftAppId: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b', MicrosoftAppPassword: 'x', MicrosoftAppType: 'MultiTenant' });
    try {
      assert.equal((await request(`${prod.app.url}/bench/counters`, 'GET')).status, 404);
    } finally {
      await prod.stop();
    }
  });
});
