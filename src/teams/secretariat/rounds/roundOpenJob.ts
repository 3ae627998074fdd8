import type { Actor } from '../../../domain/report';
import { progressCard } from '../../jobs/progressCard';
import type { JobKind } from '../../jobs/types';
import { deadlineText } from '../cards';
import { carryForward } from './continuations';
import { askContinuations } from '../../continuation/ask';
import { roundsCard } from './roundsCard';

interface Input {
  roundId: string;
  actor: Actor;
}

/**
 * `round.open`'s work after the move: the continuations of granted multi-year measures (a few
 * storage round trips each, hundreds in a large county). One step: carryForward is idempotent
 * (create-if-absent), so a step repeated after a crash adds nothing. The announcement to owners
 * is a job of its own, walked page by page by the scheduler (scheduler/announcements.ts).
 */
export const ROUND_OPEN_JOB: JobKind = {
  kind: 'round.open',
  async step(ctx) {
    const input = ctx.run.input as unknown as Input;
    const round = await ctx.services.rounds.get(input.roundId);
    if (!round) throw new Error(`round ${input.roundId} is gone`);
    const carried = await carryForward(ctx.services, round, input.actor);
    // The owners confirm, lower or stop each continuation; only confirmed ones go on agendas (outbox keys: asked once).
    const asked = await askContinuations(ctx.services, round);
    return { cursor: { carried: true }, done: 1, total: 1, figures: { carried, asked }, finished: true };
  },
  progressCard(view, run) {
    return progressCard(view, run, view.t('job.roundOpen.title'), 'none');
  },
  async doneCard(view, run) {
    const { t, locale, services } = view;
    const round = await services.rounds.get(String(run.input.roundId));
    if (!round) throw new Error(`round ${String(run.input.roundId)} is gone`);
    const carried = run.figures.carried ?? 0;
    const notice = [
      t('rounds.opened', { year: round.year, deadline: deadlineText(t, locale, round.deadline) }),
      t('announce.queued'),
      ...(carried > 0 ? [t('continuation.carried', { count: carried, year: round.year })] : []),
      ...((run.figures.asked ?? 0) > 0 ? [t('continuation.asked', { count: run.figures.asked })] : []),
    ].join(' ');
    return roundsCard(view, { notice });
  },
};
