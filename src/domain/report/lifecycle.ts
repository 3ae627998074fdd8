import type { MessageKey, Params } from '../i18n';
import { formatDate, type Locale } from '../i18n/locale';
import { charCount, cleanText } from './card-input';
import { isBeforeDeadline } from '../deadline';

/**
 * The life of a report (DOMAIN.md section 4) as a table of allowed moves, who may make each,
 * and whether the round's deadline limits it. Every accepted move gives an audit entry.
 */

export const REPORT_STATUSES = [
  'draft',
  'submitted',
  'formally_checked',
  'returned',
  'on_agenda',
  'recommended_by_group',
  'prioritised',
  'not_prioritised',
  'granted',
  'partly_granted',
  'rejected',
  'paid',
  'reported',
  'closed',
  'withdrawn',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export type ActorRole = 'owner' | 'secretariat' | 'system';

export interface Actor {
  role: ActorRole;
  /** Who exactly, e.g. "tenantId:aadObjectId"; kept in the audit trail. */
  id?: string;
  /** The display name at the time, for people reading the trail; never used to identify. */
  name?: string;
}

interface Move {
  from: ReportStatus;
  to: ReportStatus;
  by: readonly ActorRole[];
  /** Only up to the round's deadline. */
  beforeDeadline?: true;
  /** The owner must be told why. */
  needsReason?: true;
}

const OWNER = ['owner'] as const;
const SECRETARIAT = ['secretariat'] as const;

const MOVES: readonly Move[] = [
  { from: 'draft', to: 'submitted', by: OWNER, beforeDeadline: true },
  { from: 'submitted', to: 'formally_checked', by: SECRETARIAT },
  { from: 'submitted', to: 'returned', by: SECRETARIAT, needsReason: true },
  { from: 'submitted', to: 'withdrawn', by: OWNER, beforeDeadline: true },
  // An owner who edits a checked report before the deadline sends it back for a new check.
  { from: 'formally_checked', to: 'submitted', by: OWNER, beforeDeadline: true },
  { from: 'formally_checked', to: 'returned', by: SECRETARIAT, needsReason: true },
  { from: 'formally_checked', to: 'on_agenda', by: SECRETARIAT },
  { from: 'formally_checked', to: 'withdrawn', by: OWNER, beforeDeadline: true },
  // A returned report is back in the owner's hands: fixing it is the point, deadline or not,
  // and so is giving it up.
  { from: 'returned', to: 'submitted', by: OWNER },
  { from: 'returned', to: 'withdrawn', by: OWNER },
  // Taken off an agenda (meeting postponed) without a recommendation.
  { from: 'on_agenda', to: 'formally_checked', by: SECRETARIAT },
  { from: 'on_agenda', to: 'prioritised', by: SECRETARIAT },
  { from: 'on_agenda', to: 'not_prioritised', by: SECRETARIAT },
  // Two steps: a working group recommends (or not), then the forum takes the report up.
  { from: 'on_agenda', to: 'recommended_by_group', by: SECRETARIAT },
  { from: 'recommended_by_group', to: 'on_agenda', by: SECRETARIAT },
  // The forum recommends; the secretariat decides and may depart from the recommendation.
  { from: 'prioritised', to: 'granted', by: SECRETARIAT },
  { from: 'prioritised', to: 'partly_granted', by: SECRETARIAT },
  { from: 'prioritised', to: 'rejected', by: SECRETARIAT },
  { from: 'not_prioritised', to: 'rejected', by: SECRETARIAT },
  { from: 'not_prioritised', to: 'granted', by: SECRETARIAT },
  { from: 'not_prioritised', to: 'partly_granted', by: SECRETARIAT },
  { from: 'granted', to: 'paid', by: SECRETARIAT },
  { from: 'partly_granted', to: 'paid', by: SECRETARIAT },
  { from: 'rejected', to: 'closed', by: ['secretariat', 'system'] },
  { from: 'paid', to: 'reported', by: ['owner', 'secretariat'] },
  // A multi-year measure gets a new recommendation (and payment) each year.
  { from: 'reported', to: 'on_agenda', by: SECRETARIAT },
  { from: 'reported', to: 'closed', by: ['secretariat', 'system'] },
];

function findMove(from: ReportStatus, to: ReportStatus): Move | undefined {
  return MOVES.find((m) => m.from === from && m.to === to);
}

/** Whether the table has this move at all, whoever makes it and whenever. */
export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return findMove(from, to) !== undefined;
}

/** The moves open from a status, for one kind of actor (e.g. to show the right buttons). */
export function nextStatuses(from: ReportStatus, role?: ActorRole): ReportStatus[] {
  return MOVES.filter((m) => m.from === from && (!role || m.by.includes(role))).map((m) => m.to);
}

export function isFinal(status: ReportStatus): boolean {
  return nextStatuses(status).length === 0;
}

