import assert from 'node:assert/strict';
import { transition, type ReportStatus } from '../../src/domain/report';
import { summaryOf } from '../../src/teams/wizard/summaryOf';
import { needsReport, ROUND } from '../support/forum';
import { GOOD_USAGE } from '../support/usage';
import { journeyHooks, startE2E, type E2ESession } from './session';

// The owner (the playground's current user) reports on the use of a paid grant in the emulator's
// UI: finds the paid school year with "rapporter", fills the card, is told what does not add up
// with everything typed kept, fixes it and gets the receipt.

const PAID: ReportStatus[] = ['formally_checked', 'on_agenda', 'prioritised', 'granted', 'paid'];

describe('an owner files a usage report in Agents Playground (end to end)', function () {
  this.timeout(90_000);
  let session: E2ESession | undefined;
  let reference = '';
  const d = () => session!.driver;

  before(async function () {
    this.timeout(120_000);
    session = await startE2E({ name: 'e2eusage', now: () => new Date('2028-09-01T08:00:00Z') });
    const sv = session.app.services;
    // A measure of the playground user's, paid for its first school year (2027–2028: 1 250 000 kr).
    await sv.rounds.create(ROUND);
    const by = { tenantId: d().config.tenantId, aadObjectId: d().config.currentUser.aadObjectId };
    const data = needsReport(1);
    reference = await sv.reports.nextReference(ROUND.id, ROUND.year);
    await sv.reports.submitNew({ draftId: 'e2e-usage', roundId: ROUND.id, reference, by, summary: summaryOf(data, sv.regions), data });
    for (const to of PAID) {
      await sv.reports.setStatus(ROUND.id, 'e2e-usage', (status) => {
        const moved = transition({ status }, to, { actor: { role: 'secretariat', id: 'e2e' }, at: sv.now(), deadline: new Date(ROUND.deadline) });
        if (!moved.ok) throw new Error(`${status} → ${to}`);
        return moved.entry;
      });
    }
    await d().openPersonalChat();
  });

  journeyHooks(() => session);

  it('finds the paid school year with "rapporter" and opens the dialog', async () => {
    await d().sendMessage('rapporter');
    await d().waitForCard('Rapportering på bruk av tilskudd');
    assert.match(await d().latestCardText(), /Skoleåret 2027–2028 · utbetalt 1 250 000 kr · frist 15\. januar 2029 · Ikke påbegynt/);
    await d().clickAction(`Rapporter for ${reference}, skoleåret 2027–2028`);
    await d().waitForCard(`Rapportering for ${reference}`);
    assert.match(await d().latestCardText(), /Utbetalt: 1 250 000 kr\. Frist: 15\. januar 2029\./);
  });

  it('is told at the field that used and unused funds must add up to what was paid, with everything typed kept', async () => {
    for (const id of ['usedOwner', 'usedUh', 'ownContribution', 'activities', 'participants', 'unitsReached', 'partnership', 'unusedNote'] as const) {
      await d().fillInput(id, GOOD_USAGE[id]);
    }
    await d().fillInput('unused', '50 000');
    await d().choose('unusedPlan', 'Vi ber om å få overføre dem til neste skoleår');
    await d().clickAction('Send inn rapporten');
    await d().waitForCard('Rapporten er ikke sendt');
    assert.match(await d().fieldText('unused'), /skal bli utbetalt beløp, 1 250 000 kr\. Nå blir det 1 200 000 kr\./);
    assert.equal(await d().inputValue('usedOwner'), GOOD_USAGE.usedOwner);
    assert.equal(await d().inputValue('partnership'), GOOD_USAGE.partnership);
  });

  it('fixes the unused funds and gets the receipt', async () => {
    await d().fillInput('unused', GOOD_USAGE.unused);
    await d().clickAction('Send inn rapporten');
    await d().waitForCard(`Rapporten for ${reference} er sendt inn`);
    const text = await d().latestCardText();
    assert.match(text, /Skoleåret 2027–2028, sendt inn/);
    assert.match(text, /Ubrukte midler\s*100 000 kr: Vi ber om å få overføre dem til neste skoleår/);
    const stored = await session!.app.services.usage.get({ roundId: ROUND.id, reportId: 'e2e-usage', schoolYear: 2027 });
    assert.equal(stored?.status, 'submitted');
    assert.equal(stored?.report?.unused, 100_000);
  });
});
