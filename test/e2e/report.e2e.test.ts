import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT } from '../../src/app/paths';
import { GOOD_INPUT } from '../support/reportInput';
import { journeyHooks, startE2E, type E2ESession } from './session';

// The owner's whole journey with a needs report, as Kari Nordmann (the playground's current user)
// makes it in the emulator's UI: fill in the wizard card by card, fix a mistake, go back and
// forth, submit, find the report again, change it and withdraw it. The steps below run in order
// on one chat; when one fails, the rest are skipped rather than failing for the same reason.
//
// E2E_SCREENSHOTS=1 also saves a picture of every card the journey meets under
// test-results/e2e/report/, for a person to look over.

// A fixed day in the reporting round (deadline 1 February 2027), moving on with real time: the
// demo round is 2027 whatever day the test runs, so references read BM-2027-….
const ROUND_DAY = Date.parse('2026-11-16T09:00:00Z');

// What the owner sees and picks (titles in the card's lists), in bokmål as the playground is set.
const SEEN = {
  ownerType: 'Kommune',
  region: 'Akershus – Asker og Bærum',
  scheme: 'DEKOM – Desentralisert ordning for kompetanseutvikling i grunnskole og videregående opplæring',
  theme: 'Lesing',
  targetGroups: ['Ledere', 'Lærere og barnehagelærere'],
  startYear: '2027–2028',
  years: '2',
} as const;

/** A card's text inputs of one step, from the valid report the integration tests use too. */
function textInputs(step: keyof typeof GOOD_INPUT, ...ids: string[]): Array<[string, string]> {
  return ids.map((id) => [id, String(GOOD_INPUT[step][id])]);
}

