import { formatNok } from '../../domain/i18n';
import { formatSchoolYear, statusLabelKey } from '../../domain/report';
import { addSplits, NO_MONEY, splitOfColumns } from '../../domain/money/schoolYear';
import type { Round } from '../../domain/round';
import type { ReportRecord } from '../../storage/reports';
import { renderCard } from '../cards/render';
import { officerActor, pickRound, roundOfData, requireCaseworker } from './load';
import { GRANT_ALL_JOB } from './grantAllJob';
import { runFromPress } from '../jobs/press';
import type { Turn } from '../turn';
import { action, verbData } from '../cards/action';
import type { ActionHandler } from '../actions/types';
import { pageActions, pageIn, pageLine, pageOf } from '../cards/paging';

// Reports per page of the list: well within the card size budget with the longest titles and names.
export const DECISIONS_PAGE = 20;

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
 * `decision.grantAllConfirm`: every report still prioritised is granted as requested, as a job
 * (grantAllJob.ts): a few hundred answer here with the figures; more get a card that counts up.
 * Each report is granted under its own ETag, so a report decided by hand meanwhile (or by a second
 * press) is left alone; owners are told with the key a single decision uses, so nobody hears
 * twice; a crash midway is taken over by the job runner, which grants the rest.
 */
export const decisionGrantAllConfirm: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const round = await roundOfData(turn, data);
  let total = 0;
  for await (const _ of turn.services.reports.listRound(round.id, ['prioritised'])) total++;
  const actor = officerActor(turn);
  const id = `grantAll:${round.id}`;
  // A run knows its grants by their time (grantAllJob.ts): a later run in the same millisecond (a
  // test's clock) takes the next one.
  const previous = Date.parse(String((await turn.services.jobs.get(id))?.input.at ?? '')) || 0;
  const at = new Date(Math.max(turn.services.now().getTime(), previous + 1)).toISOString();
  // One bulk grant per round at a time (a second press joins it); a later one starts anew.
  return runFromPress(turn, GRANT_ALL_JOB, { id, input: { roundId: round.id, year: round.year, actor, at }, total }, { again: true });
};