export function statusLabelKey(status: ReportStatus) {
  return `report.status.${status}` as const;
}

export interface AuditEntry {
  from: ReportStatus;
  to: ReportStatus;
  /** ISO 8601 instant. */
  at: string;
  actor: Actor;
  reason?: string;
  /** A move a vote made: how it was decided and the count, so the history can tell it in words. */
  vote?: { outcome?: 'prioritised' | 'not_prioritised'; method: string; tally: { prioritise: number; notPrioritise: number; abstain: number } };
  /** A change that is not a move between statuses (from === to), e.g. another working group. */
  change?:
    | { field: 'workingGroup'; from: string; to: string }
    | { field: 'continuation'; from: string; to: string; schoolYear: number; year: number; of: number }
    | AppealChange;
}

/** A decision in brief for the history: its outcome and this school year's amount. */
export interface DecisionBrief {
  outcome: 'granted' | 'partly_granted' | 'rejected';
  amount: number;
}

/**
 * An appeal's step in the audit trail, so the case tells it: received (with the day), then its
 * outcome; a changed decision keeps what it was and what it is now.
 */
export interface AppealChange {
  field: 'appeal';
  step: 'received' | 'upheld' | 'changed' | 'late';
  /** The day the appeal reached Statsforvalteren, YYYY-MM-DD. */
  receivedOn: string;
  /** Received after the three weeks. */
  late?: boolean;
  was?: DecisionBrief;
  now?: DecisionBrief;
}

export interface TransitionOptions {
  actor: Actor;
  at: Date;
  /** The round's deadline: the last instant a report is accepted, edited or withdrawn. */
  deadline: Date;
  reason?: string;
  /** Language of the deadline date inside a refusal message. Default nb. */
  locale?: Locale;
}

export type Refusal = {
  ok: false;
  reason: 'notAllowed' | 'role' | 'afterDeadline' | 'reasonRequired' | 'reasonTooLong';
  key: MessageKey;
  params?: Params;
};

export type TransitionResult = { ok: true; status: ReportStatus; entry: AuditEntry } | Refusal;

export const MAX_REASON_LENGTH = 2000;

export { isBeforeDeadline } from '../deadline';

export function transition(report: { status: ReportStatus }, to: ReportStatus, options: TransitionOptions): TransitionResult {
  const move = findMove(report.status, to);
  if (!move) return { ok: false, reason: 'notAllowed', key: 'report.lifecycle.notAllowed' };
  if (!move.by.includes(options.actor.role)) return { ok: false, reason: 'role', key: 'report.lifecycle.role' };
  if (move.beforeDeadline && !isBeforeDeadline(options.at, options.deadline)) {
    return afterDeadline(options.deadline, options.locale);
  }
  const reason = options.reason === undefined ? '' : cleanText(options.reason.slice(0, MAX_REASON_LENGTH * 4), true);
  if (charCount(reason) > MAX_REASON_LENGTH) {
    return { ok: false, reason: 'reasonTooLong', key: 'report.error.tooLong', params: { max: MAX_REASON_LENGTH, length: charCount(reason) } };
  }
  if (move.needsReason && reason === '') return { ok: false, reason: 'reasonRequired', key: 'report.lifecycle.reasonRequired' };
  const entry: AuditEntry = {
    from: report.status,
    to,
    at: options.at.toISOString(),
    actor: { ...options.actor },
    ...(reason !== '' ? { reason } : {}),
  };
  return { ok: true, status: to, entry };
}

/**
 * Whether the owner may change the content of a report now. Drafts and returned reports always;
 * submitted and checked ones until the deadline; after that the forum works on what was sent.
 */
export function canEdit(report: { status: ReportStatus; continuation?: unknown }, at: Date, deadline: Date, locale?: Locale): { ok: true } | Refusal {
  // A multi-year measure's later year is the measure granted before, not a new report to change.
  if (report.continuation) return { ok: false, reason: 'notAllowed', key: 'report.lifecycle.notEditable' };
  switch (report.status) {
    case 'draft':
    case 'returned':
      return { ok: true };
    case 'submitted':
    case 'formally_checked':
      return isBeforeDeadline(at, deadline) ? { ok: true } : afterDeadline(deadline, locale);
    default:
      return { ok: false, reason: 'notAllowed', key: 'report.lifecycle.notEditable' };
  }
}

/** The status a report gets when its owner saves an edit: a checked report needs a new check. */
export function statusAfterEdit(status: ReportStatus): ReportStatus {
  return status === 'formally_checked' ? 'submitted' : status;
}

function afterDeadline(deadline: Date, locale?: Locale): Refusal {
  return { ok: false, reason: 'afterDeadline', key: 'report.lifecycle.afterDeadline', params: { deadline: formatDate(deadline, locale) } };
}
