import assert from 'node:assert/strict';
import type { Meeting } from '../../src/domain/forum';
import type { RegionConfig } from '../../src/domain/regions';
import { FAST_DELIVERY } from '../support/delivery';
import { member, officerPresses, pressInChannel, seedCheckedReport, seedGroupChannel, seedOfficerChat, seedRound, twoForums } from '../support/forum';
import { cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, TENANT, type Persona } from '../support/personas';
import { actionData, inputsOf } from '../support/wizard';

/**
 * Issue 22 item 1: several forums under one County Governor. Two forums of two working groups
 * each; reports from counties of both. Each forum's meeting takes only its own reports, its
 * members vote only there, and the secretariat sees and runs both.
 */
const TWO_FORUMS = twoForums('sf-test');

const CHANNEL_OSLO = '19:forum-oslo@thread.tacv2';
const CHANNEL_AKERSHUS = '19:forum-akershus@thread.tacv2';
const flat = (card: any) => cardText(card).replace(/\n/g, ' ');

describe('several forums under one County Governor', function () {
  this.timeout(120_000);
  const clock = { now: new Date('2027-03-01T09:00:00Z') };
  let h: Harness;
  const OSLO_MEMBER = member(81, 'Oda Oslo');
  const AKERSHUS_MEMBER = member(82, 'Aksel Akershus');
  const officer = (verb: string, data: Record<string, unknown> = {}) => officerPresses(h, OFFICER)(verb, data);
  const reports: Record<string, { id: string; reference: string }> = {};

  before(async () => {
    h = await startHarness(
      { ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, REGIONS: JSON.stringify(TWO_FORUMS), FORUM_RULES: '{"steps":"one"}' },
      { now: () => clock.now },
    );
    const s = h.app.services;
    await seedRound(s);
    await seedOfficerChat(s, h.connector.url, OFFICER);
    await seedGroupChannel(s, h.connector.url, 'forum', CHANNEL_OSLO, 'forum-oslo');
    await seedGroupChannel(s, h.connector.url, 'forum', CHANNEL_AKERSHUS, 'forum-akershus');
    for (const region of ['grorud', 'sondre', 'lillestrom', 'ski']) reports[region] = await seedCheckedReport(s, { region, title: `Tiltak ${region}` });
  });
  after(async () => {
    await h.stop();
  });

  /** The officer adds a member through the roles form, in personal chat (ids pasted). */
  const addMember = (who: Persona, group: string) =>
    officer('roles.add', { mode: 'member', aadObjectId: who.aadObjectId, tenantId: TENANT, displayName: who.name, role: 'member', group, organisations: '' });

  it("grants each member in their forum, lists both forums' groups to the officer, and refuses 'the forum' without saying which", async () => {
    const form = await officer('roles.addForm', { mode: 'member' });
    const titles = inputsOf(form).group.choices.map((c: any) => c.title);
    assert.deepEqual(titles, [
      'Samarbeidsforum Oslo',
      'Arbeidsgruppe Oslo nord (Samarbeidsforum Oslo)',
      'Arbeidsgruppe Oslo sør (Samarbeidsforum Oslo)',
      'Samarbeidsforum Akershus',
      'Arbeidsgruppe Romerike (Samarbeidsforum Akershus)',
      'Arbeidsgruppe Follo (Samarbeidsforum Akershus)',
    ]);
    assert.match(flat(await addMember(OSLO_MEMBER, 'forum:forum-oslo')), /Oda Oslo er lagt til som medlem i Samarbeidsforum Oslo\./);
    const roles = flat(await addMember(AKERSHUS_MEMBER, 'forum:forum-akershus'));
    assert.match(roles, /Samarbeidsforum Oslo \(1 person\) Kanal: 19:forum-oslo@thread\.tacv2 Oda Oslo medlem/);
    assert.match(roles, /Samarbeidsforum Akershus \(1 person\) Kanal: 19:forum-akershus@thread\.tacv2 Aksel Akershus medlem/);
    assert.match(roles, /Arbeidsgruppe Follo \(Samarbeidsforum Akershus\)/);
    const grants = await h.app.services.roles.of({ tenantId: TENANT, aadObjectId: OSLO_MEMBER.aadObjectId });
    assert.deepEqual(
      grants.map((g) => [g.forum, g.group, g.role]),
      [['forum-oslo', 'forum', 'member']],
    );

    const ambiguous = flat(await addMember(member(83, 'Uten Forum'), 'forum'));
    assert.match(ambiguous, /^Legg til medlem eller leder .*Dette valget finnes ikke i listen\. Velg et av alternativene\./);
    assert.deepEqual(await h.app.services.roles.of({ tenantId: TENANT, aadObjectId: member(83).aadObjectId }), [], 'nothing stored');
  });

  let oslo: Meeting;
  let akershus: Meeting;

  it("asks which forum a meeting is for, and gives each forum's meeting only its own groups' reports", async () => {
    const form = await officer('meeting.new');
    assert.deepEqual(
      inputsOf(form).forum.choices.map((c: any) => c.value),
      ['forum-oslo', 'forum-akershus'],
    );
    const base = { ...actionData(form, 'meeting.create'), roundId: 'r2027', date: '2027-03-12' };
    // Each form has its own nonce (the meeting's id); the refused tries below reuse the first form's.

    // A group of the other forum, and the forum itself without saying which, come back with the values kept.
    const wrong = await officer('meeting.create', { ...base, forum: 'forum-oslo', group: 'follo', title: 'Feil forum' });
    assert.match(flat(wrong), /Arbeidsgruppe Follo hører til Samarbeidsforum Akershus, ikke Samarbeidsforum Oslo\./);
    assert.equal(inputsOf(wrong).title.value, 'Feil forum');
    assert.match(flat(await officer('meeting.create', { ...base, group: 'forum', title: 'Hvilket?' })), /Velg hvilket samarbeidsforum som skal møtes\./);
    assert.deepEqual(await h.app.services.meetings.list(undefined), [], 'nothing stored');

    // Through the list's button for Oslo's forum: its form offers Oslo's groups and the forum itself only.
    const osloForm = await officer('meeting.new', { forum: 'forum-oslo' });
    assert.deepEqual(
      inputsOf(osloForm).group.choices.map((c: any) => c.value),
      ['forum', 'oslo-nord', 'oslo-sor'],
    );
    const osloEditor = await officer('meeting.create', {
      ...base,
      ...actionData(osloForm, 'meeting.create'),
      forum: 'forum-oslo',
      group: 'forum',
      title: 'Oslo mars',
    });
    const akershusForm = await officer('meeting.new', { forum: 'forum-akershus' });
    const akershusEditor = await officer('meeting.create', {
      ...base,
      ...actionData(akershusForm, 'meeting.create'),
      forum: 'forum-akershus',
      group: 'forum',
      title: 'Akershus mars',
    });
    const s = h.app.services;
    oslo = (await s.meetings.get(s.regions.id, actionData(osloEditor, 'vote.open').meetingId as string))!;
    akershus = (await s.meetings.get(s.regions.id, actionData(akershusEditor, 'vote.open').meetingId as string))!;
    assert.deepEqual([oslo.forum, akershus.forum], ['forum-oslo', 'forum-akershus']);
    assert.deepEqual([...oslo.order].sort(), [reports.grorud.id, reports.sondre.id].sort());
    assert.deepEqual([...akershus.order].sort(), [reports.lillestrom.id, reports.ski.id].sort());
    assert.match(flat(osloEditor), /Oslo mars Samarbeidsforum Oslo · 12\. mars 2027/);
    assert.doesNotMatch(flat(osloEditor), /Tiltak lillestrom|Tiltak ski/);

    // A report of the other forum is never added by hand either.
    const late = await seedCheckedReport(s, { region: 'ski', title: 'Sent fra Ski' });
    const added = await officer('meeting.add', { meetingId: oslo.id, addReportId: late.id });
    assert.match(flat(added), /Meldingen kan ikke legges til/);
    assert.equal((await s.meetings.get(s.regions.id, oslo.id))!.order.includes(late.id), false);
    assert.equal((await s.reports.get('r2027', late.id))!.status, 'formally_checked');

    // The officer's list names each meeting's forum and offers a new meeting per forum.
    const list = flat(await officer('meeting.list'));
    assert.match(list, /Akershus mars · Samarbeidsforum Akershus/);
    assert.match(list, /Oslo mars · Samarbeidsforum Oslo/);
    assert.match(list, /Nytt møte: Samarbeidsforum Oslo Nytt møte: Samarbeidsforum Akershus/);
  });

  it("lets a member vote only in their own forum's meeting, and shows a card only in its forum's channel", async () => {
    const s = h.app.services;
    for (const m of [oslo, akershus]) await officer('vote.open', { meetingId: m.id });
    oslo = (await s.meetings.get(s.regions.id, oslo.id))!;
    akershus = (await s.meetings.get(s.regions.id, akershus.id))!;
    assert.deepEqual([oslo.posted?.channelId, akershus.posted?.channelId], [CHANNEL_OSLO, CHANNEL_AKERSHUS], "each agenda in its forum's channel");

    const mark = (who: Persona, channel: string, m: Meeting, reportId: string) =>
      pressInChannel(h, who, channel, 'vote.mark', { meetingId: m.id, reportId, v: m.vote!.id, mark: 'prioritise' });
    assert.match(cardText((await mark(OSLO_MEMBER, CHANNEL_OSLO, oslo, reports.grorud.id)).body.value), /Markeringen din er lagret: Prioriter/);
    // Akershus' member in Oslo's channel (a guest there, say): no vote in Oslo's forum.
    assert.match(
      cardText((await mark(AKERSHUS_MEMBER, CHANNEL_OSLO, oslo, reports.grorud.id)).body.value),
      /Bare registrerte medlemmer av Samarbeidsforum Oslo kan stemme her\. Markeringen ble ikke lagret/,
    );
    // Oslo's card pressed from Akershus' channel is not shown there, nor counted.
    const elsewhere = await pressInChannel(h, AKERSHUS_MEMBER, CHANNEL_AKERSHUS, 'vote.refresh', {
      meetingId: oslo.id,
      reportId: reports.grorud.id,
      v: oslo.vote!.id,
    });
    assert.doesNotMatch(JSON.stringify(elsewhere.body), /Tiltak grorud/);
    assert.match(JSON.stringify(elsewhere.body), /Denne knappen hører ikke til en avstemning du kan bruke her/);
    assert.match(cardText((await mark(AKERSHUS_MEMBER, CHANNEL_AKERSHUS, akershus, reports.ski.id)).body.value), /Markeringen din er lagret/);

    await officer('vote.close', { meetingId: oslo.id });
    const [grorud] = (await s.meetings.items((await s.meetings.get(s.regions.id, oslo.id))!)).filter((i) => i.item.reportId === reports.grorud.id);
    assert.deepEqual(Object.keys(grorud.result!.counted).length, 1, "only Oslo's member counted");
    assert.equal(grorud.result!.electors, 1);
    assert.equal((await s.reports.get('r2027', reports.grorud.id))!.status, 'prioritised');
  });

  it("lists usage reports per forum, and the case card says the report's forum (a network by its filer's county)", async () => {
    const s = h.app.services;
    const at = s.now().toISOString();
    const actor = { role: 'secretariat' as const, id: 'test' };
    const paid = async (region: string) => {
      const r = await seedCheckedReport(s, { region, title: `Betalt ${region}` });
      for (const to of ['on_agenda', 'prioritised'] as const) await s.reports.setStatus('r2027', r.id, (from) => ({ from, to, at, actor }));
      const decision = { outcome: 'granted' as const, amounts: [1_250_000, 1_000_000], total: 2_250_000, at, by: 'test' };
      await s.reports.setStatus('r2027', r.id, (from) => ({ from, to: 'granted', at, actor }), { decision });
      await s.reports.setStatus('r2027', r.id, (from) => ({ from, to: 'paid', at, actor }));
      return r;
    };
    const [inOslo, inAkershus] = [await paid('grorud'), await paid('lillestrom')];

    const all = flat(await officer('usage.round', { roundId: 'r2027' }));
    assert.match(all, new RegExp(`${inOslo.reference} .*· Samarbeidsforum Oslo`));
    assert.match(all, new RegExp(`${inAkershus.reference} .*· Samarbeidsforum Akershus`));
    const oslosOnly = await officer('usage.round', { roundId: 'r2027', forum: 'forum-oslo' });
    assert.match(flat(oslosOnly), /^Rapportering for innmeldingsrunden 2027 – Samarbeidsforum Oslo/);
    assert.match(flat(oslosOnly), new RegExp(inOslo.reference));
    assert.doesNotMatch(flat(oslosOnly), new RegExp(inAkershus.reference));
    assert.equal(actionData(oslosOnly, 'usage.round').forum, 'forum-akershus', "a button to the other forum's");
    assert.match(flat(oslosOnly), /Samarbeidsforum Akershus Alle forum/);

    const caseCard = flat(await officer('report.check', { roundId: 'r2027', reportId: inAkershus.id }));
    assert.match(caseCard, /Samarbeidsforum Samarbeidsforum Akershus \(nettverket følger fylket til eieren som melder: Akershus\)/);
  });

  it('sets up a round with a budget per forum, keeps what was typed when something is wrong, and shows each forum its budget', async () => {
    clock.now = new Date('2027-11-10T09:00:00Z');
    const form = await officer('round.newForm');
    assert.equal(inputsOf(form).budgetSplit.value, 'shared');
    assert.ok(inputsOf(form)['budgetREKOM_forum-oslo'] && inputsOf(form)['budgetKOMPLOFT_forum-akershus'], "each forum's fields");
    const typed = {
      year: '2029',
      deadline: '2029-02-01',
      counties: 'oslo,akershus',
      budgetSplit: 'perForum',
      'budgetREKOM_forum-oslo': '10 000 000',
      'budgetDEKOM_forum-oslo': '20 000 000',
      'budgetKOMPLOFT_forum-oslo': '0',
      'budgetREKOM_forum-akershus': '15 000 000',
      'budgetDEKOM_forum-akershus': '-1',
      'budgetKOMPLOFT_forum-akershus': '5 000 000',
      usageDue: '01-15',
    };
    const refused = await officer('round.create', typed);
    assert.match(flat(refused), /Samarbeidsforum Akershus: Desentralisert ordning \(skole\), i kroner -1\s+Beløpet kan ikke være negativt\./);
    assert.equal(inputsOf(refused)['budgetREKOM_forum-oslo'].value, '10 000 000', 'values kept');
    assert.equal(inputsOf(refused).budgetSplit.value, 'perForum');
    assert.equal(await h.app.services.rounds.get('round-2029'), undefined, 'nothing stored');

    const rounds = flat(await officer('round.create', { ...typed, 'budgetDEKOM_forum-akershus': '25 000 000' }));
    const round = (await h.app.services.rounds.get('round-2029'))!;
    assert.equal(round.budgetSplit, 'perForum');
    assert.deepEqual(round.budgets, { REKOM: 25_000_000, DEKOM: 45_000_000, KOMPLOFT: 5_000_000 });
    assert.deepEqual(round.forumBudgets?.['forum-oslo'], { REKOM: 10_000_000, DEKOM: 20_000_000, KOMPLOFT: 0 });
    assert.match(
      rounds,
      /Ramme Samarbeidsforum Oslo Regional ordning \(barnehage\): 10 000 000 kr · Desentralisert ordning \(skole\): 20 000 000 kr · Kompetanseløftet: 0 kr/,
    );
    assert.match(
      rounds,
      /Ramme Samarbeidsforum Akershus Regional ordning \(barnehage\): 15 000 000 kr · Desentralisert ordning \(skole\): 25 000 000 kr · Kompetanseløftet: 5 000 000 kr/,
    );
  });
});

