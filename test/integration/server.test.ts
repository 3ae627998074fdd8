import assert from 'node:assert/strict';
import { startAzurite } from '../../src/app/azurite';
import { freePort } from '../../src/app/childProcess';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { FOREIGN, OWNER, TENANT } from '../support/personas';

describe('the HTTP endpoint', () => {
  describe('anonymous (local) mode', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness();
    });
    after(async () => {
      await h.stop();
    });

    it('answers 400 to malformed JSON and keeps running', async () => {
      const res = await fetch(`${h.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message",' });
      assert.equal(res.status, 400);
      const health = await fetch(`${h.app.url}/healthz`);
      assert.equal(health.status, 200);
    });

    for (const [what, body] of [
      ['an empty object', {}],
      ['an array', [1, 2]],
      ['a number', 42],
      ['a type that is not text', { type: 7 }],
    ] as const) {
      it(`answers 400 to ${what}`, async () => {
        const res = await h.post(body as any);
        assert.equal(res.status, 400);
      });
    }

    it('says on /healthz that storage answers', async () => {
      const res = await fetch(`${h.app.url}/healthz`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', storage: true, anonymous: true });
    });

    it('logs that it runs without authentication', () => {
      assert.ok(h.logLines.some((l) => /accepts unauthenticated requests/.test(l)));
    });
  });

  describe('with an app id configured', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({
        MicrosoftAppId: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'MultiTenant',
      });
    });
    after(async () => {
      await h.stop();
    });

    it('refuses a request without a Bot Framework token with 401 and runs no handler', async () => {
      const res = await h.post({ ...h.personalActivity(OWNER), type: 'installationUpdate', action: 'add' });
      assert.equal(res.status, 401);
      assert.equal(await h.app.services.references.personal(TENANT, OWNER.aadObjectId), undefined, 'nothing stored');
    });

    it('refuses a forged token with 401', async () => {
      const res = await fetch(`${h.app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' },
        body: JSON.stringify({ ...h.personalActivity(OWNER), type: 'message', text: 'hjelp' }),
      });
      assert.equal(res.status, 401);
    });

    it('does not log the password', () => {
      assert.ok(!h.logLines.some((l) => l.includes('not-a-real-secret')));
    });
  });

  describe('with ALLOWED_TENANTS configured', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({ ALLOWED_TENANTS: TENANT.toUpperCase() });
    });
    after(async () => {
      await h.stop();
    });

    it('serves the configured tenant (configured in upper case): "hjelp" gets the help card', async () => {
      const replies = await h.send(OWNER, 'hjelp');
      assert.equal(replies.length, 1, 'one reply');
      const card = cardOf(replies[0]);
      assert.match(cardText(card), /Jeg hjelper barnehage- og skoleeiere/);
      assert.ok(
        card.actions.some((a: { verb: string }) => a.verb === 'report.new'),
        'with the "Meld behov" button',
      );
    });

    it('refuses another tenant before any handler runs, storing nothing', async () => {
      const res = await h.post({ ...h.personalActivity(FOREIGN), type: 'installationUpdate', action: 'add', deliveryMode: 'expectReplies' });
      assert.equal(res.status, 403);
      assert.equal(await h.app.services.references.personal(FOREIGN.tenantId, FOREIGN.aadObjectId), undefined);
    });
  });

  describe('when storage goes away', () => {
    it('answers 503 on /healthz and a friendly try-again card to the user', async () => {
      const azurite = await startAzurite({ port: await freePort() });
      const h = await startHarness({ TABLES_CONNECTION_STRING: azurite.connectionString });
      try {
        await azurite.stop();
        const res = await fetch(`${h.app.url}/healthz`);
        assert.equal(res.status, 503);
        assert.equal(((await res.json()) as { storage: boolean }).storage, false);
        const replies = await h.post({ ...h.personalActivity(OWNER), type: 'installationUpdate', action: 'add', deliveryMode: 'expectReplies' });
        const text = JSON.stringify(replies.body);
        assert.match(text, /Prøv igjen om litt/);
      } finally {
        await h.stop();
      }
    });
  });
});
