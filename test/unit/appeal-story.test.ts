import { strict as assert } from 'node:assert';
import { LOCALES, translator, type Locale } from '../../src/domain/i18n';
import type { AppealChange } from '../../src/domain/report';
import { appealLine } from '../../src/teams/cards/storyLine';

/** An appeal's steps in the case's story, in each language: words only, what changed named. */
const steps: AppealChange[] = [
  { field: 'appeal', step: 'received', receivedOn: '2027-04-20' },
  { field: 'appeal', step: 'received', receivedOn: '2027-05-20', late: true },
  { field: 'appeal', step: 'upheld', receivedOn: '2027-04-20' },
  { field: 'appeal', step: 'late', receivedOn: '2027-05-20' },
  {
    field: 'appeal',
    step: 'changed',
    receivedOn: '2027-04-20',
    was: { outcome: 'partly_granted', amount: 200_000 },
    now: { outcome: 'partly_granted', amount: 150_000 },
  },
  { field: 'appeal', step: 'changed', receivedOn: '2027-04-20', was: { outcome: 'rejected', amount: 0 }, now: { outcome: 'granted', amount: 300_000 } },
];

const expected: Record<Locale, string[]> = {
  nb: [
    'Klage mottatt 20. april 2027 · Eva',
    'Klage mottatt 20. mai 2027, etter klagefristen · Eva',
    'Klagen avgjort: vedtaket opprettholdes · Eva',
    'Klagen avvist fordi den kom for sent · Eva',
    'Klagen avgjort: nytt vedtak. Endret fra 200 000 kr til 150 000 kr · Eva',
    'Klagen avgjort: nytt vedtak. Endret fra 0 kr (Avslått) til 300 000 kr (Innvilget) · Eva',
  ],
  nn: [
    'Klage motteken 20. april 2027 · Eva',
    'Klage motteken 20. mai 2027, etter klagefristen · Eva',
    'Klaga avgjord: vedtaket blir ståande · Eva',
    'Klaga avvist fordi ho kom for seint · Eva',
    'Klaga avgjord: nytt vedtak. Endra frå 200 000 kr til 150 000 kr · Eva',
    'Klaga avgjord: nytt vedtak. Endra frå 0 kr (Avslått) til 300 000 kr (Innvilga) · Eva',
  ],
  en: [
    'Appeal received 20 April 2027 · Eva',
    'Appeal received 20 May 2027, after the deadline · Eva',
    'Appeal decided: the decision is upheld · Eva',
    'Appeal rejected as late · Eva',
    'Appeal decided: new decision. Changed from NOK 200,000 to NOK 150,000 · Eva',
    'Appeal decided: new decision. Changed from NOK 0 (Rejected) to NOK 300,000 (Granted) · Eva',
  ],
};

describe("an appeal's steps in the case story", () => {
  for (const locale of LOCALES) {
    it(`reads in words in ${locale}`, () => {
      const t = translator(locale);
      const lines = steps.map((c) => appealLine({ t, locale }, c, 'Eva').replace(/[\u00a0\u202f]/g, ' '));
      assert.deepEqual(lines, expected[locale]);
    });
  }
});
