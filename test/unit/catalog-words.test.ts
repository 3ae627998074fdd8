import assert from 'node:assert/strict';
import { allCatalogs } from '../support/catalogs';

const texts = (locale: 'nb' | 'nn' | 'en') =>
  allCatalogs().flatMap(({ catalog }) => Object.entries(catalog[locale]).map(([key, text]) => ({ key, text: text.replace(/\{\w+\}/g, '') })));
const found = (locale: 'nb' | 'nn' | 'en', word: RegExp) =>
  texts(locale)
    .filter((t) => word.test(t.text))
    .map((t) => `${t.key}: ${t.text}`);

// Whole words only: \b does not know æ, ø and å.
const word = (alternatives: string) => new RegExp(`(?<![\\p{L}])(${alternatives})(?![\\p{L}])`, 'iu');

describe('the words owners read', () => {
  // Bokmål forms that are never nynorsk; "vert" because nynorsk here says "blir".
  const BOKMAL =
    'ikke jeg hva hvor hvis hvordan hvem hver hvert hvilken hvilke skole skolen skoler mye noen noe bare fra mer være uke gjøre tilskudd eier eiere eieren sammen allerede fortsatt dere deres ble vert'.split(
      ' ',
    );
  for (const w of BOKMAL) it(`nynorsk never says «${w}»`, () => assert.deepEqual(found('nn', word(w)), []));

  it('nynorsk writes the e-infinitive after «å» (sende, not senda)', () => {
    assert.deepEqual(found('nn', /(?<![\p{L}])å (?!ha |ta |la )\p{L}+a(?![\p{L}])/iu), []);
  });

  it('names the filing round one way: innmeldingsrunde, filing round', () => {
    assert.deepEqual(found('nb', word('runde|runden|runder|rundene|rapporteringsrunde\\p{L}*|søknadsrunde\\p{L}*')), []);
    assert.deepEqual(found('nn', word('runde|runden|rundar|rundane|rapporteringsrund\\p{L}*|søknadsrund\\p{L}*')), []);
    assert.deepEqual(found('en', /reporting round|(?<!filing )(?<![\p{L}])rounds?(?![\p{L}])/iu), []);
  });

  // One name per thing (docs/glossary.md): a word found twice below is a second name someone added.
  it('names the schemes in words, never by their codes, which stay in storage, choice values and exports', () => {
    for (const l of ['nb', 'nn', 'en'] as const) assert.deepEqual(found(l, word('REKOM|DEKOM|KOMPLOFT')), [], l);
  });

  it('calls the money a round has per scheme its «ramme» (en: budget), never «budsjett»', () => {
    for (const l of ['nb', 'nn'] as const) assert.deepEqual(found(l, /budsjett/iu), [], l);
    assert.deepEqual(found('en', /(?<![\p{L}])(frame|allocation)s?(?![\p{L}])/iu), []);
  });

  it('names the secretariat role as the roles card does: sekretariatsmedarbeider, secretariat officer', () => {
    assert.deepEqual(found('nb', /saksbehandler/iu), []);
    assert.deepEqual(found('nn', /saksbehandlar|sakshandsamar/iu), []);
    assert.deepEqual(found('en', /caseworker|case officer/iu), []);
  });

  it('names the formal check as its status does: «Formelt kontrollert» / «Formally checked», not «godkjent» / approved', () => {
    assert.deepEqual(found('nb', /formelt godkjen|godkjennes formelt/iu), []);
    assert.deepEqual(found('nn', /formelt godkjen|godkjennast formelt/iu), []);
    assert.deepEqual(found('en', /formally approved?/iu), []);
  });

  it("keeps the working group's «anbefaling» (nn «tilråding», en advice) apart from the forum's «innstilling» (en recommendation)", () => {
    assert.deepEqual(found('nb', /(arbeids)?gruppens innstilling|forumets anbefaling/iu), []);
    assert.deepEqual(found('nn', /innstillinga til (arbeids)?gruppa|tilrådinga til forumet/iu), []);
    assert.deepEqual(found('en', /group's recommendation|forum's advice/iu), []);
  });

  it('shows a submitted report as «Sendt inn» / «Submitted», not the button «Send inn»', () => {
    const status = (l: 'nb' | 'nn' | 'en') => texts(l).filter((t) => /(^|\.)(submitted|status\.submitted)$/.test(t.key));
    assert.ok(status('nb').length >= 3);
    for (const l of ['nb', 'nn'] as const)
      assert.deepEqual(
        status(l)
          .filter((t) => t.text !== 'Sendt inn')
          .map((t) => t.key),
        [],
        l,
      );
    assert.deepEqual(
      status('en')
        .filter((t) => t.text !== 'Submitted')
        .map((t) => t.key),
      [],
    );
  });
});
