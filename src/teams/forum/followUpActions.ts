import type { ActionHandler } from '../actions/types';
import { rulesForm, rulesList, rulesSave } from './rulesEdit';
import { undecidedForm, undecidedLater, undecidedList, undecidedRecord, undecidedSave } from './undecided';

/** The secretariat's follow-up of undecided items, and the voting rules per forum and working group. */
export const FOLLOW_UP_ACTIONS = {
  'undecided.list': undecidedList,
  'undecided.form': undecidedForm,
  'undecided.later': undecidedLater,
  'undecided.record': undecidedRecord,
  'rules.list': rulesList,
  'rules.form': rulesForm,
  'rules.save': rulesSave,
  'undecided.save': undecidedSave,
} satisfies Record<string, ActionHandler>;
