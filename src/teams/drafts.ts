import type { InputStep, ReportDraft } from '../domain/report';
import type { Draft } from '../storage/drafts';

/** What a report draft holds (the wizard fills it; "my data" lists it): the clean report so far, and what was typed on steps left unfinished. */
export interface WizardData {
  report: ReportDraft;
  raw: Partial<Record<InputStep, Record<string, string>>>;
  /** The reference of the report this draft edits, for the card titles. */
  reference?: string;
  /** The step layout `step` counts in; absent on drafts saved under the old six steps. */
  layout?: number;
}
export type WizardDraft = Draft<WizardData>;
