import assert from 'node:assert/strict';
import type { Meeting } from '../../src/domain/forum';
import { formatNok, translator } from '../../src/domain/i18n';
import { grantedSplit, lineOf, type Ledger } from '../../src/domain/money/ledger';
import { encodeYears } from '../../src/domain/money/schoolYear';
import { budgetScopeOf, type Round } from '../../src/domain/round';
import type { Scheme } from '../../src/domain/schemes';
import type { NeedsReport } from '../../src/domain/report';
import { ledgerLineText, readLedger } from '../../src/teams/money/ledgerRead';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { FAST_DELIVERY, waitFor } from '../support/delivery';
import {
  FORUM,
  ROUND,
  grantMember,
  meetingThroughForm,
  member,
  needsReport,
  officerPresses,
  pressInChannel,
  seedCheckedReport,
  seedGroupChannel,
  seedOfficerChat,
  seedRound,
} from '../support/forum';
import { cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, TENANT, type Persona } from '../support/personas';
import { actionData } from '../support/wizard';

/**
 * Issue 22 items 2–5 through the bot's endpoint: one forum (parametrised, so a second forum is one
 * more entry once meetings per forum are merged) with two working groups, two schemes, a
 * continuation from the year before, two forum meetings (the second for the item the first left
 * undecided), a decision by hand, a bulk grant that follows the cut line, a payment and the results.
 * At every step each card's money is the ledger's, and the ledger is the stored decisions and payments.
 */
const FORUMS = [{ id: FORUM, groups: { vest: '19:vest@thread.tacv2', oslo: '19:oslo@thread.tacv2', forum: '19:forum@thread.tacv2' } }];
const nb = translator('nb');
const kr = (n: number) => formatNok(n, 'nb').replace(/\s+/g, ' ');
const flat = (card: any) => cardText(card).replace(/\s+/g, ' ');

