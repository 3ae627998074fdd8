import { agendaCutLine, recommendationOf, type AgendaItem, type CutEntry, type CutLine, type ItemResult, type Meeting } from '../../domain/forum';
import { schemeName } from '../../domain/schemes';
import { toCsv } from '../../export/csv';
import type { Round } from '../../domain/round';
import type { StoredItem } from '../../storage/meetings';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { cardMessage } from '../cards/attach';
import { activityBytes } from '../cards/budget';
import { AGENDA_PART_BYTES } from './agendaCard';
import { action } from '../cards/action';
import { groupName, meetingDate, nok, ownerText, type ForumView } from './view';
import { resultText } from './voteCard';
import { rulesSummary } from './ruleText';
import { inStepOf } from './rulesOf';
import { followUpActions } from './undecidedCards';
import { cutText, schemeCutText } from './cutLineText';
import { continuationMarker } from './continuationText';
import type { MoneyFrame } from '../money/ledgerRead';

/** Lines per section shown on the card; the CSV (a download, `meeting.csv`) always has every item. */
const MAX_LINES = 60;

function line(view: ForumView, item: AgendaItem, result?: ItemResult, cut?: CutEntry): string {
  const marker = item.continuation ? `${continuationMarker(view.t, item.continuation)} · ` : '';
  const text =
    marker +
    view.t('forum.recommendation.line', {
      reference: item.reference,
      title: item.title,
      owner: ownerText(item),
      scheme: schemeName(view.t, item.scheme, 'short'),
      amount: nok(view, item.roundAmount),
    });
  // Which rule decided the item, so the secretariat sees consensus from majority at a glance.
  const decided = result ? `${text} · ${resultText(view, result)}` : text;
  // Items above the line need no word: the scheme's line says where the money ends.
  return cut && cut.place !== 'fits' ? `${decided} · ${cutText(view, cut).text}` : decided;
}

function lines(view: ForumView, items: readonly AgendaItem[], max: number, results?: ReadonlyMap<string, ItemResult>, cut?: CutLine): string[] {
  const shown = items.slice(0, max).map((i, n) => line(view, i, results?.get(i.reportId), cut?.items[n]));
  if (items.length > max) shown.push(view.t('forum.recommendation.more', { count: items.length - max }));
  return shown;
}

/**
 * Long titles and owner names on a full agenda make 60 lines per list more than
 * a message holds (88 KB as UTF-16 at 500 items): the card shows fewer until it fits the
 * budget. Each list ends "… and N more", and the round's export on the card holds every item.
 */
export function recommendationCard(
  forumView: ForumView,
  meeting: Meeting,
  round: Round,
  items: readonly StoredItem[],
  opts: { money?: MoneyFrame } = {},
): AdaptiveCard {
  let max = MAX_LINES;
  for (;;) {
    const card = recommendationCardOf(forumView, meeting, round, items, opts, max);
    if (max === 0 || activityBytes(cardMessage(card)) <= AGENDA_PART_BYTES) return card;
    max = Math.floor(max * 0.75);
  }
}

/**
 * The secretariat's summary after a vote: per scheme what the prioritised reports ask of the
 * round's budget, as text and as a bar (green within budget, red beyond it), then the lists.
 */
