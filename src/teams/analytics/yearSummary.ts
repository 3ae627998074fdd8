import { createHash } from 'node:crypto';
import { yearSummary } from '../../domain/analytics/yearSummary';
import { FORUM_GROUP } from '../../domain/roles';
import { findForum, forumsOf, localised } from '../../domain/regions';
import { renderCard } from '../cards/render';
import type { ActionHandler } from '../actions/types';
import { action } from '../cards/action';
import { cardMessage } from '../cards/attach';
import { Refusal } from '../refusals';
import { requireOfficer } from '../requireOfficer';
import type { Turn } from '../turn';
import { ALL, choiceOf, analysisScope, roundsOf } from './scope';
import { yearSummaryCard } from './yearSummaryCard';

/** The summary of the newest chosen round for one forum, compared with the round of the year before. */
async function draftOf(turn: Turn, data: Record<string, unknown>, draft: boolean) {
  await requireOfficer(turn);
  const { services, t, locale } = turn;
  const scope = await analysisScope(turn);
  const rounds = await services.rounds.list();
  if (rounds.length === 0) throw new Refusal('analysis.noRounds');
  const choice = choiceOf(data, scope, rounds);
  if (choice.forum === ALL) throw new Refusal('analysis.summary.pickForum');
  const round = roundsOf(choice, rounds).at(-1)!;
  const before = rounds.find((r) => r.year === round.year - 1);
  const tallies = await services.aggregates.tallies([choice.forum]);
  const of = (roundId: string) => tallies.filter((x) => x.roundId === roundId);
  const summary = yearSummary(of(round.id), before ? of(before.id) : undefined);
  const forum = findForum(services.regions, choice.forum)!;
  const forumName = localised(forum.name, locale);
  const l = { t, locale, regions: services.regions };
  const card = (asDraft: boolean) =>
    yearSummaryCard(l, {
      forumName,
      schoolYear: round.year,
      summary,
      draft: asDraft,
      actions: asDraft ? [action(t('analysis.summary.post'), 'analysis.summaryPost', { forum: forum.id, rounds: round.id }, { style: 'positive' })] : [],
    });
  return { forum, forumName, round, draft: card(draft), posted: card(false) };
}

/**
 * `analysis.summary` (typed: `årsoppsummering` / `annual summary`): the draft, for the officer's
 * eyes only. A summary is one forum's: with several and none named, one button per forum.
 */
export const yearSummaryDraft: ActionHandler = async (turn, data) => {
  const forums = forumsOf(turn.services.regions);
  if (typeof data.forum !== 'string' && forums.length > 1) {
    await requireOfficer(turn);
    const { t, locale } = turn;
    return {
      card: renderCard('message', {
        title: t('analysis.summary.post'),
        text: t('analysis.summary.pickForum'),
        color: 'Default',
        actions: forums.map((f) => action(localised(f.name, locale), 'analysis.summary', { forum: f.id })),
      }),
    };
  }
  return { card: (await draftOf(turn, data, true)).draft };
};

/**
 * `analysis.summaryPost`: posts the summary, recounted now, to the forum's channel. The same text
 * posted twice (a double click) goes once; a summary changed since is a new post.
 */
export const yearSummaryPost: ActionHandler = async (turn, data) => {
  const { forum, forumName, round, posted } = await draftOf(turn, data, false);
  const channel = await turn.services.groups.channelOf(forum.id, FORUM_GROUP);
  if (!channel) throw new Refusal('analysis.summary.noChannel', { forum: forumName });
  const digest = createHash('sha256').update(JSON.stringify(posted)).digest('hex').slice(0, 16);
  await turn.services.deliver({
    kind: 'thread',
    key: `year-summary:${forum.id}:${round.id}:${digest}`,
    teamId: channel.teamId,
    channelId: channel.channelId,
    activity: cardMessage(posted),
  });
  turn.services.logger.info('annual summary posted', { forum: forum.id, roundId: round.id });
  return { message: turn.t('analysis.summary.posted', { forum: forumName }) };
};
