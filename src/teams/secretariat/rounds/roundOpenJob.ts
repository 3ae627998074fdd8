import { formatCount } from '../../../domain/i18n';
import type { Actor } from '../../../domain/report';
import { progressCard } from '../../jobs/progressCard';
import type { JobKind } from '../../jobs/types';
import { deadlineText } from '../cards';
import { carryForward } from './continuations';
import { askContinuations } from '../../continuation/ask';
import { roundsCard } from './roundsCard';
import { announceStep, type AnnounceCursor } from './announceStep';

interface Input {
  roundId: string;
  actor: Actor;
}

/** Before the announcement: `carried` once the continuations are in and nothing is to be announced. */
type Cursor = { carried: true } | AnnounceCursor;

/** The job's id: one per round (a round opened again runs it again, replacing the finished one). */
export const roundOpenJobId = (roundId: string) => `round.open:${roundId}`;

/**
 * `round.open`'s work after the move. First the continuations of granted multi-year measures (a
 * few storage round trips each, hundreds in a large county) in one step: carryForward is
 * idempotent (create-if-absent), so a step repeated after a crash adds nothing. Then the
 * announcement to everyone with the app whom the round concerns, counted and then walked a page a
 * step (announceStep.ts), unless the round was announced already (opened again) or is no longer
 * open (it goes on when the round is opened again).
 */
export const ROUND_OPEN_JOB: JobKind = {
  kind: 'round.open',
  async step(ctx) {
    const { services } = ctx;
    const input = ctx.run.input as unknown as Input;
    const round = await services.rounds.get(input.roundId);
    if (!round) throw new Error(`round ${input.roundId} is gone`);
    const cursor = ctx.run.cursor as Cursor | undefined;
    if (!cursor || !('phase' in cursor)) {
      const carried = await carryForward(services, round, input.actor);
      // The owners confirm, lower or stop each continuation; only confirmed ones go on agendas (outbox keys: asked once).
      const asked = await askContinuations(services, round);
      const figures = { carried, asked };
      const record = await services.announcements.get(round.id);
      if (round.status !== 'open' || !record || record.done) return { cursor: { carried: true } satisfies Cursor, done: 0, total: 0, figures, finished: true };
      return { cursor: { phase: 'count', counted: 0 } satisfies Cursor, done: 0, total: 0, figures, finished: false };
    }
    if (round.status !== 'open') return { cursor, done: ctx.run.done, figures: ctx.run.figures, finished: true };
    return announceStep(ctx, round, cursor);
  },
  progressCard(view, run) {
    const { t, locale } = view;
    const cursor = run.cursor as Cursor | undefined;
    const phase = cursor && 'phase' in cursor ? cursor.phase : undefined;
    const line =
      phase === 'count'
        ? t('job.progress.counting')
        : phase === 'announce'
          ? t('job.progress.announce', { count: run.total, done: formatCount(run.done, locale), sent: formatCount(run.figures.announced ?? 0, locale) })
          : undefined;
    return progressCard(view, run, t('job.roundOpen.title'), line === undefined ? 'none' : { line });
  },
  async doneCard(view, run) {
    const { t, locale, services } = view;
    const round = await services.rounds.get(String(run.input.roundId));
    if (!round) throw new Error(`round ${String(run.input.roundId)} is gone`);
    const carried = run.figures.carried ?? 0;
    const announced = run.figures.announced;
    const notice = [
      t('rounds.opened', { year: round.year, deadline: deadlineText(t, locale, round.deadline) }),
      ...(announced === undefined ? [] : [t('announce.sent', { count: announced })]),
      ...(carried > 0 ? [t('continuation.carried', { count: carried, year: round.year })] : []),
      ...((run.figures.asked ?? 0) > 0 ? [t('continuation.asked', { count: run.figures.asked })] : []),
    ].join(' ');
    return roundsCard(view, { notice });
  },
};
