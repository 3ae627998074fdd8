import type { AdaptiveCard } from '../cards/render';
import type { Turn } from '../turn';
import { helpAction } from './helpAction';
import { draftDelete, draftDeleteConfirm, reportCancel, reportClose, reportContinue, reportResume } from './reportDraft';
import { reportEdit, reportOpen, reportWithdraw, reportWithdrawConfirm } from './reportManage';
import { reportMine } from './reportMine';
import { reportNew } from './reportNew';
import { reportBack, reportGoto, reportNext } from './reportStep';
import { reportSubmit } from './reportSubmit';
import { SECRETARIAT_ACTIONS } from '../secretariat/actions';
import { reportCheck, reportCheckPass, reportReturn, reportReturnConfirm } from './reportCheck';
import { reportMoveGroup, reportMoveGroupConfirm } from './reportWorkingGroup';
import { decisionFormAction, decisionPaidAction, decisionPaidConfirmAction, decisionRecordAction } from './decisionRecord';
import { decisionGrantAll, decisionGrantAllConfirm, decisionPending } from './decisionBulk';
import { roundExport } from './roundExport';
import { meetingCreate, meetingList, meetingNew } from '../forum/meetingNew';
import { meetingAdd, meetingMove, meetingPost, meetingRemove, meetingShow } from '../forum/meetingShow';
import { meetingCsv, meetingRecommendation } from '../forum/meetingRecommendation';
import { voteOpen } from '../forum/voteOpen';
import { voteMark } from '../forum/voteMark';
import { voteRefresh } from '../forum/voteRefresh';
import { voteClose } from '../forum/voteClose';
import { privacyDeleteDrafts, privacyDeleteDraftsConfirm, privacyShow } from './privacyData';
import { roundPurge, roundPurgeConfirm } from './roundPurge';

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
  // "My data": what is stored about the caller, and deleting their own drafts.
  'privacy.show': privacyShow,
  'privacy.deleteDrafts': privacyDeleteDrafts,
  'privacy.deleteDraftsConfirm': privacyDeleteDraftsConfirm,
  // The secretariat's round: menu, roles and channels, rounds, overview (officers only).
  ...SECRETARIAT_ACTIONS,
  // The secretariat's casework (officers only): one report, its check, decision and payment.
  'report.check': reportCheck,
  'report.checkPass': reportCheckPass,
  'report.return': reportReturn,
  'report.returnConfirm': reportReturnConfirm,
  'report.moveGroup': reportMoveGroup,
  'report.moveGroupConfirm': reportMoveGroupConfirm,
  'decision.form': decisionFormAction,
  'decision.record': decisionRecordAction,
  'decision.paid': decisionPaidAction,
  'decision.paidConfirm': decisionPaidConfirmAction,
  'decision.pending': decisionPending,
  'decision.grantAll': decisionGrantAll,
  'decision.grantAllConfirm': decisionGrantAllConfirm,
  'export.round': roundExport,
  // Purging rounds past ROUND_RETENTION_YEARS (officers only, after a confirmation).
  'round.purge': roundPurge,
  'round.purgeConfirm': roundPurgeConfirm,
  // Forum meetings (officers build agendas and run votes; members vote in the channel).
  'meeting.list': meetingList,
  'meeting.new': meetingNew,
  'meeting.create': meetingCreate,
  'meeting.show': meetingShow,
  'meeting.add': meetingAdd,
  'meeting.remove': meetingRemove,
  'meeting.move': meetingMove,
  'meeting.post': meetingPost,
  'meeting.recommendation': meetingRecommendation,
  'meeting.csv': meetingCsv,
  'vote.open': voteOpen,
  'vote.mark': voteMark,
  'vote.refresh': voteRefresh,
  'vote.close': voteClose,
};
