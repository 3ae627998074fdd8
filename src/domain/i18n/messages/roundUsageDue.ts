import { defineMessages } from '../catalog';

// A round's due day for usage reports: the `ny runde` form's input and the rounds card.
export const roundUsageDueMessages = defineMessages({
  nb: {
    'round.field.usageDue': 'Frist for rapportering om bruk av midlene (MM-DD)',
    'round.field.usageDueHint': 'Dagen etter hvert skoleår da eierne skal ha rapportert. Tomt betyr 01-15 (15. januar).',
    'round.error.usageDue': 'Skriv fristen som måned og dag, MM-DD, for eksempel 01-15 for 15. januar. 29. februar går ikke.',
    'rounds.field.usageDue': 'Frist for rapportering',
    'rounds.usageDue': '{first} for skoleåret {schoolYear}, så samme dag hvert år',
  },
  nn: {
    'round.field.usageDue': 'Frist for rapportering om bruk av midlane (MM-DD)',
    'round.field.usageDueHint': 'Dagen etter kvart skoleår då eigarane skal ha rapportert. Tomt tyder 01-15 (15. januar).',
    'round.error.usageDue': 'Skriv fristen som månad og dag, MM-DD, til dømes 01-15 for 15. januar. 29. februar går ikkje.',
    'rounds.field.usageDue': 'Frist for rapportering',
    'rounds.usageDue': '{first} for skoleåret {schoolYear}, så same dag kvart år',
  },
  en: {
    'round.field.usageDue': 'Due day for usage reports (MM-DD)',
    'round.field.usageDueHint': 'The day after each school year by which owners must have reported. Empty means 01-15 (15 January).',
    'round.error.usageDue': 'Write the due day as month and day, MM-DD, for example 01-15 for 15 January. 29 February is not possible.',
    'rounds.field.usageDue': 'Usage reports due',
    'rounds.usageDue': '{first} for the school year {schoolYear}, then the same day every year',
  },
});