describe('an owner files, edits and withdraws a needs report in Agents Playground (end to end)', function () {
  // A step waits at most 15 s (the driver's default); the whole journey takes well under a minute.
  this.timeout(60_000);

  let session: E2ESession | undefined;
  const shotsDir = process.env.E2E_SCREENSHOTS ? path.join(ROOT, 'test-results', 'e2e', 'report') : undefined;
  let shots = 0;

  const d = () => session!.driver;
  /** With E2E_SCREENSHOTS set: a picture of the newest card, numbered in journey order. */
  const shoot = async (name: string) => {
    if (shotsDir) await d().screenshotLatestCard(path.join(shotsDir, `${String(++shots).padStart(2, '0')}-${name}.png`));
  };

  before(async function () {
    // Azurite, the bot, the playground and Chromium: a few seconds, more on a busy 2-core machine.
    this.timeout(90_000);
    const offset = ROUND_DAY - Date.now();
    session = await startE2E({ name: 'e2erep', now: () => new Date(Date.now() + offset) });
    await d().openPersonalChat();
  });

  journeyHooks(() => session);

  it('opens the first step on "meld behov" and shows a wrong organisation number next to its field, keeping everything typed', async () => {
    await d().sendMessage('meld behov');
    await d().waitForCard('Steg 1 av 6');
    assert.match(await d().latestCardText(), /Meld behov: Eier og ordning/);
    await shoot('step1-owner');

    const typed = textInputs('owner', 'ownerName', 'network', 'contactName', 'contactEmail', 'contactPhone');
    for (const [id, value] of typed) await d().fillInput(id, value);
    await d().fillInput('ownerOrgnr', '974 760 674');
    await d().choose('ownerType', SEEN.ownerType);
    await d().choose('region', SEEN.region);
    await d().choose('scheme', SEEN.scheme);
    await d().clickAction('Neste');

    await d().waitForCard('kontrollsiffer');
    const card = await d().latestCardText();
    assert.match(card, /Steg 1 av 6/, 'still on the first step');
    assert.match(card, /Noe må rettes før du kan gå videre/);
    assert.match(await d().fieldText('ownerOrgnr'), /^Organisasjonsnummer \* 9 sifre, for eksempel 974 760 673 Organisasjonsnummeret 974 ?760 ?674 har feil kontrollsiffer\. Sjekk nummeret i Enhetsregisteret\.$/);
    assert.doesNotMatch(await d().fieldText('ownerName'), /kontrollsiffer/, 'the message stands by the wrong field only');
    await shoot('step1-error');

    for (const [id, value] of typed) assert.equal(await d().inputValue(id), value, `${id} is kept`);
    assert.equal(await d().inputValue('ownerOrgnr'), '974 760 674', 'the wrong number is kept to be corrected');
    assert.equal(await d().inputValue('ownerType'), SEEN.ownerType);
    assert.equal(await d().inputValue('region'), SEEN.region);
    assert.equal(await d().inputValue('scheme'), SEEN.scheme);

    await d().fillInput('ownerOrgnr', String(GOOD_INPUT.owner.ownerOrgnr));
    await d().clickAction('Neste');
    await d().waitForCard('Steg 2 av 6');
    assert.doesNotMatch(await d().latestCardText(), /kontrollsiffer/);
  });

  it('goes back a step with its answers kept, and forward again', async () => {
    await shoot('step2-measure');
    for (const [id, value] of textInputs('measure', 'title', 'needAndGoal')) await d().fillInput(id, value);
    await d().choose('theme', SEEN.theme);
    await d().clickAction('Neste');
    await d().waitForCard('Steg 3 av 6');
    await shoot('step3-targets');

    await d().choose('targetGroups', ...SEEN.targetGroups);
    const typed = textInputs('targets', 'unitCount', 'units', 'participants');
    for (const [id, value] of typed) await d().fillInput(id, value);
    await d().clickAction('Tilbake');

    await d().waitForCard('Steg 2 av 6');
    assert.equal(await d().inputValue('title'), GOOD_INPUT.measure.title);
    assert.equal(await d().inputValue('needAndGoal'), GOOD_INPUT.measure.needAndGoal, 'both lines are kept');
    assert.equal(await d().inputValue('theme'), SEEN.theme);
    await d().clickAction('Neste');

    await d().waitForCard('Steg 3 av 6');
    assert.deepEqual(await d().inputValue('targetGroups'), [...SEEN.targetGroups], 'what was ticked before going back');
    for (const [id, value] of typed) assert.equal(await d().inputValue(id), value, `${id} is kept`);
    await d().clickAction('Neste');
    await d().waitForCard('Steg 4 av 6');
  });

  it('reaches the review with the money per school year, the totals and the own contribution', async () => {
    await shoot('step4-partner');
    for (const [id, value] of textInputs('partner', 'uhName', 'uhOrgnr', 'uhContact')) await d().fillInput(id, value);
    await d().setToggle('uhDialogueConfirmed', true);
    await d().setToggle('staffInvolved', true);
    await d().clickAction('Neste');
    await d().waitForCard('Steg 5 av 6');
    await shoot('step5-money');

    await d().choose('startYear', SEEN.startYear);
    await d().choose('years', SEEN.years);
    for (const [id, value] of textInputs('money', 'year1Owner', 'year1Uh', 'year1OwnContribution', 'year2Owner', 'year2Uh', 'year2OwnContribution')) {
      await d().fillInput(id, value);
    }
    await d().clickAction('Neste');
    await d().waitForCard('Steg 6 av 6');
    await shoot('step6-review');

    const review = await d().latestCardText();
    assert.match(review, /Meld behov: Se over og send inn/);
    assert.match(review, /Eksempel kommune/);
    assert.match(review, /Lesing i alle fag/);
    assert.match(review, /2027–2028 Søkt 1 250 000 kr \(eier 1 000 000 kr, UH 250 000 kr\); egenandel 375 000 kr \(minst 375 000 kr\)/);
    assert.match(review, /2028–2029 Søkt 1 000 000 kr \(eier 800 000 kr, UH 200 000 kr\); egenandel 300 000 kr \(minst 300 000 kr\)/);
    assert.match(review, /Sum søkt tilskudd 2 250 000 kr/);
    assert.match(review, /Sum egenandel 675 000 kr/);
    // Lists and typed line breaks stay one item a line, not run together into one.
    const lines = await d().latestCardLines();
    for (const line of ['Nabo kommune (123 456 785)', 'Tredje kommune (921 605 900)', 'Solsiden skole (940 192 226)', 'Bakken skole', 'Kartleggingen viser at...', 'Målet er at alle lærere...']) {
      assert.ok(lines.some((l) => l.endsWith(line)), `"${line}" on a line of its own; the card's lines: ${lines.join(' | ')}`);
    }

    // "Endre" beside a section opens that step with what was entered, and leads straight back here.
    await d().clickAction('Endre', { within: 'Periode og beløp' });
    await d().waitForCard('Steg 5 av 6');
    assert.equal(await d().inputValue('year2Uh'), '200 000');
    assert.equal(await d().inputValue('startYear'), SEEN.startYear);
    await d().clickAction('Tilbake til oversikten');
    await d().waitForCard('Steg 6 av 6');
  });

  it('submits the report and answers with a receipt giving its reference', async () => {
    await d().clickAction('Send inn');
    await d().waitForCard('Behovsmeldingen er sendt inn');
    await shoot('receipt');
    const receipt = await d().latestCardText();
    assert.match(receipt, /Referansen er BM-2027-0001\./);
    assert.match(receipt, /Status Sendt inn/);
    assert.match(receipt, /Sum søkt tilskudd 2 250 000 kr/);
  });

  it('finds the report under "mine meldinger" and changes its title, which makes version 2', async () => {
    await d().sendMessage('mine meldinger');
    // The list's title; the receipt above has a button of that name, hence the anchor.
    await d().waitForCard(/^Mine meldinger /);
    await shoot('my-reports');
    assert.match(await d().latestCardText(), /BM-2027-0001: Lesing i alle fag Sendt inn · 2 250 000 kr/);

    await d().clickAction('Åpne', { within: 'BM-2027-0001' });
    await d().waitForCard('BM-2027-0001: Lesing i alle fag');
    await shoot('report-detail');
    assert.match(await d().latestCardText(), /Versjon 1/);
    // Dates such as "1. desember 2026" start lines here: shown as written, not as list items, no backslash.
    assert.match(await d().latestCardText(), /\d{1,2}\. \w+ 20\d\d/);
    assert.doesNotMatch(await d().latestCardText(), /\\/);
    assert.equal(await (await d().latestCard()).locator('ol, ul, li, h1, h2, h3, a').count(), 0, 'no list, heading or link in the card');

    // Editing opens the review of the filled-in report; each part has its own Change button.
    await d().clickAction('Endre');
    await d().waitForCard('Endre BM-2027-0001: Se over og send inn');
    assert.match(await d().latestCardText(), /Eksempel kommune/, 'the report is filled in');
    await d().clickAction('Endre', { within: 'Tiltaket' });
    await d().waitForCard('Steg 2 av 6');
    assert.equal(await d().inputValue('title'), GOOD_INPUT.measure.title);
    await d().fillInput('title', 'Lesing og skriving i alle fag');
    await d().clickAction('Tilbake til oversikten');
    await d().waitForCard('Steg 6 av 6');
    assert.match(await d().latestCardText(), /Lesing og skriving i alle fag/);
    await d().clickAction('Send inn endringene');

    await d().waitForCard('Endringene er sendt inn');
    await shoot('edit-receipt');
    assert.match(await d().latestCardText(), /BM-2027-0001 er oppdatert \(versjon 2\)/);
  });

  it('withdraws the report after confirming, and shows it withdrawn', async () => {
    await d().clickAction('Åpne');
    await d().waitForCard('BM-2027-0001: Lesing og skriving i alle fag');
    assert.match(await d().latestCardText(), /Versjon 2/);

    await d().clickAction('Trekk meldingen');
    await d().waitForCard('Trekke BM-2027-0001?');
    await shoot('withdraw-confirm');
    assert.deepEqual(await d().latestCardActions(), ['Ja, trekk meldingen', 'Nei, behold den']);
    await d().clickAction('Ja, trekk meldingen');

    await d().waitForCard('BM-2027-0001 er trukket.');
    await shoot('withdrawn');
    const detail = await d().latestCardText();
    assert.match(detail, /Trukket Versjon 2/, 'the status heads the card');
    assert.match(detail, /Sendt inn → Trukket/, 'the history shows the withdrawal');
    assert.deepEqual(await d().latestCardActions(), ['Mine meldinger'], 'nothing left to change');

    await d().sendMessage('mine meldinger');
    await d().waitForCard(/^Mine meldinger /);
    assert.match(await d().latestCardText(), /BM-2027-0001: Lesing og skriving i alle fag Trukket/);
  });
});
