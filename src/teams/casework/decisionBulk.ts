import { formatNok } from '../../domain/i18n';
import { formatSchoolYear, statusLabelKey, type NeedsReport } from '../../domain/report';
import { addSplits, NO_MONEY, splitOfColumns } from '../../domain/money/schoolYear';
import type { Round } from '../../domain/round';
import { schemeName } from '../../domain/schemes';
import { bulkPlan, type Ledger, type LeftItem } from '../../domain/money/ledger';
import { forumsOf } from '../../domain/regions';
import { readLedger, ledgerLineText, scopeName, shownLines } from '../money/ledgerRead';
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
// Reports left for the officer named one by one on the bulk grant's cards.
const LEFT_SHOWN = 40;

async function roundFrom(turn: Turn, data: Record<string, unknown>): Promise<Round> {
  return typeof data.roundId === 'string' ? roundOfData(turn, data) : pickRound(turn, typeof data.which === 'string' ? data.which : '');
}

/** "1 250 000 kr (2027–2028) + 1 000 000 kr bundet for senere år": a report's money in this round. */
function yearAmountText(turn: Turn, columns: { totalRequested: number; requestedPerYear?: string }, schoolYear: number): string {
  const split = splitOfColumns(columns, schoolYear);
  const now = `${formatNok(split.thisYear, turn.locale)} (${formatSchoolYear(schoolYear)})`;
  return split.later > 0 ? `${now} · ${turn.t('money.laterLine', { later: formatNok(split.later, turn.locale) })}` : now;
}

/** The ledger in words, per budget scope: a heading line and one line per scheme with money. */
export function ledgerParagraphs(turn: Pick<Turn, 't' | 'locale' | 'services'>, ledger: Ledger, scopes?: readonly string[]): string[] {
  const { t, locale } = turn;
  const byScope = new Map<string, Ledger['lines']>();
  for (const l of shownLines(ledger.lines)) if (!scopes || scopes.includes(l.scope)) byScope.set(l.scope, [...(byScope.get(l.scope) ?? []), l]);
  return [...byScope].map(([scope, lines]) =>
    [
      `**${t('ledger.title', { schoolYear: formatSchoolYear(ledger.schoolYear), scope: scopeName(t, locale, turn.services, scope) })}**`,
      ...lines.map((l) => ledgerLineText(t, locale, l)),
    ].join('\n\n'),
  );
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
  const { ledger } = await readLedger(turn.services, round);
  const intro = [
    waiting.length === 0
      ? t('decision.list.empty', { year: round.year })
      : [t('decision.list.intro', { count: waiting.length, prioritised, notPrioritised: waiting.length - prioritised }), pageLine(t, paged)]
          .filter(Boolean)
          .join(' '),
    ...ledgerParagraphs(turn, ledger),
  ].join('\n\n');
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

/**
 * The prioritised reports in the order the cut line counts them: each meeting's agenda order
 * (the meeting that prioritised it, from the report's audit trail), earlier meetings first, then
 * by reference. The cut line itself puts continuations first.
 */
async function inAgendaOrder(turn: Turn, records: Array<ReportRecord<NeedsReport>>): Promise<Array<ReportRecord<NeedsReport>>> {
  const lists = await Promise.all(forumsOf(turn.services.regions).map((f) => turn.services.meetings.list(f.id)));
  // Lists are newest first: the oldest meeting ranks first.
  const meetings = lists.flatMap((l) => [...l].reverse());
  const rank = new Map(meetings.map((m, i) => [m.id, i]));
  const orderOf = new Map(meetings.map((m) => [m.id, m.order]));
  const meetingOf = (r: ReportRecord<NeedsReport>) => {
    for (let i = r.history.length - 1; i >= 0; i--) {
      const m = /^meeting:([A-Za-z0-9-]+)/.exec(r.history[i].reason ?? '');
      if (m) return m[1];
    }
    return undefined;
  };
  const key = (r: ReportRecord<NeedsReport>) => {
    const m = meetingOf(r);
    const last = Number.MAX_SAFE_INTEGER;
    return { meeting: m ? (rank.get(m) ?? last) : last, place: m ? (orderOf.get(m)?.indexOf(r.id) ?? last) : last };
  };
  return [...records].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x.meeting - y.meeting || x.place - y.place || a.reference.localeCompare(b.reference, 'nb', { numeric: true });
  });
}

