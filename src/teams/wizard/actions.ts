import type { ActionHandler } from '../actions/types';
import { draftDelete, draftDeleteConfirm, reportCancel, reportClose, reportContinue, reportResume } from './reportDraft';
import { reportEdit, reportOpen, reportWithdraw, reportWithdrawConfirm } from './reportManage';
import { reportMine } from './reportMine';
import { reportNew } from './reportNew';
import { reportBack, reportGoto, reportNext } from './reportStep';
import { reportSubmit } from './reportSubmit';

/** The owner's report dialog and their reports and drafts, spread into ACTIONS. */
export const WIZARD_ACTIONS = {
  'report.new': reportNew,
  'report.next': reportNext,
  'report.back': reportBack,
  'report.goto': reportGoto,
  'report.close': reportClose,
  'report.cancel': reportCancel,
  'report.continue': reportContinue,
  'report.resume': reportResume,
  'report.submit': reportSubmit,
  'report.mine': reportMine,
  'report.open': reportOpen,
  'report.edit': reportEdit,
  'report.withdraw': reportWithdraw,
  'report.withdrawConfirm': reportWithdrawConfirm,
  'draft.delete': draftDelete,
  'draft.deleteConfirm': draftDeleteConfirm,
} satisfies Record<string, ActionHandler>;
