import assert from 'node:assert/strict';
import type { NeedsReport } from '../../src/domain/report';
import { cardText, type Harness } from '../support/harness';
import { OFFICER, OWNER } from '../support/personas';
import { inputsOf, press } from '../support/wizard';
import { TO_NOT_PRIORITISED, TO_PRIORITISED, invokeCard, moveTo, sentCard, submitted, useSecretariatBot, waitForSent } from '../support/casework';

describe("a decision against the forum's recommendation", function () {
  this.timeout(90_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');
  let h: Harness;
  before(() => {
    h = bot.h();
  });
  const report = (r: { roundId: string; reportId: string }) => h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId);

  it('refuses to grant a report the forum did not prioritise without a reason, and stores nothing', async () => {
    const r = await submitted(h, OWNER);
    await moveTo(h, r, TO_NOT_PRIORITISED);
    const form = await invokeCard(h, OFFICER, 'decision.form', r);
    assert.match(cardText(form), /Forumets innstilling: Ikke prioritert\. Et vedtak som avviker fra innstillingen, må begrunnes/);
    for (const outcome of ['granted', 'partly_granted']) {
      const back = await press(h, OFFICER, form, 'decision.record', {
        outcome,
        grant1: outcome === 'granted' ? '1250000' : '1000000',
        grant2: '1000000',
        reason: '  ',
      });
      assert.match(
        cardText(back),
        outcome === 'granted' ? /Vedtaket avviker fra forumets innstilling \(Ikke prioritert\)\. Skriv en begrunnelse/ : /begrunnelse/i,
        outcome,
      );
      assert.equal(inputsOf(back).outcome.value, outcome, 'what was typed comes back');
    }
    const stored = await report(r);
    assert.equal(stored?.status, 'not_prioritised');
    assert.equal(stored?.decision, undefined);
  });

  it("grants it with a reason, and the owner's decision card shows the departure and the reason", async () => {
    const r = await submitted(h, OWNER);
    await moveTo(h, r, TO_NOT_PRIORITISED);
    const form = await invokeCard(h, OFFICER, 'decision.form', r);
    const reason = 'Tiltaket dekker et behov forumet ikke hadde oversikt over.';
    await press(h, OFFICER, form, 'decision.record', { outcome: 'granted', grant1: '1250000', grant2: '1000000', reason });
    const stored = await report(r);
    assert.equal(stored?.status, 'granted');
    assert.equal(stored?.decision?.deviatesFrom, 'not_prioritised');
    assert.equal(stored?.decision?.reason, reason);
    const [told] = await waitForSent(h, `Vedtak for ${r.reference}: Innvilget`);
    const text = cardText(sentCard(told));
    assert.match(text, /Avvik fra innstillingen\nSamarbeidsforumet innstilte «Ikke prioritert»\. Vedtaket avviker, se begrunnelsen\./);
    assert.match(text, new RegExp(`Begrunnelse\\n${reason}`));
  });

  it('refuses to reject a prioritised report without a reason; with one the owner sees both', async () => {
    const r = await submitted(h, OWNER);
    await moveTo(h, r, TO_PRIORITISED);
    const form = await invokeCard(h, OFFICER, 'decision.form', r);
    const back = await press(h, OFFICER, form, 'decision.record', { outcome: 'rejected', reason: '' });
    assert.match(cardText(back), /Skriv en begrunnelse for avslaget/);
    assert.equal((await report(r))?.status, 'prioritised');
    await press(h, OFFICER, form, 'decision.record', { outcome: 'rejected', reason: 'Rammen for DEKOM er brukt opp.' });
    assert.equal((await report(r))?.decision?.deviatesFrom, 'prioritised');
    const [told] = await waitForSent(h, `Vedtak for ${r.reference}: Avslått`);
    assert.match(cardText(sentCard(told)), /Samarbeidsforumet innstilte «Prioritert»\. Vedtaket avviker/);
  });

  it('does not mark a decision that follows the recommendation as a departure', async () => {
    const r = await submitted(h, OWNER);
    await moveTo(h, r, TO_PRIORITISED);
    await invokeCard(h, OFFICER, 'decision.record', { ...r, outcome: 'granted' });
    assert.equal((await report(r))?.decision?.deviatesFrom, undefined);
    const [told] = await waitForSent(h, `Vedtak for ${r.reference}: Innvilget`);
    assert.doesNotMatch(cardText(sentCard(told)), /Avvik fra innstillingen/);
  });
});
