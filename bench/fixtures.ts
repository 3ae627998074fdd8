import type { NeedsReport } from '../src/domain/report';

/** The playground's tenant: every benchmark's people live there. */
export const TENANT = '6893935a-4e95-432b-bd7a-bdba9c0741b1';

/** A complete, realistic DEKOM report, as the wizard stores it. */
export const REPORT: NeedsReport = {
  ownerName: 'Eksempel kommune',
  ownerOrgnr: '974760673',
  ownerType: 'kommune',
  network: [
    { name: 'Nabo kommune', orgnr: '123456785' },
    { name: 'Tredje kommune', orgnr: '921605900' },
  ],
  region: 'asker-baerum',
  scheme: 'DEKOM',
  contactName: 'Kari Nordmann',
  contactEmail: 'kari.nordmann@eksempel.kommune.no',
  contactPhone: '22 00 00 00',
  title: 'Lesing i alle fag',
  needAndGoal: 'Kartleggingen viser at lesing er et felles ansvar i alle fag. '.repeat(12).trim(),
  theme: 'lesing',
  targetGroups: ['ledere', 'laerere'],
  unitCount: 12,
  units: [{ name: 'Solsiden skole', orgnr: '940192226' }, { name: 'Bakken skole' }],
  participants: 240,
  uhName: 'OsloMet – storbyuniversitetet',
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