for (const F of FORUMS) {
  describe(`one money ledger that every card reads (forum ${F.id})`, function () {
    this.timeout(180_000);
    const clock = { now: new Date('2027-03-01T09:00:00Z') };
    let h: Harness;
    const VEST = member(71, 'Vilde Vest');
    const OSLO = member(72, 'Odd Oslo');
    const FA = member(73, 'Frida Forum');
    const FB = member(74, 'Fredrik Forum');
    const round: Round = { ...ROUND, budgets: { REKOM: 1_000_000, DEKOM: 3_000_000, KOMPLOFT: 0 } };
    const scope = budgetScopeOf(round, F.id);

    before(async () => {
      h = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId }, { now: () => clock.now });
      const s = h.app.services;
      await seedRound(s, round.budgets as Record<Scheme, number>);
      for (const [group, channel] of Object.entries(F.groups)) await seedGroupChannel(s, h.connector.url, group, channel);
      await seedOfficerChat(s, h.connector.url, OFFICER);
      await grantMember(s, VEST, { group: 'vest' });
      await grantMember(s, OSLO, { group: 'oslo' });
      await grantMember(s, FA, { group: 'forum' });
      await grantMember(s, FB, { group: 'forum', role: 'chair' });
    });
    after(async () => {
      await h.stop();
    });

    const officer = (verb: string, data: Record<string, unknown> = {}) => officerPresses(h, OFFICER)(verb, data);
    const meeting = (group: string, title: string, date = '2027-03-12') => meetingThroughForm(h, officer, { group, title, date });
    async function vote(m: Meeting, marks: Array<[Persona, string, string]>) {
      await officer('vote.open', { meetingId: m.id });
      const open = (await h.app.services.meetings.get(F.id, m.id))!;
      for (const [who, reportId, mark] of marks) {
        const group = m.group as keyof typeof F.groups;
        const res = await pressInChannel(h, who, F.groups[group], 'vote.mark', { meetingId: m.id, reportId, v: open.vote!.id, mark });
        assert.match(cardText(res.body.value), /Markeringen din er lagret/);
      }
      await officer('vote.close', { meetingId: m.id });
    }
    const ledger = async (): Promise<Ledger> => (await readLedger(h.app.services, round)).ledger;
    const line = async (scheme: Scheme) => lineOf(await ledger(), scope, scheme);

    /** The ledger is the stored decisions and payments, summed per scheme for the round's school year. */
    async function ledgerIsStored(): Promise<void> {
      const stored = { granted: { REKOM: 0, DEKOM: 0, KOMPLOFT: 0 }, paid: { REKOM: 0, DEKOM: 0, KOMPLOFT: 0 } } as Record<string, Record<Scheme, number>>;
      for await (const r of h.app.services.reports.listRound<NeedsReport>(round.id)) {
        const scheme = r.summary.scheme as Scheme;
        if (r.decision) stored.granted[scheme] += grantedSplit({ requestedPerYear: r.summary.requestedPerYear, decision: r.decision }, round.year).thisYear;
        if (r.payment?.schoolYear === round.year) stored.paid[scheme] += r.payment.amount ?? 0;
      }
      const l = await ledger();
      for (const scheme of ['REKOM', 'DEKOM'] as const) {
        assert.equal(lineOf(l, scope, scheme).granted, stored.granted[scheme], `${scheme} granted`);
        assert.equal(lineOf(l, scope, scheme).paid, stored.paid[scheme], `${scheme} paid`);
      }
    }

    it('counts every meeting, decision, bulk grant and payment once, on every card', async () => {
      const s = h.app.services;
      // A continuation from 2026: year 2 of 2, 500 000 kr bound since its first grant.
      const contData = needsReport(900, { title: 'Videreført lesing', years: 1, amounts: [{ owner: 500_000, uh: 0, ownContribution: 150_000 }] });
      const contRef = await s.reports.nextReference(round.id, round.year);
      const at = clock.now.toISOString();
      const actor = { role: 'secretariat' as const, id: 'test' };
      await s.reports.createContinuation({
        roundId: round.id,
        id: 'origin-2026-y2',
        reference: contRef,
        createdBy: { tenantId: TENANT, aadObjectId: '00000000-0000-4000-8000-000000000001' },
        summary: { ...summaryOf(contData, s.regions), requestedPerYear: encodeYears([{ schoolYear: 2027, grant: 500_000 }]), totalRequested: 500_000 },
        data: contData,
        continuation: { originRoundId: 'r2026', originReportId: 'origin-2026', originReference: 'BM-2026-0007', year: 2, of: 2, earlier: [] },
        entry: { from: 'paid', to: 'formally_checked', at, actor },
        originEntry: { from: 'paid', to: 'paid', at, actor },
        continuedIn: { roundId: round.id, reportId: 'origin-2026-y2', reference: contRef, schoolYear: 2027, year: 2 },
      });
      const C = { id: 'origin-2026-y2', reference: contRef };
      const V1 = await seedCheckedReport(s, { title: 'Vest to år' }); // DEKOM 1 250 000 now, 1 000 000 next year
      const V2 = await seedCheckedReport(s, { title: 'Vest barnehage', scheme: 'REKOM', years: 1, amounts: [{ owner: 400_000, uh: 0, ownContribution: 0 }] });
      const O1 = await seedCheckedReport(s, { title: 'Oslo en', region: 'oslo', years: 1, amounts: [{ owner: 900_000, uh: 0, ownContribution: 270_000 }] });
      const O2 = await seedCheckedReport(s, { title: 'Oslo to', region: 'oslo', years: 1, amounts: [{ owner: 800_000, uh: 0, ownContribution: 240_000 }] });

      // Before any meeting the continuation is bound already.
      assert.deepEqual([(await line('DEKOM')).continuations, (await line('DEKOM')).taken, (await line('DEKOM')).left], [500_000, 500_000, 2_500_000]);

      // Step one: the working groups recommend everything.
      const vest = await meeting('vest', 'Arbeidsgruppe Vest');
      const oslo = await meeting('oslo', 'Arbeidsgruppe Oslo');
      assert.deepEqual([...vest.order].sort(), [C.id, V1.id, V2.id].sort());
      await vote(vest, [
        [VEST, C.id, 'prioritise'],
        [VEST, V1.id, 'prioritise'],
        [VEST, V2.id, 'prioritise'],
      ]);
      await vote(oslo, [
        [OSLO, O1.id, 'prioritise'],
        [OSLO, O2.id, 'prioritise'],
      ]);
      // Recommended in groups is shown apart: it takes nothing yet.
      const afterGroups = await line('DEKOM');
      assert.deepEqual([afterGroups.recommendedInGroups, afterGroups.taken], [1_250_000 + 900_000 + 800_000, 500_000]);

      // Forum meeting 1: O2 gets no marks and is left undecided.
      const first = await meeting('forum', 'Forum mars');
      const editor1 = flat(await officer('meeting.show', { meetingId: first.id }));
      assert.match(editor1, new RegExp(`DEKOM ${kr(3_450_000)} av ${kr(3_000_000)} \\(4 saker\\) – over rammen`));
      await vote(first, [
        [FA, C.id, 'prioritise'],
        [FB, C.id, 'prioritise'],
        [FA, V1.id, 'prioritise'],
        [FB, V1.id, 'prioritise'],
        [FA, V2.id, 'prioritise'],
        [FB, V2.id, 'prioritise'],
        [FA, O1.id, 'prioritise'],
        [FB, O1.id, 'prioritise'],
      ]);
      const l1 = await line('DEKOM');
      assert.deepEqual([l1.prioritised, l1.taken, l1.left], [2_650_000, 2_650_000, 350_000]);
      const rec1 = flat(await officer('meeting.recommendation', { meetingId: first.id }));
      assert.match(rec1, new RegExp(`DEKOM: ${kr(l1.taken)} av ${kr(l1.budget)} \\(3 saker\\)`), 'the recommendation sums what the ledger took');
      assert.match(rec1, new RegExp(`REKOM: ${kr((await line('REKOM')).taken)} av ${kr(1_000_000)} \\(1 sak\\)`));

      // The undecided item goes to a later meeting, which starts from what the first one used.
      const laterForm = await officer('undecided.form', { meetingId: first.id, reportId: O2.id });
      await officer('undecided.later', { ...actionData(laterForm, 'undecided.later'), toMeeting: '', laterNote: 'Nytt møte' });
      clock.now = new Date('2027-04-01T09:00:00Z');
      const second = await meeting('forum', 'Forum april', '2027-04-10');
      assert.deepEqual(second.order, [O2.id]);
      const editor2 = flat(await officer('meeting.show', { meetingId: second.id }));
      assert.match(editor2, new RegExp(`DEKOM ${kr(l1.taken + 800_000)} av ${kr(3_000_000)} \\(1 sak\\) – over rammen`));
      assert.match(editor2, new RegExp(`tatt før denne listen \\(tidligere møter, vedtak og videreføringer\\): ${kr(l1.taken)}`));
      assert.match(editor2, new RegExp(`streken går i ${O2.reference}, den siste saken, der ${kr(l1.left)} av ${kr(800_000)} får plass`));
      await officer('meeting.post', { meetingId: second.id });
      const cardOf = (x: any) => (x.body?.activity ?? x.body)?.attachments?.[0]?.content;
      const agendaOf = () => h.connector.sent().find((x) => cardOf(x) && JSON.stringify(x.body).includes('Forum april'));
      await waitFor('the second agenda posted', () => agendaOf() !== undefined, 15_000);
      const posted = agendaOf()!;
      assert.match(flat(cardOf(posted)), new RegExp(`${kr(l1.taken + 800_000)} av ${kr(3_000_000)}`), 'the posted agenda runs on from the ledger');
      await vote(second, [
        [FA, O2.id, 'prioritise'],
        [FB, O2.id, 'prioritise'],
      ]);
      const l2 = await line('DEKOM');
      assert.deepEqual([l2.prioritised, l2.left], [3_450_000, -450_000]);

      // The decision list and the form read the same line.
      const list = flat(await officer('decision.pending', { roundId: round.id }));
      assert.ok(list.includes(ledgerLineText(nb, 'nb', l2).replace(/\s+/g, ' ')), list);
      const form = flat(await officer('decision.form', { roundId: round.id, reportId: V2.id }));
      const rekom = await line('REKOM');
      assert.ok(form.includes(ledgerLineText(nb, 'nb', rekom).replace(/\s+/g, ' ')), form);
      assert.match(form, new RegExp(`Med dette vedtaket: ${kr(600_000)} igjen av rammen`));
      const recorded = flat(
        await officer('decision.record', {
          ...actionData(await officer('decision.form', { roundId: round.id, reportId: V2.id }), 'decision.record'),
          outcome: 'granted',
        }),
      );
      assert.match(recorded, new RegExp(`registrert: Innvilget, ${kr(400_000)} \\(2027–2028\\)`));
      assert.equal((await line('REKOM')).granted, 400_000);
      await ledgerIsStored();

      // Bulk: what fits is granted; O2, on the line, is left for the officer with the reason.
      const confirm = flat(await officer('decision.grantAll', { roundId: round.id }));
      assert.match(confirm, /3 prioriterte meldinger får plass og innvilges som søkt/);
      assert.match(confirm, new RegExp(`${O2.reference} \\(DEKOM\\): bare ${kr(350_000)} av ${kr(800_000)} får plass i rammen for 2027–2028`));
      const done = flat(await officer('decision.grantAllConfirm', { roundId: round.id }));
      assert.match(done, /1 melding blir stående til du fatter vedtaket selv/);
      const statuses = await Promise.all([C, V1, O1, O2].map(async (r) => (await s.reports.get(round.id, r.id))!.status));
      assert.deepEqual(statuses, ['granted', 'granted', 'granted', 'prioritised']);
      const l3 = await line('DEKOM');
      assert.deepEqual([l3.granted, l3.later, l3.prioritised, l3.left], [2_650_000, 1_000_000, 800_000, -450_000]);
      await ledgerIsStored();
      // The owner's card of the two-year measure: this year's money, the next as a commitment.
      const v1Card = flat(await officer('report.check', { roundId: round.id, reportId: V1.id }));
      assert.match(v1Card, new RegExp(`Innvilget for 2027–2028 ${kr(1_250_000)}`));
      assert.match(v1Card, new RegExp(`Tilsagn for 2028–2029 \\(vedtas på nytt\\) ${kr(1_000_000)}`));

      // A payment shows as paid.
      await officer('decision.paid', { roundId: round.id, reportId: V2.id });
      await officer('decision.paidConfirm', { roundId: round.id, reportId: V2.id });
      assert.equal((await line('REKOM')).paid, 400_000);
      await ledgerIsStored();

      // Results wait for O2's decision, and say where to go.
      const waiting = await officer('results.publish', { roundId: round.id });
      assert.match(flat(waiting), new RegExp(`Forumet har gitt innstilling, venter på vedtak \\(1\\): ${O2.reference}`));
      assert.ok(JSON.stringify(waiting).includes('"decision.pending"'));

      // The officer grants what fits; then the results go out, with the ledger's sums and right percentages.
      const o2Form = await officer('decision.form', { roundId: round.id, reportId: O2.id });
      await officer('decision.record', {
        ...actionData(o2Form, 'decision.record'),
        outcome: 'partly_granted',
        grant1: '350000',
        reason: 'Rammen er brukt opp.',
      });
      const l4 = await line('DEKOM');
      assert.deepEqual([l4.granted, l4.left], [3_000_000, 0]);
      await ledgerIsStored();
      const results = flat(await officer('results.publish', { roundId: round.id }));
      assert.match(results, new RegExp(`Innvilget ${kr(l4.granted)} av ${kr(l4.budget)} \\(100 %\\)`));
      assert.match(results, new RegExp(`Innvilget ${kr((await line('REKOM')).granted)} av ${kr(1_000_000)} \\(40 %\\)`));

      // The closing note quotes this table.
      console.table(
        (await ledger()).lines
          .filter((l) => l.budget > 0)
          .map((l) => ({
            forum: F.id,
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
}
