import type { Decision } from '../../domain/decision';
import { formatNok } from '../../domain/i18n';
import { formatSchoolYear, yearSummaries, type Actor, type NeedsReport } from '../../domain/report';
import { addSplits, NO_MONEY, splitOfColumns } from '../../domain/money/schoolYear';
import { askedOf, committedBy, committedOf, lineKey, lineOf, scopeOfRow, type Ledger, type LedgerRow } from '../../domain/money/ledger';
import type { Scheme } from '../../domain/schemes';
import { readLedger } from '../money/ledgerRead';
import type { Round } from '../../domain/round';
import { RefusedError, type ReportRecord } from '../../storage/reports';
import { action } from '../cards/action';
import { renderCard } from '../cards/render';
import { progressCard } from '../jobs/progressCard';
import type { JobKind, StepContext } from '../jobs/types';
import { tellDecision } from './notify';

// Reports granted per step (each an ETag write and an outbox write), a few at a time, checked
// against the ledger before and after (two reads of the round's partition per step).
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
 * second run) is refused and left alone. Its owner is told once the page is checked against the budget.
 */
async function grantOne(ctx: StepContext, input: Input, r: ReportRecord<NeedsReport>): Promise<ReportRecord<NeedsReport> | undefined> {
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
    return await reports.setStatus<NeedsReport>(
      input.roundId,
      r.id,
      (status) => (status === 'prioritised' ? { from: status, to: 'granted', at, actor } : { ok: false, reason: 'notAllowed', key: 'decision.already' }),
      { decision },
    );
  } catch (err) {
    if (!(err instanceof RefusedError)) throw err;
    return undefined;
  }
}

/** This run's grant (a bulk decision with the run's time). */
const ofRun = (input: Input, row: Pick<LedgerRow, 'bulkAt'>) => row.bulkAt === input.at;

/**
 * One page of the plan, never past the budget whatever officers decide by hand meanwhile (issue 22;
 * the ledger is a fold of the reports, so there is no single row to hold an ETag on):
 * - before: the ledger is read fresh, and a report is granted only if what its line has committed
 *   (decisions and bound continuations, this run's grants so far included) plus its amount stays
 *   within the line's budget;
 * - after: the ledger is read again; where a decision by hand landed between the two reads and the
 *   line is now past its budget, this page's grants in that line are rolled back, last first, until
 *   it is not. Nobody has been told of them yet: owners hear only of grants that passed.
 * A page repeated after a crash finds its own grants by the run's time and checks them the same way.
 */
async function grantPage(ctx: StepContext, input: Input, ids: readonly string[]): Promise<void> {
  const { reports } = ctx.services;
  const round = await roundOf(ctx, input.roundId);
  const page = (await Promise.all(ids.map((id) => reports.get<NeedsReport>(input.roundId, id)))).filter((r) => r !== undefined);
  const fresh = async () => readLedger(ctx.services, round);
  const place = (ledger: Ledger, row: LedgerRow) => {
    const key = lineKey(scopeOfRow(round, ctx.services.regions, row), row.scheme);
    return { key, budget: lineOf(ledger, scopeOfRow(round, ctx.services.regions, row), row.scheme as Scheme).budget };
  };
  const before = await fresh();
  const committed = committedOf(round, ctx.services.regions, before.rows, before.ledger.schoolYear);
  const rowOf = new Map(before.rows.map((r) => [r.id, r]));
  const fits: Array<ReportRecord<NeedsReport>> = [];
  for (const r of page) {
    const row = rowOf.get(r.id);
    if (!row || r.status !== 'prioritised') continue;
    const { key, budget } = place(before.ledger, row);
    const after = (committed.get(key) ?? 0) - committedBy(row, before.ledger.schoolYear) + askedOf(row, before.ledger.schoolYear);
    if (after > budget) continue; // the budget was used meanwhile: left prioritised, for the officer
    committed.set(key, after);
    fits.push(r);
  }
  for (let i = 0; i < fits.length; i += PARALLEL) await Promise.all(fits.slice(i, i + PARALLEL).map((r) => grantOne(ctx, input, r)));
  // Checked again with what others decided meanwhile; this page's grants in a line past its budget are taken back.
  const check = await fresh();
  const now = committedOf(round, ctx.services.regions, check.rows, check.ledger.schoolYear);
  const mine = ids.map((id) => check.rows.find((r) => r.id === id)).filter((r): r is LedgerRow => !!r && ofRun(input, r));
  const undone = new Set<string>();
  for (const row of [...mine].reverse()) {
    const { key, budget } = place(check.ledger, row);
    if ((now.get(key) ?? 0) <= budget) continue;
    if (await reports.undoBulkGrant(input.roundId, row.id, input.at)) {
      now.set(key, (now.get(key) ?? 0) - committedBy(row, check.ledger.schoolYear));
      undone.add(row.id);
    }
  }
  for (const row of mine) {
    if (undone.has(row.id)) continue;
    const done = await reports.get<NeedsReport>(input.roundId, row.id);
    if (done?.decision?.bulk && done.decision.at === input.at) await tellDecision(ctx, done, round);
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
      await grantPage(ctx, input, ids);
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
    // Planned reports still prioritised were left because the budget was used meanwhile; the rest were decided by others.
    const planned = new Set(input.ids);
    let budgetUsed = 0;
    for await (const r of reports.listRound<NeedsReport>(input.roundId, ['prioritised'])) if (planned.has(r.id)) budgetUsed++;
    const figures = { granted, thisYear: split.thisYear, later: split.later, skipped: Math.max(0, ctx.run.total - granted - budgetUsed), budgetUsed };
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
      ...((f.budgetUsed ?? 0) > 0 ? [t('bulk.budgetUsed', { count: f.budgetUsed })] : []),
      ...(input.left ?? []),
    ].join('\n\n');
    return renderCard('message', {
      title: t('decision.bulk.action'),
      text,
      color: (input.left ?? []).length > 0 || (f.budgetUsed ?? 0) > 0 ? 'Attention' : 'Good',
      actions: [action(t('decision.list.title', { year: input.year }), 'decision.pending', { roundId: input.roundId })],
    });
  },
};
