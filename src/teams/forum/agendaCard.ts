import { runningSums, splitIntoParts, type AgendaItem, type Meeting } from '../../domain/forum';
import { schemeName } from '../../domain/schemes';
import type { Round } from '../../domain/round';
import { cardMessage } from '../cards/attach';
import { MAX_ACTIVITY_BYTES, activityBytes } from '../cards/budget';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { totalsLines } from './moneyLines';
import type { MoneyFrame } from '../money/ledgerRead';
import { groupName, itemFacts, meetingDate, nok, type ForumView } from './view';

/**
 * Most bytes one agenda message may take, counted as Teams counts (UTF-16, cards/budget.ts): the
 * budget less a margin for what delivery and Teams add on the way (ids, the conversation).
 */
export const AGENDA_PART_BYTES = MAX_ACTIVITY_BYTES - 4 * 1024;

const bytes = activityBytes;

interface AgendaData {
  part: string;
  title: string;
  subtitle: string;
  intro: string;
  totalsTitle: string;
  totals: Array<{ title: string; value: string }>;
  items: Array<{ heading: string; facts: Array<{ title: string; value: string }> }>;
}

function itemData(view: ForumView, item: AgendaItem, position: number, running: number, budget: number) {
  return {
    heading: view.t('forum.agenda.itemHeading', { n: position, reference: item.reference, title: item.title }),
    facts: [
      ...itemFacts(view, item),
      {
        title: view.t('forum.agenda.running', { scheme: schemeName(view.t, item.scheme, 'short') }),
        value: view.t('forum.ofBudget', { sum: nok(view, running), budget: nok(view, budget) }),
      },
    ],
  };
}

function frame(view: ForumView, meeting: Meeting, items: readonly AgendaItem[], round: Round, money?: MoneyFrame): Omit<AgendaData, 'part' | 'items'> {
  const { t } = view;
  return {
    title: t('forum.agenda.title', { title: meeting.title }),
    subtitle: `${groupName(view, meeting.group, meeting.forum)} · ${meetingDate(view, meeting.date)}`,
    intro: items.length === 0 ? t('forum.agenda.empty') : t('forum.agenda.intro', { count: items.length, year: round.year }),
    totalsTitle: t('forum.agenda.totals'),
    totals: totalsLines(view, items, round, money),
  };
}

/**
 * The agenda as one card per part, each within AGENDA_PART_BYTES as a whole message. Items are
 * numbered through all parts; every part repeats the header and the totals, so each stands alone.
 */
export function agendaCards(view: ForumView, meeting: Meeting, items: readonly AgendaItem[], round: Round, money?: MoneyFrame): AdaptiveCard[] {
  const head = frame(view, meeting, items, round, money);
  // Running sums start from what the round took before this agenda (the ledger), so a second meeting goes on from the first.
  const running = runningSums(items, money?.taken);
  const budgets = money?.budgets ?? round.budgets;
  const entries = items.map((item, i) => itemData(view, item, i + 1, running[i], budgets[item.scheme] ?? 0));
  const render = (data: AgendaData) => renderCard('agenda', data);
  const message = (card: AdaptiveCard) => bytes(cardMessage(card));

  // A part's size is its frame plus what each item adds: measured once per item against the
  // empty frame, with the longest part label there could be.
  const widest = t3(view);
  const empty = message(render({ ...head, part: widest, items: [] }));
  const itemBytes = new Map(entries.map((e) => [e, message(render({ ...head, part: widest, items: [e] })) - empty + 1]));
  const budget = AGENDA_PART_BYTES - empty;
  const groups = splitIntoParts(entries, (e) => itemBytes.get(e)!, budget);

  return groups.map((group, i) => {
    const card = render({ ...head, part: groups.length > 1 ? view.t('forum.agenda.part', { n: i + 1, of: groups.length }) : '', items: group });
    const size = message(card);
    if (size > AGENDA_PART_BYTES) throw new Error(`agenda part ${i + 1} came to ${size} bytes, over ${AGENDA_PART_BYTES}`);
    return card;
  });
}

/** The longest "part n of m" label: three-digit numbers. */
const t3 = (view: ForumView) => view.t('forum.agenda.part', { n: 999, of: 999 });

/** What replaces a part that a shorter agenda no longer needs. */
export function retiredPartCard(view: ForumView, meeting: Meeting, round: Round, parts: number): AdaptiveCard {
  return renderCard('agenda', {
    ...frame(view, meeting, [], round),
    part: '',
    totals: [],
    items: [],
    intro: view.t('forum.agenda.retired', { count: parts }),
  });
}
