import assert from 'node:assert/strict';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { FAST_DELIVERY, seedChannel, seedUser, userId, waitDrained, waitForArrivals, waitSettled } from '../support/delivery';
import { OFFICER, OWNER, TENANT } from '../support/personas';
import { TeamsConnector, type Fault } from '../support/teamsConnector';

const TEAM = '19:forum-team@thread.tacv2';
const CHANNEL = '19:ost@thread.tacv2';

describe('proactive delivery', function () {
  this.timeout(30_000);
  let h: Harness;
  let teams: TeamsConnector;

  before(async () => {
    teams = new TeamsConnector();
    await teams.start();
    h = await startHarness({ ...FAST_DELIVERY, DELIVERY_MAX_ATTEMPTS: '4', BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId });
  });
  after(async () => {
    await h.stop();
    await teams.stop();
  });
  beforeEach(() => {
    teams.fault = undefined;
  });

  const personal = (key: string, aad: string, text = key) =>
    h.app.services.deliver({ kind: 'personal', key, tenantId: TENANT, aadObjectId: aad, activity: { type: 'message', text } });

  it("posts a new channel thread, a reply in it and an update of its card, and keeps Teams' activity ids", async () => {
    await seedChannel(h.app.services.references, teams.url, TEAM, CHANNEL);
    const { deliver, outbox } = h.app.services;
    await deliver({ kind: 'thread', key: 'agenda:m1:ost', teamId: TEAM, channelId: CHANNEL, activity: { text: 'agenda m1' } });
    // Queued before the thread exists: waits for it instead of failing.
    await deliver({ kind: 'reply', key: 'agenda:m1:ost:item1', threadKey: 'agenda:m1:ost', activity: { text: 'item 1' } });
    await deliver({ kind: 'update', key: 'agenda:m1:ost:v2', of: 'agenda:m1:ost', activity: { text: 'agenda m1 (updated)' } });

    const root = await waitSettled(outbox, 'agenda:m1:ost');
    const reply = await waitSettled(outbox, 'agenda:m1:ost:item1');
    const update = await waitSettled(outbox, 'agenda:m1:ost:v2');
    assert.equal(root.status, 'sent');
    const thread = teams.arrivals.find((a) => a.tag === 'agenda m1')!;
    assert.equal(thread.kind, 'thread');
    assert.equal(root.activityId, thread.activityId);
    assert.equal(root.conversationId, `${CHANNEL};messageid=${thread.activityId}`);
    const replied = teams.arrivals.find((a) => a.tag === 'item 1')!;
    assert.equal(reply.status, 'sent');
    assert.equal(replied.conversationId, root.conversationId, 'the reply went into the thread');
    assert.equal(reply.activityId, replied.activityId);
    const updated = teams.arrivals.find((a) => a.tag === 'agenda m1 (updated)')!;
    assert.equal(update.status, 'sent');
    assert.equal(updated.kind, 'update');
    assert.equal(updated.activityId, root.activityId, 'the card of the first message was replaced');
  });

  it('sends once when the same key is delivered twice, also at the same moment', async () => {
    await seedUser(h.app.services.references, teams.url, userId(1));
    const receipts = await Promise.all([personal('remind:1', userId(1)), personal('remind:1', userId(1)), personal('remind:1', userId(1), 'another text')]);
    assert.equal(receipts.filter((r) => r.created).length, 1);
    await waitSettled(h.app.services.outbox, 'remind:1');
    const again = await personal('remind:1', userId(1));
    assert.equal(again.created, false);
    assert.equal(again.status, 'sent');
    await waitDrained(h.app.services.outbox, { tenantId: TENANT, aadObjectId: userId(1) });
    assert.equal(teams.arrivals.filter((a) => a.tag === 'remind:1').length, 1);
    assert.equal(teams.arrivals.filter((a) => a.tag === 'another text').length, 0);
  });

  it('delivers every message exactly once through 429s with and without Retry-After, 500, 503, timeouts and dropped connections', async () => {
    const faults: Array<[string, Fault]> = [
      ['429-after', { status: 429, retryAfter: '1' }],
      ['429-bare', { status: 429 }],
      ['500', { status: 500 }],
      ['503', { status: 503 }],
      ['412', { status: 412 }],
      ['slow', { slowMs: 2500, posted: 'if-caller-waits' }],
      ['dropped', { drop: 'before' }],
    ];
    const perFault = 4;
    const tags: string[] = [];
    const firstTry = new Map<string, number>();
    teams.fault = (req) => {
      const entry = faults.find(([name]) => req.tag.startsWith(`${name}#`));
      if (!entry || req.attempt > 1) return undefined;
      firstTry.set(req.tag, Date.now());
      return entry[1];
    };
    let n = 10;
    for (const [name] of faults) {
      for (let i = 0; i < perFault; i++) {
        const aad = userId(n++);
        await seedUser(h.app.services.references, teams.url, aad);
        tags.push(`${name}#${i}`);
        await personal(`fault:${name}:${i}`, aad, `${name}#${i}`);
      }
    }
    await waitForArrivals(teams, h.app.services.outbox, tags, 20_000);
    assert.deepEqual(
      teams.duplicates().filter((t) => tags.includes(t)),
      [],
      'no message arrived twice',
    );
    for (const [name] of faults) {
      for (let i = 0; i < perFault; i++) {
        const m = await h.app.services.outbox.get(`fault:${name}:${i}`);
        assert.equal(m?.status, 'sent', `${name}#${i} recorded as sent`);
        assert.equal(m?.attempts, 2, `${name}#${i} took one retry`);
        assert.equal(m?.inDoubt, ['slow', 'dropped', '500'].includes(name), `${name}#${i} in doubt only after a try that may have been posted`);
      }
    }
    // Retry-After: 1 was honoured.
    for (let i = 0; i < perFault; i++) {
      const arrived = teams.arrivals.find((a) => a.tag === `429-after#${i}`)!.at;
      assert.ok(arrived - firstTry.get(`429-after#${i}`)! >= 950, `429-after#${i} waited for Retry-After`);
    }
  });

  it('gives up after the bounded number of tries and records why, without the message body in the log', async () => {
    await seedUser(h.app.services.references, teams.url, userId(90));
    teams.fault = (req) => (req.tag === 'secret body 90' ? { status: 503 } : undefined);
    await personal('gives-up', userId(90), 'secret body 90');
    const m = await waitSettled(h.app.services.outbox, 'gives-up');
    assert.equal(m.status, 'failed');
    assert.equal(m.reason, 'gave-up');
    assert.equal(m.attempts, 4);
    assert.match(m.lastError ?? '', /HTTP 503/);
    assert.equal(teams.arrivals.filter((a) => a.tag === 'secret body 90').length, 0);
    assert.ok(h.logLines.some((l) => l.includes('"delivery failed"') && l.includes('gives-up')));
    assert.ok(!h.logLines.some((l) => l.includes('secret body 90')), 'the body is never logged');
  });

  it('does not retry when the user blocked the bot (403): the chat is marked stale and later messages fail without a send', async () => {
    const aad = userId(91);
    await seedUser(h.app.services.references, teams.url, aad);
    teams.fault = (req) => (req.conversation === `a:personal-${aad}` ? { status: 403 } : undefined);
    await personal('blocked:1', aad);
    const m = await waitSettled(h.app.services.outbox, 'blocked:1');
    assert.equal(m.status, 'failed');
    assert.equal(m.reason, 'blocked');
    assert.equal(m.attempts, 1);
    assert.equal((await h.app.services.references.personal(TENANT, aad))?.stale, true);
    const before = teams.requests;
    await personal('blocked:2', aad);
    const next = await waitSettled(h.app.services.outbox, 'blocked:2');
    assert.equal(next.reason, 'stale');
    assert.equal(teams.requests, before, 'nothing more was sent to Teams');
  });

  it('does not retry a channel that is gone (404) and marks it stale', async () => {
    const channel = '19:deleted@thread.tacv2';
    await seedChannel(h.app.services.references, teams.url, TEAM, channel);
    teams.fault = (req) => (req.conversation === channel ? { status: 404 } : undefined);
    await h.app.services.deliver({ kind: 'thread', key: 'gone:1', teamId: TEAM, channelId: channel, activity: { text: 'to a deleted channel' } });
    const m = await waitSettled(h.app.services.outbox, 'gone:1');
    assert.equal(m.reason, 'gone');
    assert.equal(m.attempts, 1);
    assert.equal((await h.app.services.references.get('channel', TENANT, channel, TEAM))?.stale, true);
  });

  it('fails at once, without sending, to a user who never installed the app', async () => {
    await personal('nobody:1', userId(999));
    const m = await waitSettled(h.app.services.outbox, 'nobody:1');
    assert.equal(m.reason, 'no-reference');
    assert.equal(m.attempts, 1);
  });

  // The limit of any design: when Teams took a message but its answer never came, nobody can tell
  // whether it was posted. The outbox sends again (a lost message is worse) and says so.
  it('sends again after an unanswered try that Teams had in fact posted, and flags the message as in doubt', async () => {
    const tags = ['late answer', 'cut after posting'];
    await seedUser(h.app.services.references, teams.url, userId(95));
    await seedUser(h.app.services.references, teams.url, userId(96));
    teams.fault = (req) =>
      req.attempt > 1 ? undefined : req.tag === tags[0] ? { slowMs: 2500, posted: 'at-once' } : req.tag === tags[1] ? { drop: 'after' } : undefined;
    await personal('doubt:1', userId(95), tags[0]);
    await personal('doubt:2', userId(96), tags[1]);
    const [a, b] = [await waitSettled(h.app.services.outbox, 'doubt:1'), await waitSettled(h.app.services.outbox, 'doubt:2')];
    assert.equal(a.inDoubt && b.inDoubt, true);
    assert.equal(teams.counts().get(tags[0]), 2);
    assert.equal(teams.counts().get(tags[1]), 2);
  });

  // Its own bot, connector and tables: the counts come from this scenario alone, written out below.
  describe('the delivery status command', () => {
    let status: Harness;
    let fake: TeamsConnector;
    const [DELIVERED, BLOCKED, NOT_INSTALLED] = [userId(501), userId(502), userId(503)];
    const GONE_CHANNEL = '19:status-gone@thread.tacv2';

    before(async () => {
      fake = new TeamsConnector();
      await fake.start();
      status = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId });
      const { references, deliver, outbox } = status.app.services;
      await seedUser(references, fake.url, DELIVERED);
      await seedUser(references, fake.url, BLOCKED);
      await seedChannel(references, fake.url, TEAM, GONE_CHANNEL);
      // 4 delivered (one of them only after a try cut off after Teams took it: in doubt), 3 not:
      // blocked (403), a deleted channel (404), a person who never installed the app.
      fake.fault = (req) =>
        req.conversation === `a:personal-${BLOCKED}`
          ? { status: 403 }
          : req.conversation === GONE_CHANNEL
            ? { status: 404 }
            : req.tag === 'ok 4' && req.attempt === 1
              ? { drop: 'after' }
              : undefined;
      const to = (key: string, aad: string) =>
        deliver({ kind: 'personal', key, tenantId: TENANT, aadObjectId: aad, activity: { type: 'message', text: key.replace(':', ' ') } });
      for (const n of [1, 2, 3, 4]) await to(`ok:${n}`, DELIVERED);
      await to('blocked:1', BLOCKED);
      await to('nobody:1', NOT_INSTALLED);
      await deliver({ kind: 'thread', key: 'gone:1', teamId: TEAM, channelId: GONE_CHANNEL, activity: { text: 'gone 1' } });
      for (const key of ['ok:1', 'ok:2', 'ok:3', 'ok:4', 'blocked:1', 'nobody:1', 'gone:1']) await waitSettled(outbox, key);
      await waitDrained(outbox);
    });
    after(async () => {
      await status.stop();
      await fake.stop();
    });

    it('shows the secretariat counts by status, the messages that may have come twice, and each failure with its reason', async () => {
      const [reply] = await status.send({ ...OFFICER, locale: 'nb-NO' }, 'leveringsstatus');
      const text = cardText(cardOf(reply));
      assert.match(text, /^Leveringsstatus\nMeldinger fra boten de siste 7 dagene\n/);
      assert.match(text, /\nVenter i kø\n0\nSendes nå\n0\nLevert\n4\nIkke levert\n3\nSendt på nytt etter et avbrudd \(kan ha kommet fram to ganger\)\n1\n/);
      const failures = text.slice(text.indexOf('Siste meldinger som ikke ble levert\n') + 'Siste meldinger som ikke ble levert\n'.length).split('\n');
      const reasons = Object.fromEntries(Array.from({ length: failures.length / 2 }, (_, i) => [failures[2 * i], failures[2 * i + 1]]));
      assert.deepEqual(reasons, {
        'blocked:1': 'Mottakeren har blokkert boten, eller boten er fjernet fra teamet',
        'gone:1': 'Samtalen eller meldingen finnes ikke lenger',
        'nobody:1': 'Appen er ikke installert hos mottakeren',
      });
    });

    it('answers in English to "delivery status"', async () => {
      const [reply] = await status.send({ ...OFFICER, locale: 'en-US' }, 'delivery status');
      assert.match(cardText(cardOf(reply)), /\nDelivered\n4\n/);
    });

    it('politely refuses anyone outside the secretariat', async () => {
      const [reply] = await status.send(OWNER, 'leveringsstatus');
      assert.equal(cardOf(reply), undefined);
      assert.match(reply.text, /bare tilgjengelig for sekretariatet/);
    });
  });
});
