import assert from 'node:assert/strict';
import { EXPORT_COLUMNS } from '../../src/domain/exportRows';
import type { NeedsReport } from '../../src/domain/report';
import { unusedByReport } from '../../src/domain/usage';
import { roundRows } from '../../src/export/roundExport';
import { seedUser, waitDrained } from '../support/delivery';
import { cardOf, cardText, type Harness } from '../support/harness';
import { COLLEAGUE, MEMBER, OFFICER, OTHER_OWNER, OWNER, type Persona } from '../support/personas';
import { actionData, inputsOf, press } from '../support/wizard';
import { errorAt, invokeCard, moveTo, personOf, sentCard, submitted, useSecretariatBot, waitForSent } from '../support/casework';
import { GOOD_INPUT } from '../support/reportInput';
import { GOOD_USAGE, paidReport } from '../support/usage';

// The end of a case through the bot's endpoint (issue 23 items 5 and 6): the decision notice with
// its conditions and the right to appeal, to every one of the owner's people and no one removed;
// appeals registered and decided (one late); the usage report's rules; unused money decided.

const ORGNR = '974760673';

/** Proactive messages in a persona's personal chat mentioning `text`. */
const sentTo = (h: Harness, who: Persona, text: string) =>
  h.connector.sent().filter((s) => decodeURIComponent(s.path).includes(`a:personal-${who.aadObjectId}/activities`) && JSON.stringify(s.body).includes(text));

const flat = (card: any) => cardText(card).replace(/[\u00a0\u202f]/g, ' ');

