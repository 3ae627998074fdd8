import assert from 'node:assert/strict';
import type { NeedsReport } from '../../src/domain/report';
import { EXPORT_COLUMNS } from '../../src/domain/exportRows';
import { roundRows } from '../../src/export/roundExport';
import { seedUser, waitDrained } from '../support/delivery';
import { cardOf, cardText, type Harness } from '../support/harness';
import { COLLEAGUE, MEMBER, OFFICER, OTHER_OWNER, OWNER, type Persona } from '../support/personas';
import { actionData, inputsOf, press } from '../support/wizard';
import { errorAt, invokeCard, sentCard, useSecretariatBot, waitForSent } from '../support/casework';
import { GOOD_USAGE, paidReport } from '../support/usage';

/** Proactive messages in a persona's personal chat mentioning `text`. */
const sentTo = (h: Harness, who: Persona, text: string) =>
  h.connector.sent().filter((s) => decodeURIComponent(s.path).includes(`a:personal-${who.aadObjectId}/activities`) && JSON.stringify(s.body).includes(text));

/** A colleague who was linked to the owner and removed again: they hear nothing more about its reports. */
async function removedColleague(h: Harness, who: Persona, orgnr = '974760673') {
  const sv = h.app.services;
  await seedUser(sv.references, h.connector.url, who.aadObjectId, who.tenantId);
  await sv.ownerPeople.add(orgnr, { tenantId: who.tenantId, aadObjectId: who.aadObjectId }, { id: 'test', asOfficer: false });
  await sv.ownerPeople.remove(orgnr, { tenantId: who.tenantId, aadObjectId: who.aadObjectId }, { id: 'test', asOfficer: false });
}

