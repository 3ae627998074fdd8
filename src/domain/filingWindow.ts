import type { MessageKey, Params } from './i18n';
import { formatDate, formatDateTime, type Locale } from './i18n/locale';
import { deadlineEnd, isBeforeDeadline } from './deadline';
import type { ReportStatus } from './report/lifecycle';

/**
 * The one rule for when an owner may write: file a report, change it, withdraw it, or work on a
 * draft. Only while the round is open and before its deadline. A round closed by hand is closed
 * even if its deadline is still ahead; a planned round is not open yet.
 *
 * One exception, from the life of a report (DOMAIN.md section 4): a report the secretariat has
 * returned for correction is back in the owner's hands, and fixing and resubmitting it (or giving
 * it up) is allowed whatever the round's state, since returns come after the deadline too.
 */
export type OwnerWindow = { ok: true } | { ok: false; why: 'planned' | 'closed' | 'afterDeadline'; key: MessageKey; params: Params };

/** What the rule reads of a round (round.ts's Round has it; named here so round.ts may use the rule). */
export interface RoundWindow {
  status: 'planned' | 'open' | 'closed';
  deadline: string;
  year: number;
  closedAt?: string;
}

export function ownerWindow(round: RoundWindow, now: Date, reportStatus?: ReportStatus, locale?: Locale): OwnerWindow {
  if (reportStatus === 'returned') return { ok: true };
  const deadline = formatDate(round.deadline, locale);
  if (round.status === 'planned') return { ok: false, why: 'planned', key: 'filing.planned', params: { year: round.year, deadline } };
  if (round.status === 'closed') {
    // Closed by hand before the deadline: the time it closed is the date that matters.
    const early = round.closedAt !== undefined && Date.parse(round.closedAt) <= deadlineEnd(round.deadline);
    if (early)
      return { ok: false, why: 'closed', key: 'filing.closedEarly', params: { year: round.year, closedAt: formatDateTime(round.closedAt!, locale), deadline } };
    if (isBeforeDeadline(now, round.deadline)) return { ok: false, why: 'closed', key: 'filing.closed', params: { year: round.year, deadline } };
  }
  if (round.status === 'closed' || !isBeforeDeadline(now, round.deadline)) {
    return { ok: false, why: 'afterDeadline', key: 'round.closed', params: { deadline } };
  }
  return { ok: true };
}
