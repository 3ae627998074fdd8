import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { ROOT } from '../../src/app/paths';
import { GOOD_INPUT } from '../support/reportInput';
import { journeyHooks, startE2E, type E2ESession } from './session';

// The owner's whole journey with a needs report, as Kari Nordmann (the playground's current user)
// makes it in the emulator's UI at 1366×768: fill in the wizard card by card, fix a mistake, go
// back and forth, submit, find the report again, change it and withdraw it. Along the way it
// checks what a sighted or screen-reader user meets on the rendered page: button names, headings,
// no list markup made out of dates, the error summary in view beside the buttons after a refused
// step, the money card with exactly the chosen years. The steps below run in order on one chat;
// when one fails, the rest are skipped rather than failing for the same reason.
//
// Every run writes what the owner sees at each step (the browser window, 1366×768) to
// test-results/screens/, numbered in journey order.

// A fixed day in the reporting round (deadline 1 February 2027), moving on with real time: the
// demo round is 2027 whatever day the test runs, so references read BM-2027-….
const ROUND_DAY = Date.parse('2026-11-16T09:00:00Z');
const SCREEN = { width: 1366, height: 768 };
const SCREENS_DIR = path.join(ROOT, 'test-results', 'screens');

// What the owner sees and picks (titles in the card's lists), in bokmål as the playground is set.
const SEEN = {
  ownerType: 'Kommune',
  region: 'Akershus – Asker og Bærum',
  scheme: 'Desentralisert ordning for kompetanseutvikling i grunnskole og videregående opplæring',
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
  // A step waits at most 15 s (the driver's default); the whole journey takes about a minute.
  this.timeout(90_000);

  let session: E2ESession | undefined;
  let shots = 0;

  const d = () => session!.driver;
  const page = () => d().page;
  /** What the owner has in front of them now: the window, as it is scrolled. */
  const screen = async (name: string) => {
    await page().screenshot({ path: path.join(SCREENS_DIR, `${String(++shots).padStart(2, '0')}-${name}.png`) });
  };
  /** Whether an element is wholly inside the window as it is scrolled now. */
  const inView = async (el: Locator) => {
    const box = await el.boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= SCREEN.height && box.x >= 0 && box.x + box.width <= SCREEN.width;
  };
  /** A card's own buttons as a screen reader lists them: role button, by accessible name. */
  const buttonNames = async (card: Locator) =>
    card.getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? (e as unknown as { innerText: string }).innerText.trim()));

  before(async function () {
    // Azurite, the bot, the playground and Chromium: a few seconds, more on a busy 2-core machine.
    this.timeout(120_000);
    const offset = ROUND_DAY - Date.now();
    session = await startE2E({ name: 'e2erep', now: () => new Date(Date.now() + offset) });
    await page().setViewportSize(SCREEN);
    await d().openPersonalChat();
  });

  journeyHooks(() => session);

  it('opens the first step with its first field in view, and after a refused Next names the field to fix right above the buttons', async () => {
    await d().sendMessage('meld behov');
    const card = await d().waitForCard('Steg 1 av 8');
    assert.match(await d().latestCardText(), /Meld behov: Eier og ordning/);
    assert.ok(await inView(card.getByText('Eier (navn)', { exact: false }).first()), 'the first field is in view');
    assert.ok(await inView(card.getByRole('button', { name: 'Neste', exact: true })), 'and so are the buttons');
    await screen('step1-owner');

    await d().fillInput('ownerName', String(GOOD_INPUT.owner.ownerName));
    await d().fillInput('ownerOrgnr', '974 760 674');
    await d().choose('ownerType', SEEN.ownerType);
    await d().choose('region', SEEN.region);
    await d().choose('scheme', SEEN.scheme);
    await d().clickAction('Neste');

    const refused = await d().waitForCard('kontrollsiffer');
    const text = await d().latestCardText();
    assert.match(text, /Steg 1 av 8/, 'still on the first step');
    assert.match(text, /Noe må rettes før du kan gå videre/);
    assert.match(await d().fieldText('ownerOrgnr'), /Organisasjonsnummeret 974 ?760 ?674 har feil kontrollsiffer\. Sjekk nummeret i Enhetsregisteret\./);
    assert.doesNotMatch(await d().fieldText('ownerName'), /kontrollsiffer/, 'the message stands by the wrong field only');
    // The summary beside the buttons the owner just pressed, in view, naming the field.
    const footer = refused.getByText('Rett opp før du går videre: Organisasjonsnummer.', { exact: true });
    const next = refused.getByRole('button', { name: 'Neste', exact: true });
    assert.ok(await inView(footer), 'the summary near the buttons is in view');
    assert.ok(await inView(next));
    const [f, n] = [await footer.boundingBox(), await next.boundingBox()];
    assert.ok(f!.y + f!.height <= n!.y && n!.y - (f!.y + f!.height) < 120, `the summary stands right above the buttons (${JSON.stringify({ f, n })})`);
    await screen('step1-refused');

    assert.equal(await d().inputValue('ownerOrgnr'), '974 760 674', 'the wrong number is kept to be corrected');
    assert.equal(await d().inputValue('region'), SEEN.region);
    await d().fillInput('ownerOrgnr', String(GOOD_INPUT.owner.ownerOrgnr));
    await d().clickAction('Neste');
    await d().waitForCard('Steg 2 av 8');
  });

  it('catches a mistyped e-mail address in the client, the message read out with the field, before sending anything', async () => {
    await screen('step2-contact');
    for (const [id, value] of textInputs('contact', 'network', 'contactName', 'contactPhone')) await d().fillInput(id, value);
    await d().fillInput('contactEmail', 'kari.nordmann@');
    await d().clickAction('Neste', { sends: false });
    const card = await d().latestCard();
    await card.getByText('E-postadressen ser ikke riktig ut', { exact: false }).waitFor();
    // This renderer marks the invalid input by naming its message in the input's accessible name
    // (aria-labelledby: label and message); it sets no aria-invalid.
    const email = card.getByRole('textbox', { name: /^E-post.*E-postadressen ser ikke riktig ut/ });
    assert.equal(await email.count(), 1, 'a screen reader hears the message with the field');
    assert.equal(await email.inputValue(), 'kari.nordmann@');
    assert.match(await d().latestCardText(), /Steg 2 av 8/, 'nothing was sent');
    await screen('step2-contact-invalid');

    await d().fillInput('contactEmail', String(GOOD_INPUT.contact.contactEmail));
    await d().clickAction('Neste');
    await d().waitForCard('Steg 3 av 8');
  });

  it('goes back a step with its saved answers, and forward again', async () => {
    await screen('step3-measure');
    for (const [id, value] of textInputs('measure', 'title', 'needAndGoal')) await d().fillInput(id, value);
    await d().choose('theme', SEEN.theme);
    await d().clickAction('Neste');
    await d().waitForCard('Steg 4 av 8');
    await screen('step4-targets');

    // Back sends nothing from the card (the client's checks must never hold the owner there).
    await d().clickAction('Tilbake');
    await d().waitForCard('Steg 3 av 8');
    assert.equal(await d().inputValue('title'), GOOD_INPUT.measure.title);
    assert.equal(await d().inputValue('needAndGoal'), GOOD_INPUT.measure.needAndGoal, 'both lines are kept');
    assert.equal(await d().inputValue('theme'), SEEN.theme);
    await d().clickAction('Neste');

    await d().waitForCard('Steg 4 av 8');
    await d().choose('targetGroups', ...SEEN.targetGroups);
    for (const [id, value] of textInputs('targets', 'unitCount', 'units', 'participants')) await d().fillInput(id, value);
    await d().clickAction('Neste');
    await d().waitForCard('Steg 5 av 8');
  });

  it('asks the period before the money, and the money card has exactly the chosen years under their school years', async () => {
    await screen('step5-partner');
    for (const [id, value] of textInputs('partner', 'uhName', 'uhOrgnr', 'uhContact')) await d().fillInput(id, value);
    await d().setToggle('uhDialogueConfirmed', true);
    await d().setToggle('staffInvolved', true);
    await d().clickAction('Neste');
    await d().waitForCard('Steg 6 av 8');
    await screen('step6-period');

    await d().choose('startYear', SEEN.startYear);
    await d().choose('years', SEEN.years);
    await d().clickAction('Neste');
    const money = await d().waitForCard('Steg 7 av 8');
    const text = await d().latestCardText();
    assert.match(text, /År 1 \(2027–2028\)/);
    assert.match(text, /År 2 \(2028–2029\)/);
    assert.doesNotMatch(text, /År 3/);
    assert.equal(await money.getByRole('textbox', { name: /^År 3/ }).count(), 0);
    assert.equal(await money.getByRole('textbox', { name: /^År \d: / }).count(), 6, 'owner, UH and own contribution for each of the two years');
    assert.ok(await money.getByRole('heading', { name: 'År 1 (2027–2028)' }).count(), 'the year is a heading');
    await screen('step7-money');

    for (const [id, value] of textInputs('money', 'year1Owner', 'year1Uh', 'year1OwnContribution', 'year2Owner', 'year2Uh', 'year2OwnContribution')) {
      await d().fillInput(id, value);
    }
    await d().clickAction('Neste');
    await d().waitForCard('Steg 8 av 8');
  });

  it('reviews the report with headed sections and a change button named for each', async () => {
    await screen('step8-review');
    const review = await d().latestCard();
    const text = await d().latestCardText();
    assert.match(text, /Meld behov: Se over og send inn/);
    assert.match(text, /2027–2028 Søkt 1 250 000 kr \(eier 1 000 000 kr, UH 250 000 kr\); egenandel 375 000 kr \(minst 375 000 kr\)/);
    assert.match(text, /Sum søkt tilskudd 2 250 000 kr/);
    const names = await buttonNames(review);
    for (const name of [
      'Endre eier og ordning',
      'Endre nettverk og kontaktperson',
      'Endre tiltaket',
      'Endre målgrupper og deltakere',
      'Endre UH-partner og bekreftelser',
      'Endre perioden',
      'Endre beløpene',
    ]) {
      assert.ok(names.includes(name), `a button named "${name}"; have ${names.join(' | ')}`);
    }
    assert.ok(!names.includes('Endre'), 'no button named just "Endre"');
    for (const heading of ['Eier og ordning', 'Tiltaket', 'Periode', 'Beløp per år']) {
      assert.equal(await review.getByRole('heading', { name: heading, exact: true }).count(), 1, `"${heading}" is a heading`);
    }
    const lines = await d().latestCardLines();
    for (const line of ['Nabo kommune (123 456 785)', 'Tredje kommune (921 605 900)', 'Solsiden skole (940 192 226)', 'Bakken skole']) {
      assert.ok(
        lines.some((l) => l.endsWith(line)),
        `"${line}" on a line of its own`,
      );
    }

    await d().clickAction('Endre beløpene');
    await d().waitForCard('Steg 7 av 8');
    assert.equal(await d().inputValue('year2Uh'), '200 000');
    await d().clickAction('Tilbake til oversikten');
    await d().waitForCard('Steg 8 av 8');
  });

  it('submits the report and answers with a receipt giving its reference', async () => {
    await d().clickAction('Send inn');
    await d().waitForCard('Behovsmeldingen er sendt inn');
    await screen('receipt');
    const receipt = await d().latestCardText();
    assert.match(receipt, /Referansen er BM-2027-0001\./);
    assert.match(receipt, /Sum søkt tilskudd 2 250 000 kr/);
  });

  it('lists the report under "mine meldinger" with one button named for it, and opens it without list markup from dates', async () => {
    await d().sendMessage('mine meldinger');
    const list = await d().waitForCard(/^Mine meldinger /);
    await screen('my-reports');
    assert.match(await d().latestCardText(), /BM-2027-0001: Lesing i alle fag Sendt inn · søkt 2 250 000 kr/);
    assert.ok((await buttonNames(list)).includes('Åpne BM-2027-0001'));
    assert.equal(await list.locator('[role="button"]:not(button)').count(), 0, 'no row is itself a button around another');

    await d().clickAction('Åpne BM-2027-0001');
    const detail = await d().waitForCard('BM-2027-0001: Lesing i alle fag');
    await screen('report-detail');
    assert.doesNotMatch(await d().latestCardText(), /Versjon/, 'a first version says nothing');
    // The report's fields and its history are folded under one button (the state and the buttons first).
    assert.doesNotMatch(await d().latestCardText(), /Historikk/);
    await d().clickAction('Vis/skjul alle opplysninger', { sends: false });
    assert.match(await d().latestCardText(), /\d{1,2}\. november 2026 kl\. \d{2}\.\d{2}/, 'the history has the time of day');
    // Dates such as "1. desember 2026" start lines here: shown as written, not as list items, no backslash.
    assert.doesNotMatch(await d().latestCardText(), /\\/);
    assert.equal(await detail.locator('ol, ul, li, a').count(), 0, 'dates are text, not numbered lists; no links');
    assert.equal(await detail.getByRole('heading', { name: 'Historikk', exact: true }).count(), 1);
  });

  it("changes the title through the part's own button, which makes version 2", async () => {
    await d().clickAction('Endre meldingen');
    await d().waitForCard('Endre BM-2027-0001: Se over og send inn');
    await d().clickAction('Endre tiltaket');
    await d().waitForCard('Steg 3 av 8');
    await d().fillInput('title', 'Lesing og skriving i alle fag');
    await d().clickAction('Tilbake til oversikten');
    await d().waitForCard('Steg 8 av 8');
    await d().clickAction('Send inn endringene');
    const receipt = await d().waitForCard('Endringene er sendt inn');
    await screen('edit-receipt');
    const result = receipt.getByText(/BM-2027-0001 er oppdatert \(versjon 2\)/);
    assert.equal(await result.count(), 2, 'the result at the top and again beside the buttons');
    assert.ok(await inView(result.last()));
  });

  it('withdraws the report after confirming, with the result in view beside the buttons and the history timed', async () => {
    await d().clickAction('Åpne BM-2027-0001');
    await d().waitForCard('BM-2027-0001: Lesing og skriving i alle fag');
    await d().clickAction('Trekk meldingen');
    await d().waitForCard('Trekke BM-2027-0001?');
    assert.deepEqual(await d().latestCardActions(), ['Ja, trekk meldingen', 'Nei, behold den']);
    await d().clickAction('Ja, trekk meldingen');

    const done = await d().waitForCard('BM-2027-0001 er trukket.');
    assert.match(await d().latestCardText(), /Trukket Versjon 2/, 'the status heads the card');
    const result = done.getByText('BM-2027-0001 er trukket.', { exact: true });
    assert.ok(await inView(result.last()), 'the result beside the buttons is in view');
    assert.equal(await done.locator('ol, ul, li').count(), 0, 'dates are text, not numbered lists');
    await screen('withdrawn');
    assert.deepEqual(await d().latestCardActions(), ['Mine meldinger', 'Vis/skjul alle opplysninger'], 'nothing left to change');
    await d().clickAction('Vis/skjul alle opplysninger', { sends: false });
    assert.match(await d().latestCardText(), /kl\. \d{2}\.\d{2} Trukket av eieren · Eier/, 'the history shows the withdrawal with its time, in words');
  });
});
