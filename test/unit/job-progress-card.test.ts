import assert from 'node:assert/strict';
import { translator, type Locale } from '../../src/domain/i18n';
import type { JobRun } from '../../src/storage/jobRuns';
import { progressCard } from '../../src/teams/jobs/progressCard';
import type { Services } from '../../src/teams/services';
import { cardText } from '../support/harness';

const run = (done: number, total: number): JobRun => ({
  id: 'results:r2027',
  kind: 'results.publish',
  input: {},
  status: 'running',
  done,
  total,
  figures: {},
  by: 't:a',
  locale: 'nb',
  createdAt: '2027-04-20T09:00:00.000Z',
  updatedAt: '2027-04-20T09:00:00.000Z',
  failures: 0,
});
const view = (locale: Locale) => ({ t: translator(locale), locale, services: {} as Services });

describe("a running job's card", () => {
  it("counts people and reports in the officer's language, with thousands grouped as each language writes them", () => {
    const text = (locale: Locale, unit: 'people' | 'reports', done: number, total: number) =>
      cardText(progressCard(view(locale), run(done, total), 'T', unit)).split('\n')[1];
    assert.match(text('nb', 'people', 1200, 6000), /^Sendt 1 200 av 6 000 eiere\. Kortet oppdateres mens arbeidet pågår/);
    assert.match(text('nn', 'people', 1200, 6000), /^Sendt 1 200 av 6 000 eigarar\. Kortet blir oppdatert/);
    assert.match(text('en', 'people', 1200, 6000), /^Sent to 1,200 of 6,000 owners\. This card is updated/);
    assert.match(text('nb', 'reports', 0, 1), /^Behandlet 0 av 1 behovsmelding\./);
    assert.match(text('en', 'reports', 40, 300), /^Done 40 of 300 reports\./);
  });
});
