import assert from 'node:assert/strict';
import { transition, type NeedsReport } from '../../src/domain/report';
import type { Services } from '../../src/teams/services';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { FAST_DELIVERY, waitFor } from '../support/delivery';
import {
  CHANNEL,
  FORUM,
  ROUND,
  grantMember,
  member,
  needsReport,
  pressInChannel,
  seedCheckedReport,
  seedGroupChannel,
  seedOfficerChat,
} from '../support/forum';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, OWNER, TENANT } from '../support/personas';
import { actionData, press } from '../support/wizard';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/**
 * A three-year DEKOM measure is granted and paid for 2027–2028 in round 2027. When round 2028 is
 * created, it returns as a continuation (year 2 of 3) with 2027's decision visible; its
 * 2028–2029 amount counts first against that year's budget on the overview, the agenda and the
 * recommendation, and it is decided and paid for 2028–2029 only. The cut line follows the
 * agenda's order in the editor and stands on the recommendation.
 */
describe('multi-year measures return each year, and the cut line', function () {
  this.timeout(180_000);
  const clock = { now: new Date('2027-03-01T09:00:00Z') };
  let h: Harness;
  const VOTER = member(51, 'Vilde Velger');
  const THREE_YEARS = {
    title: 'Tre år med lesing',
    startYear: 2027,
    years: 3,
    amounts: [
      { owner: 600_000, uh: 0, ownContribution: 180_000 },
      { owner: 800_000, uh: 0, ownContribution: 240_000 },
      { owner: 400_000, uh: 0, ownContribution: 120_000 },
    ],
  };
  let measure: { id: string; reference: string };
  let oneYear: { id: string; reference: string };

  before(async () => {
    h = await startHarness(
      { ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, DEMO_ROUND: '0', FORUM_RULES: '{"steps":"one"}' },
      { now: () => clock.now },
    );
    const s = h.app.services;
    // Round 2027 covers Akershus, where the seeded reports come from (Asker og Bærum).
    await s.rounds.create({ ...ROUND, counties: ['oslo', 'akershus'] });
    await seedGroupChannel(s, h.connector.url);
    await seedOfficerChat(s, h.connector.url, OFFICER);
    await grantMember(s, VOTER);
    measure = await seedCheckedReport(s, THREE_YEARS);
    oneYear = await seedCheckedReport(s, { title: 'Ett år', years: 1, amounts: [{ owner: 400_000, uh: 100_000, ownContribution: 150_000 }] });
  });
  after(async () => {
    await h.stop();
  });

  const flat = (text: string) => text.replace(/\n/g, ' ');
  const officer = async (verb: string, data: Record<string, unknown> = {}) => {
    const res = await h.invoke(OFFICER, verb, { verb, ...data });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.value;
  };
  const sentCards = () =>
    h.connector
      .sent()
      .map((r) => (r.body.activity ?? r.body).attachments?.find((a: any) => a.contentType === ADAPTIVE)?.content)
      .filter(Boolean)
      .map((c: any) => flat(cardText(c)));

  /** A meeting of group vest in `roundId`, its vote opened, every item prioritised by the voter, closed. */
  async function meetingWithVote(roundId: string, title: string, date: string, before?: (editor: any, meetingId: string) => Promise<void>) {
    const form = await officer('meeting.new');
    const editor = await officer('meeting.create', { ...actionData(form, 'meeting.create'), group: 'vest', roundId, title, date });
    const meetingId = actionData(editor, 'vote.open').meetingId as string;
    if (before) await before(editor, meetingId);
    await officer('vote.open', { meetingId });
    const meeting = (await h.app.services.meetings.get(FORUM, meetingId))!;
    for (const reportId of meeting.order) {
      const res = await pressInChannel(h, VOTER, CHANNEL, 'vote.mark', { meetingId, reportId, v: meeting.vote!.id, mark: 'prioritise' });
      assert.equal(res.status, 200);
    }
    await officer('vote.close', { meetingId });
    let rec = '';
    await waitFor(`the recommendation of ${title}`, () => {
      rec = sentCards().find((t) => t.includes(`Innstilling`) && t.includes(title)) ?? '';
      return rec !== '';
    });
    return { meetingId, rec, editor };
  }

  /** A checked report filed in round 2028 (new, not a continuation). */
  async function seedChecked2028(s: Services, n: number, title: string, grant: number): Promise<{ id: string; reference: string }> {
    const data = needsReport(100 + n, { title, startYear: 2028, years: 1, amounts: [{ owner: grant, uh: 0, ownContribution: Math.ceil(grant * 0.3) }] });
    const draftId = `seed-2028-${n}-${process.pid}`;
    const reference = await s.reports.nextReference('round-2028', 2028);
    const by = { tenantId: TENANT, aadObjectId: '00000000-0000-4000-8000-000000000001' };
    await s.reports.submitNew<NeedsReport>({ draftId, roundId: 'round-2028', reference, by, summary: summaryOf(data, s.regions), data });
    await s.reports.setStatus('round-2028', draftId, (status) => {
      const moved = transition({ status }, 'formally_checked', {
        actor: { role: 'secretariat', id: 'test' },
        at: s.now(),
        deadline: new Date('2028-02-01T22:59:59.999Z'),
      });
      if (!moved.ok) throw new Error(moved.key);
      return moved.entry;
    });
    return { id: draftId, reference };
  }

  it('brings the paid three-year measure back in round 2028 as year 2 of 3, counted first, decided and paid for 2028–2029 only', async () => {
    const s = h.app.services;
    // Round 2027: prioritised, granted as requested, the three-year measure paid for 2027–2028.
    await meetingWithVote('r2027', 'Vår 2027', '2027-03-12');
    await officer('decision.grantAllConfirm', { roundId: 'r2027' });
    await officer('decision.paidConfirm', { roundId: 'r2027', reportId: measure.id });
    await officer('decision.paidConfirm', { roundId: 'r2027', reportId: oneYear.id });
    assert.equal((await s.reports.get('r2027', measure.id))?.payment?.amount, 600_000);

    // Round 2028 is created with 1 000 000 kr for DEKOM: the measure comes back, the one-year measure does not.
    clock.now = new Date('2027-11-15T09:00:00Z');
    const [reply] = await h.send(OFFICER, 'ny runde');
    const values = {
      year: '2028',
      deadline: '2028-02-01',
      counties: 'oslo,akershus',
      budgetREKOM: '1 000 000',
      budgetDEKOM: '1 000 000',
      budgetKOMPLOFT: '1 000 000',
    };
    const created = flat(cardText(await press(h, OFFICER, cardOf(reply), 'round.create', values)));
    assert.match(created, /1 flerårig tiltak kommer tilbake som videreføring i innmeldingsrunden 2028\./);
    // Opening it runs the same again and adds nothing.
    assert.match(flat(cardText(await officer('round.open', { roundId: 'round-2028' }))), /er åpnet.*1 flerårig tiltak kommer tilbake/);
    const rows = [];
    for await (const r of s.reports.listRound<NeedsReport>('round-2028')) rows.push(r);
    assert.equal(rows.length, 1, 'one continuation, however often the round is created or opened');
    const cont = rows[0];
    assert.deepEqual(
      [cont.id, cont.reference, cont.status, cont.continuation?.year, cont.continuation?.of, cont.continuation?.originReference],
      [`${measure.id}-y2`, 'BM-2028-0001', 'formally_checked', 2, 3, measure.reference],
    );
    assert.deepEqual([cont.data.startYear, cont.data.years, cont.data.amounts[0].owner], [2028, 1, 800_000]);
    // The owner confirms the year (issue 23): only a confirmed continuation goes on an agenda.
    const confirmed = await h.invoke(OWNER, 'continuation.answer', { verb: 'continuation.answer', reportId: cont.id, choice: 'continue' });
    assert.match(flat(cardText(confirmed.body.value)), /Videreføringen kommer på sakslisten som vedtatt/);

    const origin = flat(cardText(await officer('report.check', { roundId: 'r2027', reportId: measure.id })));
    assert.match(origin, /Videreført som BM-2028-0001: år 2 av 3, skoleåret 2028–2029/, "the original's history shows the year");

    // The owner sees the year among their reports, but it is the measure granted before: no edit, no withdrawal.
    const opened = await h.invoke(OWNER, 'report.open', { verb: 'report.open', reportId: cont.id });
    assert.match(flat(cardText(opened.body.value)), /kan ikke endres eller trekkes/);
    assert.doesNotMatch(JSON.stringify(opened.body.value), /report\.edit|report\.withdraw/);
    const edit = await h.invoke(OWNER, 'report.edit', { verb: 'report.edit', reportId: cont.id });
    assert.match(flat(cardText(edit.body.value)), /kan ikke endres eller trekkes/);

    // Two new reports for 2028–2029 arrive.
    clock.now = new Date('2028-02-10T09:00:00Z');
    const a = await seedChecked2028(s, 1, 'Nytt tiltak A', 500_000);
    const b = await seedChecked2028(s, 2, 'Nytt tiltak B', 300_000);

    // The overview counts the continuation's 800 000 kr first against 2028–2029's budget.
    const [ov] = await h.send(OFFICER, 'oversikt');
    assert.match(
      flat(cardText(cardOf(ov))),
      /Søkt 1 600 000 kr, 600 000 kr over rammen på 1 000 000 kr\. Meldinger: 3\. Herav videreføringer, telt først: 800 000 kr\./,
    );

    // Round 2028's meeting: the continuation leads the default agenda, marked, and the line moves with the order.
    const { rec } = await meetingWithVote('round-2028', 'Vår 2028', '2028-03-10', async (editor, meetingId) => {
      const text = flat(cardText(editor));
      assert.match(text, /1\. BM-2028-0001.*Videreføring, år 2 av 3 · Eier \d+ kommune · Desentralisert ordning \(skole\) · 800 000 kr/);
      assert.match(text, /Desentralisert ordning \(skole\) 1 600 000 kr av 1 000 000 kr \(3 saker\) – over rammen Herav videreføringer: 800 000 kr\./);
      assert.match(
        text,
        /Desentralisert ordning \(skole\): streken går i BM-2028-0002, der 200 000 kr av 500 000 kr får plass; 1 sak under streken\. Videreføringer telles først: 800 000 kr\./,
      );
      assert.match(text, new RegExp(`${a.reference} – Nytt tiltak A .* Streken: 200 000 kr av 500 000 kr får plass`));
      assert.match(text, new RegExp(`${b.reference} – Nytt tiltak B .* Under streken: får ikke plass`));
      // B moves above A: now B is on the line and A below it; the continuation still counts first.
      const moved = flat(cardText(await officer('meeting.move', { meetingId, reportId: b.id, to: 'up' })));
      assert.match(moved, /Desentralisert ordning \(skole\): streken går i BM-2028-0003, der 200 000 kr av 300 000 kr får plass; 1 sak under streken\./);
      assert.match(moved, new RegExp(`${b.reference} – Nytt tiltak B .* Streken: 200 000 kr av 300 000 kr får plass`));
      assert.match(moved, new RegExp(`${a.reference} – Nytt tiltak A .* Under streken: får ikke plass`));
      // Moving the continuation down changes nothing for the money: it still counts first.
      const down = flat(cardText(await officer('meeting.move', { meetingId, reportId: cont.id, to: 'down' })));
      assert.match(down, /BM-2028-0001 – Tre år med lesing .* Over streken/);
      assert.match(down, /Desentralisert ordning \(skole\): streken går i BM-2028-0003/);
    });

    // The posted agenda and the voting card mark the continuation and show 2027's decision.
    // Awaited: the channel's outbox may still be sending it.
    let agenda = '';
    await waitFor('the posted agenda', () => {
      agenda = sentCards().find((t) => t.startsWith('Saksliste: Vår 2028')) ?? '';
      return agenda !== '';
    });
    assert.match(
      agenda,
      /Videreføring År 2 av 3, fra BM-2027-0001 Tidligere år 2027–2028 \(BM-2027-0001\): Innvilget, innvilget 600 000 kr, utbetalt 600 000 kr/,
    );
    assert.match(agenda, /Løpende sum Desentralisert ordning \(skole\) 800 000 kr av 1 000 000 kr/, 'the continuation counts first in the running sum');
    // The voting card ("Sak n av m"): the channel's outbox may still be sending it when the recommendation reaches the officer.
    let voteCard = '';
    await waitFor("the continuation's voting card", () => {
      voteCard = sentCards().find((t) => t.startsWith('Sak ') && t.includes('BM-2028-0001')) ?? '';
      return voteCard !== '';
    });
    assert.match(
      voteCard,
      /Videreføring År 2 av 3, fra BM-2027-0001 Tidligere år 2027–2028 \(BM-2027-0001\): Innvilget, innvilget 600 000 kr, utbetalt 600 000 kr/,
    );

    // The recommendation lists the continuation first, with the line per scheme.
    assert.match(
      rec,
      /Prioritert \(3\) Videreføring, år 2 av 3 · BM-2028-0001 – Tre år med lesing · [^·]+ · Desentralisert ordning \(skole\) · 800 000 kr · Prioritert \(konsensus\) BM-2028-0003 – Nytt tiltak B · [^·]+ · Desentralisert ordning \(skole\) · 300 000 kr · Prioritert \(konsensus\) · Streken: 200 000 kr av 300 000 kr får plass BM-2028-0002 – Nytt tiltak A · [^·]+ · Desentralisert ordning \(skole\) · 500 000 kr · Prioritert \(konsensus\) · Under streken: får ikke plass/,
    );
    assert.match(
      rec,
      /Desentralisert ordning \(skole\): 1 600 000 kr av 1 000 000 kr \(3 saker\) – over rammen Desentralisert ordning \(skole\): streken går i BM-2028-0003, der 200 000 kr av 300 000 kr får plass; 1 sak under streken\. Videreføringer telles først: 800 000 kr\./,
    );

    // Decided and paid for 2028–2029 only.
    const ids = { roundId: 'round-2028', reportId: cont.id };
    const form = await officer('decision.form', ids);
    const formText = flat(cardText(form));
    assert.match(formText, /2028–2029/);
    assert.doesNotMatch(formText, /2029–2030/);
    await press(h, OFFICER, form, 'decision.record', { outcome: 'granted', grant1: '800000' });
    assert.match(flat(cardText(await officer('decision.paid', ids))), /Utbetaling for skoleåret 2028–2029: .*\(800 000 kr\)/);
    await officer('decision.paidConfirm', ids);
    const paid = (await s.reports.get<NeedsReport>('round-2028', cont.id))!;
    assert.deepEqual([paid.status, paid.decision?.amounts, paid.payment?.schoolYear, paid.payment?.amount], ['paid', [800_000], 2028, 800_000]);

    // The original report shows each year: its own, and 2028–2029 through its continuation.
    // Round 2029: year 3 of 3 comes from year 2, with both earlier years.
    clock.now = new Date('2028-11-15T09:00:00Z');
    const [next] = await h.send(OFFICER, 'ny runde');
    const in2029 = flat(cardText(await press(h, OFFICER, cardOf(next), 'round.create', { ...values, year: '2029', deadline: '2029-02-01' })));
    assert.match(in2029, /1 flerårig tiltak kommer tilbake som videreføring i innmeldingsrunden 2029\./);
    const third = (await s.reports.get<NeedsReport>('round-2029', `${measure.id}-y3`))!;
    assert.deepEqual(
      [third.continuation?.year, third.continuation?.earlier.map((e) => [e.schoolYear, e.reference, e.granted, e.paid]), third.data.amounts[0].owner],
      [
        3,
        [
          [2027, measure.reference, 600_000, 600_000],
          [2028, 'BM-2028-0001', 800_000, 800_000],
        ],
        400_000,
      ],
    );

    const [shown] = await h.send(OFFICER, `vis ${measure.reference}`);
    assert.match(
      flat(cardText(cardOf(shown))),
      /Årene i tiltaket 2028–2029 Videreføring, år 2 av 3 · BM-2028-0001 · Utbetalt · Innvilget 800 000 kr · utbetalt 800 000 kr 2029–2030 Videreføring, år 3 av 3 · BM-2029-0001 · Formelt kontrollert/,
    );
  });
});
