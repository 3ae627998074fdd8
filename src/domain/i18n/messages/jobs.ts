import { defineMessages } from '../catalog';

// Long work run as a job (results published, a bulk grant, a round opened): the card that stands in for the
// pressed one while it runs, updated in place, then replaced by the finished figures.
export const jobMessages = defineMessages({
  nb: {
    'job.progress.people.one': 'Sendt {done} av {count} eier.',
    'job.progress.people.other': 'Sendt {done} av {count} eiere.',
    'job.progress.reports.one': 'Behandlet {done} av {count} behovsmelding.',
    'job.progress.reports.other': 'Behandlet {done} av {count} behovsmeldinger.',
    'job.progress.note': 'Kortet oppdateres mens arbeidet pågår, og viser tallene når alt er gjort. Du kan lukke det; arbeidet fortsetter.',
    'job.results.title': 'Publiserer resultatene for {year}',
    'job.grantAll.title': 'Innvilger behovsmeldingene på forumets innstilling',
    'job.roundOpen.title': 'Åpner innmeldingsrunden og tar med videreføringene',
  },
  nn: {
    'job.progress.people.one': 'Sendt {done} av {count} eigar.',
    'job.progress.people.other': 'Sendt {done} av {count} eigarar.',
    'job.progress.reports.one': 'Handsama {done} av {count} behovsmelding.',
    'job.progress.reports.other': 'Handsama {done} av {count} behovsmeldingar.',
    'job.progress.note': 'Kortet blir oppdatert medan arbeidet går føre seg, og viser tala når alt er gjort. Du kan lukke det; arbeidet held fram.',
    'job.results.title': 'Publiserer resultata for {year}',
    'job.grantAll.title': 'Innvilgar behovsmeldingane på innstillinga frå forumet',
    'job.roundOpen.title': 'Opnar innmeldingsrunden og tek med vidareføringane',
  },
  en: {
    'job.progress.people.one': 'Sent to {done} of {count} owner.',
    'job.progress.people.other': 'Sent to {done} of {count} owners.',
    'job.progress.reports.one': 'Done {done} of {count} report.',
    'job.progress.reports.other': 'Done {done} of {count} reports.',
    'job.progress.note': 'This card is updated while the work goes on and shows the figures when all is done. You may close it; the work goes on.',
    'job.results.title': 'Publishing the results for {year}',
    'job.grantAll.title': 'Granting the reports the forum recommended',
    'job.roundOpen.title': 'Opening the filing round and bringing in the continuations',
  },
});
