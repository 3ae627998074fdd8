import assert from 'node:assert/strict';
import sinon from 'sinon';
import { randomUUID } from 'node:crypto';
import type { Mark, Meeting } from '../../src/domain/forum';
import { voterKey } from '../../src/storage/votes';
import { closeDueVotes, closeVote } from '../../src/teams/forum/closing';
import { parseForumRules } from '../../src/domain/forum';
import { FAST_DELIVERY, waitFor } from '../support/delivery';
import {
  CHANNEL,
  FORUM,
  forumOf,
  grantMember,
  member,
  OTHER_CHANNEL,
  seedCheckedReport,
  seedGroupChannel,
  seedOfficerChat,
  seedRound,
  TEAM,
} from '../support/forum';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, OTHER_OWNER, TENANT, type Persona } from '../support/personas';
import { actionData } from '../support/wizard';
import { fakeClock, nowOf } from '../support/clock';
import { parseCsv } from '../support/parseCsv';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

describe("forum meetings and voting in a working group's channel", function () {
  this.timeout(60_000);
  const clock = fakeClock('2027-03-01T09:00:00Z');
  let h: Harness;

  // The working group "vest": three members (one of them chair) and one whose organisation owns the reports.
  const ANNE = member(1, 'Anne Medlem');
  const BJORN = member(2, 'Bjørn Medlem');
  const CHAIR = member(3, 'Cecilie Leder');
  const OWNERS_MAN = member(4, 'Dag fra eierkommunen');

  before(async () => {
    // One step: the group's vote is the forum's recommendation here (two steps: two-steps.test.ts).
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, FORUM_RULES: '{"steps":"one"}' }, { now: nowOf(clock) });
    const s = h.app.services;
    await seedRound(s);
    await seedGroupChannel(s, h.connector.url);
    await seedOfficerChat(s, h.connector.url, OFFICER);
    await grantMember(s, ANNE, { organisations: ['111111111'] });
    await grantMember(s, BJORN);
    await grantMember(s, CHAIR, { role: 'chair' });
    await grantMember(s, OWNERS_MAN, { organisations: ['974760673'] });
  });
  after(async () => {
    await h.stop();
  });
  beforeEach(() => {
    clock.setSystemTime(new Date('2027-03-01T09:00:00Z'));
  });

  // --- how Teams reaches the bot ----------------------------------------------------------------

  const inChannel = (who: Persona, channelId = CHANNEL) => ({
    ...h.personalActivity(who),
    conversation: { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', tenantId: TENANT, isGroup: true },
    channelData: { team: { id: TEAM }, channel: { id: channelId }, tenant: { id: TENANT } },
  });

  /** A press on a card, as Teams sends it: the card's own data, the presser from the activity. */
  async function invoke(
    who: Persona,
    verb: string,
    data: Record<string, unknown>,
    opts: { where?: 'personal' | 'channel'; channelId?: string; trigger?: 'manual' | 'automatic'; channelData?: Record<string, unknown> } = {},
  ) {
    const base = opts.where === 'personal' ? h.personalActivity(who) : inChannel(who, opts.channelId);
    if (opts.channelData) base.channelData = opts.channelData;
    const res = await h.post({
      ...base,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: opts.trigger ?? 'manual' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.type, ADAPTIVE, `expected a card, got ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body.value;
  }

  /** An officer's press in their personal chat. */
  const officer = (verb: string, data: Record<string, unknown>) => invoke(OFFICER, verb, { verb, ...data }, { where: 'personal' });

  function markData(card: any, mark: Mark): Record<string, unknown> {
    const found: any[] = [];
    const walk = (n: any) => {
      if (!n || typeof n !== 'object') return;
      if (Array.isArray(n)) return n.forEach(walk);
      if (n.type === 'Action.Execute' && n.verb === 'vote.mark' && n.data?.mark === mark) found.push(n.data);
      for (const [k, v] of Object.entries(n)) if (k !== 'refresh') walk(v);
    };
    walk(card);
    assert.ok(found.length > 0, `no ${mark} button on ${cardText(card).slice(0, 200)}`);
    return found[0];
  }
  const vote = (who: Persona, card: any, mark: Mark) => invoke(who, 'vote.mark', markData(card, mark));
  const tallyOf = (card: any) => {
    const m = /Prioriter\n(\d+)\nIkke prioriter\n(\d+)\nAvstår\n(\d+)\nInhabil\n(\d+)/.exec(cardText(card));
    assert.ok(m, cardText(card));
    return { prioritise: Number(m[1]), notPrioritise: Number(m[2]), abstain: Number(m[3]), conflict: Number(m[4]) };
  };

  // --- what reached the channel -----------------------------------------------------------------

  const threads = () =>
    h.connector
      .sent()
      .filter((r) => r.path === '/v3/conversations')
      .map((r) => r.body.activity);
  const replies = () =>
    h.connector
      .sent()
      .filter((r) => /\/v3\/conversations\/.+;messageid=.+\/activities$/.test(decodeURIComponent(r.path)))
      .map((r) => r.body);
  const cardsIn = (activities: any[]) => activities.map((a) => a.attachments?.find((x: any) => x.contentType === ADAPTIVE)?.content).filter(Boolean);

  /** The voting card posted for a report, once the outbox has sent it. */
  async function postedVoteCard(reference: string): Promise<any> {
    let card: any;
    await waitFor(`the voting card of ${reference}`, () => {
      card = cardsIn(replies()).find((c) => cardText(c).includes(reference) && JSON.stringify(c).includes('vote.mark'));
      return card !== undefined;
    });
    return card;
  }

  /** A meeting of group vest over `count` fresh checked reports, posted, with the vote open. */
  async function openMeeting(
    count: number,
    reportOverrides: Array<Parameters<typeof seedCheckedReport>[1]> = [],
  ): Promise<{ meeting: Meeting; reports: Array<{ id: string; reference: string }> }> {
    const s = h.app.services;
    const reports = [];
    for (let i = 0; i < count; i++) reports.push(await seedCheckedReport(s, reportOverrides[i] ?? {}));
    const form = await officer('meeting.new', {});
    const editor = await officer('meeting.create', {
      ...actionData(form, 'meeting.create'),
      group: 'vest',
      roundId: 'r2027',
      title: `Møte ${randomUUID().slice(0, 4)}`,
      date: '2027-03-12',
    });
    const meetingId = actionData(editor, 'vote.open').meetingId as string;
    await officer('vote.open', { meetingId });
    const meeting = (await s.meetings.get(FORUM, meetingId))!;
    assert.deepEqual([...meeting.order].sort(), reports.map((r) => r.id).sort(), 'the agenda holds exactly the new checked reports');
    return { meeting, reports };
  }

  // --- the tests ----------------------------------------------------------------------------------

  it("posts the agenda of the group's checked reports into its channel and updates the posted card in place when it changes", async () => {
    const s = h.app.services;
    const seeded = [await seedCheckedReport(s), await seedCheckedReport(s, { scheme: 'REKOM' }), await seedCheckedReport(s)];
    const [reply] = await h.send(OFFICER, 'nytt møte');
    const form = cardOf(reply);
    assert.match(cardText(form), /Nytt møte/);
    let editor = await officer('meeting.create', {
      ...actionData(form, 'meeting.create'),
      group: 'vest',
      roundId: 'r2027',
      title: 'Vårmøte Vest',
      date: '2027-03-12',
    });
    assert.match(cardText(editor), /Møtet er opprettet med 3 saker/);
    const meetingId = actionData(editor, 'meeting.post').meetingId as string;
    for (const r of seeded) {
      const report = (await s.reports.get('r2027', r.id))!;
      assert.equal(report.status, 'on_agenda');
      assert.equal(report.history.at(-1)?.actor.role, 'secretariat', 'the move is in the audit trail');
    }

    const before = threads().length;
    editor = await officer('meeting.post', { meetingId });
    assert.match(cardText(editor), /publiseres i kanalen/);
    await waitFor('the agenda thread', () => threads().length > before);
    const posted = h.connector
      .sent()
      .filter((r) => r.path === '/v3/conversations')
      .at(-1)!;
    assert.equal(posted.body.channelData.channel.id, CHANNEL, "posted in the group's channel");
    const agenda = cardsIn([posted.body.activity])[0];
    const text = cardText(agenda);
    assert.match(text, /Saksliste: Vårmøte Vest/);
    for (const r of seeded) assert.match(text, new RegExp(r.reference));
    assert.match(text, /Eier \d+ kommune \(974 760 673\)/);
    assert.match(text, /OsloMet/);
    assert.match(text, /2027–2028: 1 250 000 kr · 2028–2029: 1 000 000 kr/);
    assert.match(text, /Desentralisert ordning \(skole\)\n2 500 000 kr av 90 000 000 kr \(2 saker\)/, "totals per scheme against the round's budget");

    // Move the first item down, then take the last one off: the posted card follows, in place.
    const first = (await s.meetings.get(FORUM, meetingId))!.order[0];
    await officer('meeting.move', { meetingId, reportId: first, to: 'down' });
    await waitFor(
      'the agenda update',
      () => h.connector.updated().length > 0 && cardsIn(h.connector.updated().map((u) => u.body)).some((c) => cardText(c).includes('Vårmøte Vest')),
    );
    const order = (await s.meetings.get(FORUM, meetingId))!.order;
    assert.equal(order[1], first);
    const removed = order[2];
    await officer('meeting.remove', { meetingId, reportId: removed });
    assert.equal((await s.reports.get('r2027', removed))!.status, 'formally_checked', 'back for another meeting');
    await waitFor('the second agenda update', () =>
      cardsIn(h.connector.updated().map((u) => u.body)).some((c) => /2 saker fra innmeldingsrunden/.test(cardText(c))),
    );
    const updates = h.connector.updated().filter((u) => cardText(cardsIn([u.body])[0] ?? {}).includes('Vårmøte Vest'));
    const threadActivityId = (await s.outbox.get(`agenda:${meetingId}:p1`))!.activityId!;
    assert.ok(
      updates.every((u) => decodeURIComponent(u.path).endsWith(`/activities/${threadActivityId}`)),
      'every update replaced the posted agenda',
    );
    assert.equal(threads().length, before + 1, 'no second agenda was posted');

    // Put it back with the editor's picker; then open the vote: one voting card per item, in the thread.
    editor = await officer('meeting.add', { meetingId, addReportId: removed });
    assert.match(cardText(editor), /er lagt til sakslisten/);
    editor = await officer('vote.open', { meetingId });
    assert.match(cardText(editor), /Avstemningen er åpnet/);
    for (const r of seeded) await postedVoteCard(r.reference);
    const threadConversation = (await s.outbox.get(`agenda:${meetingId}:p1`))!.conversationId!;
    for (const r of seeded)
      assert.equal((await s.outbox.get(`vote:${meetingId}:${r.id}`))!.conversationId, threadConversation, "voting cards reply in the agenda's thread");
    // The agenda is locked once the vote is open.
    const locked = await officer('meeting.remove', { meetingId, reportId: order[0] });
    assert.match(cardText(locked), /kan ikke endres lenger/);
  });

  it('lets members vote and change their minds, showing each their own mark and the live tally', async () => {
    const { meeting, reports } = await openMeeting(1);
    const card = await postedVoteCard(reports[0].reference);

    let seen = await vote(ANNE, card, 'prioritise');
    // One confirmation, in a box with a tick (not colour alone), not a bold line as well.
    assert.match(cardText(seen), /✓ Markeringen din er lagret: Prioriter\. Du kan endre den til avstemningen lukkes\./);
    assert.doesNotMatch(cardText(seen), /Din markering/);
    assert.equal(JSON.stringify(seen).split('Markeringen din er lagret').length, 2, 'said once');
    assert.deepEqual(tallyOf(seen), { prioritise: 1, notPrioritise: 0, abstain: 0, conflict: 0 });

    seen = await vote(BJORN, card, 'not_prioritise');
    assert.deepEqual(tallyOf(seen), { prioritise: 1, notPrioritise: 1, abstain: 0, conflict: 0 });
    seen = await vote(ANNE, seen, 'abstain');
    assert.match(cardText(seen), /Markeringen din er lagret: Avstår/);
    assert.deepEqual(tallyOf(seen), { prioritise: 0, notPrioritise: 1, abstain: 1, conflict: 0 }, 'a changed mark replaces the earlier one');

    // Someone else opening the card: Teams asks for their own view (refresh, trigger automatic).
    const refreshed = await invoke(BJORN, 'vote.refresh', (card.refresh as any).action.data, { trigger: 'automatic' });
    assert.match(cardText(refreshed), /Din markering: Ikke prioriter/);
    assert.deepEqual(tallyOf(refreshed), { prioritise: 0, notPrioritise: 1, abstain: 1, conflict: 0 });
    assert.ok(refreshed.refresh.userIds.length <= 60);
    assert.ok(refreshed.refresh.userIds.includes(`29:${ANNE.aadObjectId}`), 'a member seen pressing is listed by their Teams id');

    const stored = await h.app.services.votes.of(meeting.id, reports[0].id);
    assert.deepEqual(
      stored.map((m) => [m.voter.aadObjectId, m.mark]).sort(),
      [
        [ANNE.aadObjectId, 'abstain'],
        [BJORN.aadObjectId, 'not_prioritise'],
      ].sort(),
    );
  });

  it('stops a member whose organisation owns the report, tells them why, and leaves the tally unchanged', async () => {
    const { meeting, reports } = await openMeeting(2, [{}, { ownerOrgnr: '921605900', network: [], uhOrgnr: '974760673' }]);
    for (const [i, reason] of [
      [0, /organisasjonen din \(974 760 673\) er eier/],
      [1, /organisasjonen din \(974 760 673\) er UH-partner/],
    ] as const) {
      const card = await postedVoteCard(reports[i].reference);
      const seen = await vote(OWNERS_MAN, card, 'prioritise');
      assert.match(cardText(seen), reason);
      assert.match(cardText(seen), /Markeringen ble ikke lagret/);
      assert.deepEqual(tallyOf(seen), { prioritise: 0, notPrioritise: 0, abstain: 0, conflict: 0 });
      assert.ok(!JSON.stringify(seen).includes('"vote.mark"'), 'no vote buttons for a disqualified member');
      assert.deepEqual(await h.app.services.votes.of(meeting.id, reports[i].id), []);
    }
    // A network member is disqualified the same way.
    await grantMember(h.app.services, member(5), { organisations: ['123456785'] });
    const seen = await vote(member(5), await postedVoteCard(reports[0].reference), 'not_prioritise');
    assert.match(cardText(seen), /organisasjonen din \(123 456 785\) er med i eiernettverket/);
  });

  it('refuses a non-member and the secretariat privately; nothing is stored', async () => {
    const { meeting, reports } = await openMeeting(1);
    const card = await postedVoteCard(reports[0].reference);
    await vote(ANNE, card, 'prioritise');
    const outsider = await vote(OTHER_OWNER, card, 'not_prioritise');
    assert.match(cardText(outsider), /Bare registrerte medlemmer av Arbeidsgruppe Vest kan stemme/);
    assert.deepEqual(tallyOf(outsider), { prioritise: 1, notPrioritise: 0, abstain: 0, conflict: 0 });
    const secretariat = await vote(OFFICER, card, 'not_prioritise');
    assert.match(cardText(secretariat), /Sekretariatet har ikke stemmerett/);
    assert.ok(JSON.stringify(secretariat).includes('"vote.close"'), "the officer's own view offers closing instead");
    const stored = await h.app.services.votes.of(meeting.id, reports[0].id);
    assert.deepEqual(
      stored.map((m) => m.voter.aadObjectId),
      [ANNE.aadObjectId],
    );
  });

  it('refuses forged action data and stores nothing', async () => {
    const { meeting, reports } = await openMeeting(1);
    const card = await postedVoteCard(reports[0].reference);
    const good = markData(card, 'prioritise');
    // Checked, but sorted to working group Oslo: on no agenda of group Vest.
    const other = await seedCheckedReport(h.app.services, { region: 'oslo' });
    const forged: Array<[string, Record<string, unknown>, RegExp, { channelId?: string; where?: 'personal'; channelData?: Record<string, unknown> }?]> = [
      ["another user's id in the data", { ...good, voter: BJORN.aadObjectId, aadObjectId: BJORN.aadObjectId }, /hører ikke til en avstemning/],
      ['a made-up item', { ...good, reportId: 'made-up-report' }, /står ikke på sakslisten/],
      ['a real report that is not on this agenda', { ...good, reportId: other.id }, /står ikke på sakslisten/],
      ['a made-up meeting', { ...good, meetingId: 'no-such-meeting' }, /Fant ikke møtet/],
      ['a card of another vote', { ...good, v: 'another-vote' }, /tidligere avstemning/],
      ['a made-up mark', { ...good, mark: 'veto' }, /hører ikke til en avstemning/],
      ['the card pressed from another channel', good, /hører ikke til en avstemning/, { channelId: OTHER_CHANNEL }],
      ['the card pressed from a personal chat', good, /på kortet i gruppens kanal, ikke i en chat/, { where: 'personal' }],
      // A personal chat's activity whose channelData names the group's channel: the conversation decides.
      [
        "a personal-chat press whose channelData names the group's channel",
        good,
        /på kortet i gruppens kanal, ikke i en chat/,
        { where: 'personal', channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: TENANT } } },
      ],
      [
        'a channel press whose channelData names another channel than its conversation',
        good,
        /hører ikke til en avstemning/,
        { channelId: OTHER_CHANNEL, channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: TENANT } } },
      ],
    ];
    for (const [what, data, answer, where] of forged) {
      const seen = await invoke(ANNE, 'vote.mark', data, where ?? {});
      assert.match(cardText(seen), answer, what);
    }
    assert.deepEqual(await h.app.services.votes.of(meeting.id, reports[0].id), [], 'nothing stored');
    assert.deepEqual(await h.app.services.votes.of(meeting.id, other.id), []);

    // The same card replayed after the vote closed (two of the three electors: a quorum).
    await vote(BJORN, card, 'prioritise');
    await vote(CHAIR, card, 'prioritise');
    await officer('vote.close', { meetingId: meeting.id });
    const replay = await vote(ANNE, card, 'not_prioritise');
    assert.match(cardText(replay), /Avstemningen er lukket\. Markeringen ble ikke lagret/);
    assert.match(cardText(replay), /Prioritert \(konsensus\)/);
    const stored = await h.app.services.votes.of(meeting.id, reports[0].id);
    assert.deepEqual(stored.map((m) => m.voter.aadObjectId).sort(), [BJORN.aadObjectId, CHAIR.aadObjectId].sort());
  });

  it("closes with consensus, majority and the chair's casting vote, moves the reports and sends the recommendation to the secretariat", async () => {
    const s = h.app.services;
    const { meeting, reports } = await openMeeting(5, [{}, { scheme: 'REKOM' }, {}, {}, {}]);
    const byRef = async (i: number) => postedVoteCard(reports[i].reference);
    // 0: consensus (every mark prioritise); 1: majority for; 2: majority against;
    // 3: tie decided by the chair; 4: tie without the chair → stays open. Four electors: 3 marks are a quorum.
    const plan: Array<Array<[Persona, Mark]>> = [
      [
        [ANNE, 'prioritise'],
        [BJORN, 'prioritise'],
        [CHAIR, 'prioritise'],
      ],
      [
        [ANNE, 'prioritise'],
        [BJORN, 'prioritise'],
        [CHAIR, 'not_prioritise'],
      ],
      [
        [ANNE, 'not_prioritise'],
        [BJORN, 'not_prioritise'],
        [CHAIR, 'prioritise'],
      ],
      [
        [ANNE, 'prioritise'],
        [BJORN, 'not_prioritise'],
        [CHAIR, 'not_prioritise'],
        [member(6), 'prioritise'],
      ],
      [
        [ANNE, 'prioritise'],
        [BJORN, 'not_prioritise'],
        [CHAIR, 'abstain'],
      ],
    ];
    await grantMember(s, member(6));
    for (const [i, marks] of plan.entries()) {
      const card = await byRef(i);
      for (const [who, mark] of marks) await vote(who, card, mark);
    }
    const sentBefore = h.connector.sent().length;
    const editor = await officer('vote.close', { meetingId: meeting.id });
    assert.match(cardText(editor), /Avstemningen er lukket/);

    const statuses = await Promise.all(reports.map(async (r) => (await s.reports.get('r2027', r.id))!.status));
    assert.deepEqual(statuses, ['prioritised', 'prioritised', 'not_prioritised', 'not_prioritised', 'on_agenda']);
    const last = (await s.reports.get('r2027', reports[0].id))!.history.at(-1)!;
    assert.deepEqual([last.from, last.to, last.actor.role], ['on_agenda', 'prioritised', 'secretariat']);
    const results = await s.meetings.items((await s.meetings.get(FORUM, meeting.id))!);
    assert.deepEqual(
      results.map((r) => r.result && `${r.result.outcome}/${r.result.method}`),
      ['prioritised/consensus', 'prioritised/majority', 'not_prioritised/majority', 'not_prioritised/chair', 'undecided/tie'],
    );

    // Every voting card freezes with its result, for everyone (an update of the posted card).
    const frozenKey = (i: number) => `vote:${meeting.id}:${reports[i].id}:closed`;
    await waitFor('the frozen cards', async () => (await Promise.all(reports.map((_, i) => s.outbox.get(frozenKey(i))))).every((m) => m?.status === 'sent'));
    const frozen = cardsIn(h.connector.updated().map((u) => u.body)).filter((c) => cardText(c).includes(reports[3].reference));
    assert.ok(
      frozen.some(
        (c) => /Ikke prioritert \(stemmelikhet, lederens stemme avgjorde\)/.test(cardText(c)) && !JSON.stringify(c).includes('vote.mark') && !c.refresh,
      ),
    );

    // The recommendation reaches the officer's personal chat.
    await waitFor('the recommendation', () =>
      h.connector
        .sent()
        .slice(sentBefore)
        .some((r) => decodeURIComponent(r.path).includes(`a:personal-${OFFICER.aadObjectId}`)),
    );
    const rec = cardsIn(
      h.connector
        .sent()
        .slice(sentBefore)
        .filter((r) => decodeURIComponent(r.path).includes(`a:personal-${OFFICER.aadObjectId}`))
        .map((r) => r.body),
    )[0];
    const text = cardText(rec);
    assert.match(text, /Innstilling:/);
    assert.match(text, /Prioritert \(2\)/);
    assert.match(text, new RegExp(reports[0].reference));
    assert.match(text, /Uavklart – sekretariatet følger opp \(1\)/);
    // The running total goes on from what the round took before this meeting (the ledger, issue 22):
    // earlier tests here prioritised DEKOM reports; this meeting adds its one item.
    const dekom =
      /Desentralisert ordning \(skole\): ([\d\s]+) kr av 90 000 000 kr \(1 sak\)(?: Herav tatt før denne listen \(tidligere møter, vedtak og videreføringer\): ([\d\s]+) kr\.)?/.exec(
        text,
      );
    assert.ok(dekom, text);
    const amount = (x: string | undefined) => Number((x ?? '0').replace(/\s/g, ''));
    assert.equal(amount(dekom[1]) - amount(dekom[2]), 1_250_000);
    assert.match(text, /Regional ordning \(barnehage\): 1 250 000 kr av 40 000 000 kr \(1 sak\)/);
    assert.ok(JSON.stringify(rec).includes('"meeting.csv"'));
    // "Like the round": the round's own export, download links signed for this officer.
    const exported = await officer('export.round', actionData(rec, 'export.round'));
    assert.match(JSON.stringify(exported), /\/exports\/[A-Za-z0-9_.-]+/);

    // The CSV export of the recommendation: a download link on a card of its own, never the rows as text.
    const csvCard = await officer('meeting.csv', { meetingId: meeting.id });
    assert.doesNotMatch(JSON.stringify(csvCard), /Monospace|Referanse;Eier/, 'no CSV text on the card');
    assert.match(cardText(csvCard), /CSV-fil med møtets 5 saker, resultatene og markeringene .* går ut kl\. \d\d:\d\d \(om 15 min\)/);
    const download = csvCard.body.flatMap((b: any) => b.actions ?? []).find((a: any) => a.type === 'Action.OpenUrl');
    assert.equal(download?.title, 'Last ned CSV');
    assert.match(download.url, /^http:\/\/localhost:\d+\/exports\/[\w-]+\.[\w-]+$/);
    const res = await fetch(download.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="anbefaling-vest-\d{4}-\d\d-\d\d\.csv"$/);
    const rows = parseCsv(await res.text());
    assert.deepEqual(rows[0], [
      'Referanse',
      'Eier',
      'Organisasjonsnummer',
      'Ordning',
      'Tittel',
      'UH-partner',
      'Beløp 2027',
      'Søkt i alt',
      'Resultat',
      'Prioriter',
      'Ikke prioriter',
      'Avstår',
      'Inhabil',
    ]);
    assert.equal(rows.length, 6, 'the header and every item');
    assert.equal(rows[1][0], reports[0].reference);
    assert.match(rows[1][1], /^Eier \d+ kommune$/);
    assert.deepEqual(rows[1].slice(2, 4), ['974760673', 'DEKOM']);
    assert.deepEqual(rows[1].slice(6), ['1250000', '2250000', 'Prioritert (konsensus)', '3', '0', '0', '0']);
    assert.deepEqual(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
      reports.map((r) => r.reference).sort(),
    );
    // Only an officer may have the file: a link made out to a member (not the secretariat) is refused,
    // and so are a changed link and one whose time is up.
    const asMember = s.exportLinks.sign({ roundId: meeting.roundId, format: 'csv', tenantId: TENANT, aadObjectId: ANNE.aadObjectId, meeting: meeting.id });
    const refused = await fetch(asMember.url);
    assert.equal(refused.status, 403);
    assert.doesNotMatch(await refused.text(), /Referanse|;/);
    assert.equal((await fetch(download.url.replace(/\.[\w-]+$/, '.' + 'A'.repeat(43)))).status, 404);
    const otherMeeting = s.exportLinks.sign({
      roundId: meeting.roundId,
      format: 'csv',
      tenantId: TENANT,
      aadObjectId: OFFICER.aadObjectId,
      meeting: 'no-such-meeting',
    });
    assert.equal((await fetch(otherMeeting.url)).status, 404);
    const before = clock.now;
    clock.setSystemTime(new Date(before + 16 * 60_000));
    const late = await fetch(download.url);
    assert.equal(late.status, 410);
    assert.match(await late.text(), /Lenken har gått ut/);
    clock.setSystemTime(new Date(before));

    // Closing twice changes nothing.
    const again = await officer('vote.close', { meetingId: meeting.id });
    assert.match(cardText(again), /Avstemningen ble lukket/);
  });

  it('closes by itself at the set time when the scheduler calls closeDueVotes', async () => {
    const s = h.app.services;
    const report = await seedCheckedReport(s);
    const form = await officer('meeting.new', {});
    const editor = await officer('meeting.create', {
      ...actionData(form, 'meeting.create'),
      group: 'vest',
      roundId: 'r2027',
      title: 'Med frist',
      date: '2027-03-12',
    });
    const meetingId = actionData(editor, 'vote.open').meetingId as string;
    const opened = await officer('vote.open', { meetingId, closeDate: '2027-03-05', closeTime: '14:00' });
    assert.match(cardText(opened), /Avstemningen er åpen til 5\. mars 2027 kl\. 14:00/);
    assert.equal((await s.meetings.get(FORUM, meetingId))!.vote!.closesAt, '2027-03-05T13:00:00.000Z', 'Oslo winter time');
    await vote(ANNE, await postedVoteCard(report.reference), 'prioritise');
    await vote(CHAIR, await postedVoteCard(report.reference), 'prioritise');
    await vote(member(6), await postedVoteCard(report.reference), 'prioritise');

    clock.setSystemTime(new Date('2027-03-05T12:59:00Z'));
    assert.deepEqual(await closeDueVotes(s), [], 'not before its time');
    clock.setSystemTime(new Date('2027-03-05T13:00:30Z'));
    // Past the time but before the scheduler ran: marks are already refused.
    const late = await vote(BJORN, await postedVoteCard(report.reference), 'not_prioritise');
    assert.match(cardText(late), /Avstemningen er lukket/);
    const closed = await closeDueVotes(s);
    assert.deepEqual(
      closed.map((m) => m.id),
      [meetingId],
    );
    assert.equal((await s.reports.get('r2027', report.id))!.status, 'prioritised');
    assert.deepEqual(await closeDueVotes(s), [], 'a closed vote is not closed again');
    const marks = await s.votes.of(meetingId, report.id);
    assert.deepEqual(
      marks.map((m) => m.mark),
      ['prioritise', 'prioritise', 'prioritise'],
      'three of the four electors: a quorum',
    );
  });

  // --- quorum and consensus (before the crowd below joins the group) --------------------------------

  /** Closes the meeting and returns each item's frozen card text, by report. */
  async function closeAndRead(meeting: Meeting, reports: Array<{ id: string; reference: string }>) {
    await officer('vote.close', { meetingId: meeting.id });
    const texts: string[] = [];
    for (const r of reports) {
      const key = `vote:${meeting.id}:${r.id}:closed`;
      await waitFor(`the frozen card of ${r.reference}`, async () => (await h.app.services.outbox.get(key))?.status === 'sent');
      const frozen = cardsIn(h.connector.updated().map((u) => u.body)).filter(
        (c) => cardText(c).includes(r.reference) && !JSON.stringify(c).includes('vote.mark'),
      );
      texts.push(cardText(frozen.at(-1)));
    }
    return texts;
  }
  const status = async (id: string) => (await h.app.services.reports.get('r2027', id))!.status;

  it('leaves an item with too few marks undecided ("not quorate"), and takes unanimous "ikke prioriter" as consensus against', async () => {
    const { meeting, reports } = await openMeeting(3);
    // Four electors (Anne, Bjørn, the chair, member 6; the owner's man is disqualified): a quorum is three marks.
    const cards = await Promise.all(reports.map((r) => postedVoteCard(r.reference)));
    assert.match(
      cardText(cards[0]),
      /Regler: beslutningsdyktig når flere enn 50 % av de stemmeberettigede har markert\. Konsensus når alle markeringer er like/,
    );
    await vote(ANNE, cards[0], 'prioritise');
    for (const who of [ANNE, BJORN, CHAIR, member(6)]) await vote(who, cards[1], 'not_prioritise');
    await vote(ANNE, cards[2], 'prioritise');
    await vote(CHAIR, cards[2], 'prioritise');
    await vote(BJORN, cards[2], 'abstain');

    const texts = await closeAndRead(meeting, reports);
    assert.match(texts[0], /Uavklart: ikke beslutningsdyktig \(1 av 4 stemmeberettigede markerte\)/);
    assert.match(texts[0], /Ikke avgjort: under 50 % av de stemmeberettigede markerte/);
    assert.match(texts[1], /Ikke prioritert \(konsensus\)/);
    assert.match(texts[1], /Avgjort ved konsensus: alle markeringer var like/);
    assert.match(texts[2], /Prioritert \(flertall\)/, 'an abstention breaks consensus');
    assert.match(texts[2], /Avgjort ved flertall: 2 for og 0 imot/);
    assert.deepEqual(await Promise.all(reports.map((r) => status(r.id))), ['on_agenda', 'not_prioritised', 'prioritised']);
    const results = await h.app.services.meetings.items((await h.app.services.meetings.get(FORUM, meeting.id))!);
    assert.deepEqual(
      results.map((r) => [r.result?.method, r.result?.electors]),
      [
        ['notQuorate', 4],
        ['consensus', 4],
        ['majority', 4],
      ],
    );

    // The recommendation names the rules and, per item, the rule that decided it.
    let rec: any;
    await waitFor('the recommendation', () => {
      rec = cardsIn(
        h.connector
          .sent()
          .filter((r) => decodeURIComponent(r.path).includes(`a:personal-${OFFICER.aadObjectId}`))
          .map((r) => r.body),
      ).find((c) => cardText(c).includes(reports[1].reference));
      return rec !== undefined;
    });
    const text = cardText(rec);
    assert.match(text, /Regler: beslutningsdyktig når flere enn 50 %/);
    assert.match(text, new RegExp(`${reports[1].reference}.*Ikke prioritert \\(konsensus\\)`));
    assert.match(text, new RegExp(`${reports[0].reference}.*ikke beslutningsdyktig`));
  });

  it("counts by the forum's own rules when it has other ones: no quorum, consensus without objection, no casting vote", async () => {
    const s = h.app.services;
    const before = s.forumRules;
    // What FORUM_RULES='{"steps":"one","quorumPercent":0,"consensus":"noObjection","tieBreak":"undecided"}' gives.
    s.forumRules = parseForumRules({ steps: 'one', quorumPercent: 0, consensus: 'noObjection', tieBreak: 'undecided' });
    try {
      const { meeting, reports } = await openMeeting(2);
      const cards = await Promise.all(reports.map((r) => postedVoteCard(r.reference)));
      assert.match(cardText(cards[0]), /Regler: ingen krav om beslutningsdyktighet\. Konsensus når ingen markerer imot; .*stemmelikhet går til sekretariatet/);
      await vote(ANNE, cards[0], 'prioritise');
      await vote(BJORN, cards[0], 'abstain');
      await vote(ANNE, cards[1], 'prioritise');
      await vote(CHAIR, cards[1], 'not_prioritise');
      const texts = await closeAndRead(meeting, reports);
      assert.match(texts[0], /Prioritert \(konsensus\)/);
      assert.match(texts[0], /Avgjort ved konsensus: ingen markerte imot/);
      assert.match(texts[1], /Uavklart: stemmelikhet/, "the chair's own mark does not break the tie here");
      assert.deepEqual(await Promise.all(reports.map((r) => status(r.id))), ['prioritised', 'on_agenda']);
    } finally {
      s.forumRules = before;
    }
  });

  it('counts every mark exactly once when 30 members press the same card within one second, and shows the stored tally', async function () {
    const s = h.app.services;
    const crowd = Array.from({ length: 30 }, (_, i) => member(100 + i));
    await Promise.all(crowd.map((p) => grantMember(s, p)));
    const { meeting, reports } = await openMeeting(1);
    const card = await postedVoteCard(reports[0].reference);
    const marks: Mark[] = ['prioritise', 'not_prioritise', 'abstain'];
    const chosen = crowd.map((_, i) => marks[i % 3]);

    const started = Date.now();
    const answers = await Promise.all(crowd.map((p, i) => vote(p, card, chosen[i])));
    const took = Date.now() - started;
    for (const [i, a] of answers.entries())
      assert.match(cardText(a), new RegExp(`Markeringen din er lagret: ${['Prioriter', 'Ikke prioriter', 'Avstår'][i % 3]}`));

    const stored = await s.votes.of(meeting.id, reports[0].id);
    assert.equal(stored.length, 30, 'one row per member');
    assert.deepEqual(new Set(stored.map((m) => m.voterKey)), new Set(crowd.map((p) => voterKey(p))));
    for (const [i, p] of crowd.entries()) assert.equal(stored.find((m) => m.voterKey === voterKey(p))!.mark, chosen[i]);
    const shown = tallyOf(await invoke(ANNE, 'vote.refresh', (card.refresh as any).action.data, { trigger: 'automatic' }));
    assert.deepEqual(shown, { prioritise: 10, notPrioritise: 10, abstain: 10, conflict: 0 });
    // The last answer to arrive saw every mark stored before it.
    assert.ok(answers.some((a) => Object.values(tallyOf(a)).reduce((x, y) => x + y, 0) === 30));

    // Everyone changes their mind at once: still one row each.
    const flipped = await Promise.all(crowd.map((p) => vote(p, card, 'prioritise')));
    assert.equal(flipped.length, 30);
    const after = await s.votes.of(meeting.id, reports[0].id);
    assert.equal(after.length, 30);
    assert.ok(after.every((m) => m.mark === 'prioritise'));
    assert.deepEqual(tallyOf(await invoke(BJORN, 'vote.refresh', (card.refresh as any).action.data, { trigger: 'automatic' })), {
      prioritise: 30,
      notPrioritise: 0,
      abstain: 0,
      conflict: 0,
    });
    this.test!.title += ` (${took} ms for 30 presses)`;
  });

  it('stores exactly the marks the result counts when members press while the officer closes the vote', async function () {
    const s = h.app.services;
    const crowd = Array.from({ length: 30 }, (_, i) => member(200 + i));
    await Promise.all(crowd.map((p) => grantMember(s, p)));
    const { meeting, reports } = await openMeeting(1);
    const card = await postedVoteCard(reports[0].reference);
    // Presses come in waves of three; the officer closes once the third wave is answered, so
    // later waves land while the vote closes and after it.
    const answers: Array<{ who: Persona; text: string }> = [];
    let closing: Promise<unknown> | undefined;
    for (let wave = 0; wave < crowd.length; wave += 3) {
      answers.push(...(await Promise.all(crowd.slice(wave, wave + 3).map(async (p) => ({ who: p, text: cardText(await vote(p, card, 'prioritise')) })))));
      if (wave === 6) closing = officer('vote.close', { meetingId: meeting.id });
    }
    await closing;

    const [item] = await s.meetings.items((await s.meetings.get(FORUM, meeting.id))!);
    const counted = item.result!.counted;
    const stored = await s.votes.of(meeting.id, reports[0].id);
    assert.deepEqual(Object.fromEntries(stored.map((m) => [m.voterKey, m.mark])), counted, 'stored marks are exactly the counted ones');
    assert.equal(item.result!.tally.prioritise, Object.keys(counted).length);
    for (const a of answers) {
      const key = voterKey(a.who);
      if (/Avstemningen er lukket\. Markeringen ble ikke lagret/.test(a.text)) assert.equal(counted[key], undefined, `${a.who.name} was told not counted`);
      else {
        assert.match(a.text, /Markeringen din er lagret: Prioriter/, a.who.name);
        assert.equal(counted[key], 'prioritise', `${a.who.name} was told counted: ${a.text.slice(0, 80)}`);
      }
    }
    this.test!.title += ` (${Object.keys(counted).length} counted, ${30 - Object.keys(counted).length} refused)`;
  });

  it('counts a mark that reached its row before the close, refuses one after, and says which', async () => {
    const s = h.app.services;
    const press = sinon.stub(s.votes, 'press');
    try {
      // The close runs entirely after the press's one write: the result counts the mark.
      let first = await openMeeting(1);
      let card = await postedVoteCard(first.reports[0].reference);
      press.callsFake(async (...args) => {
        const saved = await press.wrappedMethod.apply(s.votes, args);
        await closeVote(s, first.meeting.id);
        return saved;
      });
      const counted = cardText(await vote(ANNE, card, 'prioritise'));
      assert.match(counted, /Markeringen din er lagret: Prioriter/);
      assert.deepEqual(
        (await s.votes.of(first.meeting.id, first.reports[0].id)).map((m) => m.mark),
        ['prioritise'],
      );
      let [item] = await s.meetings.items((await s.meetings.get(FORUM, first.meeting.id))!);
      assert.deepEqual(item.result!.counted, { [voterKey(ANNE)]: 'prioritise' });

      // The close froze the rows before the press: it finds no row, is refused and nothing is stored.
      first = await openMeeting(1);
      card = await postedVoteCard(first.reports[0].reference);
      press.callsFake(async (...args) => {
        await closeVote(s, first.meeting.id);
        return press.wrappedMethod.apply(s.votes, args);
      });
      const refused = cardText(await vote(BJORN, card, 'not_prioritise'));
      assert.match(refused, /Avstemningen er lukket\. Markeringen ble ikke lagret/);
      assert.deepEqual(await s.votes.of(first.meeting.id, first.reports[0].id), []);
      [item] = await s.meetings.items((await s.meetings.get(FORUM, first.meeting.id))!);
      assert.deepEqual(item.result!.counted, {});
      assert.equal(press.callCount, 2, 'each press is one write, tried once');
    } finally {
      press.restore();
    }
  });

  it('tells the officer when the group has no channel, or the app is not in its team, and posts nothing', async () => {
    const create = async (group: string) => {
      const form = await officer('meeting.new', {});
      const editor = await officer('meeting.create', {
        ...actionData(form, 'meeting.create'),
        group,
        roundId: 'r2027',
        title: `Møte ${group}`,
        date: '2027-03-12',
      });
      return actionData(editor, 'meeting.post').meetingId as string;
    };
    const nordvest = await create('nordvest');
    assert.match(cardText(await officer('meeting.post', { meetingId: nordvest })), /Gruppen har ingen Teams-kanal/);
    await h.app.services.groups.assign({
      forum: forumOf('sor'),
      group: 'sor',
      teamId: '19:other-team@thread.tacv2',
      channelId: '19:sor@thread.tacv2',
      assignedBy: 'test',
      assignedAt: '2027-01-01T00:00:00.000Z',
    });
    const sor = await create('sor');
    assert.match(cardText(await officer('meeting.post', { meetingId: sor })), /Appen er ikke lagt til i teamet/);
    for (const id of [nordvest, sor]) {
      assert.equal(await h.app.services.outbox.get(`agenda:${id}:p1`), undefined, 'nothing queued');
      assert.equal((await h.app.services.meetings.get(FORUM, id))!.posted, undefined);
    }
  });

  it("gives a forum meeting every checked report of the round in its forum's groups, and a double press one meeting", async () => {
    const s = h.app.services;
    const vest = await seedCheckedReport(s);
    // Østfold's group (Øst) is in Viken's forum too; Oslo's report goes to Oslo's forum.
    const oslo = await seedCheckedReport(s, { region: 'ostfold' });
    const form = await officer('meeting.new', {});
    const input = {
      ...actionData(form, 'meeting.create'),
      forum: forumOf('forum'),
      group: 'forum',
      roundId: 'r2027',
      title: 'Samarbeidsforumet',
      date: '2027-03-20',
    };
    const [a, b] = await Promise.all([officer('meeting.create', input), officer('meeting.create', input)]);
    const ids = [a, b].map((c) => actionData(c, 'meeting.post').meetingId);
    assert.equal(ids[0], ids[1]);
    const meeting = (await s.meetings.get(FORUM, ids[0] as string))!;
    assert.ok(meeting.order.includes(vest.id) && meeting.order.includes(oslo.id), 'reports of every working group');
    assert.equal(new Set(meeting.order).size, meeting.order.length, 'each report once');
    assert.equal((await s.meetings.list(forumOf('forum'))).filter((m) => m.title === 'Samarbeidsforumet').length, 1);
  });

  it('refuses every meeting verb to anyone but the secretariat', async () => {
    for (const verb of ['meeting.new', 'meeting.list', 'meeting.post', 'vote.open', 'vote.close']) {
      const res = await h.post({
        ...h.personalActivity(ANNE),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data: { verb, meetingId: 'x' } } },
      });
      assert.match(cardText(res.body.value), /bare for sekretariatet/, verb);
    }
    const [reply] = await h.send(ANNE, 'møter');
    assert.match(cardText(cardOf(reply)), /bare for sekretariatet/);
  });
});
