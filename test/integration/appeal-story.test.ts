import assert from 'node:assert/strict';
import type { NeedsReport } from '../../src/domain/report';
import { readLedger } from '../../src/teams/money/ledgerRead';
import { waitDrained } from '../support/delivery';
import { cardOf, cardText } from '../support/harness';
import { OFFICER, OWNER } from '../support/personas';
import { inputsOf, press } from '../support/wizard';
import { errorAt, invokeCard, moveTo, sentCard, submitted, useSecretariatBot, waitForSent } from '../support/casework';

// The appeal as steps of the case's story (received, then decided), and a decision changed on
// appeal: the history says what it was and what it is now, and the ledger counts the new decision only.

const flat = (card: any) => cardText(card).replace(/[\u00a0\u202f]/g, ' ');

describe('an appeal in the case story, and a decision changed on appeal', function () {
  this.timeout(180_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');
  const clock = bot.clock;

  it("tells the appeal's steps in words on the case and the owner's card, records what the decision was and is, and the ledger counts the new one", async () => {
    const h = bot.h();
    const r = await submitted(h, OWNER, {});
    await invokeCard(h, OFFICER, 'report.checkPass', r);
    await moveTo(h, r, ['on_agenda', 'prioritised']);
    clock.setSystemTime(new Date('2027-04-02T08:30:00Z'));
    const form = await invokeCard(h, OFFICER, 'decision.form', r);
    await press(h, OFFICER, form, 'decision.record', {
      outcome: 'partly_granted',
      grant1: '1 000 000',
      grant2: '800 000',
      reason: 'Rammen er nesten brukt opp.',
    });
    const round = (await h.app.services.rounds.get(r.roundId))!;
    const scheme = (await h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId))!.summary.scheme;
    const granted = async () => {
      const { ledger } = await readLedger(h.app.services, round);
      const lines = ledger.lines.filter((l) => l.scheme === scheme);
      return { granted: lines.reduce((s, l) => s + l.granted, 0), later: lines.reduce((s, l) => s + l.later, 0) };
    };
    const before = await granted();

    // Received on 20 April, registered on the 25th: a step of the case.
    clock.setSystemTime(new Date('2027-04-25T08:00:00Z'));
    let card = await invokeCard(h, OFFICER, 'appeal.form', r);
    card = await press(h, OFFICER, card, 'appeal.save', { receivedOn: '2027-04-20' });
    assert.match(flat(card), /Klage mottatt 20\. april 2027 · Sekretariatet \(Siri Statsforvalter\)/);

    // Changed: the new decision is the old one → refused, what was typed kept.
    card = await press(h, OFFICER, card, 'appeal.form');
    card = await press(h, OFFICER, card, 'appeal.save', {
      outcome: 'changed',
      note: 'Klagen tas delvis til følge.',
      newOutcome: 'partly_granted',
      grant1: '1 000 000',
      grant2: '800 000',
    });
    assert.equal(
      errorAt(card, 'newOutcome'),
      'Det nye vedtaket er det samme som det gamle. Velg «Vedtaket opprettholdes», eller endre utfallet eller beløpene.',
    );
    assert.equal(inputsOf(card).note.value, 'Klagen tas delvis til følge.');
    // More than asked is refused as on the decision form.
    card = await press(h, OFFICER, card, 'appeal.save', {
      outcome: 'changed',
      note: 'Klagen tas delvis til følge.',
      newOutcome: 'partly_granted',
      grant1: '99 000 000',
      grant2: '800 000',
    });
    assert.match(errorAt(card, 'grant1'), /mer enn/i);
    assert.equal(inputsOf(card).grant1.value, '99 000 000');
    assert.equal((await h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId))!.decision!.amounts[0], 1_000_000, 'nothing written');

    card = await press(h, OFFICER, card, 'appeal.save', {
      outcome: 'changed',
      note: 'Klagen tas delvis til følge.',
      newOutcome: 'partly_granted',
      grant1: '750 000',
      grant2: '800 000',
    });
    const text = flat(card);
    assert.match(text, /Klage mottatt 20\. april 2027 · Sekretariatet \(Siri Statsforvalter\)/);
    assert.match(text, /Klagen avgjort: nytt vedtak\. Endret fra 1 000 000 kr til 750 000 kr · Sekretariatet \(Siri Statsforvalter\)/);
    assert.doesNotMatch(text, /appeal|changed|received/, 'no internal words');

    // Stored: the new decision replaces the old; the history keeps both.
    const stored = (await h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId))!;
    assert.deepEqual(stored.decision!.amounts, [750_000, 800_000]);
    assert.equal(stored.status, 'partly_granted');
    const step = stored.history.at(-1)!.change;
    assert.deepEqual(step, {
      field: 'appeal',
      step: 'changed',
      receivedOn: '2027-04-20',
      was: { outcome: 'partly_granted', amount: 1_000_000 },
      now: { outcome: 'partly_granted', amount: 750_000 },
    });
    // The appeal's deadline still counts from the first notice.
    assert.match(text, /Klagefrist\n23\. april 2027\nKom inn i tide\nJa/);

    // The ledger counts the new decision only: 250 000 kr less this school year, the later year as before.
    assert.deepEqual(await granted(), { granted: before.granted - 250_000, later: before.later });

    // The owner's people are told what changed, and the owner's card tells the same story.
    const [told] = await waitForSent(h, `Klagen på vedtaket for ${r.reference} er avgjort`, 1);
    await waitDrained(h.app.services.outbox);
    assert.match(flat(sentCard(told)), /vedtaket er endret\.[\s\S]*Endret fra 1 000 000 kr til 750 000 kr\./);
    const mine = flat((await h.invoke(OWNER, 'report.open', { verb: 'report.open', reportId: r.reportId })).body.value);
    assert.match(mine, /Klage mottatt 20\. april 2027 · Sekretariatet \(Siri Statsforvalter\)/);
    assert.match(mine, /Klagen avgjort: nytt vedtak\. Endret fra 1 000 000 kr til 750 000 kr/);
    assert.match(mine, /750 000 kr/);
    const [shown] = await h.send(OFFICER, `vis ${r.reference}`);
    assert.match(flat(cardOf(shown)), /Endret fra 1 000 000 kr til 750 000 kr/);
  });
});
