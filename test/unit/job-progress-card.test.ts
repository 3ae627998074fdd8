import assert from 'node:assert/strict';
import { translator, type Locale } from '../../src/domain/i18n';
import type { JobRun } from '../../src/storage/jobRuns';
import { progressCard } from '../../src/teams/jobs/progressCard';
import { ROUND_OPEN_JOB } from '../../src/teams/secretariat/rounds/roundOpenJob';
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

  it('counts a round announcement: sent to whom it concerns, of everyone with the app gone through, in each language', () => {
    const announcing: JobRun = {
      ...run(1300, 6000),
      id: 'round.open:r2027',
      kind: 'round.open',
      cursor: { phase: 'announce', walked: 1300 },
      figures: { announced: 1200 },
    };
    const text = (locale: Locale, r: JobRun) => cardText(ROUND_OPEN_JOB.progressCard(view(locale), r));
    assert.match(
      text('nb', announcing),
      /^Åpner innmeldingsrunden, tar med videreføringene og kunngjør den\nKunngjøring sendt til 1 200\. Gått gjennom 1 300 av 6 000 personer med appen\. Kortet oppdateres/,
    );
    assert.match(
      text('nn', announcing),
      /^Opnar innmeldingsrunden, tek med vidareføringane og kunngjer han\nKunngjering sendt til 1 200\. Gått gjennom 1 300 av 6 000 personar med appen\./,
    );
    assert.match(
      text('en', announcing),
      /^Opening the filing round, bringing in the continuations and announcing it\nAnnouncement sent to 1,200\. Gone through 1,300 of 6,000 people with the app\./,
    );
    const counting: JobRun = { ...run(0, 0), kind: 'round.open', cursor: { phase: 'count', counted: 3000 } };
    assert.match(text('nb', counting), /\nFinner alle som har appen i personlig chat …/);
  });
});
