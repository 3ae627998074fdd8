import assert from 'node:assert/strict';
import { FORUM_GROUP, SECRETARIAT_GROUP } from '../../src/domain/roles';
import { seedChannel } from '../support/delivery';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { FOREIGN, MEMBER, OFFICER, OTHER_OWNER, OTHER_TENANT, OWNER, TENANT, type Persona } from '../support/personas';
import { actionData, inputsOf, press } from '../support/wizard';
import { forumOf } from '../support/forum';

const FORUM = 'oslo-viken';
const TEAM = '19:forum-team@thread.tacv2';
const OST = '19:arbeidsgruppe-ost@thread.tacv2';
const personOf = (p: Persona) => ({ tenantId: p.tenantId, aadObjectId: p.aadObjectId });

/** The same person typing in a channel of the forum's team. */
const inChannel = (h: Harness, who: Persona, channelId = OST) => ({
  conversation: { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: who.tenantId },
  channelData: {
    tenant: { id: who.tenantId },
    team: { id: TEAM, name: 'Samarbeidsforum' },
    channel: { id: channelId, name: channelId === OST ? 'Arbeidsgruppe Øst' : undefined },
  },
});

async function command(h: Harness, who: Persona, text: string, extra: Record<string, unknown> = {}) {
  const [reply] = await h.send(who, text, extra);
  return cardOf(reply);
}

/** Presses a button with extra activity fields (a channel), as press() does in personal chat. */
async function pressIn(h: Harness, who: Persona, card: any, verb: string, inputs: Record<string, unknown>, extra: Record<string, unknown>) {
  const res = await h.post({
    ...h.personalActivity(who),
    ...extra,
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { ...actionData(card, verb), ...inputs } }, trigger: 'manual' },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.value;
}

