import type { Decision } from '../../domain/decision';
import { formatNok } from '../../domain/i18n';
import { formatSchoolYear, statusLabelKey, yearSummaries, type NeedsReport } from '../../domain/report';
import { addSplits, NO_MONEY, splitOfColumns } from '../../domain/money/schoolYear';
import type { Round } from '../../domain/round';
import { RefusedError, type ReportRecord } from '../../storage/reports';
import { renderCard } from '../cards/render';
import { officerActor, pickRound, roundOfData, requireCaseworker } from './load';
import { tellDecision } from './notify';
import type { Turn } from '../turn';
import { action, verbData } from '../cards/action';
import type { ActionHandler } from '../actions/types';
import { pageActions, pageIn, pageLine, pageOf } from '../cards/paging';

// Reports per page of the list: well within the card size budget with the longest titles and names.
export const DECISIONS_PAGE = 20;
// Bulk decisions write a few reports at a time: fast enough, and polite to storage.
const PARALLEL = 4;

async function roundFrom(turn: Turn, data: Record<string, unknown>): Promise<Round> {
  return typeof data.roundId === 'string' ? roundOfData(turn, data) : pickRound(turn, typeof data.which === 'string' ? data.which : '');
}

/** "1 250 000 kr (2027–2028) + 1 000 000 kr bundet for senere år": a report's money in this round. */
function yearAmountText(turn: Turn, columns: { totalRequested: number; requestedPerYear?: string }, schoolYear: number): string {
  const split = splitOfColumns(columns, schoolYear);
  const now = `${formatNok(split.thisYear, turn.locale)} (${formatSchoolYear(schoolYear)})`;
  return split.later > 0 ? `${now} · ${turn.t('money.laterLine', { later: formatNok(split.later, turn.locale) })}` : now;
}

/** `decision.pending` (typed: `vedtak` / `decisions`): reports the forum has recommended on, waiting for a decision. */
export const decisionPending: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const round = await roundFrom(turn, data);
  const { t } = turn;
  const waiting: Array<ReportRecord<unknown>> = [];
  for await (const r of turn.services.reports.listRound(round.id, ['prioritised', 'not_prioritised'])) waiting.push(r);
  waiting.sort((a, b) => a.reference.localeCompare(b.reference, 'nb', { numeric: true }));
  const prioritised = waiting.filter((r) => r.status === 'prioritised').length;
  const paged = pageOf(waiting, pageIn(data), DECISIONS_PAGE);
  const intro =
    waiting.length === 0
      ? t('decision.list.empty', { year: round.year })
      : [t('decision.list.intro', { count: waiting.length, prioritised, notPrioritised: waiting.length - prioritised }), pageLine(t, paged)]
          .filter(Boolean)
          .join(' ');
  return {
    card: renderCard('list', {
      title: t('decision.list.title', { year: round.year }),
      intro,
      items: paged.shown.map((r) => ({
        heading: t('case.title', { reference: r.reference, title: r.summary.title }),
        detail: t('decision.list.detail', {
          status: t(statusLabelKey(r.status)),
          amount: yearAmountText(turn, r.summary, round.year),
          owner: r.summary.ownerName,
        }),
        openTitle: t('case.action.open'),
        ...verbData('report.check', { roundId: round.id, reportId: r.id }),
      })),
      actions: [
        ...pageActions(t, 'decision.pending', { roundId: round.id }, paged),
        ...(prioritised > 0 ? [action(t('decision.bulk.action'), 'decision.grantAll', { roundId: round.id }, { style: 'positive' })] : []),
        action(t('export.title', { year: round.year }), 'export.round', { roundId: round.id }),
      ],
    }),
  };
};

/** `decision.grantAll`: how many and how much, before anything is stored. */
export const decisionGrantAll: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const round = await roundFrom(turn, data);
  const { t, locale } = turn;
  let count = 0;
  let sum = NO_MONEY;
  for await (const r of turn.services.reports.listRound(round.id, ['prioritised'])) {
    count++;
    sum = addSplits(sum, splitOfColumns(r.summary, round.year));
  }
  if (count === 0) {
    return {
      card: renderCard('message', {
        title: t('decision.bulk.title'),
        text: t('decision.bulk.none', { year: round.year }),
        color: 'Default',
        actions: [action(t('decision.list.title', { year: round.year }), 'decision.pending', { roundId: round.id })],
      }),
    };
  }
  return {
    card: renderCard('message', {
      title: t('decision.bulk.title'),
      color: 'Attention',
      text: t('money.bulkConfirm', {
        count,
        schoolYear: formatSchoolYear(round.year),
        amount: formatNok(sum.thisYear, locale),
        later: formatNok(sum.later, locale),
      }),
      actions: [
        action(t('decision.bulk.yes', { count }), 'decision.grantAllConfirm', { roundId: round.id }),
        action(t('case.cancel'), 'decision.pending', { roundId: round.id }),
      ],
    }),
  };
};

/**
 * `decision.grantAllConfirm`: every report still prioritised is granted as requested, each under
 * its own ETag, so a report decided by hand meanwhile (or by a second press) is left alone. Owners
 * are told with the same key a single decision uses, so nobody hears twice. A press after a crash
 * midway grants the rest and tells the owners the first run did not reach.
 */
export const decisionGrantAllConfirm: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const round = await roundOfData(turn, data);
  const { reports } = turn.services;
  const actor = officerActor(turn);
  const at = turn.services.now().toISOString();
  const todo: Array<ReportRecord<NeedsReport>> = [];
  for await (const r of reports.listRound<NeedsReport>(round.id, ['prioritised'])) todo.push(r);

  let granted = 0;
  let sum = 0;
  let split = NO_MONEY;
  let skipped = 0;
  const grantOne = async (r: ReportRecord<NeedsReport>) => {
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
        round.id,
        r.id,
        (status) => (status === 'prioritised' ? { from: status, to: 'granted', at, actor } : { ok: false, reason: 'notAllowed', key: 'decision.already' }),
        { decision },
      );
      granted++;
      sum += decision.total;
      split = addSplits(split, splitOfColumns(r.summary, round.year));
      await tellDecision(turn, done, round);
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      skipped++;
    }
  };
  for (let i = 0; i < todo.length; i += PARALLEL) await Promise.all(todo.slice(i, i + PARALLEL).map(grantOne));
  // Owners of reports granted in bulk by a run that stopped midway may not have been told yet. One
  // point read per report (the filer's key) tells most apart; the per-person keys make a repeat send nothing.
  const toldNow = new Set(todo.map((r) => r.id));
  for await (const r of reports.listRound<NeedsReport>(round.id, ['granted'])) {
    if (!r.decision?.bulk || toldNow.has(r.id)) continue;
    if (!(await turn.services.outbox.get(`decision:${r.id}:${r.createdBy.tenantId}:${r.createdBy.aadObjectId}`))) await tellDecision(turn, r, round);
  }

  const { t, locale } = turn;
  const text = [
    t('decision.bulk.done', { count: granted, amount: formatNok(sum, locale) }),
    t('money.grantedYear', { schoolYear: formatSchoolYear(round.year), amount: formatNok(split.thisYear, locale), later: formatNok(split.later, locale) }),
    ...(skipped > 0 ? [t('decision.bulk.skipped', { count: skipped })] : []),
  ].join(' ');
  return {
    card: renderCard('message', {
      title: t('decision.bulk.action'),
      text,
      color: 'Good',
      actions: [action(t('decision.list.title', { year: round.year }), 'decision.pending', { roundId: round.id })],
    }),
  };
};
