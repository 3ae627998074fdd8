import type { NeedsReport } from '../../src/domain/report';

/** A complete, valid two-year DEKOM report as stored (texts with ; " and a line break, for exports). */
export const SAMPLE_REPORT: NeedsReport = {
  ownerName: 'Eksempel kommune',
  ownerOrgnr: '974760673',
  ownerType: 'kommune',
  network: [{ name: 'Nabo kommune', orgnr: '123456785' }],
  region: 'asker-baerum',
  scheme: 'DEKOM',
  contactName: 'Kari Nordmann',
  contactEmail: 'kari@eksempel.no',
  contactPhone: '+47 22 00 00 00',
  title: 'Lesing i alle fag',
  needAndGoal: 'Behov;\n"mål"',
  theme: 'lesing',
  themeOther: undefined,
  targetGroups: ['ledere', 'laerere'],
  unitCount: 12,
  units: [{ name: 'Bakken skole' }],
  participants: 240,
  uhName: 'OsloMet',
  uhOrgnr: '983765238',
  uhContact: 'Ola Professor',
  uhDialogueConfirmed: true,
  staffInvolved: true,
  startYear: 2027,
  years: 2,
  amounts: [
    { owner: 1_000_000, uh: 250_000, ownContribution: 375_000 },
    { owner: 800_000, uh: 200_000, ownContribution: 300_000 },
  ],
} as NeedsReport;