describe('the end of a case: decision notices, appeals and usage reports', function () {
  this.timeout(180_000);
  const bot = useSecretariatBot('2026-12-01T09:00:00Z');
  const clock = bot.clock;
  let h: Harness;
  before(async () => {
    h = bot.h();
    const sv = h.app.services;
    // The owner's people: the filer (confirmed when the report is accepted), a colleague, and one removed.
    for (const p of [COLLEAGUE, MEMBER, OTHER_OWNER]) await seedUser(sv.references, h.connector.url, p.aadObjectId, p.tenantId);
    await sv.reports.addOwnerMember(ORGNR, personOf(COLLEAGUE));
    await sv.ownerPeople.add(ORGNR, personOf(MEMBER), { id: 'test', asOfficer: false });
    await sv.ownerPeople.remove(ORGNR, personOf(MEMBER), { id: 'test', asOfficer: false });
  });

  let lateCase: { roundId: string; reportId: string; reference: string } | undefined;

  /** Filed by OWNER, accepted by the secretariat (which confirms OWNER for the owner), then to the forum's recommendation. */
  async function recommended(title: string, to: 'prioritised' | 'not_prioritised' = 'prioritised') {
    const r = await submitted(h, OWNER, { measure: { ...GOOD_INPUT.measure, title } });
    await invokeCard(h, OFFICER, 'report.checkPass', r);
    await moveTo(h, r, ['on_agenda', to]);
    return r;
  }

  it("sends the decision notice with its conditions and appeal text to the owner's two confirmed people, not the removed one; an appeal is registered and upheld, and the export shows it", async () => {
    const r = await recommended('Lesing i alle fag', 'not_prioritised');
    clock.setSystemTime(new Date('2027-04-02T08:30:00Z'));
    const form = await invokeCard(h, OFFICER, 'decision.form', r);
    const reason = 'Tiltaket svarer på et behov forumet ikke så; det får 1 000 000 kr det første året.';
    await press(h, OFFICER, form, 'decision.record', { outcome: 'partly_granted', grant1: '1 000 000', grant2: '800 000', reason });

    const title = `Vedtak for ${r.reference}: Delvis innvilget`;
    const [notice] = await waitForSent(h, title, 2);
    await waitDrained(h.app.services.outbox);
    assert.deepEqual(
      [OWNER, COLLEAGUE, MEMBER].map((p) => sentTo(h, p, title).length),
      [1, 1, 0],
      "the owner's two confirmed people, each once; the removed colleague nothing",
    );
    const text = flat(sentCard(notice));
    if (process.env.PRINT_NOTICE) console.log(text);
    const expected = [
      `Vedtak for ${r.reference}: Delvis innvilget`,
      'Statsforvalteren i Østfold, Buskerud, Oslo og Akershus har fattet vedtak om tilskudd til tiltaket «Lesing i alle fag» (Eksempel kommune).',
      'Vedtak\nUtfall\nDelvis innvilget\nInnvilget for 2027–2028\n1 000 000 kr',
      'Tilsagn for 2028–2029 (vedtas på nytt)\n800 000 kr',
      'Avvik fra innstillingen\nSamarbeidsforumet innstilte «Ikke prioritert». Vedtaket avviker, se begrunnelsen.',
      `Begrunnelse\n${reason}`,
      'Beløpene for senere skoleår er tilsagn. De avgjøres på nytt i innmeldingsrunden for hvert skoleår',
      'Vilkår for tilskuddet',
      'i samarbeid med UH-partneren (OsloMet – storbyuniversitetet)',
      'Det kan ikke brukes til individuell videreutdanning.',
      'Egenandelen skal være minst 30 % av tilskuddet, i penger eller arbeidstid.',
      'Dere skal rapportere bruken av midlene for skoleåret 2027–2028 innen 15. januar 2029.',
      'Midler som ikke er brukt, blir overført til neste skoleår eller skal betales tilbake.',
      'Rett til å klage',
      'Dere kan klage på vedtaket, jf. forvaltningsloven §§ 27–29. Klagefristen er tre uker fra dere mottok dette vedtaket. Klagen skal være skriftlig og sendes til Statsforvalteren i Østfold, Buskerud, Oslo og Akershus.',
      `Skriv hvilket vedtak dere klager på (${r.reference}), hva dere ønsker endret, og begrunn klagen.`,
    ];
    for (const part of expected) assert.ok(text.includes(part), `the notice says: ${part}\n---\n${text}`);

    // The appeal arrives on 20 April (in time: the last day is 23 April); the secretariat registers it on the case.
    clock.setSystemTime(new Date('2027-04-25T08:00:00Z'));
    const [shown] = await h.send(OFFICER, `vis ${r.reference}`);
    let card = await press(h, OFFICER, cardOf(shown), 'appeal.form');
    assert.match(flat(card), /Vedtaket ble sendt 2\. april 2027\. Klagefristen er tre uker: siste dag er 23\. april 2027\./);
    card = await press(h, OFFICER, card, 'appeal.save', { receivedOn: '2027-05-01' });
    assert.equal(errorAt(card, 'receivedOn'), 'Datoen er etter i dag. Sjekk datoen.');
    card = await press(h, OFFICER, card, 'appeal.save', { receivedOn: '2027-04-20' });
    assert.match(flat(card), new RegExp(`Klagen på ${r.reference} er registrert, mottatt 20\\. april 2027\\.`));
    assert.match(flat(card), /Klage\nMottatt\n20\. april 2027\nKlagefrist\n23\. april 2027\nKom inn i tide\nJa\nUtfall\nIkke avgjort ennå/);

    // "Rejected as late" is refused for an appeal in time; upheld, with a reason, and the owner's people are told.
    card = await press(h, OFFICER, card, 'appeal.form');
    card = await press(h, OFFICER, card, 'appeal.save', { outcome: 'late', note: '' });
    assert.equal(errorAt(card, 'outcome'), 'Klagen kom inn innen fristen (23. april 2027), så den kan ikke avvises som for sen.');
    assert.equal(inputsOf(card).outcome.value, 'late', 'the choice is kept');
    card = await press(h, OFFICER, card, 'appeal.save', { outcome: 'upheld', note: 'Rammen er brukt opp.' });
    assert.match(flat(card), /Utfall\nVedtaket opprettholdes\nBegrunnelse\nRammen er brukt opp\./);
    assert.throws(() => actionData(card, 'appeal.form'), /no appeal.form/, 'a decided appeal has no further step');
    const decided = `Klagen på vedtaket for ${r.reference} er avgjort`;
    const [told] = await waitForSent(h, decided, 2);
    await waitDrained(h.app.services.outbox);
    assert.deepEqual(
      [OWNER, COLLEAGUE, MEMBER].map((p) => sentTo(h, p, decided).length),
      [1, 1, 0],
    );
    assert.match(flat(sentCard(told)), /klagen som kom inn 20\. april 2027: vedtaket opprettholdes\.\n?\s*Begrunnelse: Rammen er brukt opp\./);

    // The export: the day received and the outcome.
    const round = (await h.app.services.rounds.get(r.roundId))!;
    const col = (header: string) => EXPORT_COLUMNS.findIndex((c) => c.header === header);
    const rows: unknown[][] = [];
    for await (const row of roundRows(h.app.services.reports, round, h.app.services.regions, h.app.services.usage)) if (row[0] === r.reference) rows.push(row);
    assert.deepEqual(
      rows.map((row) => [(row[col('Klage mottatt')] as Date).toISOString().slice(0, 10), row[col('Klagens utfall')]]),
      [
        ['2027-04-20', 'Opprettholdt'],
        ['2027-04-20', 'Opprettholdt'],
      ],
    );
  });

  it('rejects an appeal received more than three weeks after the notice as late, and tells the owner why', async () => {
    const r = await recommended('Sen klage');
    lateCase = r;
    clock.setSystemTime(new Date('2027-04-02T08:30:00Z'));
    const form = await invokeCard(h, OFFICER, 'decision.form', r);
    await press(h, OFFICER, form, 'decision.record', { outcome: 'granted' });
    clock.setSystemTime(new Date('2027-05-03T08:00:00Z'));
    let card = await invokeCard(h, OFFICER, 'appeal.form', r);
    card = await press(h, OFFICER, card, 'appeal.save', { receivedOn: '2027-04-26' });
    assert.match(flat(card), /mottatt 26\. april 2027\. Den kom inn etter klagefristen 23\. april 2027\./);
    assert.match(flat(card), /Kom inn i tide\nNei, etter fristen/);
    card = await press(h, OFFICER, card, 'appeal.form');
    card = await press(h, OFFICER, card, 'appeal.save', { outcome: 'late' });
    assert.match(flat(card), /Utfall\nKlagen avvises fordi den kom for sent/);
    const stored = await h.app.services.reports.get<NeedsReport>(r.roundId, r.reportId);
    assert.deepEqual([stored?.appeal?.receivedOn, stored?.appeal?.outcome], ['2027-04-26', 'late']);
    const [told] = await waitForSent(h, `Klagen på vedtaket for ${r.reference} er avgjort`);
    assert.match(flat(sentCard(told)), /avvist klagen som kom inn 26\. april 2027, fordi den kom inn etter klagefristen 23\. april 2027\./);
  });

  it("lets a network member's people read the report filed for them, and nothing more", async () => {
    // OTHER_OWNER acts for Nabo kommune (123 456 785), a member of the good report's owner network.
    await h.app.services.reports.addOwnerMember('123456785', personOf(OTHER_OWNER));
    const r = await submitted(h, COLLEAGUE, { measure: { ...GOOD_INPUT.measure, title: 'Nettverkets tiltak' } });
    const [mine] = await h.send(OTHER_OWNER, 'mine meldinger');
    assert.match(flat(cardOf(mine)), new RegExp(r.reference));
    const opened = await invokeCard(h, OTHER_OWNER, 'report.open', { reportId: r.reportId });
    assert.match(
      flat(opened),
      /Denne behovsmeldingen er sendt inn av Eksempel kommune for et nettverk av eiere som dere er med i\. Dere kan lese den, men bare Eksempel kommune kan endre eller trekke den\./,
    );
    assert.match(flat(opened), /Nettverkets tiltak/);
    assert.doesNotMatch(JSON.stringify(opened), /report\.edit|report\.withdraw/);
    const edit = await invokeCard(h, OTHER_OWNER, 'report.edit', { reportId: r.reportId });
    assert.match(flat(edit), /bare Eksempel kommune kan endre eller trekke den/);
    assert.equal(await h.app.services.drafts.list(personOf(OTHER_OWNER)).then((d) => d.length), 0, 'no edit draft was made');
    // Someone of an owner outside the network finds nothing.
    const stranger = await invokeCard(h, MEMBER, 'report.open', { reportId: r.reportId });
    assert.doesNotMatch(flat(stranger), /Nettverkets tiltak/);
  });

  it('has unused money repaid by a due day and marked repaid', async () => {
    clock.setSystemTime(new Date('2026-12-01T09:00:00Z'));
    const r = await paidReport(h, clock, OWNER, { measure: { ...GOOD_INPUT.measure, title: 'Tilbakebetaling' } });
    const [shown] = await h.send(OFFICER, `vis ${r.reference}`);
    await press(h, OFFICER, cardOf(shown), 'usage.openEarly');
    const form = await invokeCard(h, OWNER, 'usage.open', { reportId: r.reportId });
    await press(h, OWNER, form, 'usage.submit', { ...GOOD_USAGE, unusedPlan: 'repay' });
    const [view] = await h.send(OFFICER, `vis ${r.reference}`);
    const accepted = await press(h, OFFICER, await press(h, OFFICER, cardOf(view), 'usage.show'), 'usage.accept');
    let unused = await press(h, OFFICER, accepted, 'usage.unused');
    unused = await press(h, OFFICER, unused, 'usage.unused', { plan: 'repay', amount: '100 000', dueDay: '' });
    assert.equal(errorAt(unused, 'dueDay'), 'Skriv fristen for tilbakebetaling som åååå-mm-dd.');
    const decided = await press(h, OFFICER, unused, 'usage.unused', { plan: 'repay', amount: '100 000', dueDay: '2027-09-01' });
    assert.match(flat(decided), /100 000 kr skal betales tilbake innen 1\. september 2027\nTilbakebetalt\nIkke registrert ennå/);
    const [told] = await waitForSent(h, `${r.reference}: ubrukte midler for skoleåret 2027–2028`);
    assert.match(flat(sentCard(told)), /100 000 kr i ubrukte midler skal betales tilbake innen 1\. september 2027\./);
    clock.setSystemTime(new Date('2027-08-20T10:00:00Z'));
    const repaid = await press(h, OFFICER, decided, 'usage.repaid');
    assert.match(flat(repaid), new RegExp(`100 000 kr for ${r.reference} er registrert som tilbakebetalt 20\\. august 2027\\.`));
    assert.match(flat(repaid), /Tilbakebetalt\n20\. august 2027/);
    assert.throws(() => actionData(repaid, 'usage.repaid'), /no usage.repaid/);
    const all = await h.app.services.usage.listRound(r.roundId);
    assert.deepEqual(unusedByReport(all).get(r.reportId), { carriedOver: 0, toRepay: 0, repaid: 100_000 });
  });
  it('opens the usage report only after the school year unless an officer opens it early, refuses a DEKOM own contribution under 30 % with its reason, and the officer carries unused money over into the next payment or has it repaid', async () => {
    const r = await paidReport(h, clock, OWNER, { measure: { ...GOOD_INPUT.measure, title: 'Bruk av midlene' } });
    // June 2027: the school year 2027–2028 has not even begun.
    const [paidNotice] = await waitForSent(h, `${r.reference}: tilskuddet er utbetalt`);
    const early = await press(h, OWNER, sentCard(paidNotice), 'usage.open');
    assert.match(flat(early), new RegExp(`Rapporteringen for ${r.reference}, skoleåret 2027–2028, åpner 1\\. august 2028, når skoleåret er over\\.`));
    assert.doesNotMatch(JSON.stringify(early), /usage\.submit/);

    // The measure finished early: the officer opens it for this case only, and the owner's people are told.
    const [shown] = await h.send(OFFICER, `vis ${r.reference}`);
    assert.match(flat(cardOf(shown)), /Rapportering for skoleåret 2027–2028\n[\s\S]*?Åpner for rapportering\n1\. august 2028/);
    const opened = await press(h, OFFICER, cardOf(shown), 'usage.openEarly');
    assert.match(flat(opened), new RegExp(`Rapporteringen for ${r.reference}, skoleåret 2027–2028, er åpnet for eieren nå\\.`));
    await waitForSent(h, `${r.reference}: dere kan rapportere nå`);
    const form = await press(h, OWNER, sentCard(paidNotice), 'usage.open');

    // DEKOM: 300 000 kr own contribution is under 30 % of the 1 150 000 kr used; the values stay.
    let card = await press(h, OWNER, form, 'usage.submit', { ...GOOD_USAGE, ownContribution: '300 000' });
    assert.equal(
      errorAt(card, 'ownContribution'),
      'Egenandelen i den desentraliserte ordningen skal være minst 30 % av tilskuddet som er brukt (1 150 000 kr), altså minst 345 000 kr. Dere har ført opp 300 000 kr.',
    );
    assert.equal(inputsOf(card).ownContribution.value, '300 000');
    assert.equal(inputsOf(card).activities.value, GOOD_USAGE.activities);
    assert.equal((await h.app.services.usage.get({ ...r, schoolYear: 2027 }))?.status, 'draft', 'nothing sent');
    card = await press(h, OWNER, card, 'usage.submit', GOOD_USAGE);
    assert.match(flat(card), new RegExp(`Rapporten for ${r.reference} er sendt inn`));

    // Accepted; the officer decides the 100 000 kr unused: carried over (the amount is checked first).
    const [view] = await h.send(OFFICER, `vis ${r.reference}`);
    const accepted = await press(h, OFFICER, await press(h, OFFICER, cardOf(view), 'usage.show'), 'usage.accept');
    assert.match(flat(accepted), /Ubrukte midler: Statsforvalterens avgjørelse\nAvgjørelse\nIkke avgjort ennå/);
    let unused = await press(h, OFFICER, accepted, 'usage.unused');
    assert.equal(inputsOf(unused).plan.value, 'carryOver', "the owner's wish is the default");
    unused = await press(h, OFFICER, unused, 'usage.unused', { plan: 'carryOver', amount: '150 000', dueDay: '' });
    assert.equal(errorAt(unused, 'amount'), 'Skriv et helt kronebeløp over 0 og høyst de ubrukte midlene, 100 000 kr.');
    const decided = await press(h, OFFICER, unused, 'usage.unused', { plan: 'carryOver', amount: '100 000', dueDay: '' });
    assert.match(flat(decided), /100 000 kr overføres til skoleåret 2028–2029 og kommer med i neste utbetaling/);
    const [toldCarry] = await waitForSent(h, `${r.reference}: ubrukte midler for skoleåret 2027–2028`, 2);
    assert.match(flat(sentCard(toldCarry)), /100 000 kr i ubrukte midler overføres til skoleåret 2028–2029/);

    // The next school year's payment (the measure's year 2, in round 2028) carries it.
    clock.setSystemTime(new Date('2027-11-15T09:00:00Z'));
    await invokeCard(h, OFFICER, 'round.closeConfirm', { roundId: 'demo-2027' });
    const [newRound] = await h.send(OFFICER, 'ny runde');
    const budgets = { budgetREKOM: '1 000 000', budgetDEKOM: '5 000 000', budgetKOMPLOFT: '1 000 000' };
    await press(h, OFFICER, cardOf(newRound), 'round.create', { year: '2028', deadline: '2028-02-01', counties: 'oslo,akershus', ...budgets });
    await invokeCard(h, OFFICER, 'round.open', { roundId: 'round-2028' });
    const [ask] = await waitForSent(h, '«Bruk av midlene» fortsette?');
    const answered = await press(h, OWNER, sentCard(ask), 'continuation.answer', { choice: 'continue', amount: '', reason: '' });
    assert.match(flat(answered), /Takk\. Videreføringen kommer på sakslisten som vedtatt\./);
    const contId = `${r.reportId}-y2`;
    const cont = { roundId: 'round-2028', reportId: contId };
    await moveTo(h, cont, ['on_agenda', 'prioritised']);
    clock.setSystemTime(new Date('2028-04-02T08:30:00Z'));
    const form2 = await invokeCard(h, OFFICER, 'decision.form', cont);
    const granted = await press(h, OFFICER, form2, 'decision.record', { outcome: 'granted' });
    const confirm = await press(h, OFFICER, granted, 'decision.paid');
    assert.match(flat(confirm), /Utbetaling for skoleåret 2028–2029: .*I tillegg overføres 100 000 kr i ubrukte midler fra tidligere skoleår\./);
    const paid = await press(h, OFFICER, confirm, 'decision.paidConfirm');
    assert.match(flat(paid), /Overført fra tidligere skoleår\n100 000 kr/);
    const stored = (await h.app.services.reports.get<NeedsReport>('round-2028', contId))!;
    assert.deepEqual([stored.payment?.amount, stored.payment?.carriedOver], [1_000_000, 100_000]);
    const [paid2] = await waitForSent(h, `${stored.reference}: tilskuddet er utbetalt`);
    assert.match(flat(sentCard(paid2)), /I tillegg er 100 000 kr i ubrukte midler fra tidligere skoleår overført til dette skoleåret\./);
    // What is still to come: this year's usage report, and that no later year follows.
    assert.match(flat(sentCard(paid2)), /Rapporteringen for skoleåret 2028–2029 åpner 1\. august 2029, når skoleåret er over\./);
    assert.match(flat(sentCard(paid2)), /Dette er tiltakets siste skoleår: når rapporten er godkjent, avsluttes saken\./);
    assert.doesNotMatch(flat(sentCard(paid2)), /Tilsagn for senere skoleår/);
    const usage1 = await h.app.services.usage.get({ ...r, schoolYear: 2027 });
    assert.equal(usage1?.unusedDecision?.carriedInto, stored.reference, 'carried once: no later payment counts it again');
    assert.deepEqual(unusedByReport([usage1!]).get(r.reportId), { carriedOver: 100_000, toRepay: 0, repaid: 0 });
  });

  it("tells a payment to the owner's current people only: the filer, once removed, hears nothing more", async () => {
    const r = lateCase!;
    await h.app.services.ownerPeople.remove(ORGNR, personOf(OWNER), { id: 'test', asOfficer: true });
    clock.setSystemTime(new Date('2028-05-02T08:00:00Z'));
    const confirm = await invokeCard(h, OFFICER, 'decision.paid', r);
    await press(h, OFFICER, confirm, 'decision.paidConfirm');
    const title = `${r.reference}: tilskuddet er utbetalt`;
    await waitForSent(h, title);
    await waitDrained(h.app.services.outbox);
    assert.deepEqual(
      [OWNER, COLLEAGUE, MEMBER].map((p) => sentTo(h, p, title).length),
      [0, 1, 0],
    );
  });
});
