import { INPUT_STEPS, validateStep, type InputStep, type ReportDraft } from '../../src/domain/report';

/** Card input for every step of a complete, valid DEKOM report, as Teams would send it. */
export const GOOD_INPUT: Record<InputStep, Record<string, unknown>> = {
  owner: {
    ownerName: 'Eksempel kommune',
    ownerOrgnr: '974 760 673',
    ownerType: 'kommune',
    region: 'asker-baerum',
    scheme: 'DEKOM',
  },
  contact: {
    network: 'Nabo kommune; 123 456 785\nTredje kommune; 921605900',
    contactName: 'Kari Nordmann',
    contactEmail: 'kari.nordmann@eksempel.kommune.no',
    contactPhone: '22 00 00 00',
  },
  measure: {
    title: 'Lesing i alle fag',
    needAndGoal: 'Kartleggingen viser at...\nMålet er at alle lærere...',
    theme: 'lesing',
    themeOther: '',
  },
  targets: {
    targetGroups: 'ledere,laerere',
    unitCount: '12',
    units: 'Solsiden skole; 940192226\nBakken skole',
    participants: 240,
  },
  partner: {
    uhName: 'OsloMet – storbyuniversitetet',
    uhOrgnr: '983 765 238',
    uhContact: 'Ola Professor',
    uhDialogueConfirmed: 'true',
    staffInvolved: 'true',
  },
  period: {
    startYear: '2027',
    years: '2',
  },
  money: {
    year1Owner: '1 000 000',
    year1Uh: '250 000',
    year1OwnContribution: '375 000',
    year2Owner: '800000',
    year2Uh: '200000',
    year2OwnContribution: '300 000',
  },
};

export const CONTEXT = { roundYear: 2027 } as const;

/** A megabyte of text: what a careless or hostile paste looks like. */
export const MEGABYTE = 'x'.repeat(1024 * 1024);

/** Draft a step sees: what the earlier steps of the good report gave. */
export function draftBefore(step: InputStep): ReportDraft {
  let draft: ReportDraft = {};
  for (const s of INPUT_STEPS) {
    if (s === step) break;
    const r = validateStep(s, GOOD_INPUT[s], draft, CONTEXT);
    if (!r.ok) throw new Error(`fixture step ${s} should be valid: ${JSON.stringify(r.errors)}`);
    draft = r.draft;
  }
  return draft;
}
