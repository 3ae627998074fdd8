import { defineMessages } from '../catalog';

// Money per school year: what a round's year asks of its budget, and what is bound for later years.
export const moneyMessages = defineMessages({
  nb: {
    'money.requestedYear': 'Søkt for skoleåret {schoolYear}',
    'money.later': 'Bundet for senere år',
    'money.laterLine': 'Bundet for senere år: {later}.',
    'money.laterByScheme': '{scheme}: bundet for senere år {later}',
    'money.grantedYear': 'Innvilget for skoleåret {schoolYear}: {amount}. Bundet for senere år: {later}.',
    'money.paidYear': 'Utbetaling for skoleåret {schoolYear}',
    'money.bulkConfirm.one': 'Innvilg {count} prioritert melding som søkt: {amount} for skoleåret {schoolYear}, og {later} bundet for senere år?',
    'money.bulkConfirm.other': 'Innvilg {count} prioriterte meldinger som søkt: {amount} for skoleåret {schoolYear}, og {later} bundet for senere år?',
  },
  nn: {
    'money.requestedYear': 'Søkt for skuleåret {schoolYear}',
    'money.later': 'Bunde for seinare år',
    'money.laterLine': 'Bunde for seinare år: {later}.',
    'money.laterByScheme': '{scheme}: bunde for seinare år {later}',
    'money.grantedYear': 'Innvilga for skuleåret {schoolYear}: {amount}. Bunde for seinare år: {later}.',
    'money.paidYear': 'Utbetaling for skuleåret {schoolYear}',
    'money.bulkConfirm.one': 'Innvilge {count} prioritert melding som søkt: {amount} for skuleåret {schoolYear}, og {later} bunde for seinare år?',
    'money.bulkConfirm.other': 'Innvilge {count} prioriterte meldingar som søkt: {amount} for skuleåret {schoolYear}, og {later} bunde for seinare år?',
  },
  en: {
    'money.requestedYear': 'Requested for the school year {schoolYear}',
    'money.later': 'Committed for later years',
    'money.laterLine': 'Committed for later years: {later}.',
    'money.laterByScheme': '{scheme}: committed for later years {later}',
    'money.grantedYear': 'Granted for the school year {schoolYear}: {amount}. Committed for later years: {later}.',
    'money.paidYear': 'Payment for the school year {schoolYear}',
    'money.bulkConfirm.one': 'Grant {count} prioritised report as requested: {amount} for the school year {schoolYear}, and {later} committed for later years?',
    'money.bulkConfirm.other':
      'Grant {count} prioritised reports as requested: {amount} for the school year {schoolYear}, and {later} committed for later years?',
  },
});
