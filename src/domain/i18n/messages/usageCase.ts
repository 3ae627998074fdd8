import { defineMessages } from '../catalog';

// The usage reports of a measure on the secretariat's case card (`vis BM-…`).
export const usageCaseMessages = defineMessages({
  nb: {
    'usage.case.section': 'Rapportering for skoleåret {schoolYear}',
    'usage.case.status': 'Status',
    'usage.case.paid': 'Utbetalt',
    'usage.case.due': 'Frist',
    'usage.case.open': 'Åpne rapporten',
    'usage.case.round': 'Rapportering i innmeldingsrunden',
  },
  nn: {
    'usage.case.section': 'Rapportering for skoleåret {schoolYear}',
    'usage.case.status': 'Status',
    'usage.case.paid': 'Utbetalt',
    'usage.case.due': 'Frist',
    'usage.case.open': 'Opne rapporten',
    'usage.case.round': 'Rapporteringa i innmeldingsrunden',
  },
  en: {
    'usage.case.section': 'Usage report for the school year {schoolYear}',
    'usage.case.status': 'Status',
    'usage.case.paid': 'Paid',
    'usage.case.due': 'Due',
    'usage.case.open': 'Open the report',
    'usage.case.round': 'Usage reports of the filing round',
  },
});
