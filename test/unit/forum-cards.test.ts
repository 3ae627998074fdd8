import assert from 'node:assert/strict';
import { decide, parseForumRules, tally, type ItemResult } from '../../src/domain/forum';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import { cardMessage } from '../../src/teams/cards/attach';
import { activityBytes } from '../../src/teams/cards/budget';
import { AGENDA_PART_BYTES, agendaCards } from '../../src/teams/forum/agendaCard';
import { countMarks, refreshUserIds, type Elector } from '../../src/teams/forum/ballot';
import { recommendationCard } from '../../src/teams/forum/recommendationCard';
import { forumView } from '../../src/teams/forum/view';
import { voteCard, type VoteCardState } from '../../src/teams/forum/voteCard';
import { cardText } from '../support/harness';
import { agendaItem, meetingOf, ROUND } from '../support/forum';

// The forum's own words (one step); a working group's in two steps are in forum-follow-up.test.ts.
const ONE_STEP = parseForumRules({ steps: 'one' });
const view = forumView({ regions: DEFAULT_REGIONS, forumRules: ONE_STEP }, 'nb');
// As Teams counts a message: UTF-16 (cards/budget.ts).
const bytes = activityBytes;

function actionsOf(card: any): any[] {
  const out: any[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.Execute') out.push(n);
    for (const [k, v] of Object.entries(n)) if (k !== 'refresh') walk(v);
  };
  walk(card);
  return out;
}

describe('forum cards: the agenda', () => {
  it('fits a short agenda in one message with the totals per scheme against the budget', () => {
    const items = [agendaItem(1), agendaItem(2), agendaItem(3)];
    const cards = agendaCards(view, meetingOf(items), items, ROUND);
    assert.equal(cards.length, 1);
    const text = cardText(cards[0]);
    assert.match(text, /Saksliste: Vårmøte i arbeidsgruppe Vest/);
    assert.match(text, /1\. BM-2027-0001 – Tiltak 1/);
    assert.match(text, /OsloMet/);
    assert.match(text, /2027–2028: 1 250 001 kr · 2028–2029: 1 000 000 kr/);
    assert.match(text, /Desentralisert ordning \(skole\)\n1 250 001 kr av 90 000 000 kr \(1 sak\)/);
    assert.doesNotMatch(text, /Del 1 av/);
  });

  it('splits an agenda of 300 items into numbered parts, each under the size Teams takes, cutting no item', function () {
    this.timeout(20_000);
    const items = Array.from({ length: 300 }, (_, i) => agendaItem(i + 1));
    const cards = agendaCards(view, meetingOf(items), items, ROUND);
    assert.ok(cards.length >= 3, `expected several parts, got ${cards.length}`);
    const seen: string[] = [];
    cards.forEach((card, i) => {
      assert.ok(bytes(cardMessage(card)) <= AGENDA_PART_BYTES, `part ${i + 1} is ${bytes(cardMessage(card))} bytes`);
      const text = cardText(card);
      assert.match(text, new RegExp(`Del ${i + 1} av ${cards.length}`));
      // Every part stands alone: the header and the totals of the whole agenda.
      assert.match(text, /Saksliste: Vårmøte/);
      assert.match(text, /300 saker/);
      for (const m of text.matchAll(/^(\d+)\. (BM-2027-\d{4}) – /gm)) seen.push(`${m[1]}:${m[2]}`);
    });
    assert.deepEqual(
      seen,
      items.map((it, i) => `${i + 1}:${it.reference}`),
      'every item once, whole, in order',
    );
    // Parts are filled, not one item each.
    assert.ok(cards.length <= Math.ceil((300 * 1800) / AGENDA_PART_BYTES) + 1);
  });
});

