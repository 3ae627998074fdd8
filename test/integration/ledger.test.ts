import assert from 'node:assert/strict';
import type { Meeting } from '../../src/domain/forum';
import { formatNok, translator } from '../../src/domain/i18n';
import { grantedSplit, lineOf, type Ledger } from '../../src/domain/money/ledger';
import { encodeYears } from '../../src/domain/money/schoolYear';
import { forumOfReport } from '../../src/domain/regions';
import { budgetScopeOf, type Round } from '../../src/domain/round';
import type { Scheme } from '../../src/domain/schemes';
import type { NeedsReport } from '../../src/domain/report';
import { ledgerLineText, readLedger } from '../../src/teams/money/ledgerRead';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { FAST_DELIVERY, seedUser, waitFor } from '../support/delivery';
import {
  FORUM,
  twoForums,
  ROUND,
  grantMember,
  member,
  needsReport,
  officerPresses,
  pressInChannel,
  seedCheckedReport,
  seedGroupChannel,
  seedOfficerChat,
} from '../support/forum';
import { cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, OTHER_OWNER, OWNER, type Persona } from '../support/personas';
import { actionData } from '../support/wizard';

/**
 * Issue 22's "done means" through the bot's endpoint: two forums of two working groups each, with a
 * budget of their own per scheme (REKOM and DEKOM), a continuation from the year before in each
 * (confirmed by its owner), the groups' recommendations, two forum meetings each (the second for the
 * item the first left undecided), a decision by hand, one bulk grant over both forums that follows
 * each forum's cut line, a payment and the results per forum. At every step each card's money is its
 * forum's ledger line, the ledger is the stored decisions and payments, and neither forum's cards
 * show the other's items or budget. Akershus's amounts and budgets are Oslo's doubled (k), so every
 * figure differs between the two and a card showing the wrong forum's money fails.
 */
// The County Governor's id is the partition of every meeting (FORUM in the test support).
const TWO_FORUMS = twoForums(FORUM);

interface ForumCase {
  id: string;
  k: number;
  owner: Persona;
  /** Group a holds the continuation and two reports (V1, V2); group b two (O1, O2). */
  a: { group: string; region: string; channel: string; voter: Persona };
  b: { group: string; region: string; channel: string; voter: Persona };
  channel: string;
  chair: Persona;
  member: Persona;
}
const FORUMS: ForumCase[] = [
  {
    id: 'forum-oslo',
    k: 1,
    owner: OWNER,
    a: { group: 'oslo-nord', region: 'grorud', channel: '19:oslo-nord@thread.tacv2', voter: member(71, 'Nora Nord') },
    b: { group: 'oslo-sor', region: 'sondre', channel: '19:oslo-sor@thread.tacv2', voter: member(72, 'Sofie Sør') },
    channel: '19:forum-oslo@thread.tacv2',
    member: member(73, 'Frida Forum'),
    chair: member(74, 'Fredrik Forum'),
  },
  {
    id: 'forum-akershus',
    k: 2,
    owner: OTHER_OWNER,
    a: { group: 'romerike', region: 'lillestrom', channel: '19:romerike@thread.tacv2', voter: member(75, 'Rune Romerike') },
    b: { group: 'follo', region: 'ski', channel: '19:follo@thread.tacv2', voter: member(76, 'Fie Follo') },
    channel: '19:forum-akershus@thread.tacv2',
    member: member(77, 'Anne Akershus'),
    chair: member(78, 'Arne Akershus'),
  },
];
const budgetsOf = (k: number) => ({ REKOM: 1_000_000 * k, DEKOM: 3_000_000 * k, KOMPLOFT: 0 });
const round: Round = {
  ...ROUND,
  counties: ['oslo', 'akershus'],
  budgets: { REKOM: 3_000_000, DEKOM: 9_000_000, KOMPLOFT: 0 },
  budgetSplit: 'perForum',
  forumBudgets: Object.fromEntries(FORUMS.map((F) => [F.id, budgetsOf(F.k)])),
};

const nb = translator('nb');
const kr = (n: number) => formatNok(n, 'nb').replace(/\s+/g, ' ');
const flat = (card: any) => cardText(card).replace(/\s+/g, ' ');
type Ref = { id: string; reference: string };

