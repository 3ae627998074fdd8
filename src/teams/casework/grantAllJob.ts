import type { Decision } from '../../domain/decision';
import { formatNok } from '../../domain/i18n';
import { formatSchoolYear, yearSummaries, type Actor, type NeedsReport } from '../../domain/report';
import { addSplits, NO_MONEY, splitOfColumns } from '../../domain/money/schoolYear';
import type { Round } from '../../domain/round';
import { RefusedError, type ReportRecord } from '../../storage/reports';
import { action } from '../cards/action';
import { renderCard } from '../cards/render';
import { progressCard } from '../jobs/progressCard';
import type { JobKind, StepContext } from '../jobs/types';
import { tellDecision } from './notify';

// Reports granted per step (each an ETag write and an outbox write), a few at a time.
const GRANTS_PER_STEP = 20;
const PARALLEL = 4;

/** What the press asked for: the round, who granted, and the decision's time (one for the whole run). */
interface Input {
  roundId: string;
  year: number;
  actor: Actor;
  at: string;
  /** The reports the ledger's plan grants (those fitting under the cut line), in agenda order. */
  ids: string[];
  /** The lines naming the reports left for the officer and why, in the officer's language. */
  left: string[];
}
type Cursor = { phase: 'grant' | 'tell'; next?: number };

async function roundOf(ctx: StepContext, id: string): Promise<Round> {
  const memo = ctx.memo.get('round') as Round | undefined;
  if (memo) return memo;
  const round = await ctx.services.rounds.get(id);
  if (!round) throw new Error(`round ${id} is gone`);
  ctx.memo.set('round', round);
  return round;
}

/**
 * Grants one report as requested under its ETag; a report decided by hand meanwhile (or by a
 * second run) is refused and left alone. Its owner is told with the key a single decision uses.
 */
async function grantOne(ctx: StepContext, input: Input, r: ReportRecord<NeedsReport>): Promise<boolean> {
  const { reports } = ctx.services;
  const { actor, at } = input;
  const amounts = yearSummaries(r.data).map((y) => y.grant);
  const decision: Decision = {
    outcome: 'granted',
    amounts,
    total: amounts.reduce((a, b) => a + b, 0),
    at,
    by: actor.id!,
    bulk: true,
    ...(actor.name ? { byName: actor.name } : {}),
  };
  try {
    const done = await reports.setStatus<NeedsReport>(
      input.roundId,
      r.id,
      (status) => (status === 'prioritised' ? { from: status, to: 'granted', at, actor } : { ok: false, reason: 'notAllowed', key: 'decision.already' }),
      { decision },
    );
    await tellDecision(ctx, done, await roundOf(ctx, input.roundId));
    return true;
  } catch (err) {
    if (!(err instanceof RefusedError)) throw err;
    return false;
  }
}

/**
 * `decision.grantAllConfirm`'s work: the reports still prioritised, a page at a time, each under
 * its own ETag (a page repeated after a crash finds its reports granted and leaves them), then
 * one pass telling the owners of reports this run granted whose message a crash kept from the
 * outbox. The figures are counted from the reports this run granted, so a repeated page counts
 * nothing twice.
 */
export const GRANT_ALL_JOB: JobKind = {
  kind: 'decision.grantAll',
  async step(ctx) {
    const input = ctx.run.input as unknown as Input;
    const { reports, outbox } = ctx.services;
    const cursor = (ctx.run.cursor as Cursor | undefined) ?? { phase: 'grant' };
    if (cursor.phase === 'grant') {
      const from = cursor.next ?? 0;
      const ids = input.ids.slice(from, from + GRANTS_PER_STEP);
      const page = (await Promise.all(ids.map((id) => reports.get<NeedsReport>(input.roundId, id)))).filter((r) => r !== undefined);
      for (let i = 0; i < page.length; i += PARALLEL) await Promise.all(page.slice(i, i + PARALLEL).map((r) => grantOne(ctx, input, r)));
      const next = from + ids.length;
      const done = Math.min(ctx.run.total, next);
      return { cursor: { phase: next >= input.ids.length ? 'tell' : 'grant', next } satisfies Cursor, done, finished: false };
    }
    // Every report this run granted: the figures, and owners a crash kept from being told.
    let granted = 0;
    let split = NO_MONEY;
    for await (const r of reports.listRound<NeedsReport>(input.roundId, ['granted'])) {
      if (!r.decision?.bulk || r.decision.at !== input.at || r.decision.by !== input.actor.id) continue;
      granted++;
      split = addSplits(split, splitOfColumns(r.summary, input.year));
      // One point read per report (the filer's key) tells most apart; the per-person keys make a repeat send nothing.
      if (!(await outbox.get(`decision:${r.id}:${r.createdBy.tenantId}:${r.createdBy.aadObjectId}`)))
        await tellDecision(ctx, r, await roundOf(ctx, input.roundId));
    }
    const figures = { granted, thisYear: split.thisYear, later: split.later, skipped: Math.max(0, ctx.run.total - granted) };
    return { cursor, done: ctx.run.total, figures, finished: true };
  },
  progressCard(view, run) {
    return progressCard(view, run, view.t('job.grantAll.title'), 'reports');
  },
  async doneCard(view, run) {
    const { t, locale } = view;
    const input = run.input as unknown as Input;
    const f = run.figures;
    const text = [
      // The total names this school year's money; later years are commitments decided again later (issue 22, item 3).
      t('decision.bulk.done', { count: f.granted ?? 0, amount: formatNok(f.thisYear ?? 0, locale) }),
      t('money.grantedYear', {
        schoolYear: formatSchoolYear(input.year),
        amount: formatNok(f.thisYear ?? 0, locale),
        later: formatNok(f.later ?? 0, locale),
      }),
      ...((f.skipped ?? 0) > 0 ? [t('decision.bulk.skipped', { count: f.skipped })] : []),
      ...(input.left ?? []),
    ].join('\n\n');
    return renderCard('message', {
      title: t('decision.bulk.action'),
      text,
      color: (input.left ?? []).length > 0 ? 'Attention' : 'Good',
      actions: [action(t('decision.list.title', { year: input.year }), 'decision.pending', { roundId: input.roundId })],
    });
  },
};
