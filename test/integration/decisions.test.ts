import assert from 'node:assert/strict';
import type { NeedsReport } from '../../src/domain/report';
import { FAST_DELIVERY, waitDrained } from '../support/delivery';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { OFFICER, OTHER_OWNER, OWNER } from '../support/personas';
import { actionData, inputsOf, press } from '../support/wizard';
import {
  OFFICER2,
  TO_NOT_PRIORITISED,
  TO_PRIORITISED,
  invokeCard,
  moveTo,
  sentCard,
  sentMentioning,
  submitted,
  useSecretariatBot,
  waitForSent,
} from '../support/casework';
import { nowOf } from '../support/clock';

describe('the secretariat records decisions', function () {
  this.timeout(90_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');
  const clock = bot.clock;
  let h: Harness;
  before(() => {
    h = bot.h();
  });

  const report = (r: { roundId: string; reportId: string }) => h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId);
  const afterRecommendation = () => {
    clock.setSystemTime(new Date('2027-04-02T08:30:00Z'));
  };

  it('refuses a decision before the forum has recommended, saying why, and stores nothing', async () => {
    const r = await submitted(h, OWNER);
    for (const verb of ['decision.form', 'decision.record']) {
      const card = await invokeCard(h, OFFICER, verb, { ...r, outcome: 'granted' });
      assert.match(cardText(card), new RegExp(`${r.reference} har status «Sendt inn»\\. Vedtak registreres etter forumets innstilling`), verb);
    }
    const paid = await invokeCard(h, OFFICER, 'decision.paidConfirm', r);
    assert.match(cardText(paid), /Bare innvilgede og delvis innvilgede/);
    const stored = await report(r);
    assert.equal(stored?.status, 'submitted');
    assert.equal(stored?.decision, undefined);
  });

  it('grants as requested from the form, tells the owner with a decision card once, and a repeated press changes nothing', async () => {
    const r = await submitted(h, OWNER);
    await moveTo(h, r, TO_PRIORITISED);
    afterRecommendation();
    const card = await invokeCard(h, OFFICER, 'report.check', r);
    const form = await press(h, OFFICER, card, 'decision.form');
    assert.equal(inputsOf(form).outcome.value, 'granted', 'prioritised reports default to granted');
    assert.equal(inputsOf(form).grant1.value, '1250000');
    const inputs = { outcome: 'granted', grant1: '1250000', grant2: '1000000', reason: '' };
    const done = await press(h, OFFICER, form, 'decision.record', inputs);
    assert.match(
      cardText(done),
      new RegExp(
        `Vedtaket for ${r.reference} er registrert: Innvilget, 1 250 000 kr \\(2027–2028\\)\\..* Tilsagn for senere år: 1 000 000 kr\\. Det vedtas på nytt`,
      ),
    );
    assert.match(cardText(done), /Vedtak: Innvilget, 1 250 000 kr for dette skoleåret · Sekretariatet \(Siri Statsforvalter\)/);
    const again = await press(h, OFFICER, form, 'decision.record', inputs);
    assert.match(cardText(again), /er registrert: Innvilget/);

    const stored = await report(r);
    assert.equal(stored?.status, 'granted');
    assert.deepEqual(
      { ...stored?.decision, at: undefined },
      {
        outcome: 'granted',
        amounts: [1_250_000, 1_000_000],
        total: 2_250_000,
        at: undefined,
        by: `${OFFICER.tenantId}:${OFFICER.aadObjectId}`,
        byName: OFFICER.name,
      },
    );
    assert.equal(stored?.decision?.at, '2027-04-02T08:30:00.000Z');
    assert.equal(stored?.history.length, 5);

    const [told] = await waitForSent(h, `Vedtak for ${r.reference}: Innvilget`);
    await waitDrained(h.app.services.outbox, OWNER);
    assert.equal(sentMentioning(h, `Vedtak for ${r.reference}`).length, 1);
    const text = cardText(sentCard(told));
    // This school year's amount, the later year as a commitment decided again (the ledger's words), the conditions and the right to appeal; never "granted in all".
    for (const expected of [
      'Innvilget for 2027–2028\n1 250 000 kr',
      'Tilsagn for 2028–2029 (vedtas på nytt)\n1 000 000 kr',
      '2. april 2027',
      'Vilkår for tilskuddet',
      'Klagefristen er tre uker',
    ])
      assert.ok(text.includes(expected), expected);
    assert.ok(!text.includes('Innvilget i alt'), text);
    assert.equal(actionData(sentCard(told), 'report.open').reportId, r.reportId);
  });

  it('partly grants only with amounts below the request and a reason, which the owner reads', async () => {
    const r = await submitted(h, OWNER);
    await moveTo(h, r, TO_PRIORITISED);
    const form = await invokeCard(h, OFFICER, 'decision.form', r);
    const noReason = await press(h, OFFICER, form, 'decision.record', { outcome: 'partly_granted', grant1: '600 000', grant2: '0', reason: '' });
    assert.match(cardText(noReason), /Skriv en begrunnelse for at bare en del innvilges/);
    assert.equal(inputsOf(noReason).grant1.value, '600 000', 'what was typed stays');
    const tooMuch = await press(h, OFFICER, form, 'decision.record', { outcome: 'partly_granted', grant1: '2 000 000', grant2: '0', reason: 'x' });
    assert.match(cardText(tooMuch), /År 1: beløpet er høyere enn det som er søkt/);
    assert.equal((await report(r))?.status, 'prioritised', 'nothing stored while the form has errors');

    const done = await press(h, OFFICER, form, 'decision.record', {
      outcome: 'partly_granted',
      grant1: '600 000',
      grant2: '0',
      reason: 'Rammen for DEKOM er brukt opp.',
    });
    assert.match(cardText(done), /Delvis innvilget, 600 000 kr/);
    const stored = await report(r);
    assert.deepEqual(stored?.decision?.amounts, [600_000, 0]);
    assert.equal(stored?.decision?.reason, 'Rammen for DEKOM er brukt opp.');
    assert.equal(stored?.history.at(-1)?.reason, 'Rammen for DEKOM er brukt opp.', 'the reason is in the audit trail');
    const [told] = await waitForSent(h, `Vedtak for ${r.reference}: Delvis innvilget`);
    assert.ok(cardText(sentCard(told)).includes('Rammen for DEKOM er brukt opp.'));
  });

  it('rejects a report the forum did not prioritise, with the reason', async () => {
    const r = await submitted(h, OWNER);
    await moveTo(h, r, TO_NOT_PRIORITISED);
    const form = await invokeCard(h, OFFICER, 'decision.form', r);
    assert.equal(inputsOf(form).outcome.value ?? '', '', 'no default against the forum');
    await press(h, OFFICER, form, 'decision.record', { outcome: 'rejected', reason: 'Ikke prioritert av samarbeidsforumet.' });
    const stored = await report(r);
    assert.equal(stored?.status, 'rejected');
    assert.equal(stored?.decision?.total, 0);
    await waitForSent(h, `Vedtak for ${r.reference}: Avslått`);
  });

  it('refuses a second decision on a decided report, naming the first, state unchanged', async () => {
    const r = await submitted(h, OWNER);
    await moveTo(h, r, TO_PRIORITISED);
    await invokeCard(h, OFFICER, 'decision.record', { ...r, outcome: 'granted' });
    const second = await invokeCard(h, OFFICER2, 'decision.record', { ...r, outcome: 'rejected', reason: 'Nei' });
    assert.match(
      cardText(second),
      new RegExp(
        `${r.reference} har allerede vedtak: Innvilget, 2 250 000 kr, registrert 1\\. desember 2026 av Sekretariatet \\(Siri Statsforvalter\\)\\. Ingenting er endret\\.`,
      ),
    );
    const form = await invokeCard(h, OFFICER2, 'decision.form', r);
    assert.match(cardText(form), /har allerede vedtak/);
    assert.equal((await report(r))?.status, 'granted');
    await waitForSent(h, `Vedtak for ${r.reference}`);
    await waitDrained(h.app.services.outbox, OWNER);
    assert.equal(sentMentioning(h, `Vedtak for ${r.reference}`).length, 1);
  });

  it('lets one of two officers deciding the same report at once win, and tells the other', async () => {
    for (let round = 0; round < 3; round++) {
      const r = await submitted(h, OWNER);
      await moveTo(h, r, TO_PRIORITISED);
      const [a, b] = await Promise.all([
        invokeCard(h, OFFICER, 'decision.record', { ...r, outcome: 'granted' }),
        invokeCard(h, OFFICER2, 'decision.record', { ...r, outcome: 'rejected', reason: 'Budsjettet er brukt opp.' }),
      ]);
      const texts = [cardText(a), cardText(b)];
      const won = texts.filter((t) => /er registrert/.test(t));
      const told = texts.filter((t) => /har allerede vedtak/.test(t));
      assert.equal(won.length, 1, texts.join('\n---\n'));
      assert.equal(told.length, 1, texts.join('\n---\n'));
      const stored = await report(r);
      const winner = /Innvilget/.test(won[0].split('\n').find((l) => /er registrert/.test(l))!) ? 'granted' : 'rejected';
      assert.equal(stored?.status, winner);
      assert.equal(stored?.decision?.outcome, winner);
      assert.equal(stored?.history.filter((e) => ['granted', 'rejected'].includes(e.to)).length, 1, 'one decision in the trail');
      await waitForSent(h, `Vedtak for ${r.reference}`);
      await waitDrained(h.app.services.outbox, OWNER);
      assert.equal(sentMentioning(h, `Vedtak for ${r.reference}`).length, 1, 'the owner hears once');
    }
  });

  it('tells the loser of two presses at once by the same officer (two windows), with different reasons, the stored decision, not "registrert"', async () => {
    for (let round = 0; round < 3; round++) {
      const r = await submitted(h, OWNER);
      await moveTo(h, r, TO_NOT_PRIORITISED);
      const reasons = ['Budsjettet er brukt opp.', 'Tiltaket mangler en UH-partner.'];
      const cards = await Promise.all(reasons.map((reason) => invokeCard(h, OFFICER, 'decision.record', { ...r, outcome: 'rejected', reason })));
      const texts = cards.map(cardText);
      const stored = await report(r);
      const winner = reasons.indexOf(stored!.decision!.reason!);
      assert.ok(winner >= 0, JSON.stringify(stored?.decision));
      assert.match(texts[winner], new RegExp(`Vedtaket for ${r.reference} er registrert: Avslått`), texts.join('\n---\n'));
      const loser = texts[1 - winner];
      assert.doesNotMatch(loser, /er registrert:/, loser);
      assert.match(
        loser,
        new RegExp(
          `${r.reference} har allerede vedtak: Avslått, 0 kr, registrert 1\\. desember 2026 av Sekretariatet \\(Siri Statsforvalter\\)\\. Begrunnelse: «${reasons[winner]}»\\. Ingenting er endret\\.`,
        ),
      );
      assert.equal(stored?.history.filter((e) => e.to === 'rejected').length, 1, 'one decision in the trail');
    }
  });

  it('records a payment after a confirmation, tells the owner, and a second press changes nothing', async () => {
    const r = await submitted(h, OWNER);
    await moveTo(h, r, TO_PRIORITISED);
    const granted = await invokeCard(h, OFFICER, 'decision.record', { ...r, outcome: 'granted' });
    const confirm = await press(h, OFFICER, granted, 'decision.paid');
    // A payment pays one school year: the round's (2027–2028) of the two granted.
    assert.match(cardText(confirm), new RegExp(`Utbetaling for skoleåret 2027–2028: Registrere ${r.reference} som utbetalt \\(1 250 000 kr\\)\\?`));
    assert.equal((await report(r))?.status, 'granted', 'not before confirming');
    const paid = await press(h, OFFICER, confirm, 'decision.paidConfirm');
    assert.match(cardText(paid), new RegExp(`${r.reference} er registrert som utbetalt`));
    await press(h, OFFICER, confirm, 'decision.paidConfirm');
    const stored = await report(r);
    assert.equal(stored?.status, 'paid');
    assert.equal(stored?.history.filter((e) => e.to === 'paid').length, 1);
    assert.ok(stored?.payment?.at);
    await waitForSent(h, `${r.reference}: tilskuddet er utbetalt`);
    await waitDrained(h.app.services.outbox, OWNER);
    assert.equal(sentMentioning(h, `${r.reference}: tilskuddet er utbetalt`).length, 1);
  });

  describe('in bulk', () => {
    let bulk: Harness;
    before(async () => {
      bulk = await startHarness({ ...FAST_DELIVERY, BOOTSTRAP_SECRETARIAT: `${OFFICER.aadObjectId},${OFFICER2.aadObjectId}` }, { now: nowOf(clock) });
    });
    after(async () => {
      await bulk.stop();
    });

    it('grants every prioritised report as requested after one confirmation, once, leaving the rest alone', async () => {
      const owners = [OWNER, OTHER_OWNER, OWNER];
      const prioritised = [];
      for (const who of owners) {
        const r = await submitted(bulk, who);
        await moveTo(bulk, r, TO_PRIORITISED);
        prioritised.push(r);
      }
      const notPrioritised = await submitted(bulk, OWNER);
      await moveTo(bulk, notPrioritised, TO_NOT_PRIORITISED);
      const byHand = await submitted(bulk, OTHER_OWNER);
      await moveTo(bulk, byHand, TO_PRIORITISED);
      await invokeCard(bulk, OFFICER, 'decision.record', { ...byHand, outcome: 'partly_granted', grant1: '100000', grant2: '0', reason: 'Delvis' });
      const waiting = await submitted(bulk, OWNER); // still submitted

      const [list] = await bulk.send(OFFICER, 'vedtak');
      const listText = cardText(cardOf(list));
      assert.match(listText, /4 meldinger venter på vedtak: 3 prioritert og 1 ikke prioritert/);
      assert.ok(!listText.includes(waiting.reference) && !listText.includes(byHand.reference));

      const confirm = await press(bulk, OFFICER, cardOf(list), 'decision.grantAll');
      assert.match(cardText(confirm), /Innvilg 3 prioriterte meldinger som søkt: 3 750 000 kr for skoleåret 2027–2028, og 3 000 000 kr bundet for senere år\?/);
      for (const r of prioritised) assert.equal((await bulk.app.services.reports.get(r.roundId, r.reportId))?.status, 'prioritised', 'not before confirming');

      // A double click: both presses at once. The second joins the first's job (both cards show its
      // figures), or, if the first was done already, runs one of its own that finds nothing left.
      const [first, second] = await Promise.all([
        press(bulk, OFFICER, confirm, 'decision.grantAllConfirm'),
        press(bulk, OFFICER, confirm, 'decision.grantAllConfirm'),
      ]);
      const granted = [cardText(first), cardText(second)].map((t) => Number(/(\d+) melding(?:er)? er innvilget/.exec(t)?.[1]));
      assert.ok(granted.includes(3) && granted.every((n) => n === 3 || n === 0), [cardText(first), cardText(second)].join('\n'));
      const later = await press(bulk, OFFICER, confirm, 'decision.grantAllConfirm');
      assert.match(cardText(later), /0 meldinger er innvilget/);

      for (const r of prioritised) {
        const stored = await bulk.app.services.reports.get<NeedsReport>(r.roundId, r.reportId);
        assert.equal(stored?.status, 'granted');
        assert.deepEqual(stored?.decision?.amounts, [1_250_000, 1_000_000]);
        assert.equal(stored?.decision?.bulk, true);
        await waitForSent(bulk, `Vedtak for ${r.reference}: Innvilget`);
      }
      assert.equal((await bulk.app.services.reports.get(notPrioritised.roundId, notPrioritised.reportId))?.status, 'not_prioritised');
      assert.equal((await bulk.app.services.reports.get<NeedsReport>(byHand.roundId, byHand.reportId))?.decision?.outcome, 'partly_granted');
      await waitDrained(bulk.app.services.outbox);
      for (const r of prioritised) assert.equal(sentMentioning(bulk, `Vedtak for ${r.reference}`).length, 1, `${r.reference} told once`);
      assert.equal(sentMentioning(bulk, `Vedtak for ${notPrioritised.reference}`).length, 0);
      const none = await invokeCard(bulk, OFFICER, 'decision.grantAll', { roundId: prioritised[0].roundId });
      assert.match(cardText(none), /Ingen prioriterte meldinger i innmeldingsrunden 2027 venter på vedtak/);
    });
  });
});
