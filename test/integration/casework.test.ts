import assert from 'node:assert/strict';
import type { NeedsReport } from '../../src/domain/report';
import { cardOf, cardText, type Harness } from '../support/harness';
import { waitDrained } from '../support/delivery';
import { FOREIGN, MEMBER, OFFICER, OTHER_OWNER, OWNER } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, inputsOf, press } from '../support/wizard';
import { invokeCard, sentCard, sentMentioning, submitted, waitForSent, useSecretariatBot } from '../support/casework';

// Every verb and command of the secretariat's casework, with data that would change something.
const VERBS = [
  'report.check',
  'report.checkPass',
  'report.return',
  'report.returnConfirm',
  'report.moveGroup',
  'report.moveGroupConfirm',
  'decision.form',
  'decision.record',
  'decision.paid',
  'decision.paidConfirm',
  'decision.pending',
  'decision.grantAll',
  'decision.grantAllConfirm',
  'export.round',
];

describe('the secretariat checks reports', function () {
  this.timeout(60_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');
  const clock = bot.clock;
  let h: Harness;
  before(() => {
    h = bot.h();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed')
      console.log(
        h.logLines
          .filter((l) => /"level":"error"/.test(l))
          .slice(-2)
          .join('\n'),
      );
  });

  it('refuses every casework button and command to anyone who is not an officer, and stores nothing', async () => {
    const r = await submitted(h, OWNER);
    await waitDrained(h.app.services.outbox);
    const sentBefore = h.connector.sent().length;
    for (const who of [OWNER, OTHER_OWNER, MEMBER, FOREIGN]) {
      for (const verb of VERBS) {
        const card = await invokeCard(h, who, verb, {
          roundId: r.roundId,
          reportId: r.reportId,
          comment: 'Rett dette',
          workingGroup: 'nord',
          outcome: 'granted',
          grant1: '1250000',
          grant2: '1000000',
          reason: 'x',
        });
        assert.match(cardText(card), /bare for sekretariatet/, `${who.name} ${verb}`);
        assert.ok(!cardText(card).includes('Lesing i alle fag'), `${verb} reveals nothing`);
      }
      for (const text of ['eksport', 'vedtak']) {
        const [reply] = await h.send(who, text);
        assert.match(cardText(cardOf(reply)), /bare for sekretariatet/, `${who.name} ${text}`);
      }
    }
    const report = await h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId);
    assert.equal(report?.status, 'submitted');
    assert.equal(report?.history.length, 1);
    assert.equal(report?.summary.workingGroup, 'vest');
    assert.equal(report?.decision, undefined);
    await waitDrained(h.app.services.outbox);
    assert.equal(h.connector.sent().length, sentBefore, 'nobody was told anything');
  });

  it('lets an officer find a report by the reference as typed and see every field, the money per year and the audit trail', async () => {
    const r = await submitted(h, OWNER);
    const number = Number(r.reference.slice(-4));
    for (const typed of [`vis ${r.reference.toLowerCase()}`, `show BM 2027 ${number}`]) {
      const [reply] = await h.send(OFFICER, typed);
      const text = cardText(cardOf(reply));
      assert.match(text, new RegExp(`${r.reference}: Lesing i alle fag`), typed);
      for (const expected of [
        'Eksempel kommune',
        '974 760 673',
        'OsloMet – storbyuniversitetet',
        'Ola Professor',
        'kari.nordmann@eksempel.kommune.no',
        '2027–2028',
        '2028–2029',
        '1 250 000 kr',
        'Arbeidsgruppe Vest',
        'Historikk',
        'Sendt inn · Eier',
        'Sendt inn',
      ]) {
        assert.ok(text.includes(expected), `${typed}: ${expected}`);
      }
      assert.equal(actionData(cardOf(reply), 'report.checkPass').reportId, r.reportId);
    }
  });

  it('keeps casework out of channels, where everyone would see the report', async () => {
    const r = await submitted(h, OWNER);
    const inChannel = { conversation: { id: '19:ost@thread.tacv2', conversationType: 'channel', tenantId: OFFICER.tenantId } };
    for (const verb of ['report.check', 'report.checkPass', 'export.round']) {
      const res = await h.invoke(OFFICER, verb, { roundId: r.roundId, reportId: r.reportId }, inChannel);
      assert.match(cardText(res.body.value), /Saksbehandling gjøres i personlig chat/, verb);
    }
    const [reply] = await h.send(OFFICER, `vis ${r.reference}`, inChannel);
    assert.match(cardText(cardOf(reply)), /Saksbehandling gjøres i personlig chat/);
    assert.equal((await h.app.services.reports.get(r.roundId, r.reportId))?.status, 'submitted');
  });

  it('says which reference it could not find', async () => {
    const [reply] = await h.send(OFFICER, 'vis BM-2027-9999');
    assert.match(cardText(cardOf(reply)), /Fant ingen melding med referansen BM-2027-9999/);
    const [usage] = await h.send(OFFICER, 'vis noe annet');
    assert.match(usage.text, /vis BM-2027-0042/);
  });

  it('shows an owner their own report by reference, and others "not found"', async () => {
    const r = await submitted(h, OWNER);
    const [own] = await h.send(OWNER, `vis ${r.reference}`);
    assert.match(cardText(cardOf(own)), /Lesing i alle fag/);
    assert.throws(() => actionData(cardOf(own), 'report.checkPass'), 'no officer buttons for the owner');
    const [other] = await h.send(OTHER_OWNER, `vis ${r.reference}`);
    assert.match(cardText(cardOf(other)), /Fant ingen melding med referansen/);
    assert.ok(!cardText(cardOf(other)).includes('Lesing i alle fag'));
  });

  it('marks a report formally checked, names the officer in the audit trail, and a second press changes nothing', async () => {
    const r = await submitted(h, OWNER);
    const card = await invokeCard(h, OFFICER, 'report.check', { roundId: r.roundId, reportId: r.reportId });
    clock.setSystemTime(new Date('2026-12-02T10:15:00Z'));
    const checked = await press(h, OFFICER, card, 'report.checkPass');
    assert.match(cardText(checked), new RegExp(`${r.reference} er formelt kontrollert`));
    assert.match(cardText(checked), /2\. desember 2026 kl\. 11\.15\nFormelt kontrollert · Sekretariatet \(Siri Statsforvalter\)/);
    await press(h, OFFICER, card, 'report.checkPass');
    const report = await h.app.services.reports.get(r.roundId, r.reportId);
    assert.equal(report?.status, 'formally_checked');
    assert.deepEqual(
      report?.history.map((e) => e.to),
      ['submitted', 'formally_checked'],
    );
    assert.equal(report?.history[1].actor.id, `${OFFICER.tenantId}:${OFFICER.aadObjectId}`);
  });

  it('returns a report only with a comment, tells the owner, who fixes and resubmits it after the deadline', async () => {
    const r = await submitted(h, OWNER);
    const card = await invokeCard(h, OFFICER, 'report.check', { roundId: r.roundId, reportId: r.reportId });
    const form = await press(h, OFFICER, card, 'report.return');
    assert.match(cardText(form), /Kommentar til eieren/);
    const empty = await press(h, OFFICER, form, 'report.returnConfirm', { comment: '   ' });
    assert.match(cardText(empty), /Skriv en begrunnelse/);
    assert.equal((await h.app.services.reports.get(r.roundId, r.reportId))?.status, 'submitted', 'nothing stored without a comment');

    const comment = 'Kontaktpersonen hos UH mangler telefonnummer; legg det inn.';
    const done = await press(h, OFFICER, form, 'report.returnConfirm', { comment });
    assert.match(cardText(done), new RegExp(`${r.reference} er sendt tilbake til eieren`));
    assert.match(cardText(done), /Sendt tilbake til eieren · Sekretariatet \(Siri Statsforvalter\)\n«Kontaktpersonen hos UH/);
    await press(h, OFFICER, form, 'report.returnConfirm', { comment });

    const [told] = await waitForSent(h, `${r.reference} er sendt tilbake til deg`);
    await waitDrained(h.app.services.outbox, OWNER);
    assert.equal(sentMentioning(h, `${r.reference} er sendt tilbake til deg`).length, 1, 'told once, though pressed twice');
    const notice = sentCard(told);
    assert.ok(cardText(notice).includes(comment));
    assert.match(told.path, new RegExp(encodeURIComponent(`a:personal-${OWNER.aadObjectId}`)));

    // After the deadline, the owner presses the button in the message, fixes and resubmits.
    clock.setSystemTime(new Date('2027-02-10T08:00:00Z'));
    const detail = await press(h, OWNER, notice, 'report.open');
    const review = await press(h, OWNER, detail, 'report.edit');
    // The first step decides the round from the region: an edit must stay in its own, closed round.
    let step = await h.invoke(OWNER, 'report.goto', { ...actionData(review, 'report.submit'), step: 'owner' }).then((r) => r.body.value);
    assert.equal(inputsOf(step).ownerName.value, 'Eksempel kommune');
    step = await press(h, OWNER, step, 'report.next', GOOD_INPUT.owner);
    step = await h.invoke(OWNER, 'report.goto', { ...actionData(step, 'report.submit'), step: 'contact' }).then((r) => r.body.value);
    step = await press(h, OWNER, step, 'report.next', { ...GOOD_INPUT.contact, contactName: 'Kari Nordmann-Berg' });
    step = await h.invoke(OWNER, 'report.goto', { ...actionData(step, 'report.submit'), step: 'partner' }).then((r) => r.body.value);
    step = await press(h, OWNER, step, 'report.next', { ...GOOD_INPUT.partner, uhContact: 'Ola Professor, 22 11 11 11' });
    const receipt = await press(h, OWNER, step, 'report.submit');
    assert.match(cardText(receipt), /Endringene er sendt inn/);
    const report = await h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId);
    assert.equal(report?.status, 'submitted');
    assert.equal(report?.version, 2);
    assert.equal(report?.data.uhContact, 'Ola Professor, 22 11 11 11');
    assert.equal(report?.data.contactName, 'Kari Nordmann-Berg');
    assert.deepEqual(
      report?.history.map((e) => e.to),
      ['submitted', 'returned', 'submitted'],
    );

    // Once resubmitted after the deadline, it is locked again like every other report.
    const again = await invokeCard(h, OWNER, 'report.edit', { reportId: r.reportId });
    assert.match(cardText(again), /Fristen gikk ut/);
  });

  it('refuses to return a report that is already further along, changing nothing', async () => {
    const r = await submitted(h, OWNER);
    await h.app.services.reports.setStatus(r.roundId, r.reportId, (from) => ({
      from,
      to: 'withdrawn',
      at: new clock.Date().toISOString(),
      actor: { role: 'owner' },
    }));
    for (const verb of ['report.return', 'report.returnConfirm', 'report.checkPass']) {
      const card = await invokeCard(h, OFFICER, verb, { roundId: r.roundId, reportId: r.reportId, comment: 'x' });
      assert.match(cardText(card), /har status «Trukket» og kan ikke/, verb);
    }
    assert.equal((await h.app.services.reports.get(r.roundId, r.reportId))?.history.length, 2);
  });

  it("moves a report to another working group, shows it in the trail, and an owner's edit keeps it", async () => {
    const r = await submitted(h, OWNER);
    const card = await invokeCard(h, OFFICER, 'report.check', { roundId: r.roundId, reportId: r.reportId });
    const form = await press(h, OFFICER, card, 'report.moveGroup');
    assert.equal(inputsOf(form).workingGroup.value, 'vest');
    const unknown = await press(h, OFFICER, form, 'report.moveGroupConfirm', { workingGroup: 'atlantis' });
    assert.match(cardText(unknown), /Velg en av arbeidsgruppene/);
    const moved = await press(h, OFFICER, form, 'report.moveGroupConfirm', { workingGroup: 'nord' });
    assert.match(cardText(moved), new RegExp(`${r.reference} er flyttet til Arbeidsgruppe Nord`));
    assert.match(cardText(moved), /Arbeidsgruppe: Arbeidsgruppe Vest → Arbeidsgruppe Nord · Sekretariatet/);
    const same = await press(h, OFFICER, form, 'report.moveGroupConfirm', { workingGroup: 'nord' });
    assert.match(cardText(same), /ligger allerede i Arbeidsgruppe Nord/);
    assert.equal((await h.app.services.reports.get(r.roundId, r.reportId))?.history.length, 2, 'one entry for one change');

    // The owner edits before the deadline: the region's default (vest) does not come back.
    const detail = await invokeCard(h, OWNER, 'report.open', { reportId: r.reportId });
    assert.ok(!cardText(detail).includes('Arbeidsgruppe Nord'), "the owner's card leaves the sorting out");
    let step = await press(h, OWNER, detail, 'report.edit');
    step = await h.invoke(OWNER, 'report.goto', { ...actionData(step, 'report.submit'), step: 'owner' }).then((r) => r.body.value);
    step = await press(h, OWNER, step, 'report.next', GOOD_INPUT.owner);
    await press(h, OWNER, step, 'report.submit');
    const report = await h.app.services.reports.get(r.roundId, r.reportId);
    assert.equal(report?.version, 2);
    assert.equal(report?.summary.workingGroup, 'nord');
  });
});
