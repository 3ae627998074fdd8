import assert from 'node:assert/strict';
import { cardOf, cardText, startHarness, type Harness } from '../support/harness';
import { invokeCard, personOf, submitted } from '../support/casework';
import { OWNER } from '../support/personas';
import { GOOD_INPUT } from '../support/reportInput';
import { actionData, cardElements as elements, inputsOf, passOwnerSteps, press, startReport } from '../support/wizard';

const lastBlockText = (card: any) => {
  const body = card.body as any[];
  return elements(body[body.length - 1])
    .filter((e) => e.type === 'TextBlock')
    .map((e) => e.text)
    .join(' ');
};

describe('report cards an owner can use without help', () => {
  let h: Harness;
  const clock = { now: new Date('2026-11-27T12:00:00Z') };
  before(async () => {
    h = await startHarness({}, { now: () => clock.now });
  });
  after(async () => {
    await h.stop();
  });

  it('asks the period before the money, and the money card shows exactly the chosen years with their school years', async () => {
    let card = await passOwnerSteps(h, OWNER, await startReport(h, OWNER));
    for (const step of ['measure', 'targets', 'partner'] as const) card = await press(h, OWNER, card, 'report.next', GOOD_INPUT[step]);
    assert.match(cardText(card), /Steg 6 av 8/);
    assert.deepEqual(Object.keys(inputsOf(card)), ['startYear', 'years']);
    // Issue 22: a new measure starts in the round's school year; a later start is refused, saying why.
    const later = await press(h, OWNER, card, 'report.next', { startYear: '2028', years: '1' });
    assert.match(
      cardText(later),
      /Et nytt tiltak starter i skoleåret til innmeldingsrunden, 2027–2028\. Skal tiltaket starte senere, meld det i innmeldingsrunden for det skoleåret\./,
    );
    const money = await press(h, OWNER, later, 'report.next', { startYear: '2027', years: '1' });
    assert.match(cardText(money), /Steg 7 av 8/);
    assert.deepEqual(Object.keys(inputsOf(money)), ['year1Owner', 'year1Uh', 'year1OwnContribution']);
    assert.match(cardText(money), /År 1 \(2027–2028\)/);
    assert.doesNotMatch(cardText(money), /År 2/);

    // Back to the period (no inputs sent, as Teams sends Back), three years from 2027: three rows.
    const period = await press(h, OWNER, money, 'report.back');
    assert.equal(inputsOf(period).years.value, '1');
    const three = await press(h, OWNER, period, 'report.next', { startYear: '2027', years: '3' });
    assert.deepEqual(
      Object.keys(inputsOf(three)).filter((id) => id.endsWith('Owner')),
      ['year1Owner', 'year2Owner', 'year3Owner'],
    );
    assert.match(cardText(three), /År 1 \(2027–2028\)[\s\S]*År 2 \(2028–2029\)[\s\S]*År 3 \(2029–2030\)/);
  });

  it('opens a draft saved under the old six-step layout at the step it was left on, with what was typed', async () => {
    const person = personOf(OWNER);
    const round = (await h.app.services.rounds.list())[0];
    const owner = { ownerName: 'Eksempel kommune', ownerOrgnr: '974760673', ownerType: 'kommune', region: 'asker-baerum', scheme: 'DEKOM' } as const;
    // Left on the old step 5 (period and money), with the years typed but not yet valid money.
    await h.app.services.drafts.create(
      person,
      round.id,
      {
        report: { ...owner, contactName: 'Kari Nordmann', title: 'Gammelt utkast' },
        raw: { owner: { contactEmail: 'kari@halvferdig' }, money: { startYear: '2027', years: '2', year1Owner: '10' } },
      },
      { id: 'old-layout-draft', step: 5 },
    );
    const resumed = await invokeCard(h, OWNER, 'report.resume', { draftId: 'old-layout-draft' });
    assert.match(cardText(resumed), /Steg 6 av 8/, 'the period, asked before the money now');
    assert.equal(inputsOf(resumed).startYear.value, '2027');
    assert.equal(inputsOf(resumed).years.value, '2');
    const contact = await invokeCard(h, OWNER, 'report.goto', { draftId: 'old-layout-draft', step: 'contact' });
    assert.equal(inputsOf(contact).contactEmail.value, 'kari@halvferdig', 'typed on the old step 1, shown on its new step');
    assert.equal(inputsOf(contact).contactName.value, 'Kari Nordmann');
    const money = await press(h, OWNER, resumed, 'report.next', { startYear: '2027', years: '2' });
    assert.equal(inputsOf(money).year1Owner.value, '10');

    await h.app.services.drafts.create(person, round.id, { report: { ...owner }, raw: {} }, { id: 'old-layout-measure', step: 2 });
    assert.match(cardText(await invokeCard(h, OWNER, 'report.resume', { draftId: 'old-layout-measure' })), /Steg 3 av 8/);
  });

  it('lists reports and drafts with one button each, named with the reference (short enough not to be cut; the title heads the row), none nested', async () => {
    const r = await submitted(h, OWNER);
    const [reply] = await h.send(OWNER, 'mine meldinger');
    const list = cardOf(reply);
    assert.equal(JSON.stringify(list).includes('selectAction'), false);
    const titles = elements(list)
      .filter((e) => e.type === 'Action.Execute')
      .map((e) => e.title);
    assert.ok(titles.includes(`Åpne ${r.reference}`), titles.join(' | '));
    assert.match(cardText(list), new RegExp(`${r.reference}: Lesing i alle fag`));
    assert.ok(
      titles.some((t) => /^Fortsett utkastet /.test(t)),
      titles.join(' | '),
    );
    assert.equal(titles.filter((t) => t === 'Åpne').length, 0);
  });

  it('shows the withdrawal at the bottom of the card too, and the history with the time of day', async () => {
    const { reportId, reference } = await submitted(h, OWNER);
    clock.now = new Date('2026-11-27T13:05:00Z');
    const confirm = await invokeCard(h, OWNER, 'report.withdraw', { reportId });
    const done = await press(h, OWNER, confirm, 'report.withdrawConfirm');
    assert.equal(lastBlockText(done), `${reference} er trukket.`);
    assert.match(cardText(done), /27\. november 2026 kl\. 13\.00/, 'submitted, with its time');
    assert.match(cardText(done), /27\. november 2026 kl\. 14\.05\s+Trukket av eieren · Eier/);
    const headings = elements(done)
      .filter((e) => e.type === 'TextBlock' && e.style === 'heading')
      .map((e) => e.text);
    assert.ok(headings.includes('Historikk'), headings.join(' | '));
    clock.now = new Date('2026-11-27T12:00:00Z');
  });

  it('shows the result of an edit beside the buttons as well', async () => {
    const { reportId, reference } = await submitted(h, OWNER);
    const review = await invokeCard(h, OWNER, 'report.edit', { reportId });
    const names = elements(review)
      .filter((e) => e.verb === 'report.goto')
      .map((e) => e.title);
    assert.equal(names[0], 'Endre eier og ordning');
    const receipt = await press(h, OWNER, review, 'report.submit');
    assert.match(lastBlockText(receipt), new RegExp(`${reference} er oppdatert \\(versjon 2\\)`));
    assert.ok(actionData(receipt, 'report.open'));
  });
});