describe('usage reports (rapportering)', function () {
  this.timeout(120_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');
  const clock = bot.clock;
  let h: Harness;
  before(() => {
    h = bot.h();
  });
  const report = (r: { roundId: string; reportId: string }) => h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId);
  const usageOf = (r: { roundId: string; reportId: string }, schoolYear = 2027) => h.app.services.usage.get({ ...r, schoolYear });

  it('takes a usage report with unused funds from the paid-notice, keeps values through errors and a draft, and the secretariat returns then accepts it', async () => {
    const r = await paidReport(h, clock, OWNER);
    // The paid-notice's promise now leads to the dialog.
    const [notice] = await waitForSent(h, `${r.reference}: tilskuddet er utbetalt`);
    assert.match(cardText(sentCard(notice)), /Rapporter bruken av midlene innen 15\. januar 2029\./);
    // What is still to come: how and when to file the usage report, and the later year as a commitment.
    assert.match(
      cardText(sentCard(notice)),
      /Rapporteringen for skoleåret 2027–2028 åpner 1\. august 2028, når skoleåret er over\. Trykk «Rapporter bruk av midlene» under, eller skriv «rapporter» til boten\./,
    );
    assert.match(
      cardText(sentCard(notice)),
      /Tilsagn for senere skoleår: 2028–2029: 1 000 000 kr\. Tiltaket kommer tilbake på sakslisten i neste innmeldingsrunde/,
    );
    assert.doesNotMatch(cardText(sentCard(notice)), /siste skoleår/);
    // The officer's case card shows the paid school year's usage report as not filed, with the round's view behind it.
    const [unfiled] = await h.send(OFFICER, `vis ${r.reference}`);
    assert.match(
      cardText(cardOf(unfiled)),
      /Rapportering for skoleåret 2027–2028\n[\s\S]*?Status\nIkke påbegynt\nUtbetalt\n1 250 000 kr\nÅpner for rapportering\n1\. august 2028\nFrist\n15\. januar 2029/,
    );
    // Before the school year has ended the officer may open it early for this case (issue 23); after, the round's view.
    assert.deepEqual(actionData(cardOf(unfiled), 'usage.openEarly'), { verb: 'usage.openEarly', roundId: r.roundId, reportId: r.reportId, schoolYear: 2027 });
    clock.setSystemTime(new Date('2028-09-01T08:00:00Z'));
    const form = await press(h, OWNER, sentCard(notice), 'usage.open');
    assert.match(cardText(form), new RegExp(`Rapportering for ${r.reference}`));
    assert.match(cardText(form), /Skoleåret 2027–2028\. Utbetalt: 1 250 000 kr\. Frist: 15\. januar 2029\./);

    // Formats and required fields, each at its field, everything typed kept.
    const typed = { ...GOOD_USAGE, usedOwner: '900 000', ownContribution: '12,5', activities: '', unused: '100 000', unusedPlan: '' };
    let card = await press(h, OWNER, form, 'usage.submit', typed);
    assert.match(cardText(card), /Rapporten er ikke sendt\. Rett opp feltene som er merket\./);
    assert.equal(errorAt(card, 'ownContribution'), 'Skriv et helt kronebeløp, 0 eller mer, uten øre.');
    assert.equal(errorAt(card, 'activities'), 'Fyll ut feltet.');
    assert.equal(errorAt(card, 'usedOwner'), '');
    assert.equal(inputsOf(card).usedOwner.value, '900 000');
    assert.equal(inputsOf(card).ownContribution.value, '12,5');
    assert.equal(inputsOf(card).partnership.value, GOOD_USAGE.partnership);

    // The rules across fields: used and unused add up to what was paid; unused funds need a wish.
    card = await press(h, OWNER, card, 'usage.submit', { ...typed, ownContribution: '375 000', activities: GOOD_USAGE.activities });
    assert.match(errorAt(card, 'unused'), /skal bli utbetalt beløp, 1 250 000 kr\. Nå blir det 1 200 000 kr\./);
    assert.match(errorAt(card, 'unusedPlan'), /velg om dere ber om å overføre dem eller betaler dem tilbake/);
    assert.equal((await usageOf(r))?.status, undefined, 'nothing invalid is stored');

    // Save and close keeps the half-right card; `rapporter` finds the draft and opens it as it was.
    const saved = await press(h, OWNER, card, 'usage.save', { ...typed, ownContribution: '375 000', activities: GOOD_USAGE.activities });
    assert.match(cardText(saved), new RegExp(`Utkastet for ${r.reference}, skoleåret 2027–2028, er lagret`));
    assert.equal((await usageOf(r))?.status, 'draft');
    const [listed] = await h.send(OWNER, 'rapporter');
    assert.match(cardText(cardOf(listed)), /Skoleåret 2027–2028 · utbetalt 1 250 000 kr · frist 15\. januar 2029 · Utkast/);
    const resumed = await press(h, OWNER, cardOf(listed), 'usage.open');
    assert.equal(inputsOf(resumed).usedOwner.value, '900 000');
    assert.equal(inputsOf(resumed).activities.value, GOOD_USAGE.activities);

    // A colleague registered for the owner finishes it; another owner finds nothing.
    await seedUser(h.app.services.references, h.connector.url, COLLEAGUE.aadObjectId, COLLEAGUE.tenantId);
    await h.app.services.reports.addOwnerMember('974760673', { tenantId: COLLEAGUE.tenantId, aadObjectId: COLLEAGUE.aadObjectId });
    await removedColleague(h, MEMBER);
    const refused = await press(h, OTHER_OWNER, resumed, 'usage.submit', GOOD_USAGE);
    assert.doesNotMatch(cardText(refused), new RegExp(r.reference));
    const receipt = await press(h, COLLEAGUE, resumed, 'usage.submit', GOOD_USAGE);
    assert.match(cardText(receipt), new RegExp(`Rapporten for ${r.reference} er sendt inn`));
    assert.match(cardText(receipt), /100 000 kr: Vi ber om å få overføre dem til neste skoleår/);
    const again = await press(h, COLLEAGUE, resumed, 'usage.submit', GOOD_USAGE);
    assert.match(cardText(again), /er sendt inn/);
    assert.equal((await usageOf(r))?.history.length, 1, 'a second press sends nothing twice');
    // Sent: the case card says so and opens the report.
    const [filed] = await h.send(OFFICER, `vis ${r.reference}`);
    assert.match(cardText(cardOf(filed)), /Rapportering for skoleåret 2027–2028\n[\s\S]*?Status\nSendt inn\n/);
    assert.match(cardText(await press(h, OFFICER, cardOf(filed), 'usage.show')), /Ubrukte midler/);

    // The secretariat's round view: who reported, totals used against paid, unused funds.
    const [view] = await h.send(OFFICER, 'rapporteringer');
    const viewText = cardText(cardOf(view));
    assert.match(viewText, /Rapportering for innmeldingsrunden 2027/);
    assert.match(viewText, /Rapportert: 1 av 1 skoleår\. Godkjent: 0\. For sent: 0\./);
    assert.match(viewText, /Utbetalt 1 250 000 kr, brukt 1 150 000 kr, egenandel 375 000 kr\./);
    assert.match(viewText, /Ubrukte midler 100 000 kr: 100 000 kr ønskes overført, 0 kr betales tilbake\./);

    // Returned with a required comment; the owner is told and fixes it.
    const shown = await press(h, OFFICER, cardOf(view), 'usage.show');
    const returnForm = await press(h, OFFICER, shown, 'usage.return');
    const noComment = await press(h, OFFICER, returnForm, 'usage.returnConfirm', { comment: '  ' });
    assert.match(cardText(noComment), /Skriv en kommentar til eieren\./);
    const returned = await press(h, OFFICER, returnForm, 'usage.returnConfirm', { comment: 'Oppgi datoene for samlingene.' });
    assert.match(cardText(returned), new RegExp(`Rapporten for ${r.reference} er sendt tilbake til eieren\\.`));
    assert.equal((await usageOf(r))?.status, 'returned');
    const [told] = await waitForSent(h, `${r.reference}: rapporten er sendt tilbake`);
    assert.match(cardText(sentCard(told)), /«Oppgi datoene for samlingene\.»/);
    // Every one of the owner's people hears, once each: the filer and the colleague, not the removed one.
    await waitForSent(h, `${r.reference}: rapporten er sendt tilbake`, 2);
    await waitDrained(h.app.services.outbox);
    assert.deepEqual(
      [OWNER, COLLEAGUE, MEMBER].map((p) => sentTo(h, p, `${r.reference}: rapporten er sendt tilbake`).length),
      [1, 1, 0],
    );
    const fix = await press(h, OWNER, sentCard(told), 'usage.open');
    assert.match(cardText(fix), /Sekretariatet sendte rapporten tilbake: «Oppgi datoene for samlingene\.»/);
    assert.equal(inputsOf(fix).unused.value, '100000');
    await press(h, OWNER, fix, 'usage.submit', { ...GOOD_USAGE, activities: 'Samlinger 3. og 24. oktober, 5. desember og 6. februar.' });
    assert.equal((await usageOf(r))?.status, 'submitted');

    // Accepted: the measure is `reported` (its second year is still to come), audited, and the owner hears once.
    const accepted = await press(h, OFFICER, await press(h, OFFICER, cardOf(view), 'usage.show'), 'usage.accept');
    assert.match(cardText(accepted), new RegExp(`Rapporten for ${r.reference} er godkjent\\. Tiltaket har nå status «Bruken er rapportert»`));
    const stored = await report(r);
    assert.equal(stored?.status, 'reported');
    const entry = stored!.history.at(-1)!;
    assert.deepEqual(
      [entry.from, entry.to, entry.actor.role, entry.reason],
      ['paid', 'reported', 'secretariat', 'Rapportering for skoleåret 2027–2028 godkjent'],
    );
    assert.deepEqual(
      (await usageOf(r))?.history.map((e) => e.to),
      ['submitted', 'returned', 'submitted', 'accepted'],
    );
    await waitForSent(h, `${r.reference}: rapporten er godkjent`, 2);
    await waitDrained(h.app.services.outbox);
    assert.deepEqual(
      [OWNER, COLLEAGUE, MEMBER].map((p) => sentTo(h, p, `${r.reference}: rapporten er godkjent`).length),
      [1, 1, 0],
    );

    // The round's export carries the unused funds and the wish to carry them over, on that school year's row.
    const round = (await h.app.services.rounds.get(r.roundId))!;
    const rows: unknown[][] = [];
    for await (const row of roundRows(h.app.services.reports, round, h.app.services.regions, h.app.services.usage)) if (row[0] === r.reference) rows.push(row);
    const col = (header: string) => EXPORT_COLUMNS.findIndex((c) => c.header === header);
    assert.deepEqual(
      rows.map((row) => [
        row[col('Barnehage-/skoleår')],
        row[col('Rapportering')],
        row[col('Brukt av tilskuddet (kr)')],
        row[col('Ubrukte midler (kr)')],
        row[col('Ubrukte midler: overføres eller tilbakebetales')],
      ]),
      [
        ['2027–2028', 'Godkjent', 1_150_000, 100_000, 'Overføres'],
        ['2028–2029', '', null, null, ''],
      ],
    );
  });

  it('closes a single-year measure when its usage report is accepted', async () => {
    const r = await paidReport(h, clock, OWNER, { period: { years: '1' }, money: { year2Owner: '', year2Uh: '', year2OwnContribution: '' } });
    clock.setSystemTime(new Date('2028-10-01T08:00:00Z'));
    // `mine meldinger` leads there too, once a measure is paid.
    const [mine] = await h.send(OWNER, 'mine meldinger');
    const toUsage = await press(h, OWNER, cardOf(mine), 'usage.list');
    assert.match(cardText(toUsage), /Rapportering på bruk av tilskudd/);
    const [listed] = await h.send(OWNER, 'rapporter');
    const open = actionData(cardOf(listed), 'usage.open');
    assert.ok(open.reportId, 'the list offers the paid year');
    const form = await invokeCard(h, OWNER, 'usage.open', { reportId: r.reportId });
    await press(h, OWNER, form, 'usage.submit', { ...GOOD_USAGE, usedOwner: '1 000 000', usedUh: '250 000', unused: '0', unusedPlan: '' });
    const shown = await invokeCard(h, OFFICER, 'usage.show', { roundId: r.roundId, reportId: r.reportId, schoolYear: 2027 });
    const accepted = await press(h, OFFICER, shown, 'usage.accept');
    assert.match(cardText(accepted), /Tiltaket har nå status «Avsluttet»/);
    const stored = await report(r);
    assert.equal(stored?.status, 'closed');
    assert.deepEqual(
      stored?.history.slice(-2).map((e) => `${e.from}→${e.to}`),
      ['paid→reported', 'reported→closed'],
    );
    // A second press changes nothing and tells nobody twice.
    await press(h, OFFICER, shown, 'usage.accept');
    assert.equal((await report(r))?.history.length, stored?.history.length);
  });

  it("reminds the owner's people 30 and 7 days before the due day and the day after a missed one, each once, not a removed colleague", async () => {
    const r = await paidReport(h, clock, OTHER_OWNER);
    // OTHER_OWNER filed; COLLEAGUE is linked to the owner now; MEMBER was linked and removed.
    await seedUser(h.app.services.references, h.connector.url, COLLEAGUE.aadObjectId, COLLEAGUE.tenantId);
    await h.app.services.reports.addOwnerMember('974760673', { tenantId: COLLEAGUE.tenantId, aadObjectId: COLLEAGUE.aadObjectId });
    await removedColleague(h, MEMBER);
    const reminders = (who: Persona) => [
      ...sentTo(h, who, `${r.reference}: frist for rapportering`),
      ...sentTo(h, who, `${r.reference}: rapporteringen er for sent`),
    ];
    const tick = async (at: string) => {
      clock.setSystemTime(new Date(at));
      await h.app.scheduler.tick();
      await h.app.scheduler.tick();
      await waitDrained(h.app.services.outbox);
      assert.deepEqual(reminders(COLLEAGUE).length, reminders(OTHER_OWNER).length, 'the colleague gets the same reminders');
      assert.equal(reminders(MEMBER).length, 0, 'a removed colleague gets none');
      return reminders(OTHER_OWNER)
        .sort((a, b) => JSON.stringify(a.body).localeCompare(JSON.stringify(b.body)))
        .map((s) => cardText(sentCard(s)));
    };
    assert.deepEqual(await tick('2028-12-16T07:59:00Z'), [], 'nothing before 09:00 Oslo time 30 days ahead');
    const first = await tick('2028-12-16T08:00:00Z');
    assert.equal(first.length, 1);
    assert.match(first[0]!, /Om 30 dager er fristen for å rapportere bruken av tilskuddet/);
    assert.equal((await tick('2028-12-20T10:00:00Z')).length, 1, 'the 30-day reminder goes once');
    const second = await tick('2029-01-08T08:00:00Z');
    assert.equal(second.length, 2);
    assert.ok(second.some((t) => /Om en uke er fristen/.test(t)));
    assert.equal((await tick('2029-01-15T22:58:00Z')).length, 2, 'nothing on the due day itself');
    const third = await tick('2029-01-16T08:00:00Z');
    assert.equal(third.length, 3);
    assert.ok(third.some((t) => /Fristen 15\. januar 2029 for å rapportere bruken .* er passert/.test(t)));
    assert.equal((await tick('2029-02-10T08:00:00Z')).length, 3, 'the late reminder goes once');

    // Late shows in the secretariat's view, in its counts and on the row.
    const view = await invokeCard(h, OFFICER, 'usage.round', { roundId: r.roundId });
    assert.match(cardText(view), new RegExp(`${r.reference} · Eksempel kommune`));
    assert.match(cardText(view), /Ikke påbegynt · For sent/);
    const [late] = await h.send(OFFICER, `vis ${r.reference}`);
    assert.match(cardText(cardOf(late)), /Rapportering for skoleåret 2027–2028\n[\s\S]*?Status\nIkke påbegynt · For sent\n/);
  });
});
