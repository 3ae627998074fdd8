import { cardMessage } from '../cards/attach';
import { jobCardAdopted, runFromCommand } from '../jobs/press';
import { progressCard } from '../jobs/progressCard';
import type { CardView, JobKind } from '../jobs/types';
import { requireOfficer } from '../requireOfficer';
import { messageCard } from '../secretariat/cards';
import type { Turn } from '../turn';
import type { JobRun } from '../../storage/jobRuns';
import { formatCount, pickLocale, translator } from '../../domain/i18n';

/** One rebuild at a time for the whole County Governor: a second command while it runs joins it. */
const JOB_ID = 'analysis.rebuild';

function doneCard(view: CardView, run: JobRun) {
  const { t } = view;
  return messageCard({
    title: t('analysis.title', { scope: t('analysis.scope.all') }),
    text: t('analysis.rebuilt', { reports: run.figures.reports ?? 0, rounds: run.figures.rounds ?? run.total }),
  });
}

/**
 * Recounts every round's tallies from its reports, a round a step (Aggregates.rebuild, safe beside
 * ongoing refreshes and safe to run again, so a round repeated after a crash or a takeover counts
 * the same). Rounds in id order; the count of reports is the checkpoint's plus this round's.
 */
export const ANALYSIS_REBUILD_JOB: JobKind = {
  kind: 'analysis.rebuild',
  async step(ctx) {
    const { services, run } = ctx;
    const rounds = (await services.rounds.list()).map((r) => r.id).sort();
    const next = (run.cursor as { next?: number } | undefined)?.next ?? 0;
    const reports = (run.figures.reports ?? 0) + (next < rounds.length ? await services.aggregates.rebuild(rounds[next]) : 0);
    const done = Math.min(next + 1, rounds.length);
    const figures = { reports, rounds: rounds.length };
    const finished = done >= rounds.length;
    // No card to update (Teams gave no id for it): the figures come as a message of their own, unless
    // the job ended while the command still waited for it (its answer has them; elapsed time decides,
    // as the command's wait does).
    const answered = Date.now() - Date.parse(run.createdAt) <= services.jobs.pressWaitMs;
    if (finished && !answered && run.by.includes(':') && !(await jobCardAdopted(services, run))) {
      const [tenantId, aadObjectId] = run.by.split(':');
      const locale = pickLocale(run.locale);
      const card = doneCard({ t: translator(locale), locale, services }, { ...run, figures });
      await services.deliver({ kind: 'personal', key: `analysis-rebuild:${Date.parse(run.createdAt)}`, tenantId, aadObjectId, activity: cardMessage(card) });
    }
    return { cursor: { next: done }, done, total: rounds.length, figures, finished };
  },
  progressCard(view, run) {
    const { t, locale } = view;
    return progressCard(view, run, t('job.rebuild.title'), { line: t('job.progress.rounds', { count: run.total, done: formatCount(run.done, locale) }) });
  },
  async doneCard(view, run) {
    return doneCard(view, run);
  },
};

/**
 * `analyse gjenoppbygg` / `analysis rebuild` (officers): recounts every round's tallies from the
 * reports, for when the figures are ever in doubt, as a job (resumed after a crash, one instance
 * at a time); the tallies stay readable meanwhile (each report's refresh is ETag-checked).
 */
export async function analysisRebuild(turn: Turn): Promise<void> {
  await requireOfficer(turn);
  const rounds = await turn.services.rounds.list();
  await runFromCommand(turn, ANALYSIS_REBUILD_JOB, { id: JOB_ID, input: {}, total: rounds.length }, { again: true });
}
