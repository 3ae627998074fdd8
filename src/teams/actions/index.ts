import type { AdaptiveCard } from '../cards/render';
import type { Turn } from '../turn';
import { helpAction } from './helpAction';
import { draftDelete, draftDeleteConfirm, reportClose, reportContinue, reportResume } from './reportDraft';
import { reportEdit, reportOpen, reportWithdraw, reportWithdrawConfirm } from './reportManage';
import { reportMine } from './reportMine';
import { reportNew } from './reportNew';
import { reportBack, reportGoto, reportNext } from './reportStep';
import { reportSubmit } from './reportSubmit';

/** What a card action answers: a card that replaces the pressed one, or a short text. */
export type ActionResult = { card: AdaptiveCard } | { message: string };
export type ActionHandler = (turn: Turn, data: Record<string, unknown>) => Promise<ActionResult>;

/** Every Action.Execute verb the bot answers, in one table. */
export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  'help.show': helpAction,
  'report.new': reportNew,
  'report.next': reportNext,
  'report.back': reportBack,
  'report.goto': reportGoto,
  'report.close': reportClose,
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
};
