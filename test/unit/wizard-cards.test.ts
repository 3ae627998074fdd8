import assert from 'node:assert/strict';
import { formatDateTime, translator } from '../../src/domain/i18n';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import { INPUT_PATTERNS, INPUT_STEPS, STEPS, STEP_LAYOUT, stepOfStoredNumber } from '../../src/domain/report';
import { coerceEmail, coercePhone } from '../../src/domain/report/card-input';
import { formatsFor } from '../../src/domain/report/problems';
import type { Round } from '../../src/domain/round';
import { reviewCard } from '../../src/teams/wizard/reviewCard';
import { stepCard } from '../../src/teams/wizard/stepCard';
import type { WizardView } from '../../src/teams/wizard/view';
import { GOOD_INPUT } from '../support/reportInput';
import { cardElements as elements } from '../support/wizard';

const ROUND: Round = {
  id: 'r2027',
  year: 2027,
  counties: ['akershus'],
  deadline: '2027-02-01T22:59:00.000Z',
  status: 'open',
  budgets: {},
  createdAt: '2026-10-01T00:00:00Z',
};
const VIEW: WizardView = { t: translator('nb'), locale: 'nb', regions: DEFAULT_REGIONS, round: ROUND };

const inputIds = (card: unknown) =>
  elements(card)
    .filter((e) => e.type.startsWith('Input.'))
    .map((e) => e.id);
const texts = (card: unknown) =>
  elements(card)
    .filter((e) => e.type === 'TextBlock')
    .map((e) => e.text as string);

describe('wizard cards an owner can use without help', () => {
  it('asks on the money card exactly the years chosen on the period step, under their school years', () => {
    const card = stepCard(VIEW, { draftId: 'd1', step: 'money', values: {}, scheme: 'REKOM', period: { startYear: 2028, years: 1 } });
    assert.deepEqual(inputIds(card), ['year1Owner', 'year1Uh']);
    const headings = elements(card)
      .filter((e) => e.type === 'TextBlock' && e.style === 'heading')
      .map((e) => e.text);
    assert.ok(headings.includes('År 1 (2028–2029)'), headings.join(' | '));
    const three = stepCard(VIEW, { draftId: 'd1', step: 'money', values: {}, scheme: 'DEKOM', period: { startYear: 2027, years: 3 } });
    assert.equal(inputIds(three).length, 9);
    assert.ok(texts(three).includes('År 3 (2029–2030)'));
  });

  it('names the fields to fix right above the buttons after a refused step, as well as at the top', () => {
    const card = stepCard(VIEW, {
      draftId: 'd1',
      step: 'owner',
      values: {},
      errors: [
        { field: 'ownerOrgnr', key: 'report.error.orgnr.checkDigit', params: { orgnr: '974760674' } },
        { field: 'region', key: 'report.error.chooseOne' },
      ],
    });
    const body = card.body as any[];
    const last = body[body.length - 1];
    assert.equal(last.style, 'attention');
    assert.equal(last.items[0].text, 'Rett opp før du går videre: Organisasjonsnummer, Fylke / Region.');
    assert.match(JSON.stringify(body.slice(0, 3)), /Noe må rettes/);
    const clean = stepCard(VIEW, { draftId: 'd1', step: 'owner', values: {} });
    assert.doesNotMatch(JSON.stringify(clean), /Rett opp/);
  });

  it('lets the client check the format of org. numbers, e-mail and phone, never emptiness, and every step button but Cancel sends what was typed', () => {
    const owner = stepCard(VIEW, { draftId: 'd1', step: 'owner', values: {} });
    const orgnr = elements(owner).find((e) => e.id === 'ownerOrgnr');
    assert.notEqual(orgnr.isRequired, true, 'an empty field never holds Back or Save and close');
    assert.equal(orgnr.regex, INPUT_PATTERNS.orgnr.regex);
    assert.equal(orgnr.errorMessage, 'Organisasjonsnummeret har 9 sifre, for eksempel 974 760 673.');
    assert.equal(elements(owner).find((e) => e.id === 'ownerName').errorMessage ?? '', '', "emptiness is the server's to name, on Next");
    const contact = stepCard(VIEW, { draftId: 'd1', step: 'contact', values: {} });
    assert.equal(elements(contact).find((e) => e.id === 'contactEmail').regex, INPUT_PATTERNS.email.regex);
    assert.equal(elements(contact).find((e) => e.id === 'contactPhone').regex, INPUT_PATTERNS.phone.regex);
    assert.equal(elements(contact).find((e) => e.id === 'network').regex, undefined, 'a textarea has no pattern');
    const inputsOf = Object.fromEntries((contact.actions as any[]).map((a) => [a.verb, a.associatedInputs ?? 'auto']));
    assert.deepEqual(inputsOf, { 'report.back': 'auto', 'report.next': 'auto', 'report.close': 'auto', 'report.cancel': 'none' });
  });

  it('names each change button on the review for its part, with the parts as headings', () => {
    const card = reviewCard(VIEW, { draftId: 'd1', report: {} });
    const titles = elements(card)
      .filter((e) => e.type === 'Action.Execute' && e.verb === 'report.goto')
      .map((e) => e.title);
    assert.deepEqual(titles, [
      'Endre eier og ordning',
      'Endre nettverk og kontaktperson',
      'Endre tiltaket',
      'Endre målgrupper og deltakere',
      'Endre UH-partner og bekreftelser',
      'Endre perioden',
      'Endre beløpene',
    ]);
    const headings = elements(card)
      .filter((e) => e.type === 'TextBlock' && e.style === 'heading')
      .map((e) => e.text);
    for (const t of ['Eier og ordning', 'Tiltaket', 'Periode', 'Beløp per år']) assert.ok(headings.includes(t), `${t} in ${headings.join(' | ')}`);
  });

  it('says on the review, above its buttons, which parts need fixing', () => {
    const card = reviewCard(VIEW, { draftId: 'd1', report: {}, errors: [{ step: 'period', field: 'years', key: 'report.error.years' }] });
    const body = card.body as any[];
    assert.equal(body[body.length - 1].items[0].text, 'Rett opp før du sender inn: Periode.');
  });
});

