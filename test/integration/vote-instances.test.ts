import assert from 'node:assert/strict';
import sinon from 'sinon';
import { agendaItemOf, type Mark, type Meeting } from '../../src/domain/forum';
import { callCounts } from '../../src/storage/callCounter';
import { voterKey } from '../../src/storage/votes';
import { closeVote } from '../../src/teams/forum/closing';
import { openElectorRows } from '../../src/teams/forum/electorRows';
import { CHANNEL, FORUM, forumOf, grantMember, member, needsReport, pressInChannel, ROUND, seedRound, TEAM } from '../support/forum';
import { cardText, startHarness, uniquePrefix, type Harness } from '../support/harness';
import { OFFICER, TENANT, type Persona } from '../support/personas';

// Each instance keeps open votes' meetings, electors and tallies in memory (src/teams/forum/voteCache.ts,
// tallyCache.ts). Two instances on one storage: what one changes, the other must honour at the next press.
describe('voting with two bot instances on one storage', function () {
  this.timeout(120_000);
  let a: Harness;
  let b: Harness;
  const ANNE = member(1, 'Anne Medlem');
  const BJORN = member(2, 'Bjørn Medlem');
  const CROWD = Array.from({ length: 16 }, (_, i) => member(100 + i));
  let seq = 0;

  before(async () => {
    const prefix = uniquePrefix();
    const env = { TABLE_PREFIX: prefix, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, FORUM_RULES: '{"steps":"one"}' };
    a = await startHarness(env);
    b = await startHarness(env);
    await seedRound(a.app.services);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
  });

  /** A meeting of group vest with one item and its vote open, as the officer's cards leave it. */
  async function openVote(): Promise<{ meeting: Meeting; reportId: string }> {
    const s = a.app.services;
    const n = ++seq;
    const item = agendaItemOf({ id: `vi-report-${n}`, reference: `BM-2027-${String(7000 + n)}`, data: needsReport(n) }, ROUND.year);
    const at = new Date().toISOString();
    const meeting: Meeting = {
      id: `${Date.now()}-vi${n}`,
      forum: forumOf('vest'),
      group: 'vest',
      roundId: ROUND.id,
      title: `To instanser ${n}`,
      date: '2027-03-12',
      order: [item.reportId],
      revision: 0,
      posted: { teamId: TEAM, channelId: CHANNEL, parts: 1, revision: 0 },
      vote: { id: `v${n}`, status: 'open', openedAt: at, openedBy: { tenantId: TENANT, aadObjectId: OFFICER.aadObjectId } },
      createdBy: { tenantId: TENANT, aadObjectId: OFFICER.aadObjectId },
      createdAt: at,
    };
    await s.meetings.create(meeting);
    await s.meetings.putItem(meeting.id, item);
    await openElectorRows(s, meeting);
    return { meeting, reportId: item.reportId };
  }

  async function press(h: Harness, who: Persona, vote: { meeting: Meeting; reportId: string }, mark: Mark): Promise<string> {
    const res = await pressInChannel(h, who, CHANNEL, 'vote.mark', { meetingId: vote.meeting.id, reportId: vote.reportId, v: vote.meeting.vote!.id, mark });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return cardText(res.body.value);
  }

  const tallyIn = (text: string) => {
    const m = /Prioriter\n(\d+)\nIkke prioriter\n(\d+)\nAvstår\n(\d+)/.exec(text);
    assert.ok(m, text);
    return { prioritise: Number(m[1]), notPrioritise: Number(m[2]), abstain: Number(m[3]) };
  };

  it('refuses a press on one instance once the vote was closed on the other, and stores nothing', async () => {
    await Promise.all([grantMember(a.app.services, ANNE), grantMember(a.app.services, BJORN)]);
    const vote = await openVote();
    // B holds the open meeting from here on.
    assert.match(await press(b, ANNE, vote, 'prioritise'), /Markeringen din er lagret: Prioriter/);
    await closeVote(a.app.services, vote.meeting.id);
    assert.match(await press(b, BJORN, vote, 'not_prioritise'), /Avstemningen er lukket\. Markeringen ble ikke lagret/);
    assert.match(await press(b, ANNE, vote, 'abstain'), /Avstemningen er lukket\. Markeringen ble ikke lagret/);
    const stored = await b.app.services.votes.of(vote.meeting.id, vote.reportId);
    assert.deepEqual(
      stored.map((m) => [m.voterKey, m.mark]),
      [[voterKey(ANNE), 'prioritise']],
      'only the mark made before the close',
    );
    const [item] = await a.app.services.meetings.items((await a.app.services.meetings.get(FORUM, vote.meeting.id))!);
    assert.deepEqual(item.result!.counted, { [voterKey(ANNE)]: 'prioritise' });
  });

  it('refuses a member removed on one instance when they press on the other, and never counts them', async () => {
    await Promise.all([grantMember(a.app.services, ANNE), grantMember(a.app.services, BJORN)]);
    const vote = await openVote();
    // B reads the group (Bjørn a member) on Anne's press.
    assert.match(await press(b, ANNE, vote, 'prioritise'), /Markeringen din er lagret/);
    await a.app.services.roles.revoke(BJORN, forumOf('vest'), 'member', 'vest');
    const text = await press(b, BJORN, vote, 'prioritise');
    assert.match(text, /Bare registrerte medlemmer av .* kan stemme her\. Markeringen ble ikke lagret/);
    assert.deepEqual(tallyIn(text), { prioritise: 1, notPrioritise: 0, abstain: 0 }, 'the card shows only the stored marks');
    assert.deepEqual(
      (await a.app.services.votes.of(vote.meeting.id, vote.reportId)).map((m) => m.voterKey),
      [voterKey(ANNE)],
    );
    await closeVote(b.app.services, vote.meeting.id);
    const [item] = await b.app.services.meetings.items((await b.app.services.meetings.get(FORUM, vote.meeting.id))!);
    assert.deepEqual(item.result!.counted, { [voterKey(ANNE)]: 'prioritise' });
    await grantMember(a.app.services, BJORN);
  });

  it('gives a member added on one instance while the vote is open a row, so their press on the other is saved and counted', async () => {
    await Promise.all([grantMember(a.app.services, ANNE), grantMember(a.app.services, BJORN)]);
    const vote = await openVote();
    const late = member(300, 'Lise Sen');
    // B holds the open vote and the group as it was before Lise came.
    assert.match(await press(b, ANNE, vote, 'prioritise'), /Markeringen din er lagret/);
    assert.equal(await b.app.services.votes.hasRow(vote.meeting.id, vote.reportId, late), false);
    await grantMember(a.app.services, late);
    assert.equal(await b.app.services.votes.hasRow(vote.meeting.id, vote.reportId, late), true, 'the grant wrote her row');
    assert.match(await press(b, late, vote, 'not_prioritise'), /Markeringen din er lagret: Ikke prioriter/);
    await closeVote(a.app.services, vote.meeting.id);
    const [item] = await a.app.services.meetings.items((await a.app.services.meetings.get(FORUM, vote.meeting.id))!);
    assert.deepEqual(item.result!.counted, { [voterKey(ANNE)]: 'prioritise', [voterKey(late)]: 'not_prioritise' });
    assert.equal(await a.app.services.votes.hasRow(vote.meeting.id, vote.reportId, late), false, 'the close took every row');
    assert.deepEqual(
      (await a.app.services.votes.marksBy(late)).map((m) => [m.meetingId, m.mark]),
      [[vote.meeting.id, 'not_prioritise']],
      'the close indexed her mark for "mine data"',
    );
    // Added after the close: no row, and a press is refused.
    await grantMember(a.app.services, member(301));
    assert.equal(await a.app.services.votes.hasRow(vote.meeting.id, vote.reportId, member(301)), false);
    assert.match(await press(b, member(301), vote, 'prioritise'), /Avstemningen er lukket\. Markeringen ble ikke lagret/);
  });

  it('stores a mark with one storage call once the instance holds the open vote', async () => {
    await Promise.all([grantMember(a.app.services, ANNE), grantMember(a.app.services, BJORN)]);
    const vote = await openVote();
    assert.match(await press(b, ANNE, vote, 'prioritise'), /Markeringen din er lagret/);
    const before = callCounts().byLabel['vote.mark'] ?? { turns: 0, calls: 0 };
    assert.match(await press(b, BJORN, vote, 'abstain'), /Markeringen din er lagret: Avstår/);
    const after = callCounts().byLabel['vote.mark']!;
    assert.equal(after.turns - before.turns, 1);
    assert.equal(after.calls - before.calls, 1, "the merge on the presser's own row, nothing else");
    assert.deepEqual((await a.app.services.votes.of(vote.meeting.id, vote.reportId)).map((m) => m.mark).sort(), ['abstain', 'prioritise']);
  });

  it('freezes the mark a voter changed while the close was taking their row (412: read again, retry)', async () => {
    await Promise.all([grantMember(a.app.services, ANNE), grantMember(a.app.services, BJORN)]);
    const vote = await openVote();
    assert.match(await press(b, ANNE, vote, 'prioritise'), /Markeringen din er lagret/);
    assert.match(await press(b, BJORN, vote, 'prioritise'), /Markeringen din er lagret/);
    // Anne changes her mark on B after A's close read her row and before it deletes it.
    const client = a.app.services.tables.client('Votes');
    const del = sinon.stub(client, 'deleteEntity');
    let changed = false;
    del.callsFake(async (...args) => {
      if (!changed && args[1] === voterKey(ANNE)) {
        changed = true;
        assert.match(await press(b, ANNE, vote, 'not_prioritise'), /Markeringen din er lagret: Ikke prioriter/);
      }
      return del.wrappedMethod.apply(client, args);
    });
    try {
      await closeVote(a.app.services, vote.meeting.id);
    } finally {
      del.restore();
    }
    assert.ok(changed);
    const [item] = await a.app.services.meetings.items((await a.app.services.meetings.get(FORUM, vote.meeting.id))!);
    assert.deepEqual(item.result!.counted, { [voterKey(ANNE)]: 'not_prioritise', [voterKey(BJORN)]: 'prioritise' }, 'her last mark counts');
    assert.equal(await a.app.services.votes.hasRow(vote.meeting.id, vote.reportId, ANNE), false);
    assert.match(await press(b, ANNE, vote, 'abstain'), /Avstemningen er lukket\. Markeringen ble ikke lagret/);
  });

  it('shows on both instances, once the presses settle, exactly the tally of the stored marks', async () => {
    await Promise.all(CROWD.map((p) => grantMember(a.app.services, p)));
    const vote = await openVote();
    const marks: Mark[] = ['prioritise', 'not_prioritise', 'abstain'];
    // Two waves, half of the crowd on each instance, everyone changing their mark in the second.
    for (const wave of [0, 1]) {
      const answers = await Promise.all(CROWD.map((p, i) => press(i % 2 ? a : b, p, vote, marks[(i + wave) % 3])));
      for (const [i, text] of answers.entries()) assert.match(text, /Markeringen din er lagret/, `${CROWD[i].name}: ${text.slice(0, 120)}`);
    }
    const stored = await a.app.services.votes.of(vote.meeting.id, vote.reportId);
    assert.equal(stored.length, CROWD.length, 'one mark per member');
    const expected = { prioritise: 0, notPrioritise: 0, abstain: 0 };
    for (const m of stored) expected[m.mark === 'not_prioritise' ? 'notPrioritise' : (m.mark as 'prioritise' | 'abstain')]++;
    assert.deepEqual(expected, { prioritise: 5, notPrioritise: 6, abstain: 5 }, 'the stored marks are the second wave');
    // Each instance's live tally catches up with the other's marks within its refresh interval.
    await new Promise((r) => setTimeout(r, 400));
    for (const [h, who] of [
      [a, CROWD[1]],
      [b, CROWD[0]],
    ] as const) {
      const mark = marks[(CROWD.indexOf(who) + 1) % 3];
      assert.deepEqual(tallyIn(await press(h, who, vote, mark)), expected, 'a press shows the stored tally');
      await new Promise((r) => setTimeout(r, 400));
      assert.deepEqual(tallyIn(await press(h, who, vote, mark)), expected, 'after the refresh too');
    }
    await closeVote(a.app.services, vote.meeting.id);
    const [item] = await a.app.services.meetings.items((await a.app.services.meetings.get(FORUM, vote.meeting.id))!);
    assert.deepEqual(item.result!.tally, { ...expected, conflict: 0, total: CROWD.length });
  });
});
