import assert from 'node:assert/strict';
import type { NeedsReport } from '../../src/domain/report';
import type { Round } from '../../src/domain/round';
import { cardText, type Harness } from '../support/harness';
import { OFFICER, OTHER_OWNER, OWNER, type Persona } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { cardElements, passOwnerSteps, press, startReport } from '../support/wizard';
import { invokeCard, submitted, useSecretariatBot } from '../support/casework';

/**
 * "A closed round is closed" (issue 21): once the secretariat closes the round by hand, or before
 * it opens, no owner press files, changes or withdraws a report or works on a draft, whether the
 * card was sent before the close or asked for after it. Each refusal says why and since when, in
 * Oslo time, and writes nothing. Officers keep working, and a report they return for correction
 * can still be fixed and resubmitted (DOMAIN.md section 4).
 */
describe('a closed round is closed', function () {
  this.timeout(90_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');
  const clock = bot.clock;
  let h: Harness;
  before(() => {
    h = bot.h();
  });
  const ROUND = 'demo-2027';
  // 14:15 Oslo time (UTC+1 in December).
  const CLOSED_AT = '2026-12-02T13:15:00Z';
  const CLOSED_NB =
    /Statsforvalteren stengte innmeldingsrunde 2027 2\. desember 2026 kl\. 14\.15 \(fristen var 1\. februar 2027\)\. Meldingen kan ikke sendes inn, endres eller trekkes nå/;

  const setRound = (change: (r: Round) => Round) => h.app.services.rounds.update(ROUND, change);
  /** Each test starts in an open round (as the demo round is), whatever the one before did. */
  beforeEach(async () => {
    await setRound(({ closedAt: _closedAt, ...r }) => ({ ...r, status: 'open' }));
  });
  const closeByHand = async () => {
    clock.setSystemTime(new Date(CLOSED_AT));
    assert.match(cardText(await invokeCard(h, OFFICER, 'round.closeConfirm', { roundId: ROUND })), /Innmeldingsrunde 2027 er stengt/);
  };
  const stored = (reportId: string) => h.app.services.reports.get<NeedsReport>(ROUND, reportId);
  const verbsOn = (card: any) =>
    cardElements(card)
      .filter((e) => e.type === 'Action.Execute')
      .map((e) => e.verb as string);
  const open = (who: Persona, reportId: string) => invokeCard(h, who, 'report.open', { reportId });

  it("refuses the owner's edit draft and withdrawal on cards sent before the round was closed by hand, writing nothing", async () => {
    const r = await submitted(h, OWNER);
    const detail = await open(OWNER, r.reportId);
    const editReview = await press(h, OWNER, detail, 'report.edit');
    assert.match(cardText(editReview), /Se over og send inn/);
    const withdrawAsk = await press(h, OWNER, detail, 'report.withdraw');
    const before = await stored(r.reportId);

    await closeByHand();
    assert.equal((await h.app.services.rounds.get(ROUND))?.closedAt, CLOSED_AT.replace('Z', '.000Z'));
    // The case: the edit draft was submitted as version 2, and the report then withdrawn.
    const resent = await press(h, OWNER, editReview, 'report.submit', { title: 'Endret etter stenging' });
    assert.match(cardText(resent), CLOSED_NB);
    assert.doesNotMatch(cardText(resent), /Endringene er sendt inn/);
    assert.match(cardText(await press(h, OWNER, withdrawAsk, 'report.withdrawConfirm')), CLOSED_NB);
    for (const verb of ['report.withdraw', 'report.edit']) assert.match(cardText(await press(h, OWNER, detail, verb)), CLOSED_NB, verb);

    const after = await stored(r.reportId);
    assert.equal(after?.status, 'submitted');
    assert.equal(after?.version, 1);
    assert.equal(after?.history.length, before?.history.length, 'no audit entry');
    assert.deepEqual(after?.data, before?.data);
    // A fresh detail card says why, and offers neither Edit nor Withdraw.
    const fresh = await open(OWNER, r.reportId);
    assert.match(cardText(fresh), CLOSED_NB);
    assert.deepEqual(
      verbsOn(fresh).filter((v) => v === 'report.edit' || v === 'report.withdraw'),
      [],
    );
  });

  it('refuses every step, resume and continue of a draft in a closed round, leaving the draft as it was', async () => {
    const card = await passOwnerSteps(h, OTHER_OWNER, await startReport(h, OTHER_OWNER));
    const { draftId } = cardElements(card).find((e) => e.verb === 'report.next').data as { draftId: string };
    const before = await h.app.services.drafts.get(OTHER_OWNER, draftId);
    assert.ok(before);
    await closeByHand();
    const presses: Array<[string, Record<string, unknown>]> = [
      ['report.next', GOOD_INPUT.measure],
      ['report.back', GOOD_INPUT.measure],
      ['report.close', GOOD_INPUT.measure],
      ['report.goto', { step: 'review' }],
      ['report.resume', {}],
      ['report.submit', {}],
    ];
    for (const [verb, inputs] of presses) {
      const res = await h.invoke(OTHER_OWNER, verb, { draftId, step: 'measure', ...inputs });
      assert.match(cardText(res.body.value), CLOSED_NB, verb);
    }
    // Typed, not pressed: "fortsett" finds the one draft and is refused the same way.
    assert.match(cardText((await h.invoke(OTHER_OWNER, 'report.continue', {})).body.value), CLOSED_NB);
    const after = await h.app.services.drafts.get(OTHER_OWNER, draftId);
    assert.deepEqual(after, before, 'the draft is unchanged');
    // Officers are never held by the owner's gate.
    assert.match(cardText(await invokeCard(h, OFFICER, 'round.list', {})), /2027/);
  });

  it('says so in nynorsk and English, in Oslo time', async () => {
    const nn: Persona = { ...OWNER, locale: 'nn-NO' };
    const en: Persona = { ...OWNER, locale: 'en-GB' };
    const r = await submitted(h, OWNER);
    await closeByHand();
    assert.match(
      cardText(await invokeCard(h, nn, 'report.withdrawConfirm', { reportId: r.reportId })),
      /Statsforvaltaren stengde innmeldingsrunde 2027 2\. desember 2026 kl\. 14\.15 \(fristen var 1\. februar 2027\)\. Meldinga kan ikkje sendast inn/,
    );
    assert.match(
      cardText(await invokeCard(h, en, 'report.edit', { reportId: r.reportId })),
      /The County Governor closed filing round 2027 on 2 December 2026 at 14:15 \(the deadline was 1 February 2027\)\. The report can no longer be submitted, edited or withdrawn/,
    );
    assert.equal((await stored(r.reportId))?.status, 'submitted');
  });

  it('lets officers check and return reports in a closed round, and the owner fix and resubmit a returned one', async () => {
    const checked = await submitted(h, OWNER);
    const r = await submitted(h, OWNER);
    await closeByHand();
    const pass = await invokeCard(h, OFFICER, 'report.checkPass', { roundId: ROUND, reportId: checked.reportId });
    assert.match(cardText(pass), new RegExp(`${checked.reference}`));
    assert.equal((await stored(checked.reportId))?.status, 'formally_checked');
    const returned = await invokeCard(h, OFFICER, 'report.returnConfirm', { roundId: ROUND, reportId: r.reportId, comment: 'Legg inn telefonnummeret.' });
    assert.match(cardText(returned), new RegExp(`${r.reference} er sendt tilbake til eieren`));

    // Returned for correction: back in the owner's hands although the round is closed.
    const detail = await open(OWNER, r.reportId);
    assert.ok(verbsOn(detail).includes('report.edit'), 'a returned report offers Edit');
    const review = await press(h, OWNER, detail, 'report.edit');
    const receipt = await press(h, OWNER, review, 'report.submit');
    assert.match(cardText(receipt), /Endringene er sendt inn/);
    assert.match(
      cardText(receipt),
      new RegExp(`${r.reference} er oppdatert \\(versjon 2\\) og sendt til Statsforvalteren igjen\\. Innmeldingsrunden er stengt`),
    );
    assert.doesNotMatch(cardText(receipt), /til fristen/);
    const after = await stored(r.reportId);
    assert.equal(after?.status, 'submitted');
    assert.equal(after?.version, 2);
    // Resubmitted, it is the secretariat's again: no more changes in the closed round.
    assert.match(cardText(await invokeCard(h, OWNER, 'report.withdrawConfirm', { reportId: r.reportId })), CLOSED_NB);
    assert.equal((await stored(r.reportId))?.status, 'submitted');
  });

  it('refuses before the round opens, naming the deadline', async () => {
    const r = await submitted(h, OWNER);
    await setRound((round) => ({ ...round, status: 'planned' }));
    for (const verb of ['report.edit', 'report.withdraw', 'report.withdrawConfirm']) {
      const card = await invokeCard(h, OWNER, verb, { reportId: r.reportId });
      assert.match(cardText(card), /Innmeldingsrunde 2027 er ikke åpnet ennå\. .*fram til fristen 1\. februar 2027/, verb);
    }
    assert.equal((await stored(r.reportId))?.status, 'submitted');
  });

  it('refuses an edit draft opened before the deadline once the scheduler has closed the round after it', async () => {
    const r = await submitted(h, OWNER);
    const review = await press(h, OWNER, await open(OWNER, r.reportId), 'report.edit');
    clock.setSystemTime(new Date('2027-02-01T23:00:00Z'));
    await h.app.scheduler.tick();
    assert.equal((await h.app.services.rounds.get(ROUND))?.status, 'closed');
    assert.match(cardText(await press(h, OWNER, review, 'report.submit')), /Fristen for å melde behov gikk ut 1\. februar 2027/);
    assert.equal((await stored(r.reportId))?.version, 1);
  });
});