function recommendationCardOf(
  forumView: ForumView,
  meeting: Meeting,
  round: Round,
  items: readonly StoredItem[],
  opts: { money?: MoneyFrame },
  max: number,
): AdaptiveCard {
  const view = inStepOf(forumView, meeting);
  const { t } = view;
  // Counted from what the round took before this meeting (the ledger), against the forum's budget.
  const budgets = opts.money?.budgets ?? round.budgets;
  const rec = recommendationOf(items, budgets, round.year, opts.money?.taken);
  const results = new Map(items.filter((i) => i.result).map((i) => [i.item.reportId, i.result!]));
  // The prioritised items in order (continuations first) with the line per scheme.
  const cut = agendaCutLine(rec.prioritised, budgets, opts.money?.taken);
  const cutOf = new Map(cut.schemes.map((c) => [c.scheme, schemeCutText(view, c)]));
  const sections = [
    { title: t('forum.recommendation.prioritised', { count: rec.prioritised.length }), color: 'Good', lines: lines(view, rec.prioritised, max, results, cut) },
    ...(rec.undecided.length > 0
      ? [{ title: t('forum.recommendation.undecided', { count: rec.undecided.length }), color: 'Warning', lines: lines(view, rec.undecided, max, results) }]
      : []),
    {
      title: t('forum.recommendation.notPrioritised', { count: rec.notPrioritised.length }),
      color: 'Default',
      lines: lines(view, rec.notPrioritised, max, results),
    },
  ];
  return renderCard('voteRecommendation', {
    title: t('forum.recommendation.title', { title: meeting.title }),
    subtitle: `${groupName(view, meeting.group, meeting.forum)} · ${meetingDate(view, meeting.date)}`,
    rules: rulesSummary(view),
    // Items left undecided are work still to do: said as a warning, not as a success.
    warning: [
      rec.overBudget ? t('forum.recommendation.overBudget') : '',
      rec.undecided.length > 0 ? t('forum.recommendation.followUp', { count: rec.undecided.length }) : '',
    ]
      .filter(Boolean)
      .join('\n'),
    notice: '',
    budgetTitle: t('forum.recommendation.budgetTitle', { year: round.year }),
    schemes: rec.schemes.map((s) => ({
      line:
        `${schemeName(t, s.scheme, 'short')}: ${t(s.over ? 'forum.totals.lineOver' : 'forum.totals.line', { sum: nok(view, s.sum), budget: nok(view, s.budget), count: s.reports })}` +
        (s.taken > 0 ? ` ${t('ledger.takenBefore', { taken: nok(view, s.taken) })}` : '') +
        (s.later > 0 ? ` ${t('money.laterLine', { later: nok(view, s.later) })}` : ''),
      cut: cutOf.get(s.scheme) ?? '',
      color: s.over ? 'Attention' : 'Default',
      weight: s.over ? 'Bolder' : 'Default',
      used: s.bar.used,
      free: s.bar.free,
      over: s.bar.over,
      usedStyle: s.over ? 'warning' : 'good',
    })),
    sections,
    actions: [
      ...followUpActions(view, meeting, items),
      // The CSV as a file: a short-lived download link on a card of its own.
      action(t('forum.recommendation.csv'), 'meeting.csv', { meetingId: meeting.id }),
      // The round's own export (Excel or CSV download links) holds every report with its status.
      action(t('forum.recommendation.exportRound', { year: round.year }), 'export.round', { roundId: round.id }),
    ],
  });
}

/**
 * The recommendation as CSV (semicolon-separated, UTF-8 with BOM): every item of the agenda with
 * its result and tally, prioritised first. Made for the secretariat's spreadsheets and archive.
 */
export function recommendationCsv(forumView: ForumView, meeting: Meeting, round: Round, items: readonly StoredItem[]): string {
  const view = inStepOf(forumView, meeting);
  const { t } = view;
  const rank = { prioritised: 0, undecided: 1, not_prioritised: 2 } as const;
  const sorted = [...items].sort(
    (a, b) =>
      rank[a.result?.outcome ?? 'undecided'] - rank[b.result?.outcome ?? 'undecided'] ||
      meeting.order.indexOf(a.item.reportId) - meeting.order.indexOf(b.item.reportId),
  );
  const header = [
    t('forum.csv.reference'),
    t('forum.csv.owner'),
    t('forum.csv.orgnr'),
    t('forum.csv.scheme'),
    t('forum.csv.title'),
    t('forum.csv.uh'),
    t('forum.csv.roundAmount', { year: round.year }),
    t('forum.csv.total'),
    t('forum.csv.result'),
    t('forum.mark.prioritise'),
    t('forum.mark.not_prioritise'),
    t('forum.mark.abstain'),
    t('forum.mark.conflict'),
  ];
  const rows = sorted.map(({ item, result }) => [
    item.reference,
    item.ownerName,
    item.ownerOrgnr,
    item.scheme,
    item.title,
    item.uhName,
    item.roundAmount,
    item.years.reduce((a, y) => a + y.grant, 0),
    result ? resultText(view, result) : t('forum.csv.noResult'),
    result?.tally.prioritise ?? 0,
    result?.tally.notPrioritise ?? 0,
    result?.tally.abstain ?? 0,
    result?.tally.conflict ?? 0,
  ]);
  return toCsv(header, rows);
}
