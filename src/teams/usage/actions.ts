import type { ActionHandler } from '../actions/types';
import { usageList, usageOpen, usageSave, usageSubmit } from './owner';
import { usageAccept, usageReturn, usageReturnConfirm, usageShow } from './review';
import { usageRound } from './roundView';
import { usageOpenEarly } from './openEarly';
import { usageRepaid, usageUnused } from './unused';

/** Usage reports: the owner's people file them; the secretariat sees the round, accepts or returns them. */
export const USAGE_ACTIONS = {
  'usage.list': usageList,
  'usage.open': usageOpen,
  'usage.save': usageSave,
  'usage.submit': usageSubmit,
  'usage.round': usageRound,
  'usage.show': usageShow,
  'usage.accept': usageAccept,
  'usage.return': usageReturn,
  'usage.returnConfirm': usageReturnConfirm,
  'usage.openEarly': usageOpenEarly,
  'usage.unused': usageUnused,
  'usage.repaid': usageRepaid,
} satisfies Record<string, ActionHandler>;
