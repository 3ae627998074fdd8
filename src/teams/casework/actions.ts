import type { ActionHandler } from '../actions/types';
import { decisionGrantAll, decisionGrantAllConfirm, decisionPending } from './decisionBulk';
import { decisionFormAction, decisionPaidAction, decisionPaidConfirmAction, decisionRecordAction } from './decisionRecord';
import { reportCheck, reportCheckPass, reportReturn, reportReturnConfirm } from './reportCheck';
import { reportMoveGroup, reportMoveGroupConfirm } from './reportWorkingGroup';
import { roundExport } from './roundExport';
import { appealForm, appealSave } from './appeal';

/** The secretariat's casework (officers only): one report, its check, decision and payment; the export. */
export const CASEWORK_ACTIONS = {
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
  'appeal.form': appealForm,
  'appeal.save': appealSave,
} satisfies Record<string, ActionHandler>;