describe('secretariat roles', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness({ BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, SCHEDULER_TICK_MS: '0' });
  });
  after(async () => {
    await h.stop();
  });

  const SECRETARIAT_WORDS = ['sekretariat', 'oversikt', 'runder', 'ny runde', 'roller', 'kanal'];
  const SECRETARIAT_VERBS: Array<[string, Record<string, unknown>]> = [
    ['secretariat.menu', {}],
    ['roles.list', {}],
    ['roles.addForm', { mode: 'secretariat' }],
    ['roles.add', { mode: 'secretariat', aadObjectId: OTHER_OWNER.aadObjectId, tenantId: TENANT }],
    ['roles.remove', { ...personOf(OFFICER), role: 'secretariat', group: SECRETARIAT_GROUP }],
    ['roles.removeConfirm', { ...personOf(OFFICER), role: 'secretariat', group: SECRETARIAT_GROUP }],
    ['channel.form', {}],
    ['channel.assign', { group: 'ost', channel: OST }],
    ['round.list', {}],
    ['round.newForm', {}],
    ['round.create', { year: '2027', deadline: '2027-02-01', counties: 'oslo', budgetREKOM: '1', budgetDEKOM: '1', budgetKOMPLOFT: '1' }],
    ['round.open', { roundId: 'round-2027' }],
    ['round.close', { roundId: 'demo-2027' }],
    ['round.closeConfirm', { roundId: 'demo-2027' }],
    ['overview.show', {}],
  ];

  it('refuses every secretariat command and button to anyone else, in their language, changing nothing', async () => {
    const roundsBefore = await h.app.services.rounds.list();
    for (const who of [OWNER, MEMBER, FOREIGN]) {
      for (const word of SECRETARIAT_WORDS) {
        assert.match(cardText(await command(h, who, word)), /bare for sekretariatet/, `${who.name}: ${word}`);
      }
      for (const [verb, data] of SECRETARIAT_VERBS) {
        const res = await h.invoke(who, verb, data);
        assert.match(cardText(res.body.value), /bare for sekretariatet/, `${who.name}: ${verb}`);
      }
    }
    const english = { ...OWNER, locale: 'en-US' };
    assert.match(cardText(await command(h, english, 'overview')), /secretariat only/);
    assert.match(cardText((await h.invoke({ ...MEMBER, locale: 'nn-NO' }, 'roles.list')).body.value), /berre for sekretariatet/);
    assert.deepEqual(await h.app.services.rounds.list(), roundsBefore, 'rounds unchanged');
    assert.deepEqual(await h.app.services.roles.inGroup(FORUM, SECRETARIAT_GROUP), [], 'no grant stored for anyone');
    assert.deepEqual(await h.app.services.roles.of(personOf(OTHER_OWNER)), []);
  });

  // BOOTSTRAP_SECRETARIAT names tenant and object id: the same object id in another tenant is
  // someone else (any tenant can mint any id for its own users), and gets no officer's rights.
  it("does not take the configured officer's object id, coming from another tenant, for the officer", async () => {
    const impostor: Persona = { name: 'Siri i en annen tenant', aadObjectId: OFFICER.aadObjectId, tenantId: OTHER_TENANT };
    for (const word of ['sekretariat', 'roller', 'oversikt']) {
      assert.match(cardText(await command(h, impostor, word)), /bare for sekretariatet/, word);
    }
    const res = await h.invoke(impostor, 'roles.add', { mode: 'secretariat', aadObjectId: OTHER_OWNER.aadObjectId, tenantId: TENANT });
    assert.match(cardText(res.body.value), /bare for sekretariatet/);
    assert.deepEqual(await h.app.services.roles.of(personOf(impostor)), [], 'no grant, not even the configured one');
    assert.deepEqual(await h.app.services.roles.of(personOf(OTHER_OWNER)), [], 'nothing added');
    // The officer in the configured tenant is served as before.
    assert.match(cardText(await command(h, OFFICER, 'sekretariat')), /Hva vil du gjøre/);
  });

  it('lets a configuration officer add another officer by pasted ids, who can then work, and remove them again', async () => {
    let card = await command(h, OFFICER, 'roller');
    assert.match(cardText(card), /Sekretariatet/);
    card = (await h.invoke(OFFICER, 'roles.addForm', { mode: 'secretariat' })).body.value;
    assert.ok(inputsOf(card).aadObjectId, 'personal chat asks for the object id');
    // A name is not an identity.
    let after = await press(h, OFFICER, card, 'roles.add', { aadObjectId: 'Per Hansen', tenantId: TENANT, displayName: 'Per Hansen' });
    assert.match(cardText(after), /Skriv ID-en slik Teams/);
    assert.equal(inputsOf(after).displayName.value, 'Per Hansen', 'what was typed is kept');
    after = await press(h, OFFICER, card, 'roles.add', { aadObjectId: OTHER_OWNER.aadObjectId.toUpperCase(), tenantId: TENANT, displayName: 'Per Hansen' });
    assert.match(cardText(after), /Per Hansen er lagt til som sekretariatsmedarbeider i Sekretariatet/);
    assert.equal((await h.app.services.roles.of(personOf(OTHER_OWNER))).filter((g) => g.role === 'secretariat').length, 1);
    assert.match(cardText(await command(h, OTHER_OWNER, 'sekretariat')), /Hva vil du gjøre/);

    const self = await h.invoke(OTHER_OWNER, 'roles.removeConfirm', { ...personOf(OTHER_OWNER), role: 'secretariat', group: SECRETARIAT_GROUP });
    assert.match(cardText(self.body.value), /Du kan ikke fjerne deg selv/);
    const perRemove = await h.invoke(OFFICER, 'roles.remove', { ...personOf(OTHER_OWNER), role: 'secretariat', group: SECRETARIAT_GROUP });
    assert.match(cardText(perRemove.body.value), /Fjerne Per Hansen\?/);
    assert.equal((await h.app.services.roles.of(personOf(OTHER_OWNER))).length, 1, 'nothing removed before confirming');
    const done = await press(h, OFFICER, perRemove.body.value, 'roles.removeConfirm');
    assert.match(cardText(done), /Per Hansen er fjernet/);
    assert.match(cardText(await command(h, OTHER_OWNER, 'sekretariat')), /bare for sekretariatet/);
  });

  it('refuses to remove an officer set in the configuration', async () => {
    const res = await h.invoke(OFFICER, 'roles.removeConfirm', { ...personOf(OFFICER), role: 'secretariat', group: SECRETARIAT_GROUP });
    assert.match(cardText(res.body.value), /satt i konfigurasjonen/);
    assert.ok((await h.app.services.roles.of(personOf(OFFICER))).some((g) => g.role === 'secretariat'));
  });

  it('adds working-group members and a chair with their organisations, keeping one chair and no votes for the secretariat', async () => {
    const form = (await h.invoke(OFFICER, 'roles.addForm', { mode: 'member' })).body.value;
    assert.ok(inputsOf(form).group && inputsOf(form).organisations);
    let card = await press(h, OFFICER, form, 'roles.add', {
      aadObjectId: MEMBER.aadObjectId,
      tenantId: TENANT,
      displayName: 'Ingrid Berg',
      role: 'member',
      group: 'ost',
      organisations: '974760673\n123456789',
    });
    assert.match(cardText(card), /123456789 har feil kontrollsiffer/);
    assert.deepEqual(await h.app.services.roles.of(personOf(MEMBER)), [], 'nothing stored');
    card = await press(h, OFFICER, form, 'roles.add', {
      aadObjectId: MEMBER.aadObjectId,
      tenantId: TENANT,
      displayName: 'Ingrid Berg',
      role: 'chair',
      group: 'ost',
      organisations: '974 760 673',
    });
    assert.match(cardText(card), /Ingrid Berg er lagt til som leder i Arbeidsgruppe Øst/);
    assert.match(cardText(card), /organisasjonsnummer 974 760 673/);
    const [grant] = await h.app.services.roles.inGroup(forumOf('ost'), 'ost');
    assert.deepEqual([grant.role, grant.organisations, grant.person], ['chair', ['974760673'], personOf(MEMBER)]);

    // A second chair is refused; the same person as member replaces her chair role.
    card = await press(h, OFFICER, form, 'roles.add', { aadObjectId: OWNER.aadObjectId, tenantId: TENANT, displayName: 'Kari', role: 'chair', group: 'ost' });
    assert.match(cardText(card), /Arbeidsgruppe Øst har allerede en leder: Ingrid Berg/);
    await press(h, OFFICER, form, 'roles.add', { aadObjectId: MEMBER.aadObjectId, tenantId: TENANT, role: 'member', group: 'ost', organisations: '974760673' });
    assert.deepEqual(
      (await h.app.services.roles.inGroup(forumOf('ost'), 'ost')).map((g) => g.role),
      ['member'],
    );

    // The secretariat has no vote.
    card = await press(h, OFFICER, form, 'roles.add', {
      aadObjectId: OFFICER.aadObjectId,
      tenantId: TENANT,
      role: 'member',
      group: `${FORUM_GROUP}:${forumOf(FORUM_GROUP)}`,
    });
    assert.match(cardText(card), /sekretariatet har ingen stemme/);
    assert.equal((await h.app.services.roles.inGroup(forumOf(FORUM_GROUP), FORUM_GROUP)).length, 0);
    const officerForm = (await h.invoke(OFFICER, 'roles.addForm', { mode: 'secretariat' })).body.value;
    card = await press(h, OFFICER, officerForm, 'roles.add', { aadObjectId: MEMBER.aadObjectId, tenantId: TENANT });
    assert.match(cardText(card), /Ingrid Berg er medlem eller leder i en gruppe/);
  });

  it("in a team channel, offers the team's members by name and stores the chosen one by id", async () => {
    const ola = { id: '29:ola', name: 'Ola Hansen (Lillestrøm kommune)', aadObjectId: 'f94d1bc4-17e4-43bd-b7a1-bf90212fed28', tenantId: TENANT };
    h.connector.members.set(TEAM, [ola, { id: '29:per', name: 'Per Olsen', aadObjectId: 'ce39e6d2-09ff-4da7-a62f-bdc634f79eab', tenantId: TENANT }]);
    const ch = inChannel(h, OFFICER);
    const roles = await command(h, OFFICER, 'roller', ch);
    const form = await pressIn(h, OFFICER, roles, 'roles.addForm', {}, ch);
    const person = inputsOf(form).person;
    assert.deepEqual(
      person.choices.map((c: any) => c.title),
      ['Ola Hansen (Lillestrøm kommune)', 'Per Olsen'],
    );
    const tampered = await pressIn(h, OFFICER, form, 'roles.add', { person: `${TENANT}|${OWNER.aadObjectId}`, role: 'member', group: 'ost' }, ch);
    assert.match(cardText(tampered), /ikke lenger medlem av dette teamet/);
    const done = await pressIn(h, OFFICER, form, 'roles.add', { person: person.choices[0].value, role: 'member', group: 'ost', organisations: '' }, ch);
    assert.match(cardText(done), /Ola Hansen \(Lillestrøm kommune\) er lagt til som medlem i Arbeidsgruppe Øst/);
    const stored = (await h.app.services.roles.inGroup(forumOf('ost'), 'ost')).find((g) => g.person.aadObjectId === ola.aadObjectId);
    assert.deepEqual(stored?.person, { tenantId: TENANT, aadObjectId: ola.aadObjectId });
    assert.equal(stored?.displayName, ola.name);
  });

  it('assigns a channel of the team to a working group, and refuses outside a team or a channel already taken', async () => {
    await seedChannel(h.app.services.references, h.connector.url, TEAM, TEAM);
    await seedChannel(h.app.services.references, h.connector.url, TEAM, OST);
    const ch = inChannel(h, OFFICER);
    const form = await command(h, OFFICER, 'kanal', ch);
    assert.equal(inputsOf(form).channel.value, OST, 'the current channel is preselected');
    assert.equal(inputsOf(form).channel.choices.length, 2);
    let card = await pressIn(h, OFFICER, form, 'channel.assign', { group: 'ost', channel: OST }, ch);
    assert.match(cardText(card), /er nå kanalen til Arbeidsgruppe Øst/);
    assert.equal((await h.app.services.groups.channelOf(forumOf('ost'), 'ost'))?.channelId, OST);
    assert.equal((await h.app.services.groups.channelOf(forumOf('ost'), 'ost'))?.teamId, TEAM);
    await pressIn(h, OFFICER, form, 'channel.assign', { group: `${FORUM_GROUP}:${forumOf(FORUM_GROUP)}`, channel: TEAM }, ch);
    assert.equal(
      (await h.app.services.groups.channelOf(forumOf(FORUM_GROUP), FORUM_GROUP))?.channelId,
      TEAM,
      'another channel of the team, chosen from the list',
    );
    card = await pressIn(h, OFFICER, form, 'channel.assign', { group: 'nord', channel: OST }, ch);
    assert.match(cardText(card), /allerede kanalen til Arbeidsgruppe Øst/);
    card = await pressIn(h, OFFICER, form, 'channel.assign', { group: 'nord', channel: '19:somewhere-else@thread.tacv2' }, ch);
    assert.match(cardText(card), /Fant ikke kanalen/);
    assert.equal(await h.app.services.groups.channelOf(forumOf('nord'), 'nord'), undefined);
    assert.match(cardText(await command(h, OFFICER, 'kanal')), /skriv «@Kompetansebot kanal» i kanalen/);
    const listing = cardText(await command(h, OFFICER, 'roller'));
    assert.match(listing, /Kanal: Arbeidsgruppe Øst/);
  });
});
