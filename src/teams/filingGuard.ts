import { ownerWindow } from '../domain/filingWindow';
import type { Refusal as LifecycleRefusal, ReportStatus } from '../domain/report';
import type { Round } from '../domain/round';
import { Refusal } from './refusals';
import type { Turn } from './turn';

/**
 * The one gate of every owner write (filing, a wizard step on a draft, resuming a draft, editing,
 * submitting an edit, withdrawing): refused outside the round's open time, saying why and since
 * when (domain/filingWindow.ts). Officers' work never passes here. `status` is the report's when
 * the write concerns one (a returned report may be fixed in a closed round).
 */
export function filingRefusal(turn: Turn, round: Round, status?: ReportStatus): LifecycleRefusal | undefined {
  const w = ownerWindow(round, turn.services.now(), status, turn.locale);
  return w.ok ? undefined : { ok: false, reason: 'afterDeadline', key: w.key, params: w.params };
}

/** The same gate as a refusal card in place of the pressed one. */
export function requireFilingOpen(turn: Turn, round: Round, status?: ReportStatus): void {
  const refused = filingRefusal(turn, round, status);
  if (refused) throw new Refusal(refused.key, refused.params);
}

/**
 * For the write itself, inside the report row's ETag guard: the round read afresh and the status
 * as stored, so a round closed (or a report moved) since the press began still refuses.
 */
export async function filingCheckAtWrite(turn: Turn, roundId: string): Promise<(status: ReportStatus) => LifecycleRefusal | undefined> {
  // From storage, not the instance's cache: a close pressed on another instance a moment ago wins.
  return filingCheckOf(turn, await turn.services.rounds.fresh(roundId));
}

/** filingCheckAtWrite with the round already read from storage in this turn. */
export function filingCheckOf(turn: Turn, round: Round | undefined): (status: ReportStatus) => LifecycleRefusal | undefined {
  return (status) => (round ? filingRefusal(turn, round, status) : { ok: false, reason: 'notAllowed', key: 'round.none' });
}
