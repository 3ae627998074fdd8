import { z } from 'zod';
import { PersonSchema } from '../roles';
import { charCount, cleanText } from '../report/card-input';
import type { Method, Outcome } from './rules';

/**
 * An undecided item's way out (DOMAIN.md section 5, issue 12 item 4): after the meeting the
 * secretariat either puts it on a later meeting (a new vote there) or records the meeting's result
 * from what was agreed (e.g. orally), with a note. Recorded once per item, with who and when.
 */

export const MAX_FOLLOW_UP_NOTE = 1000;

export const FollowUpSchema = z.object({
  kind: z.enum(['later', 'recorded']),
  /** For `recorded`: the result the meeting reached. */
  outcome: z.enum(['prioritised', 'not_prioritised']).optional(),
  note: z.string().max(MAX_FOLLOW_UP_NOTE * 2),
  by: PersonSchema,
  byName: z.string().max(120).optional(),
  at: z.string(),
  /** For `later`: the meeting it was put on, when one was chosen (else the next one made takes it). */
  toMeetingId: z.string().max(80).optional(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** The result an item shows once followed up: a recorded result replaces the vote's undecided one. */
// Generic over the result (meeting.ts's ItemResult), which holds a FollowUp itself.
type Settleable = { outcome: Outcome; method: Method; followUp?: FollowUp };

export function settledResult<R extends Settleable>(result: R, followUp: FollowUp | undefined): R {
  if (!followUp) return result;
  if (followUp.kind === 'recorded' && followUp.outcome) return { ...result, outcome: followUp.outcome, method: 'recorded', followUp };
  return { ...result, followUp };
}

/** Undecided and not yet followed up: what the secretariat still has to settle. */
export function awaitsFollowUp(result: Settleable | undefined): boolean {
  return result !== undefined && result.outcome === 'undecided' && !result.followUp;
}

export type NoteCheck = { ok: true; note: string } | { ok: false; key: 'forum.undecided.noteRequired' | 'forum.undecided.noteTooLong' };

/** A note as typed: cleaned; required when recording a result, optional when moving the item on. */
export function checkNote(raw: unknown, required: boolean): NoteCheck {
  const note = typeof raw === 'string' ? cleanText(raw.slice(0, MAX_FOLLOW_UP_NOTE * 4), true) : '';
  if (required && note === '') return { ok: false, key: 'forum.undecided.noteRequired' };
  if (charCount(note) > MAX_FOLLOW_UP_NOTE) return { ok: false, key: 'forum.undecided.noteTooLong' };
  return { ok: true, note };
}