describe('one money ledger per forum that every card reads (two forums of two working groups)', function () {
  this.timeout(240_000);
  const clock = { now: new Date('2027-03-01T09:00:00Z') };
  let h: Harness;
  /** Each forum's reports: C (continuation), V1 (two years), V2 (REKOM) in group a; O1, O2 in group b. */
  const R = new Map<string, { C: Ref; V1: Ref; V2: Ref; O1: Ref; O2: Ref }>();

  before(async () => {
    h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId, REGIONS: JSON.stringify(TWO_FORUMS) }, { now: () => clock.now });
    const s = h.app.services;
    await s.rounds.create(round);
    await seedOfficerChat(s, h.connector.url, OFFICER);
    for (const F of FORUMS) {
      await seedUser(s.references, h.connector.url, F.owner.aadObjectId, F.owner.tenantId);
      await seedGroupChannel(s, h.connector.url, F.a.group, F.a.channel, F.id);
      await seedGroupChannel(s, h.connector.url, F.b.group, F.b.channel, F.id);
      await seedGroupChannel(s, h.connector.url, 'forum', F.channel, F.id);
      await grantMember(s, F.a.voter, { group: F.a.group, forum: F.id });
      await grantMember(s, F.b.voter, { group: F.b.group, forum: F.id });
      await grantMember(s, F.member, { group: 'forum', forum: F.id });
      await grantMember(s, F.chair, { group: 'forum', forum: F.id, role: 'chair' });
    }
  });
  after(async () => {
    await h.stop();
  });

  const officer = (verb: string, data: Record<string, unknown> = {}) => officerPresses(h, OFFICER)(verb, data);
  async function meeting(F: ForumCase, group: string, title: string, date = '2027-03-12'): Promise<Meeting> {
    const form = await officer('meeting.new');
    const editor = await officer('meeting.create', {
      ...actionData(form, 'meeting.create'),
      forum: F.id,
      group,
      roundId: round.id,
      title,
      date,
    });
    const m = (await h.app.services.meetings.get(FORUM, actionData(editor, 'vote.open').meetingId as string))!;
    assert.equal(m.forum, F.id);
    return m;
  }
  async function vote(m: Meeting, channel: string, marks: Array<[Persona, string, string]>) {
    await officer('vote.open', { meetingId: m.id });
    const open = (await h.app.services.meetings.get(FORUM, m.id))!;
    for (const [who, reportId, mark] of marks) {
      const res = await pressInChannel(h, who, channel, 'vote.mark', { meetingId: m.id, reportId, v: open.vote!.id, mark });
      assert.match(cardText(res.body.value), /Markeringen din er lagret/);
    }
    await officer('vote.close', { meetingId: m.id });
  }
  const ledger = async (): Promise<Ledger> => (await readLedger(h.app.services, round)).ledger;
  const line = async (F: ForumCase, scheme: Scheme) => lineOf(await ledger(), budgetScopeOf(round, F.id), scheme);
  const other = (F: ForumCase) => FORUMS.find((x) => x.id !== F.id)!;

  /** A forum's card shows none of the other forum's items and none of its budgets. */
  function ownOnly(F: ForumCase, text: string, what: string) {
    const O = other(F);
    for (const r of Object.values(R.get(O.id)!)) assert.ok(!text.includes(r.reference), `${what} of ${F.id} shows ${O.id}'s ${r.reference}: ${text}`);
    for (const budget of [budgetsOf(O.k).REKOM, budgetsOf(O.k).DEKOM])
      assert.ok(!text.includes(`av ${kr(budget)}`), `${what} of ${F.id} shows ${O.id}'s budget ${kr(budget)}: ${text}`);
  }

  /** The ledger is the stored decisions and payments, summed per forum and scheme for the round's school year. */
  async function ledgerIsStored(): Promise<void> {
    const granted = new Map<string, number>();
    const paid = new Map<string, number>();
    const add = (m: Map<string, number>, key: string, n: number) => m.set(key, (m.get(key) ?? 0) + n);
    for await (const r of h.app.services.reports.listRound<NeedsReport>(round.id)) {
      const key = `${budgetScopeOf(round, forumOfReport(TWO_FORUMS, r.summary))}/${r.summary.scheme}`;
      if (r.decision) add(granted, key, grantedSplit({ requestedPerYear: r.summary.requestedPerYear, decision: r.decision }, round.year).thisYear);
      if (r.payment?.schoolYear === round.year) add(paid, key, r.payment.amount ?? 0);
    }
    const l = await ledger();
    for (const F of FORUMS)
      for (const scheme of ['REKOM', 'DEKOM'] as const) {
        const key = `${budgetScopeOf(round, F.id)}/${scheme}`;
        assert.equal(lineOf(l, budgetScopeOf(round, F.id), scheme).granted, granted.get(key) ?? 0, `${key} granted`);
        assert.equal(lineOf(l, budgetScopeOf(round, F.id), scheme).paid, paid.get(key) ?? 0, `${key} paid`);
      }
  }

  it('counts every confirmed continuation, meeting, decision, bulk grant and payment once per forum, on every card, and keeps the forums apart', async () => {
    const s = h.app.services;
    for (const F of FORUMS) {
      const k = F.k;
      // A continuation from 2026: year 2 of 2, bound since its first grant; its owner confirms it.
      const contData = needsReport(900 + k, {
        title: `Videreført lesing ${F.id}`,
        region: F.a.region,
        years: 1,
        amounts: [{ owner: 500_000 * k, uh: 0, ownContribution: 150_000 * k }],
      });
      const contRef = await s.reports.nextReference(round.id, round.year);
      const at = clock.now.toISOString();
      const actor = { role: 'secretariat' as const, id: 'test' };
      const contId = `origin-2026-${F.id}-y2`;
      await s.reports.createContinuation({
        roundId: round.id,
        id: contId,
        reference: contRef,
        createdBy: { tenantId: F.owner.tenantId, aadObjectId: F.owner.aadObjectId },
        summary: {
          ...summaryOf(contData, s.regions),
          requestedPerYear: encodeYears([{ schoolYear: 2027, grant: 500_000 * k }]),
          totalRequested: 500_000 * k,
        },
        data: contData,
        continuation: {
          originRoundId: 'r2026',
          originReportId: `origin-2026-${F.id}`,
          originReference: `BM-2026-000${k}`,
          year: 2,
          of: 2,
          earlier: [],
        },
        entry: { from: 'paid', to: 'formally_checked', at, actor },
        originEntry: { from: 'paid', to: 'paid', at, actor },
        continuedIn: { roundId: round.id, reportId: contId, reference: contRef, schoolYear: 2027, year: 2 },
      });
      const answered = await h.invoke(F.owner, 'continuation.answer', { reportId: contId, choice: 'continue' });
      assert.match(flat(answered.body.value), /kommer på sakslisten som vedtatt/, `${F.id}: the owner confirms the continuation`);
      const a = { region: F.a.region };
      const b = { region: F.b.region };
      R.set(F.id, {
        C: { id: contId, reference: contRef },
        // DEKOM 1 250 000 now, 1 000 000 next year (times k).
        V1: await seedCheckedReport(s, {
          ...a,
          title: `To år ${F.id}`,
          years: 2,
          amounts: [
            { owner: 1_000_000 * k, uh: 250_000 * k, ownContribution: 375_000 * k },
            { owner: 800_000 * k, uh: 200_000 * k, ownContribution: 300_000 * k },
          ],
        }),
        V2: await seedCheckedReport(s, {
          ...a,
          title: `Barnehage ${F.id}`,
          scheme: 'REKOM',
          years: 1,
          amounts: [{ owner: 400_000 * k, uh: 0, ownContribution: 0 }],
        }),
        O1: await seedCheckedReport(s, { ...b, title: `En ${F.id}`, years: 1, amounts: [{ owner: 900_000 * k, uh: 0, ownContribution: 270_000 * k }] }),
        O2: await seedCheckedReport(s, { ...b, title: `To ${F.id}`, years: 1, amounts: [{ owner: 800_000 * k, uh: 0, ownContribution: 240_000 * k }] }),
      });
    }

    // Before any meeting each forum's continuation is bound already, against its own budget.
    for (const F of FORUMS) {
      const d = await line(F, 'DEKOM');
      assert.deepEqual([d.budget, d.continuations, d.taken, d.left], [3_000_000 * F.k, 500_000 * F.k, 500_000 * F.k, 2_500_000 * F.k], F.id);
    }

    // Step one: each forum's working groups recommend everything; each agenda holds its own group's reports.
    for (const F of FORUMS) {
      const { C, V1, V2, O1, O2 } = R.get(F.id)!;
      const ga = await meeting(F, F.a.group, `Gruppe ${F.a.group}`);
      const gb = await meeting(F, F.b.group, `Gruppe ${F.b.group}`);
      assert.deepEqual([...ga.order].sort(), [C.id, V1.id, V2.id].sort(), `${F.id}: the confirmed continuation is on its group's agenda`);
      assert.deepEqual([...gb.order].sort(), [O1.id, O2.id].sort());
      ownOnly(F, flat(await officer('meeting.show', { meetingId: ga.id })), 'the group agenda');
      await vote(ga, F.a.channel, [
        [F.a.voter, C.id, 'prioritise'],
        [F.a.voter, V1.id, 'prioritise'],
        [F.a.voter, V2.id, 'prioritise'],
      ]);
      await vote(gb, F.b.channel, [
        [F.b.voter, O1.id, 'prioritise'],
        [F.b.voter, O2.id, 'prioritise'],
      ]);
      // Recommended in groups is shown apart: it takes nothing yet.
      const d = await line(F, 'DEKOM');
      assert.deepEqual([d.recommendedInGroups, d.taken], [(1_250_000 + 900_000 + 800_000) * F.k, 500_000 * F.k], F.id);
    }

    // Forum meeting 1 in each forum: O2 gets no marks and is left undecided.
    const firsts = new Map<string, Meeting>();
    for (const F of FORUMS) {
      const { C, V1, V2, O1 } = R.get(F.id)!;
      const k = F.k;
      const first = await meeting(F, 'forum', `Forum mars ${F.id}`);
      firsts.set(F.id, first);
      const editor1 = flat(await officer('meeting.show', { meetingId: first.id }));
      assert.match(editor1, new RegExp(`Desentralisert ordning \\(skole\\) ${kr(3_450_000 * k)} av ${kr(3_000_000 * k)} \\(4 saker\\) – over rammen`));
      ownOnly(F, editor1, 'the forum agenda');
      const marks: Array<[Persona, string, string]> = [];
      for (const r of [C, V1, V2, O1]) marks.push([F.member, r.id, 'prioritise'], [F.chair, r.id, 'prioritise']);
      await vote(first, F.channel, marks);
      const l1 = await line(F, 'DEKOM');
      assert.deepEqual([l1.prioritised, l1.taken, l1.left], [2_650_000 * k, 2_650_000 * k, 350_000 * k], F.id);
      const rec1 = flat(await officer('meeting.recommendation', { meetingId: first.id }));
      assert.match(
        rec1,
        new RegExp(`Desentralisert ordning \\(skole\\): ${kr(l1.taken)} av ${kr(l1.budget)} \\(3 saker\\)`),
        'the recommendation sums what the ledger took',
      );
      assert.match(rec1, new RegExp(`Regional ordning \\(barnehage\\): ${kr((await line(F, 'REKOM')).taken)} av ${kr(1_000_000 * k)} \\(1 sak\\)`));
      ownOnly(F, rec1, 'the recommendation');
    }
    await ledgerIsStored();

    // The undecided item goes to a later meeting of its forum, which starts from what the first one used.
    clock.now = new Date('2027-04-01T09:00:00Z');
    const cardOf = (x: any) => (x.body?.activity ?? x.body)?.attachments?.[0]?.content;
    for (const F of FORUMS) {
      const { O2 } = R.get(F.id)!;
      const k = F.k;
      const first = firsts.get(F.id)!;
      const l1 = await line(F, 'DEKOM');
      const laterForm = await officer('undecided.form', { meetingId: first.id, reportId: O2.id });
      await officer('undecided.save', { ...actionData(laterForm, 'undecided.save'), way: 'next', note: 'Nytt møte' });
      const title = `Forum april ${F.id}`;
      const second = await meeting(F, 'forum', title, '2027-04-10');
      assert.deepEqual(second.order, [O2.id]);
      const editor2 = flat(await officer('meeting.show', { meetingId: second.id }));
      assert.match(editor2, new RegExp(`Desentralisert ordning \\(skole\\) ${kr(l1.taken + 800_000 * k)} av ${kr(3_000_000 * k)} \\(1 sak\\) – over rammen`));
      assert.match(editor2, new RegExp(`tatt før denne listen \\(tidligere møter, vedtak og videreføringer\\): ${kr(l1.taken)}`));
      assert.match(editor2, new RegExp(`streken går i ${O2.reference}, den siste saken, der ${kr(l1.left)} av ${kr(800_000 * k)} får plass`));
      ownOnly(F, editor2, 'the second agenda');
      await officer('meeting.post', { meetingId: second.id });
      const agendaOf = () => h.connector.sent().find((x) => cardOf(x) && JSON.stringify(x.body).includes(title));
      await waitFor(`the second agenda of ${F.id} posted`, () => agendaOf() !== undefined, 15_000);
      const posted = agendaOf()!;
      assert.equal(posted.body.channelData?.channel?.id, F.channel, 'posted in its own forum channel');
      assert.match(flat(cardOf(posted)), new RegExp(`${kr(l1.taken + 800_000 * k)} av ${kr(3_000_000 * k)}`), 'the posted agenda runs on from the ledger');
      ownOnly(F, flat(cardOf(posted)), 'the posted agenda');
      await vote(second, F.channel, [
        [F.member, O2.id, 'prioritise'],
        [F.chair, O2.id, 'prioritise'],
      ]);
      const l2 = await line(F, 'DEKOM');
      assert.deepEqual([l2.prioritised, l2.left], [3_450_000 * k, -450_000 * k], F.id);
    }

    // The decision list (the officer sees both forums) and each form read their forum's line.
    const list = flat(await officer('decision.pending', { roundId: round.id }));
    for (const F of FORUMS) {
      const { V2 } = R.get(F.id)!;
      const k = F.k;
      assert.ok(list.includes(ledgerLineText(nb, 'nb', await line(F, 'DEKOM')).replace(/\s+/g, ' ')), `${F.id} DEKOM in ${list}`);
      const form = flat(await officer('decision.form', { roundId: round.id, reportId: V2.id }));
      assert.ok(form.includes(ledgerLineText(nb, 'nb', await line(F, 'REKOM')).replace(/\s+/g, ' ')), form);
      assert.match(form, new RegExp(`Med dette vedtaket: ${kr(600_000 * k)} igjen av rammen`));
      ownOnly(F, form, 'the decision form');
      const recorded = flat(
        await officer('decision.record', {
          ...actionData(await officer('decision.form', { roundId: round.id, reportId: V2.id }), 'decision.record'),
          outcome: 'granted',
        }),
      );
      assert.match(recorded, new RegExp(`registrert: Innvilget, ${kr(400_000 * k)} \\(2027–2028\\)`));
      assert.equal((await line(F, 'REKOM')).granted, 400_000 * k);
    }
    await ledgerIsStored();

    // One bulk grant over both forums: what fits under each forum's line is granted; each O2, on its line, is left with the reason.
    const confirm = flat(await officer('decision.grantAll', { roundId: round.id }));
    assert.match(confirm, /6 prioriterte meldinger får plass og innvilges som søkt/);
    for (const F of FORUMS) {
      const { O2 } = R.get(F.id)!;
      assert.match(
        confirm,
        new RegExp(
          `${O2.reference} \\(Desentralisert ordning \\(skole\\)\\): bare ${kr(350_000 * F.k)} av ${kr(800_000 * F.k)} får plass i rammen for 2027–2028`,
        ),
      );
    }
    const done = flat(await officer('decision.grantAllConfirm', { roundId: round.id }));
    // This school year's money of C, V1 and O1 (Oslo 2 650 000 + Akershus 5 300 000), V1's second years as commitments.
    assert.match(done, new RegExp(`6 meldinger er innvilget som søkt, til sammen ${kr(2_650_000 * 3)}`));
    assert.match(done, new RegExp(`Bundet for senere år: ${kr(1_000_000 * 3)}`));
    assert.match(done, /2 meldinger blir stående til du fatter vedtaket selv/);
    for (const F of FORUMS) {
      const { C, V1, O1, O2 } = R.get(F.id)!;
      const k = F.k;
      const statuses = await Promise.all([C, V1, O1, O2].map(async (r) => (await s.reports.get(round.id, r.id))!.status));
      assert.deepEqual(statuses, ['granted', 'granted', 'granted', 'prioritised'], F.id);
      const l3 = await line(F, 'DEKOM');
      assert.deepEqual([l3.granted, l3.later, l3.prioritised, l3.left], [2_650_000 * k, 1_000_000 * k, 800_000 * k, -450_000 * k], F.id);
      // The owner's card of the two-year measure: this year's money, the next as a commitment.
      const v1Card = flat(await officer('report.check', { roundId: round.id, reportId: V1.id }));
      assert.match(v1Card, new RegExp(`Innvilget for 2027–2028 ${kr(1_250_000 * k)}`));
      assert.match(v1Card, new RegExp(`Tilsagn for 2028–2029 \\(vedtas på nytt\\) ${kr(1_000_000 * k)}`));
    }
    await ledgerIsStored();

    // A payment shows as paid, in its forum only.
    const oslo = FORUMS[0];
    await officer('decision.paid', { roundId: round.id, reportId: R.get(oslo.id)!.V2.id });
    await officer('decision.paidConfirm', { roundId: round.id, reportId: R.get(oslo.id)!.V2.id });
    assert.deepEqual([(await line(FORUMS[0], 'REKOM')).paid, (await line(FORUMS[1], 'REKOM')).paid], [400_000, 0]);
    await ledgerIsStored();

    for (const F of FORUMS) {
      const { O2 } = R.get(F.id)!;
      const k = F.k;
      // Results wait for O2's decision in this forum only, and say where to go.
      const waiting = await officer('results.publish', { roundId: round.id, forum: F.id });
      assert.match(flat(waiting), new RegExp(`Forumet har gitt innstilling, venter på vedtak \\(1\\): ${O2.reference}`));
      assert.ok(JSON.stringify(waiting).includes('"decision.pending"'));
      ownOnly(F, flat(waiting), 'the results refusal');
      // The officer grants what fits; then the forum's results show its ledger's sums and right percentages.
      const o2Form = await officer('decision.form', { roundId: round.id, reportId: O2.id });
      await officer('decision.record', {
        ...actionData(o2Form, 'decision.record'),
        outcome: 'partly_granted',
        grant1: String(350_000 * k),
        reason: 'Rammen er brukt opp.',
      });
      const l4 = await line(F, 'DEKOM');
      assert.deepEqual([l4.granted, l4.left], [3_000_000 * k, 0], F.id);
      await ledgerIsStored();
      const results = flat(await officer('results.publish', { roundId: round.id, forum: F.id }));
      assert.match(results, new RegExp(`Innvilget ${kr(l4.granted)} av ${kr(l4.budget)} \\(100 %\\)`));
      assert.match(results, new RegExp(`Innvilget ${kr((await line(F, 'REKOM')).granted)} av ${kr(1_000_000 * k)} \\(40 %\\)`));
      ownOnly(F, results, 'the results');
    }
    await ledgerIsStored();

    // The closing note quotes this table.
    console.table(
      (await ledger()).lines
        .filter((l) => l.budget > 0)
        .map((l) => ({
          scope: l.scope,
          scheme: l.scheme,
          budget: l.budget,
          continuations: l.continuations,
          inGroups: l.recommendedInGroups,
          prioritised: l.prioritised,
          granted: l.granted,
          later: l.later,
          paid: l.paid,
          left: l.left,
        })),
    );
  });
});
