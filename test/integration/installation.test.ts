import assert from 'node:assert/strict';
import { BOT_ID, cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OWNER, TENANT, type Persona } from '../support/personas';

const TEAM_ID = '19:forum-team@thread.tacv2';

describe('installation capture', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
  });

  const personalInstall = (action: 'add' | 'remove', who: Persona = OWNER) => ({
    ...h.personalActivity(who),
    type: 'installationUpdate',
    action,
    deliveryMode: 'expectReplies',
  });
  const teamEvent = (extra: Record<string, unknown>, teamId = TEAM_ID) => ({
    ...h.personalActivity(OWNER),
    conversation: { id: teamId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    deliveryMode: 'expectReplies',
    ...extra,
    channelData: { tenant: { id: TENANT }, team: { id: teamId, name: 'Samarbeidsforum Oslo og Viken' }, ...((extra.channelData as object) ?? {}) },
  });

  it('welcomes a user once and stores their personal chat, even when Teams sends two install events', async () => {
    const first = await h.post(personalInstall('add'));
    const second = await h.post({ ...h.personalActivity(OWNER), type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }], deliveryMode: 'expectReplies' });
    const replies = [...first.body.activities, ...second.body.activities];
    assert.equal(replies.length, 1, 'exactly one welcome');
    assert.match(cardText(cardOf(replies[0])), /Velkommen/);
    const stored = await h.app.services.references.personal(TENANT, OWNER.aadObjectId);
    assert.equal(stored?.ref.serviceUrl, h.connector.url);
    assert.equal(stored?.ref.conversation.id, `a:personal-${OWNER.aadObjectId}`);
    assert.equal(stored?.stale, false);
  });

  // Self-contained: two people of its own install, one removes the app; only that chat is forgotten.
  it('forgets the personal chat when the app is removed', async () => {
    const leaving: Persona = { name: 'Anne Fjerner', aadObjectId: '00000000-0000-4000-8000-000000000701', tenantId: TENANT };
    const staying: Persona = { name: 'Bo Blir', aadObjectId: '00000000-0000-4000-8000-000000000702', tenantId: TENANT };
    const { references } = h.app.services;
    for (const who of [leaving, staying]) {
      assert.equal((await h.post(personalInstall('add', who))).status, 200);
      assert.equal((await references.personal(TENANT, who.aadObjectId))?.stale, false, `${who.name}'s chat stored on install`);
    }
    const res = await h.post(personalInstall('remove', leaving));
    assert.equal(res.status, 200);
    assert.equal(await references.personal(TENANT, leaving.aadObjectId), undefined, 'the chat of the one who removed the app is gone');
    assert.equal((await references.personal(TENANT, staying.aadObjectId))?.ref.conversation.id, `a:personal-${staying.aadObjectId}`, "the other's is kept");
  });

  it('stores a team and each of its channels on install, and welcomes in the channel without report buttons', async () => {
    h.connector.channels.set(TEAM_ID, [
      { id: TEAM_ID },
      { id: '19:ost@thread.tacv2', name: 'Arbeidsgruppe Øst' },
      { id: '19:vest@thread.tacv2', name: 'Arbeidsgruppe Vest' },
    ]);
    const res = await h.post(teamEvent({ type: 'installationUpdate', action: 'add' }));
    const card = cardOf(res.body.activities[0]);
    assert.match(cardText(card), /Velkommen/);
    assert.equal(card.actions.length, 0);
    assert.match(cardText(card), /skriver du @Kompetansebot foran ordet/, 'in a channel the bot hears only what @mentions it');
    const rows = await h.app.services.references.team(TEAM_ID);
    const names = rows
      .filter((r) => r.kind === 'channel')
      .map((r) => r.name)
      .sort();
    assert.deepEqual(names, ['Arbeidsgruppe Vest', 'Arbeidsgruppe Øst', 'General']);
    assert.ok(rows.some((r) => r.kind === 'team' && r.name === 'Samarbeidsforum Oslo og Viken'));
    assert.equal(rows.find((r) => r.id === '19:ost@thread.tacv2')?.ref.conversation.id, '19:ost@thread.tacv2');
  });

  it('follows channels being created, renamed and deleted, and the team being renamed', async () => {
    const channelEvent = (eventType: string, channel: object) => h.post(teamEvent({ type: 'conversationUpdate', channelData: { eventType, channel } }));
    await channelEvent('channelCreated', { id: '19:nord@thread.tacv2', name: 'Arbeidsgruppe Nord' });
    await channelEvent('channelRenamed', { id: '19:ost@thread.tacv2', name: 'Arbeidsgruppe Øst og Innlandet' });
    await channelEvent('channelDeleted', { id: '19:vest@thread.tacv2', name: 'Arbeidsgruppe Vest' });
    await h.post(teamEvent({ type: 'conversationUpdate', channelData: { eventType: 'teamRenamed', team: { id: TEAM_ID, name: 'Forum Østlandet' } } }));
    const rows = await h.app.services.references.team(TEAM_ID);
    const names = rows
      .filter((r) => r.kind === 'channel')
      .map((r) => r.name)
      .sort();
    assert.deepEqual(names, ['Arbeidsgruppe Nord', 'Arbeidsgruppe Øst og Innlandet', 'General']);
    assert.equal(rows.find((r) => r.kind === 'team')?.name, 'Forum Østlandet');
  });

  // Self-contained: two teams of its own with channels; the app is removed from one of them.
  it('forgets the team and its channels when the app is removed from it', async () => {
    const [leaving, staying] = ['19:leaving-team@thread.tacv2', '19:staying-team@thread.tacv2'];
    const { references } = h.app.services;
    for (const team of [leaving, staying]) {
      h.connector.channels.set(team, [{ id: team }, { id: `19:${team.slice(3, 8)}-a@thread.tacv2`, name: 'Arbeidsgruppe A' }]);
      assert.equal((await h.post(teamEvent({ type: 'installationUpdate', action: 'add' }, team))).status, 200);
      const kinds = (await references.team(team)).map((r) => r.kind).sort();
      assert.deepEqual(kinds, ['channel', 'channel', 'team'], `${team} stored on install`);
    }
    const res = await h.post(teamEvent({ type: 'installationUpdate', action: 'remove' }, leaving));
    assert.equal(res.status, 200);
    assert.deepEqual(await references.team(leaving), [], 'the team and its channels are gone');
    assert.equal((await references.team(staying)).length, 3, 'the other team is kept');
  });
});
