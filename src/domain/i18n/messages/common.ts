import { defineMessages } from '../catalog';

// Texts of the welcome/help card and the bot's general answers.
export const commonMessages = defineMessages({
  nb: {
    'help.title': 'Kompetansebot',
    'help.intro':
      'Jeg hjelper barnehage- og skoleeiere å melde behov for tilskudd til lokal kompetanseutvikling (den regionale ordningen for barnehage, den desentraliserte ordningen for skole og Kompetanseløftet) til Statsforvalteren, og samarbeidsforumet å prioritere meldingene.',
    'help.owner': 'Som eier kan du melde behov, lagre utkast og fortsette senere, og se status på meldingene dine.',
    'help.forum': 'I arbeidsgruppens kanal legger sekretariatet fram sakslister, og medlemmene stemmer over hver sak.',
    'help.commands': 'Skriv for eksempel: «meld behov», «fortsett», «mine meldinger» eller «hjelp».',
    'help.newReport': 'Meld behov',
    'help.continue': 'Fortsett utkast',
    'help.myReports': 'Mine meldinger',
    'help.welcome': 'Velkommen! Her er hva jeg kan gjøre.',
    'help.secretariat':
      'Du er sekretariatsmedarbeider hos Statsforvalteren: skriv «sekretariat» for innmeldingsrunder, oversikt, roller, møter, vedtak og eksport.',
    'help.secretariatButton': 'Sekretariat',
    'fallback.text': 'Det forsto jeg ikke. Skriv «hjelp» for å se hva jeg kan gjøre.',
    'error.storage.title': 'Noe gikk galt',
    'error.storage.text': 'Jeg får ikke lagret eller hentet data akkurat nå. Ingenting av det du skrev er sendt inn halvveis. Prøv igjen om litt.',
    'error.generic': 'Beklager, noe gikk galt hos meg. Prøv igjen om litt.',
    'error.retry': 'Prøv igjen',
  },
  nn: {
    'help.title': 'Kompetansebot',
    'help.intro':
      'Eg hjelper barnehage- og skuleeigarar å melde behov for tilskot til lokal kompetanseutvikling (den regionale ordninga for barnehage, den desentraliserte ordninga for skule og Kompetanseløftet) til Statsforvaltaren, og samarbeidsforumet å prioritere meldingane.',
    'help.owner': 'Som eigar kan du melde behov, lagre utkast og halde fram seinare, og sjå status på meldingane dine.',
    'help.forum': 'I kanalen til arbeidsgruppa legg sekretariatet fram sakslister, og medlemmene røystar over kvar sak.',
    'help.commands': 'Skriv til dømes: «meld behov», «fortset», «mine meldingar» eller «hjelp».',
    'help.newReport': 'Meld behov',
    'help.continue': 'Hald fram med utkast',
    'help.myReports': 'Mine meldingar',
    'help.welcome': 'Velkomen! Her er kva eg kan gjere.',
    'help.secretariat':
      'Du er sekretariatsmedarbeidar hos Statsforvaltaren: skriv «sekretariat» for innmeldingsrundar, oversikt, roller, møte, vedtak og eksport.',
    'help.secretariatButton': 'Sekretariat',
    'fallback.text': 'Det forstod eg ikkje. Skriv «hjelp» for å sjå kva eg kan gjere.',
    'error.storage.title': 'Noko gjekk gale',
    'error.storage.text': 'Eg får ikkje lagre eller hente data akkurat no. Ingenting av det du skreiv er sendt inn halvvegs. Prøv igjen om litt.',
    'error.generic': 'Orsak, noko gjekk gale hos meg. Prøv igjen om litt.',
    'error.retry': 'Prøv igjen',
  },
  en: {
    'help.title': 'Kompetansebot',
    'help.intro':
      'I help kindergarten and school owners file needs reports for local competence development grants (the regional scheme for kindergartens, the decentralised scheme for schools and Kompetanseløftet) with the County Governor, and help the cooperation forum prioritise them.',
    'help.owner': 'As an owner you can file a needs report, save drafts and continue later, and follow the status of your reports.',
    'help.forum': "In the working group's channel the secretariat posts agendas, and members vote on each item.",
    'help.commands': 'Type for example: "new report", "continue", "my reports" or "help".',
    'help.newReport': 'New report',
    'help.continue': 'Continue a draft',
    'help.myReports': 'My reports',
    'help.welcome': "Welcome! Here's what I can do.",
    'help.secretariat':
      'You are a secretariat officer at the County Governor: type "secretariat" for filing rounds, overview, roles, meetings, decisions and export.',
    'help.secretariatButton': 'Secretariat',
    'fallback.text': 'Sorry, I did not understand that. Type "help" to see what I can do.',
    'error.storage.title': 'Something went wrong',
    'error.storage.text': 'I cannot save or read data right now. Nothing you typed has been submitted half-way. Please try again in a moment.',
    'error.generic': 'Sorry, something went wrong on my side. Please try again in a moment.',
    'error.retry': 'Try again',
  },
});