describe('a configuration without forums (as before forums)', function () {
  this.timeout(120_000);
  let h: Harness;
  const ONE_FORUM: RegionConfig = { ...TWO_FORUMS, forums: undefined };
  const VOTER = member(91, 'Vera Velger');

  before(async () => {
    h = await startHarness({
      ...FAST_DELIVERY,
      BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId,
      REGIONS: JSON.stringify(ONE_FORUM),
      FORUM_RULES: '{"steps":"one"}',
    });
    const s = h.app.services;
    await seedRound(s);
    await seedOfficerChat(s, h.connector.url, OFFICER);
    await seedGroupChannel(s, h.connector.url, 'forum', CHANNEL_OSLO, s.regions.id);
  });
  after(async () => {
    await h.stop();
  });

  it("keeps one forum under the County Governor's id: a member granted then votes, and the form asks no forum", async () => {
    const s = h.app.services;
    // A grant as stored before forums: under the County Governor's id.
    await s.roles.grant({
      person: { tenantId: TENANT, aadObjectId: VOTER.aadObjectId },
      forum: 'sf-test',
      role: 'member',
      group: 'forum',
      displayName: VOTER.name,
      organisations: [],
      grantedBy: 'test',
      grantedAt: '2026-01-01T00:00:00.000Z',
    });
    const r = await seedCheckedReport(s, { region: 'ski' });
    const o = await seedCheckedReport(s, { region: 'grorud' });
    const press = officerPresses(h, OFFICER);
    const form = await press('meeting.new');
    assert.equal(inputsOf(form).forum, undefined, 'no forum to choose');
    const editor = await press('meeting.create', {
      ...actionData(form, 'meeting.create'),
      group: 'forum',
      roundId: 'r2027',
      title: 'Forumet',
      date: '2027-03-12',
    });
    assert.match(flat(editor), /Forumet Samarbeidsforumet · 12\. mars 2027/);
    await press('vote.open', { meetingId: actionData(editor, 'vote.open').meetingId });
    const meeting = (await s.meetings.get(s.regions.id, actionData(editor, 'vote.open').meetingId as string))!;
    assert.equal(meeting.forum, 'sf-test');
    assert.deepEqual([...meeting.order].sort(), [r.id, o.id].sort(), "every county's report in the one forum");
    const res = await pressInChannel(h, VOTER, CHANNEL_OSLO, 'vote.mark', { meetingId: meeting.id, reportId: r.id, v: meeting.vote!.id, mark: 'prioritise' });
    assert.match(cardText(res.body.value), /Markeringen din er lagret/);
    assert.match(flat(await press('roles.list')), /Samarbeidsforumet .*Vera Velger/);
  });
});
