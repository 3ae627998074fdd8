import assert from 'node:assert/strict';
import { DEFAULT_REGIONS } from '../../src/domain/regions';
import { recommendationCard } from '../../src/teams/forum/recommendationCard';
import { forumView } from '../../src/teams/forum/view';
import { voteCard } from '../../src/teams/forum/voteCard';
import { agendaItem, meetingOf, ROUND } from '../support/forum';
import { cardText } from '../support/harness';
import {
  awaitsFollowUp,
  checkNote,
  DEFAULT_FORUM_RULES,
  effectiveRules,
  rulesFromForm,
  settledResult,
  type ForumRules,
  type ItemResult,
} from '../../src/domain/forum';

const rules = (r: Partial<ForumRules> = {}): ForumRules => ({ ...DEFAULT_FORUM_RULES, ...r });
const undecided: ItemResult = {
  outcome: 'undecided',
  method: 'tie',
  electors: 3,
  tally: { prioritise: 1, notPrioritise: 1, abstain: 0, conflict: 0, total: 2 },
  counted: {},
  closedAt: '2027-03-12T12:00:00.000Z',
};
const by = { tenantId: '11111111-1111-4111-8111-111111111111', aadObjectId: '00000000-0000-4000-8000-000000000005' };

describe('forum rules per group', () => {
  it('takes a working group its own rules, else the forum stored ones, else FORUM_RULES; steps always the forum’s', () => {
    const env = rules({ quorumPercent: 60 });
    const forum = rules({ steps: 'one', quorumPercent: 10 });
    const group = rules({ steps: 'two', quorumPercent: 0, consensus: 'noObjection' });
    assert.deepEqual(effectiveRules(env, undefined, undefined, 'vest'), env);
    assert.deepEqual(effectiveRules(env, forum, undefined, 'vest'), forum);
    assert.deepEqual(effectiveRules(env, forum, group, 'vest'), { ...group, steps: 'one' });
    assert.deepEqual(effectiveRules(env, forum, group, 'forum'), forum, "the forum's meeting ignores a group's rules");
  });

  it('reads the form: numbers as typed, blanks keep the current value, nonsense is refused', () => {
    assert.deepEqual(rulesFromForm({ quorumPercent: '0', consensus: 'noObjection', tieBreak: 'undecided' }, DEFAULT_FORUM_RULES), {
      steps: 'two',
      quorumPercent: 0,
      consensus: 'noObjection',
      tieBreak: 'undecided',
    });
    assert.deepEqual(rulesFromForm({ quorumPercent: '' }, rules({ quorumPercent: 33 })), rules({ quorumPercent: 33 }));
    assert.deepEqual(rulesFromForm({ quorumPercent: 40 }, DEFAULT_FORUM_RULES), rules({ quorumPercent: 40 }));
    for (const bad of [{ quorumPercent: '100' }, { quorumPercent: '-1' }, { quorumPercent: '12.5' }, { consensus: 'most' }, { steps: 'three' }])
      assert.equal(rulesFromForm(bad, DEFAULT_FORUM_RULES), undefined, JSON.stringify(bad));
  });
});

describe('undecided items followed up', () => {
  it('shows a recorded result in place of the undecided one, and a later meeting beside it', () => {
    const recorded = settledResult(undecided, { kind: 'recorded', outcome: 'prioritised', note: 'Enige muntlig', by, at: '2027-03-13T09:00:00.000Z' });
    assert.deepEqual([recorded.outcome, recorded.method, recorded.tally], ['prioritised', 'recorded', undecided.tally]);
    const later = settledResult(undecided, { kind: 'later', note: '', by, at: '2027-03-13T09:00:00.000Z' });
    assert.deepEqual([later.outcome, later.method, later.followUp?.kind], ['undecided', 'tie', 'later']);
    assert.deepEqual([awaitsFollowUp(undecided), awaitsFollowUp(later), awaitsFollowUp(recorded), awaitsFollowUp(undefined)], [true, false, false, false]);
  });

  it('requires a note to record a result, not to move the item on; cleans it and caps its length', () => {
    assert.deepEqual(checkNote('  \n ', true), { ok: false, key: 'forum.undecided.noteRequired' });
    assert.deepEqual(checkNote(undefined, true), { ok: false, key: 'forum.undecided.noteRequired' });
    assert.deepEqual(checkNote('', false), { ok: true, note: '' });
    assert.deepEqual(checkNote('  Enige muntlig  ', true), { ok: true, note: 'Enige muntlig' });
    assert.deepEqual(checkNote('x'.repeat(1001), true), { ok: false, key: 'forum.undecided.noteTooLong' });
  });
});

describe("a working group's cards in two steps", () => {
  const item = agendaItem(1);
  const closed = (group: string) => meetingOf([item], { group, vote: { id: 'v1', status: 'closed', openedAt: '', openedBy: by, closedAt: '' } });
  const result: ItemResult = {
    ...undecided,
    outcome: 'prioritised',
    method: 'majority',
    tally: { prioritise: 2, notPrioritise: 1, abstain: 0, conflict: 0, total: 3 },
  };
  const vote = (locale: 'nb' | 'nn' | 'en', group: string) =>
    cardText(
      voteCard(forumView({ regions: DEFAULT_REGIONS }, locale), {
        meeting: closed(group),
        item,
        position: 1,
        of: 1,
        count: result.tally,
        voters: 3,
        result,
        accepting: false,
      }),
    );
  const rec = (locale: 'nb' | 'nn' | 'en', group: string) =>
    cardText(recommendationCard(forumView({ regions: DEFAULT_REGIONS }, locale), closed(group), ROUND, [{ item, result }]));

  it('say recommended / not recommended in every language; only the forum says prioritised', () => {
    for (const [locale, words] of [
      ['nb', /Resultat\nAnbefal\n2\nIkke anbefal\n1[\s\S]*Anbefalt \(flertall\)/],
      ['nn', /Resultat\nTilrå\n2\nIkkje tilrå\n1[\s\S]*Tilrådd \(fleirtal\)/],
      ['en', /Result\nRecommend\n2\nAgainst\n1[\s\S]*Recommended \(majority\)/],
    ] as const) {
      assert.match(vote(locale, 'vest'), words, locale);
      assert.doesNotMatch(vote(locale, 'vest'), /[Pp]riorit/, locale);
    }
    assert.match(vote('nb', 'forum'), /Resultat\nPrioriter\n2\nIkke prioriter\n1[\s\S]*Prioritert \(flertall\)/);
    assert.match(rec('nb', 'vest'), /^Arbeidsgruppens anbefaling: .*\n[\s\S]*Anbefalte saker mot årets ramme[\s\S]*Anbefalt \(1\)[\s\S]*Ikke anbefalt \(0\)/);
    assert.doesNotMatch(rec('nb', 'vest'), /[Pp]riorit/);
    assert.match(rec('nn', 'vest'), /Tilrådd \(1\)/);
    assert.match(rec('en', 'vest'), /Recommended \(1\)/);
    assert.match(rec('nb', 'forum'), /^Innstilling: [\s\S]*Prioritert \(1\)/);
  });
});
