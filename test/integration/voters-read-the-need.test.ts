import assert from 'node:assert/strict';
import type { Meeting } from '../../src/domain/forum';
import { FAST_DELIVERY } from '../support/delivery';
import {
  FORUM,
  forumOf,
  grantMember,
  meetingThroughForm,
  member,
  officerPresses,
  pressInChannel,
  seedCheckedReport,
  seedGroupChannel,
  seedOfficerChat,
  seedRound,
  SEEDED_FORUM,
} from '../support/forum';
import { cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, TENANT, type Persona } from '../support/personas';
import { actionData } from '../support/wizard';

/**
 * Issue 23 items 1, 3 and 4 through the bot's endpoint, in two steps (the default): the voters read
 * the need on the card and the whole report one press away (only they and the secretariat); an
 * invited guest reads and comments but never votes; the chair's mark decides a tie and the tally
 * says so; the members card shows the forum's composition; the case history reads in words.
 */
describe('voters read the need, guests never vote, and the case tells its story', function () {
  this.timeout(120_000);
  const clock = { now: new Date('2027-03-01T09:00:00Z') };
  let h: Harness;
  const ANNE = member(61, 'Anne Vest');
  const BJORN = member(62, 'Bjørn Vest');
  const CHAIR = member(63, 'Cecilie Leder');
  const DAG = member(64, 'Dag Vest');
  const GUEST = member(65, 'Gro Gjest');
  const OSLO = member(66, 'Odd Oslo');
  const FORUM_A = member(67, 'Frida Forum');
  const FORUM_B = member(68, 'Fredrik Forum');
  const CHANNELS = { vest: '19:vest@thread.tacv2', oslo: '19:oslo@thread.tacv2', forum: '19:forum@thread.tacv2' };
  const NEED = `${'Kartleggingen viser at lærerne trenger felles praksis for lesing i alle fag. '.repeat(12)}Målet er at alle elever leser bedre innen 2029.`;

  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: () => clock.now });
    const s = h.app.services;
    await seedRound(s);
    for (const [group, channel] of Object.entries(CHANNELS)) await seedGroupChannel(s, h.connector.url, group, channel);
    await seedOfficerChat(s, h.connector.url, OFFICER);
    for (const who of [ANNE, BJORN, DAG]) await grantMember(s, who);
    await grantMember(s, CHAIR, { role: 'chair' });
    await s.roles.grant({
      person: { tenantId: GUEST.tenantId, aadObjectId: GUEST.aadObjectId },
      forum: forumOf('vest'),
      role: 'guest',
      group: 'vest',
      displayName: GUEST.name,
      organisations: [],
      category: 'invited',
      grantedBy: 'test',
      grantedAt: '2027-01-01T00:00:00.000Z',
    });
    await grantMember(s, OSLO, { group: 'oslo' });
    await grantMember(s, FORUM_A, { group: 'forum' });
    await grantMember(s, FORUM_B, { group: 'forum', role: 'chair' });
  });
  after(async () => {
    await h.stop();
  });

  const officer = (verb: string, data: Record<string, unknown> = {}) => officerPresses(h, OFFICER)(verb, data);
  async function openMeeting(group: string, title: string): Promise<Meeting> {
    const { id } = await meetingThroughForm(h, officer, { group, title });
    await officer('vote.open', { meetingId: id });
    return (await h.app.services.meetings.get(FORUM, id))!;
  }
  const press = async (who: Persona, group: keyof typeof CHANNELS, verb: string, data: Record<string, unknown>) => {
    const res = await pressInChannel(h, who, CHANNELS[group], verb, data);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.value;
  };
  const ref = (m: Meeting, reportId: string) => ({ meetingId: m.id, reportId, v: m.vote!.id });
  const mark = async (who: Persona, group: keyof typeof CHANNELS, m: Meeting, reportId: string, value: string) =>
    cardText(await press(who, group, 'vote.mark', { ...ref(m, reportId), mark: value }));

  let vestMeeting: Meeting;
  let report: { id: string; reference: string };

  it('shows theme, target groups, reach, own contribution and the start of the need on the voting card, and the whole report to an elector only', async () => {
    report = await seedCheckedReport(h.app.services, { title: 'Lesing i alle fag', needAndGoal: NEED });
    vestMeeting = await openMeeting('vest', 'Vårmøte Vest');
    assert.deepEqual(vestMeeting.order, [report.id]);

    const card = await press(ANNE, 'vest', 'vote.refresh', ref(vestMeeting, report.id));
    const text = cardText(card);
    for (const line of [
      'Tema\nLesing',
      'Målgrupper\nLedere, Lærere og barnehagelærere',
      'Deltakere og enheter\n240 deltakere i 12 barnehager/skoler/PPT',
      'Egenandel 2027–2028\n375 000 kr',
      'Behov og mål (utdrag)\nKartleggingen viser at lærerne trenger felles praksis for lesing i alle fag.',
    ])
      assert.ok(text.includes(line), `${line}\n---\n${text}`);
    assert.ok(!text.includes('innen 2029'), 'the card shows the start of the need, not all of it');
    assert.deepEqual(actionData(card, 'vote.need'), { verb: 'vote.need', ...ref(vestMeeting, report.id) });

    // An elector presses "Les hele behovsmeldingen": the whole need, read-only, no contact details.
    const whole = await press(ANNE, 'vest', 'vote.need', ref(vestMeeting, report.id));
    const wholeText = cardText(whole);
    assert.ok(wholeText.startsWith(`Behovsmelding ${report.reference} – Lesing i alle fag`), wholeText.slice(0, 200));
    assert.ok(wholeText.includes('Målet er at alle elever leser bedre innen 2029.'));
    assert.ok(wholeText.includes('OsloMet – storbyuniversitetet'));
    for (const contact of ['22000000', 'kari@eksempel.no', 'Kari Nordmann']) assert.ok(!JSON.stringify(whole).includes(contact), contact);
    assert.deepEqual(
      [...new Set(JSON.stringify(whole).match(/"verb":"[a-z.]+"/g))].map((v) => v.slice(8, -1)),
      ['vote.refresh'],
      'read-only: the only button goes back to the vote',
    );
    // The secretariat reads it too, from its own chat.
    assert.match(cardText(await officer('vote.need', ref(vestMeeting, report.id))), /innen 2029/);

    // A member of another group and an invited guest are refused, and shown nothing of the report.
    for (const who of [OSLO, GUEST]) {
      const refused = await press(who, 'vest', 'vote.need', ref(vestMeeting, report.id));
      assert.equal(
        cardText(refused),
        'Kompetansebot\nBare de stemmeberettigede i Arbeidsgruppe Vest og sekretariatet kan lese hele behovsmeldingen. Ingenting er vist.',
        who.name,
      );
    }
  });

  it('lets an invited guest read the card but never vote, and does not count the guest as an elector', async () => {
    const answer = await mark(GUEST, 'vest', vestMeeting, report.id, 'prioritise');
    assert.match(
      answer,
      /Du er invitert gjest i Arbeidsgruppe Vest: du leser sakene og kan kommentere i tråden under kortet, men du stemmer ikke\. Markeringen ble ikke lagret\./,
    );
    assert.deepEqual(
      await h.app.services.votes.of(vestMeeting.id, report.id).then((m) => m.filter((x) => x.mark !== undefined && x.voter.aadObjectId === GUEST.aadObjectId)),
      [],
    );
    // Four electors (three members and the chair); the guest is not one of them.
    assert.match(answer, /0 av 4 stemmeberettigede har markert\./);
  });

  it("lets the chair's mark decide a tie, says so on the forum's agenda, and tells the case's story in words", async () => {
    for (const [who, value] of [
      [ANNE, 'prioritise'],
      [BJORN, 'not_prioritise'],
      [CHAIR, 'prioritise'],
      [DAG, 'not_prioritise'],
    ] as const)
      assert.match(await mark(who, 'vest', vestMeeting, report.id, value), /Markeringen din er lagret/);
    clock.now = new Date('2027-03-12T15:00:00Z');
    await officer('vote.close', { meetingId: vestMeeting.id });
    const tie = 'Anbefalt av Arbeidsgruppe Vest (2 for, 2 imot, 0 avstår; stemmelikhet, lederens stemme avgjorde)';

    // The forum's voting card shows the group's anbefaling with the chair's casting vote.
    const forumMeeting = await openMeeting('forum', 'Samarbeidsforumet mars');
    const forumCard = cardText(await press(FORUM_A, 'forum', 'vote.refresh', ref(forumMeeting, report.id)));
    assert.ok(forumCard.includes(`Arbeidsgruppens anbefaling\n${tie}`), forumCard);
    for (const who of [FORUM_A, FORUM_B]) await mark(who, 'forum', forumMeeting, report.id, 'prioritise');
    clock.now = new Date('2027-03-20T15:00:00Z');
    await officer('vote.close', { meetingId: forumMeeting.id });

    clock.now = new Date('2027-04-02T08:30:00Z');
    const granted = await officer('decision.record', { roundId: 'r2027', reportId: report.id, outcome: 'granted' });
    clock.now = new Date('2027-05-03T08:30:00Z');
    await officer('decision.paidConfirm', actionData(granted, 'decision.paid'));

    const caseCard = await officer('report.check', { roundId: 'r2027', reportId: report.id });
    const text = cardText(caseCard);
    assert.ok(text.includes(`Arbeidsgruppens anbefaling\n${tie}`), 'the case facts carry the group tally');
    // The history's 17 lines (what follows it depends on the buttons a paid case still has).
    const history = text.slice(text.lastIndexOf('Historikk')).split('\n').slice(0, 17).join('\n');
    const officerName = 'Sekretariatet (Siri Statsforvalter)';
    assert.equal(
      history,
      [
        'Historikk',
        '1. mars 2027 kl. 10.00',
        'Sendt inn · Eier',
        '1. mars 2027 kl. 10.00',
        'Formelt kontrollert · Sekretariatet',
        '1. mars 2027 kl. 10.00',
        'Satt på sakslisten til et møte · Sekretariatet',
        '12. mars 2027 kl. 16.00',
        `Arbeidsgruppens anbefaling: ${tie}`,
        '12. mars 2027 kl. 16.00',
        'Satt på sakslisten til et møte · Sekretariatet',
        '20. mars 2027 kl. 16.00',
        'Forumets innstilling: Prioritert (2 for, 0 imot, 0 avstår)',
        '2. april 2027 kl. 10.30',
        // The ledger's words: the sum for this school year (the commitments for later years are on the decision).
        `Vedtak: Innvilget, 1 250 000 kr for dette skoleåret · ${officerName}`,
        '3. mai 2027 kl. 10.30',
        `Utbetalt: 1 250 000 kr · ${officerName}`,
      ].join('\n'),
    );
    assert.ok(!JSON.stringify(caseCard).includes('meeting:'), 'no internal ids');
  });

  it("shows the forum's composition against its categories on the members card and names the missing ones", async () => {
    const add = async (who: Persona, role: string, category: string) => {
      const form = await officer('roles.addForm', { mode: 'member' });
      return officer('roles.add', {
        ...actionData(form, 'roles.add'),
        aadObjectId: who.aadObjectId,
        tenantId: TENANT,
        displayName: who.name,
        role,
        group: `forum:${SEEDED_FORUM}`,
        organisations: '',
        category,
      });
    };
    await add(FORUM_A, 'member', 'schoolOwner');
    await add(member(69, 'Kari KS'), 'member', 'ks');
    const card = await add(member(70, 'Ivar Invitert'), 'guest', 'invited');
    const text = cardText(card);
    assert.ok(
      text.includes(
        'Samarbeidsforum Viken: skoleeier (1), KS (1), invitert (1). Mangler: kommunal barnehageeier, privat barnehageeier, kommunen som barnehagemyndighet, universitet eller høgskole, arbeidstakerorganisasjon.',
      ),
      text,
    );
    assert.ok(text.includes('Ivar Invitert\ninvitert gjest · invitert'), text);
    const guest = (await h.app.services.roles.of({ tenantId: TENANT, aadObjectId: member(70).aadObjectId })).find((g) => g.group === 'forum');
    assert.deepEqual([guest?.role, guest?.category], ['guest', 'invited']);
  });
});
