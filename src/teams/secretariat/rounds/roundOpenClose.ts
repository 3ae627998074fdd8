import { z } from 'zod';
import type { MessageKey, Params } from '../../../domain/i18n';
import type { Round } from '../../../domain/round';
import { closeRound, openRound, type RoundMove } from '../../../domain/secretariat/round-setup';
import type { ActionHandler, ActionResult } from '../../actions/types';
import type { Turn } from '../../turn';
import { action } from '../../cards/action';
import { deadlineText, messageCard } from '../cards';
import { requireOfficer } from '../../requireOfficer';
import { roundsCard } from './roundsCard';
import { ROUND_OPEN_JOB, roundOpenJobId } from './roundOpenJob';
import { runFromPress } from '../../jobs/press';
import { officerActor } from '../../casework/load';
import { requestAnnouncement } from './roundAnnounce';

const RoundRef = z.object({ roundId: z.string().regex(/^[a-z0-9-]{1,40}$/) });

class MoveRefused extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params?: Params,
  ) {
    super(key);
  }
}

/** Applies a move under the round's ETag: the rule sees the round as stored at that moment. */
async function move(
  turn: Turn,
  data: Record<string, unknown>,
  rule: (r: Round, all: Round[]) => RoundMove,
  done: MessageKey,
  after?: (round: Round) => Promise<string | ActionResult>,
  rounds?: Round[],
): Promise<ActionResult> {
  await requireOfficer(turn);
  const { t, services, locale } = turn;
  const ref = RoundRef.safeParse(data);
  const all = rounds ?? (await services.rounds.list());
  try {
    const updated = ref.success
      ? await services.rounds.update(ref.data.roundId, (r) => {
          const m = rule(r, all);
          if (!m.ok) throw new MoveRefused(m.key, m.params);
          return m.round;
        })
      : undefined;
    if (!updated) return { card: await roundsCard(turn, { error: t('round.error.notFound') }) };
    services.logger.info('round status changed', { roundId: updated.id, status: updated.status });
    const extra = after ? await after(updated) : '';
    if (typeof extra !== 'string') return extra;
    const notice = t(done, { year: updated.year, deadline: deadlineText(t, locale, updated.deadline) }) + (extra ? ` ${extra}` : '');
    return { card: await roundsCard(turn, { notice }) };
  } catch (err) {
    if (err instanceof MoveRefused) return { card: await roundsCard(turn, { error: t(err.key, err.params) }) };
    throw err;
  }
}

/**
 * `round.open`: owners can file from now until the deadline, and are told so by the round-open job
 * (continuations, then the announcement), which answers the press with its progress card. The
 * announcement is recorded before the move (see requestAnnouncement), so a crash before the job
 * starts still announces (the scheduler starts it then).
 */
export const roundOpen: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  // One read of the rounds for both decisions, so the announcement is recorded only where the move
  // will be judged on the same rounds (the round itself is judged again under its ETag).
  const all = await turn.services.rounds.list();
  const recorded = await requestAnnouncement(turn, data, all);
  return move(
    turn,
    data,
    (r, all) => {
      const m = openRound(r, all, turn.services.now());
      // A simultaneous press opened it after this one recorded the announcement: both presses did
      // the one opening, so this one finishes it (continuations are idempotent) rather than refusing
      // after a write.
      return !m.ok && m.key === 'round.error.alreadyOpen' && recorded ? { ok: true, round: r } : m;
    },
    'rounds.opened',
    // Measures granted or paid since the round was created come in now, then the round is announced,
    // as a job (roundOpenJob.ts); continuations already here stay as they are. A round closed early and
    // opened again runs it again (its announcement goes on if unfinished, and is not made twice).
    (round) =>
      runFromPress(turn, ROUND_OPEN_JOB, { id: roundOpenJobId(round.id), input: { roundId: round.id, actor: officerActor(turn) }, total: 0 }, { again: true }),
    all,
  );
};

/** `round.close`: asks first, since owners lose the rest of their time. */
export const roundClose: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const { t, locale } = turn;
  const ref = RoundRef.safeParse(data);
  let round = ref.success ? await turn.services.rounds.get(ref.data.roundId) : undefined;
  // Opened on another instance within the cache time: the round as stored decides before refusing.
  if (round && round.status !== 'open') round = await turn.services.rounds.fresh(round.id);
  if (!round) return { card: await roundsCard(turn, { error: t('round.error.notFound') }) };
  if (round.status !== 'open') return { card: await roundsCard(turn, { error: t('round.error.notOpen') }) };
  return {
    card: messageCard({
      title: t('rounds.closeConfirm.title', { year: round.year }),
      text: t('rounds.closeConfirm.text', { deadline: deadlineText(t, locale, round.deadline) }),
      color: 'Warning',
      actions: [action(t('rounds.closeConfirm.yes'), 'round.closeConfirm', { roundId: round.id }), action(t('secretariat.cancel'), 'round.list', {})],
    }),
  };
};

/** `round.closeConfirm`: closes by hand before the deadline. */
export const roundCloseConfirm: ActionHandler = (turn, data) => move(turn, data, (r) => closeRound(r, turn.services.now()), 'rounds.closed');
