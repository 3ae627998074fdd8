import { strict as assert } from 'node:assert';
import { ExportLinks } from '../../src/export/links';
import { fakeClock, nowOf } from '../support/clock';

describe('signed export links', () => {
  const clock = fakeClock('2027-04-01T10:00:00Z');
  const links = new ExportLinks({ ttlMinutes: 15, now: nowOf(clock), baseUrl: () => 'https://bot.example.no/' });
  const who = { roundId: 'r2027', format: 'xlsx' as const, tenantId: 't1', aadObjectId: 'u1' };
  beforeEach(() => {
    clock.setSystemTime(new Date('2027-04-01T10:00:00Z'));
  });

  it('point at /exports/<token> on the public address and carry who and what', () => {
    const { url, token, expiresAt } = links.sign(who);
    assert.equal(url, `https://bot.example.no/exports/${token}`);
    assert.equal(expiresAt.toISOString(), '2027-04-01T10:15:00.000Z');
    const v = links.verify(token);
    assert.ok(v.ok);
    assert.deepEqual({ ...v.claims, expiresAt: undefined }, { ...who, expiresAt: undefined });
  });

  it('work until the last millisecond and are gone (410) after', () => {
    const { token } = links.sign(who);
    clock.tick(15 * 60_000);
    assert.equal(links.verify(token).ok, true);
    clock.tick(1);
    assert.deepEqual(links.verify(token), { ok: false, status: 410 });
  });

  it('refuse (404) a token whose claims were changed, e.g. to another person or round', () => {
    const { token } = links.sign(who);
    const [payload, sig] = token.split('.');
    for (const change of [{ aadObjectId: 'u2' }, { roundId: 'other' }, { format: 'csv' }]) {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = {
        ...claims,
        ...(change.aadObjectId ? { u: change.aadObjectId } : {}),
        ...(change.roundId ? { r: change.roundId } : {}),
        ...(change.format ? { f: change.format } : {}),
      };
      assert.deepEqual(links.verify(`${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`), { ok: false, status: 404 });
    }
  });

  it('refuse (404) tokens from another secret, garbage and path tricks', () => {
    const other = new ExportLinks({ secret: 'x'.repeat(32), ttlMinutes: 15, now: nowOf(clock), baseUrl: () => '' });
    assert.deepEqual(links.verify(other.sign(who).token), { ok: false, status: 404 });
    for (const bad of ['', 'abc', '../../etc/passwd', `${'A'.repeat(20)}.${'B'.repeat(43)}`, 'x'.repeat(5000)]) {
      assert.deepEqual(links.verify(bad), { ok: false, status: 404 }, bad.slice(0, 30));
    }
  });

  it('verify across instances that share a configured secret', () => {
    const a = new ExportLinks({ secret: 's'.repeat(40), ttlMinutes: 5, now: nowOf(clock), baseUrl: () => '' });
    const b = new ExportLinks({ secret: 's'.repeat(40), ttlMinutes: 5, now: nowOf(clock), baseUrl: () => '' });
    assert.equal(b.verify(a.sign(who).token).ok, true);
  });
});
