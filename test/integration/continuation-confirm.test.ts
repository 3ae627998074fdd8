import assert from 'node:assert/strict';
import type { NeedsReport } from '../../src/domain/report';
import { FORUM } from '../support/forum';
import { cardOf, cardText, type Harness } from '../support/harness';
import { OFFICER, OWNER } from '../support/personas';
import { actionData, press } from '../support/wizard';
import { invokeCard, moveTo, sentCard, useSecretariatBot, waitForSent } from '../support/casework';
import { GOOD_INPUT } from '../support/reportInput';
import { GOOD_USAGE, paidReport } from '../support/usage';

// Continuations are confirmed (issue 23 item 7) through the bot's endpoint: when round 2028 opens,
// the owner's people of each running two-year measure are asked; they continue, lower or stop it;
// only confirmed ones go on an agenda, unanswered ones stay listed on the secretariat's overview,
// and a measure ends with its original report closed.

const flat = (card: any) => cardText(card).replace(/[\u00a0\u202f]/g, ' ');

describe('continuations are confirmed by the owner', function () {
  this.timeout(180_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');
  const clock = bot.clock;
  let h: Harness;
  before(() => {
    h = bot.h();
  });

  /** The first year's usage report, sent early (opened by the officer) and accepted: the original becomes `reported`. */
  async function reportedOn(r: { roundId: string; reportId: string; reference: string }, usage: Record<string, string> = GOOD_USAGE) {
    const [shown] = await h.send(OFFICER, `vis ${r.reference}`);
    await press(h, OFFICER, cardOf(shown), 'usage.openEarly');
    const form = await invokeCard(h, OWNER, 'usage.open', { reportId: r.reportId });
    await press(h, OWNER, form, 'usage.submit', usage);
    await invokeCard(h, OFFICER, 'usage.accept', { roundId: r.roundId, reportId: r.reportId, schoolYear: usage === GOOD_USAGE ? 2027 : 2028 });
  }
  const statusOf = async (r: { roundId: string; reportId: string }) => (await h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId))?.status;
  const askFor = (title: string) => waitForSent(h, `«${title}» fortsette?`).then(([s]) => sentCard(s));

  it('asks the owner when the round opens; confirmed and lowered ones go on the agenda, a stopped one ends the measure, an unanswered one stays off and is listed', async () => {
    const titles = ['Fortsetter', 'Lavere beløp', 'Stopper', 'Uten svar'];
    const measures = [];
    for (const title of titles) {
      clock.setSystemTime(new Date('2026-12-01T09:00:00Z'));
      measures.push(await paidReport(h, clock, OWNER, { measure: { ...GOOD_INPUT.measure, title } }));
    }
    const [goOn, lower, stop, silent] = measures;
    await reportedOn(goOn);
    await reportedOn(stop);
    assert.equal(await statusOf(stop), 'reported');

    // Round 2028 opens: the owner is asked about each measure's second year.
    clock.setSystemTime(new Date('2027-11-15T09:00:00Z'));
    await invokeCard(h, OFFICER, 'round.closeConfirm', { roundId: 'demo-2027' });
    const [newRound] = await h.send(OFFICER, 'ny runde');
    const budgets = { budgetREKOM: '1 000 000', budgetDEKOM: '5 000 000', budgetKOMPLOFT: '1 000 000' };
    await press(h, OFFICER, cardOf(newRound), 'round.create', { year: '2028', deadline: '2028-02-01', counties: 'oslo,akershus', ...budgets });
    const opened = await invokeCard(h, OFFICER, 'round.open', { roundId: 'round-2028' });
    assert.match(flat(opened), /Eierne er spurt om 4 videreføring\(er\) skal fortsette\./);
    const ask = await askFor('Fortsetter');
    assert.match(
      flat(ask),
      new RegExp(
        `Tiltaket ble innvilget for flere år \\(${goOn.reference}\\)\\. År 2 av 2, skoleåret 2028–2029, har et tilsagn på 1 000 000 kr\\. Svar innen 1\\. februar 2028`,
      ),
    );

    // The announcement states the continuations already bound against the budget.
    for (let i = 0; i < 20 && !(await h.app.services.announcements.get('round-2028'))?.done; i++) await h.app.scheduler.tick();
    const [announced] = await waitForSent(h, 'Herav bundet av videreføringer');
    assert.match(
      flat(sentCard(announced)),
      /Ramme for skoleåret 2028–2029, Desentralisert ordning \(skole\)\n5 000 000 kr\nHerav bundet av videreføringer, skoleåret 2028–2029, Desentralisert ordning \(skole\)\n4 000 000 kr/,
    );

    // The overview lists the four as unanswered.
    const [before] = await h.send(OFFICER, 'oversikt');
    assert.match(
      flat(cardOf(before)),
      /Videreføringer uten svar fra eieren \(4\), holdes utenfor sakslistene til eieren har svart \(frist 1\. februar 2028 kl\. 23:59\): BM-2028-/,
    );

    // Continue as decided; lower (checked against the commitment); stop (a reason is required).
    const idOf = (m: { reportId: string }) => `${m.reportId}-y2`;
    assert.match(flat(await press(h, OWNER, ask, 'continuation.answer', { choice: 'continue' })), /kommer på sakslisten som vedtatt/);
    const lowerAsk = await askFor('Lavere beløp');
    let card = await press(h, OWNER, lowerAsk, 'continuation.answer', { choice: 'lower', amount: '1 200 000', reason: '' });
    assert.match(flat(card), /Skriv et helt kronebeløp over 0 og lavere enn tilsagnet, 1 000 000 kr\./);
    card = await press(h, OWNER, card, 'continuation.answer', { choice: 'lower', amount: '600 000', reason: 'Færre skoler deltar.' });
    assert.match(flat(card), /Takk\. Videreføringen kommer på sakslisten med 600 000 kr\./);
    const lowered = (await h.app.services.reports.get<NeedsReport>('round-2028', idOf(lower)))!;
    assert.deepEqual(
      [lowered.summary.totalRequested, lowered.data.amounts[0].owner + lowered.data.amounts[0].uh, lowered.continuation?.answer?.choice],
      [600_000, 600_000, 'lower'],
    );
    const stopAsk = await askFor('Stopper');
    card = await press(h, OWNER, stopAsk, 'continuation.answer', { choice: 'stop', amount: '', reason: '' });
    assert.match(flat(card), /Skriv hvorfor tiltaket avsluttes\./);
    card = await press(h, OWNER, card, 'continuation.answer', { choice: 'stop', reason: 'Målet er nådd etter ett år.' });
    assert.match(flat(card), /Tiltaket er avsluttet og kommer ikke på sakslisten\./);
    assert.equal(await statusOf({ roundId: 'round-2028', reportId: idOf(stop) }), 'withdrawn');
    assert.equal(await statusOf(stop), 'closed', 'the stopped measure ends: its original, reported on, is closed');
    // A second press (or a colleague's) reads the first answer.
    assert.match(flat(await press(h, OWNER, stopAsk, 'continuation.answer', { choice: 'continue' })), /Avslutte tiltaket/);

    // Only the one still unanswered is listed.
    const [after] = await h.send(OFFICER, 'oversikt');
    assert.match(flat(cardOf(after)), /Videreføringer uten svar fra eieren \(1\)/);

    // The working group's default agenda has the confirmed and the lowered one, not the stopped or the unanswered.
    const form = await invokeCard(h, OFFICER, 'meeting.new');
    const editor = await press(h, OFFICER, form, 'meeting.create', {
      ...actionData(form, 'meeting.create'),
      group: 'vest',
      roundId: 'round-2028',
      title: 'Vår 2028',
      date: '2028-03-10',
    });
    const meetingId = actionData(editor, 'vote.open').meetingId as string;
    const meeting = (await h.app.services.meetings.get(FORUM, meetingId))!;
    assert.deepEqual([...meeting.order].sort(), [idOf(goOn), idOf(lower)].sort());
    const refused = await invokeCard(h, OFFICER, 'meeting.add', { meetingId, addReportId: idOf(silent) });
    assert.match(flat(refused), /er en videreføring som eieren ikke har bekreftet ennå/);
    assert.ok(!(await h.app.services.meetings.get(FORUM, meetingId))!.order.includes(idOf(silent)));

    // The confirmed year is decided, paid and reported on: it closes, and so does the original (its last year is done).
    const cont = { roundId: 'round-2028', reportId: idOf(goOn) };
    await moveTo(h, cont, ['prioritised']);
    clock.setSystemTime(new Date('2028-04-02T08:30:00Z'));
    await press(h, OFFICER, await invokeCard(h, OFFICER, 'decision.form', cont), 'decision.record', { outcome: 'granted' });
    await press(h, OFFICER, await invokeCard(h, OFFICER, 'decision.paid', cont), 'decision.paidConfirm');
    assert.equal(await statusOf(goOn), 'reported');
    const contRef = (await h.app.services.reports.get<NeedsReport>(cont.roundId, cont.reportId))!.reference;
    await reportedOn(
      { ...cont, reference: contRef },
      { ...GOOD_USAGE, usedOwner: '800 000', usedUh: '200 000', ownContribution: '300 000', unused: '0', unusedPlan: '', unusedNote: '' },
    );
    assert.equal(await statusOf(cont), 'closed');
    assert.equal(await statusOf(goOn), 'closed', 'the original leaves `reported` for `closed` after the last year');
  });
});