describe('step layout and times', () => {
  it('opens a draft saved under the old six steps at the step it was left on', () => {
    assert.equal(STEPS.length, 8);
    assert.equal(stepOfStoredNumber(2, undefined), 'measure');
    assert.equal(stepOfStoredNumber(5, undefined), 'money');
    assert.equal(stepOfStoredNumber(6, undefined), 'review');
    assert.equal(stepOfStoredNumber(2, STEP_LAYOUT), 'contact');
    assert.equal(stepOfStoredNumber(6, STEP_LAYOUT), 'period');
    assert.equal(stepOfStoredNumber(99, STEP_LAYOUT), 'review');
    assert.equal(INPUT_STEPS.length, 7);
  });

  it('lets through in the client everything the server accepts, and catches plain mistakes', () => {
    const ok = (name: keyof typeof INPUT_PATTERNS, s: string) => new RegExp(INPUT_PATTERNS[name].regex).test(s);
    for (const s of ['974760673', '974 760 673', ' 974 760 673 ', '9 7 4 7 6 0 6 7 3']) assert.ok(ok('orgnr', s), s);
    for (const s of ['97476067', '9747606733', '974-760-673', 'abc']) assert.ok(!ok('orgnr', s), s);
    for (const s of [String(GOOD_INPUT.contact.contactEmail), 'kari@eksempel.no', ' æøå@kommune.no ', 'a.b+c@sub.domene.kommune.no']) {
      assert.ok(coerceEmail(s, formatsFor('nb')).ok, `server accepts ${s}`);
      assert.ok(ok('email', s), s);
    }
    for (const s of ['kari', 'kari@', 'kari@kommune', 'kari @kommune.no']) assert.ok(!ok('email', s), s);
    for (const s of ['22 00 00 00', '22000000', '+47 22 00 00 00', '0047 22000000', '+1 555 0100', '22\u00a000\u00a000\u00a000']) {
      assert.ok(coercePhone(s, formatsFor('nb')).ok, `server accepts ${s}`);
      assert.ok(ok('phone', s), s);
    }
    for (const s of ['22 00', 'tjueto', '22-00-00-00']) assert.ok(!ok('phone', s), s);
  });

  it('writes times of day the Norwegian way, in Oslo time, winter and summer', () => {
    assert.equal(formatDateTime('2027-02-01T13:05:00Z', 'nb'), '1. februar 2027 kl. 14.05');
    assert.equal(formatDateTime('2027-06-01T13:05:00Z', 'nn'), '1. juni 2027 kl. 15.05');
    assert.equal(formatDateTime('2027-02-01T13:05:00Z', 'en'), '1 February 2027 at 14:05');
  });
});