describe('forum cards: voting', () => {
  const item = agendaItem(7);
  const open = meetingOf([item], {
    posted: { teamId: 't', channelId: 'c', parts: 1, revision: 0 },
    vote: { id: 'v1', status: 'open', openedAt: '2027-03-12T09:00:00.000Z', openedBy: { tenantId: 't', aadObjectId: 'a' } },
  });
  const state = (extra: Partial<VoteCardState> = {}): VoteCardState => ({
    meeting: open,
    item,
    position: 1,
    of: 1,
    count: tally(['prioritise', 'prioritise', 'abstain']),
    voters: 5,
    accepting: true,
    refreshUserIds: ['29:a'],
    ...extra,
  });
  const electors = (n: number): Elector[] =>
    Array.from({ length: n }, (_, i) => ({
      key: `k${i}`,
      person: { tenantId: 't', aadObjectId: `aad-${i}` },
      chair: false,
      organisations: [],
    }));

  it('offers the four marks and shows the live tally', () => {
    const card = voteCard(view, state());
    assert.deepEqual(
      actionsOf(card)
        .filter((a) => a.verb === 'vote.mark')
        .map((a) => a.data.mark),
      ['prioritise', 'not_prioritise', 'abstain', 'conflict'],
    );
    assert.match(cardText(card), /Prioriter\n2\nIkke prioriter\n0\nAvstår\n1\nInhabil\n0/);
    assert.equal((card as any).refresh.action.verb, 'vote.refresh');
    assert.deepEqual((card as any).refresh.userIds, ['29:a']);
  });

  it('shows a member their own mark', () => {
    const card = voteCard(view, state(), { member: true, officer: false, mark: 'abstain' });
    assert.match(cardText(card), /Din markering: Avstår/);
    assert.equal(actionsOf(card).find((a) => a.data.mark === 'abstain').style, 'positive');
  });

  it('lists at most 60 users for automatic refresh; a larger group gets a refresh button instead', () => {
    const few = refreshUserIds(electors(60), [
      { voterKey: 'k3', voter: { tenantId: 't', aadObjectId: 'aad-3' }, teamsUserId: '29:three', role: 'member', mark: 'prioritise', at: '' },
    ]);
    assert.equal(few.length, 60);
    assert.equal(few[3], '29:three', 'a Teams id seen on a press is used');
    assert.equal(few[0], '8:orgid:aad-0');
    assert.deepEqual(refreshUserIds(electors(61), []), []);
    const card = voteCard(view, state({ refreshUserIds: [] }));
    assert.ok(actionsOf(card).some((a) => a.verb === 'vote.refresh' && a.title === 'Oppdater'));
    assert.ok(!actionsOf(voteCard(view, state())).some((a) => a.verb === 'vote.refresh'), 'small groups refresh by themselves');
  });

  it('freezes with the result: no buttons, no refresh', () => {
    const result: ItemResult = {
      outcome: 'prioritised',
      method: 'consensus',
      tally: tally(['prioritise']),
      counted: { k: 'prioritise' },
      closedAt: '2027-03-12T12:00:00.000Z',
    };
    const closed = { ...open, vote: { ...open.vote!, status: 'closed' as const, closedAt: '2027-03-12T12:00:00.000Z' } };
    const card = voteCard(view, state({ meeting: closed, result, count: result.tally, accepting: false, refreshUserIds: undefined }));
    assert.deepEqual(actionsOf(card), []);
    assert.equal((card as any).refresh, undefined);
    assert.match(cardText(card), /Resultat[\s\S]*Prioritert \(konsensus\)/);
  });

  it('speaks nynorsk and English too', () => {
    assert.match(cardText(voteCard(forumView({ regions: DEFAULT_REGIONS, forumRules: ONE_STEP }, 'nn'), state())), /Ikkje prioriter/);
    assert.match(cardText(voteCard(forumView({ regions: DEFAULT_REGIONS, forumRules: ONE_STEP }, 'en'), state())), /Don't prioritise/);
  });

  it("names the English marks apart: the forum's «Don't prioritise» is not the group's «Against»", () => {
    const en = (steps: 'one' | 'two') => forumView({ regions: DEFAULT_REGIONS, forumRules: parseForumRules({ steps }) }, 'en');
    const marks = (steps: 'one' | 'two') =>
      actionsOf(voteCard(en(steps), state()))
        .filter((a) => a.verb === 'vote.mark')
        .map((a) => a.title);
    assert.deepEqual(marks('one'), ['Prioritise', "Don't prioritise", 'Abstain', 'Recused']);
    assert.deepEqual(marks('two'), ['Recommend', 'Against', 'Abstain', 'Recused']);
  });
});

describe('forum cards: the recommendation', () => {
  it('draws a budget bar per scheme and flags a scheme over budget', () => {
    const items = [
      {
        item: agendaItem(1, { scheme: 'REKOM', roundAmount: 50_000_000 }),
        result: { outcome: 'prioritised' as const, method: 'consensus' as const, tally: tally(['prioritise']), counted: {}, closedAt: '' },
      },
      {
        item: agendaItem(2, { scheme: 'DEKOM', roundAmount: 45_000_000 }),
        result: { outcome: 'prioritised' as const, method: 'majority' as const, tally: tally(['prioritise']), counted: {}, closedAt: '' },
      },
    ];
    const card = recommendationCard(view, meetingOf(items.map((i) => i.item)), ROUND, items);
    const text = cardText(card);
    assert.match(text, /går over rammen/);
    assert.match(text, /Regional ordning \(barnehage\): 50 000 000 kr av 40 000 000 kr \(1 sak\) – over rammen/);
    const bars = JSON.stringify(card);
    // REKOM: 40 of 50 million within budget (80 %), 20 % beyond; DEKOM half used.
    const columns = (card.body as any[])
      .filter((b) => b.type === 'Container')
      .flatMap((c: any) => c.items ?? [])
      .filter((i: any) => i.type === 'ColumnSet')
      .map((cs: any) => cs.columns.map((c: any) => [c.style, c.width]));
    assert.deepEqual(columns[0], [
      ['warning', 80],
      ['attention', 20],
    ]);
    assert.deepEqual(columns[1], [
      ['good', 50],
      ['emphasis', 50],
    ]);
    assert.ok(bars.includes('meeting.csv'));
  });
});

describe('forum votes: what a closing counts', () => {
  const item = agendaItem(1, { ownerOrgnr: '974760673', networkOrgnrs: [], uhOrgnr: undefined });
  const elector = (n: number, extra: Partial<Elector> = {}): Elector => ({
    key: `k${n}`,
    person: { tenantId: 't', aadObjectId: `a${n}` },
    chair: false,
    organisations: [],
    ...extra,
  });
  const mark = (n: number, m: 'prioritise' | 'not_prioritise' | 'abstain' | 'conflict') => ({
    voterKey: `k${n}`,
    voter: { tenantId: 't', aadObjectId: `a${n}` },
    teamsUserId: '',
    role: 'member' as const,
    mark: m,
    at: '',
  });

  it("counts electors only, leaves out anyone disqualified by their organisation, and finds the chair's mark", () => {
    const electors = [elector(1), elector(2, { chair: true }), elector(3, { organisations: ['974760673'] })];
    const count = countMarks([mark(1, 'prioritise'), mark(2, 'not_prioritise'), mark(3, 'prioritise'), mark(9, 'prioritise')], electors, item);
    assert.deepEqual(count.counted, { k1: 'prioritise', k2: 'not_prioritise' }, 'k3 is disqualified, k9 is no longer a member');
    assert.equal(count.chairMark, 'not_prioritise');
    assert.deepEqual(decide(count.tally, count.chairMark), { outcome: 'not_prioritised', method: 'chair' });
  });
});