/** What the bulk grant would do now: the reports that fit (to grant) and those left for the officer. */
async function planBulk(turn: Turn, round: Round) {
  const records: Array<ReportRecord<NeedsReport>> = [];
  for await (const r of turn.services.reports.listRound<NeedsReport>(round.id, ['prioritised'])) records.push(r);
  const [ordered, { ledger, rows }] = await Promise.all([inAgendaOrder(turn, records), readLedger(turn.services, round)]);
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const todo = ordered.map((r) => rowOf.get(r.id)).filter((r) => r !== undefined);
  const plan = bulkPlan(round, turn.services.regions, ledger, rows, todo);
  const byId = new Map(records.map((r) => [r.id, r]));
  return { ledger, grant: plan.grant.map((r) => byId.get(r.id)!), left: plan.left };
}

/** Why each item is left: the line goes through it (only part fits) or it is below the line. */
function leftLines(turn: Turn, round: Round, left: readonly LeftItem[]): string[] {
  const { t, locale } = turn;
  if (left.length === 0) return [];
  const schoolYear = formatSchoolYear(round.year);
  // A card holds some dozens of lines well within its size; the rest are counted, and stay in the decision list.
  const shown = left.slice(0, LEFT_SHOWN);
  return [
    t('bulk.leftIntro', { count: left.length }),
    ...shown.map((l) =>
      t(l.place === 'line' ? 'bulk.leftLine' : 'bulk.leftOut', {
        reference: l.row.reference,
        scheme: schemeName(t, l.row.scheme, 'short'),
        fits: formatNok(l.fits, locale),
        amount: formatNok(l.amount, locale),
        schoolYear,
      }),
    ),
    ...(left.length > LEFT_SHOWN ? [t('forum.recommendation.more', { count: left.length - LEFT_SHOWN })] : []),
  ];
}

/** `decision.grantAll`: how many and how much, against the ledger, before anything is stored. */
export const decisionGrantAll: ActionHandler = async (turn, data) => {
  await requireCaseworker(turn);
  const round = await roundFrom(turn, data);
  const { t, locale } = turn;
  const { ledger, grant, left } = await planBulk(turn, round);
  const count = grant.length;
  const sum = grant.reduce((acc, r) => addSplits(acc, splitOfColumns(r.summary, round.year)), NO_MONEY);
  if (count === 0 && left.length === 0) {
    return {
      card: renderCard('message', {
        title: t('decision.bulk.title'),
        text: t('decision.bulk.none', { year: round.year }),
        color: 'Default',
        actions: [action(t('decision.list.title', { year: round.year }), 'decision.pending', { roundId: round.id })],
      }),
    };
  }
  const text = [
    ...(count > 0
      ? [
          t('bulk.fitsConfirm', { count }),
          t('money.bulkConfirm', {
            count,
            schoolYear: formatSchoolYear(round.year),
            amount: formatNok(sum.thisYear, locale),
            later: formatNok(sum.later, locale),
          }),
        ]
      : []),
    ...leftLines(turn, round, left),
    ...ledgerParagraphs(turn, ledger),
  ].join('\n\n');
  return {
    card: renderCard('message', {
      title: t('decision.bulk.title'),
      color: 'Attention',
      text,
      actions: [
        ...(count > 0 ? [action(t('decision.bulk.yes', { count }), 'decision.grantAllConfirm', { roundId: round.id })] : []),
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
  const actor = officerActor(turn);
  // Planned again from the ledger as it is now: what another officer decided meanwhile counts.
  // Only the planned reports are granted; the rest are named on the final card, with why.
  const { grant: todo, left } = await planBulk(turn, round);
  const id = `grantAll:${round.id}`;
  // A run knows its grants by their time (grantAllJob.ts): a later run in the same millisecond (a
  // test's clock) takes the next one.
  const previous = Date.parse(String((await turn.services.jobs.get(id))?.input.at ?? '')) || 0;
  const at = new Date(Math.max(turn.services.now().getTime(), previous + 1)).toISOString();
  const input = { roundId: round.id, year: round.year, actor, at, ids: todo.map((r) => r.id), left: leftLines(turn, round, left) };
  // One bulk grant per round at a time (a second press joins it); a later one starts anew.
  return runFromPress(turn, GRANT_ALL_JOB, { id, input, total: todo.length }, { again: true });
};
