import { defineMessages } from '../catalog';

// A filing round's announcement to owners when it opens, and its results once decisions are complete.
export const announceMessages = defineMessages({
  nb: {
    'announce.title': 'Innmeldingsrunden for {year} er åpnet',
    'announce.text':
      'Barnehage- og skoleeiere i {counties} kan nå melde behov for tilskudd til lokal kompetanseutvikling. Fristen er {deadline}. Trykk «Meld behov» for å begynne; du kan lagre underveis og fortsette senere.',
    'announce.deadline': 'Frist',
    'announce.budget': 'Ramme for skoleåret {schoolYear}, {scheme}',
    'announce.action': 'Meld behov',
    'results.action': 'Publiser resultatene',
    'results.title': 'Resultater av innmeldingsrunden {year}',
    'results.intro': 'Statsforvalteren har fattet vedtak for innmeldingsrunden. Beløpene gjelder skoleåret {schoolYear}.',
    'results.decided': 'Behovsmeldinger med vedtak',
    'results.granted': 'Tiltak innvilget helt eller delvis',
    'results.rejected': 'Avslått',
    'results.sum': 'Innvilget for skoleåret {schoolYear}',
    'results.budget': 'Samlet ramme',
    'results.byScheme': 'Per ordning',
    'results.schemeLine': 'Innvilget {granted} av {budget} ({percent} %). Tiltak: {count}.',
    'results.schemeOver': 'Innvilget {granted}, {over} over rammen på {budget}. Tiltak: {count}.',
    'results.schemeNoBudget': 'Innvilget {granted} (ingen ramme satt). Tiltak: {count}.',
    'results.byCounty': 'Per fylke',
    'results.countyLine': '{granted}. Tiltak: {count}.',
    'results.ownerNote': 'Vedtaket for din egen behovsmelding finner du under «Mine meldinger».',
    'results.confirm.title': 'Publisere resultatene for {year}?',
    'results.confirm.text.one':
      'Kortet under legges ut i kanalen til samarbeidsforumet, og {count} eier som har fått vedtak i innmeldingsrunden, får det i personlig chat. Resultatene kan bare publiseres én gang.',
    'results.confirm.text.other':
      'Kortet under legges ut i kanalen til samarbeidsforumet, og {count} eiere som har fått vedtak i innmeldingsrunden, får det i personlig chat. Resultatene kan bare publiseres én gang.',
    'results.confirm.yes': 'Ja, publiser resultatene',
    'results.published.one': 'Resultatene for {year} er publisert i kanalen til samarbeidsforumet og sendt til {count} eier.',
    'results.published.other': 'Resultatene for {year} er publisert i kanalen til samarbeidsforumet og sendt til {count} eiere.',
    'results.already': 'Resultatene for {year} ble publisert {date}. De sendes ikke på nytt.',
    'results.error.waiting.one':
      'Resultatene for {year} kan ikke publiseres ennå: {count} behovsmelding på forumets innstilling venter på vedtak. Registrer vedtaket først (skriv «vedtak»).',
    'results.error.waiting.other':
      'Resultatene for {year} kan ikke publiseres ennå: {count} behovsmeldinger på forumets innstilling venter på vedtak. Registrer vedtakene først (skriv «vedtak»).',
    'results.error.none': 'Det er ikke registrert noen vedtak i innmeldingsrunden for {year} ennå, så det er ingen resultater å publisere.',
    'results.error.open': 'Innmeldingsrunden for {year} er fortsatt åpen. Resultatene publiseres etter fristen, når alle vedtak er registrert.',
    'results.error.noChannel':
      'Samarbeidsforumet har ingen Teams-kanal ennå, så resultatene kan ikke publiseres. Skriv «kanal» i forumets kanal og velg samarbeidsforumet, og prøv igjen.',
    'results.error.notInstalled':
      'Appen er ikke lagt til i teamet der samarbeidsforumets kanal er, så resultatene kan ikke publiseres. Legg appen til i teamet, og prøv igjen.',
    'reports.decisionLine': 'Vedtak: {outcome}, {amounts}',
    'reports.decisionRejected': 'Vedtak: {outcome}',
  },
  nn: {
    'announce.title': 'Innmeldingsrunden for {year} er opna',
    'announce.text':
      'Barnehage- og skuleeigarar i {counties} kan no melde behov for tilskot til lokal kompetanseutvikling. Fristen er {deadline}. Trykk «Meld behov» for å byrje; du kan lagre undervegs og halde fram seinare.',
    'announce.deadline': 'Frist',
    'announce.budget': 'Ramme for skuleåret {schoolYear}, {scheme}',
    'announce.action': 'Meld behov',
    'results.action': 'Publiser resultata',
    'results.title': 'Resultat av innmeldingsrunden {year}',
    'results.intro': 'Statsforvaltaren har gjort vedtak for innmeldingsrunden. Beløpa gjeld skuleåret {schoolYear}.',
    'results.decided': 'Behovsmeldingar med vedtak',
    'results.granted': 'Tiltak innvilga heilt eller delvis',
    'results.rejected': 'Avslått',
    'results.sum': 'Innvilga for skuleåret {schoolYear}',
    'results.budget': 'Samla ramme',
    'results.byScheme': 'Per ordning',
    'results.schemeLine': 'Innvilga {granted} av {budget} ({percent} %). Tiltak: {count}.',
    'results.schemeOver': 'Innvilga {granted}, {over} over ramma på {budget}. Tiltak: {count}.',
    'results.schemeNoBudget': 'Innvilga {granted} (inga ramme sett). Tiltak: {count}.',
    'results.byCounty': 'Per fylke',
    'results.countyLine': '{granted}. Tiltak: {count}.',
    'results.ownerNote': 'Vedtaket for di eiga behovsmelding finn du under «Mine meldingar».',
    'results.confirm.title': 'Publisere resultata for {year}?',
    'results.confirm.text.one':
      'Kortet under blir lagt ut i kanalen til samarbeidsforumet, og {count} eigar som har fått vedtak i innmeldingsrunden, får det i personleg chat. Resultata kan berre publiserast éin gong.',
    'results.confirm.text.other':
      'Kortet under blir lagt ut i kanalen til samarbeidsforumet, og {count} eigarar som har fått vedtak i innmeldingsrunden, får det i personleg chat. Resultata kan berre publiserast éin gong.',
    'results.confirm.yes': 'Ja, publiser resultata',
    'results.published.one': 'Resultata for {year} er publiserte i kanalen til samarbeidsforumet og sende til {count} eigar.',
    'results.published.other': 'Resultata for {year} er publiserte i kanalen til samarbeidsforumet og sende til {count} eigarar.',
    'results.already': 'Resultata for {year} blei publiserte {date}. Dei blir ikkje sende på nytt.',
    'results.error.waiting.one':
      'Resultata for {year} kan ikkje publiserast enno: {count} behovsmelding på innstillinga til forumet ventar på vedtak. Registrer vedtaket først (skriv «vedtak»).',
    'results.error.waiting.other':
      'Resultata for {year} kan ikkje publiserast enno: {count} behovsmeldingar på innstillinga til forumet ventar på vedtak. Registrer vedtaka først (skriv «vedtak»).',
    'results.error.none': 'Det er ikkje registrert nokon vedtak i innmeldingsrunden for {year} enno, så det er ingen resultat å publisere.',
    'results.error.open': 'Innmeldingsrunden for {year} er framleis open. Resultata blir publiserte etter fristen, når alle vedtak er registrerte.',
    'results.error.noChannel':
      'Samarbeidsforumet har ingen Teams-kanal enno, så resultata kan ikkje publiserast. Skriv «kanal» i kanalen til forumet og vel samarbeidsforumet, og prøv igjen.',
    'results.error.notInstalled':
      'Appen er ikkje lagd til i teamet der kanalen til samarbeidsforumet er, så resultata kan ikkje publiserast. Legg appen til i teamet, og prøv igjen.',
    'reports.decisionLine': 'Vedtak: {outcome}, {amounts}',
    'reports.decisionRejected': 'Vedtak: {outcome}',
  },
  en: {
    'announce.title': 'The filing round for {year} is open',
    'announce.text':
      'Kindergarten and school owners in {counties} can now report their needs for grants for local competence development. The deadline is {deadline}. Press "Report needs" to begin; you can save as you go and continue later.',
    'announce.deadline': 'Deadline',
    'announce.budget': 'Budget for the school year {schoolYear}, {scheme}',
    'announce.action': 'Report needs',
    'results.action': 'Publish the results',
    'results.title': 'Results of the filing round {year}',
    'results.intro': 'The County Governor has made the decisions of the filing round. The amounts are for the school year {schoolYear}.',
    'results.decided': 'Needs reports decided',
    'results.granted': 'Measures granted in full or in part',
    'results.rejected': 'Rejected',
    'results.sum': 'Granted for the school year {schoolYear}',
    'results.budget': 'Total budget',
    'results.byScheme': 'By scheme',
    'results.schemeLine': 'Granted {granted} of {budget} ({percent} %). Measures: {count}.',
    'results.schemeOver': 'Granted {granted}, {over} over the budget of {budget}. Measures: {count}.',
    'results.schemeNoBudget': 'Granted {granted} (no budget set). Measures: {count}.',
    'results.byCounty': 'By county',
    'results.countyLine': '{granted}. Measures: {count}.',
    'results.ownerNote': 'The decision on your own needs report is under "My reports".',
    'results.confirm.title': 'Publish the results for {year}?',
    'results.confirm.text.one':
      'The card below is posted in the cooperation forum\u2019s channel, and {count} owner with a decision in the filing round gets it in personal chat. The results can be published only once.',
    'results.confirm.text.other':
      'The card below is posted in the cooperation forum\u2019s channel, and {count} owners with a decision in the filing round get it in personal chat. The results can be published only once.',
    'results.confirm.yes': 'Yes, publish the results',
    'results.published.one': 'The results for {year} are published in the cooperation forum\u2019s channel and sent to {count} owner.',
    'results.published.other': 'The results for {year} are published in the cooperation forum\u2019s channel and sent to {count} owners.',
    'results.already': 'The results for {year} were published on {date}. They are not sent again.',
    'results.error.waiting.one':
      'The results for {year} cannot be published yet: {count} needs report on the forum\u2019s recommendation is waiting for a decision. Record the decision first (type "decisions").',
    'results.error.waiting.other':
      'The results for {year} cannot be published yet: {count} needs reports on the forum\u2019s recommendation are waiting for a decision. Record the decisions first (type "decisions").',
    'results.error.none': 'No decisions have been recorded in the filing round for {year} yet, so there are no results to publish.',
    'results.error.open': 'The filing round for {year} is still open. Results are published after the deadline, once every decision is recorded.',
    'results.error.noChannel':
      'The cooperation forum has no Teams channel yet, so the results cannot be published. Type "channel" in the forum\u2019s channel and choose the cooperation forum, then try again.',
    'results.error.notInstalled':
      'The app has not been added to the team of the cooperation forum\u2019s channel, so the results cannot be published. Add the app to the team, then try again.',
    'reports.decisionLine': 'Decision: {outcome}, {amounts}',
    'reports.decisionRejected': 'Decision: {outcome}',
  },
});
