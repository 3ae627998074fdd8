import { z } from 'zod';
import { formatDate } from '../../../domain/i18n';
import { FORUM_GROUP } from '../../../domain/roles';
import { readiness, resultOwners, type NextStep, type Waiting } from '../../../domain/results';
import type { Round } from '../../../domain/round';
import { findForum, forumsOf, localised } from '../../../domain/regions';
import { phaseOf } from '../../../domain/forum';
import { formatSchoolYear } from '../../../domain/report';
import type { MessageKey } from '../../../domain/i18n';
import { renderCard } from '../../cards/render';
import type { GroupChannel } from '../../../storage/groups';
import type { ActionHandler, ActionResult } from '../../actions/types';
import { action, type CardAction } from '../../cards/action';
import { officerActor } from '../../casework/load';
import type { Services } from '../../services';
import type { Turn } from '../../turn';
import { requireOfficer } from '../../requireOfficer';
import { resultsCard } from './resultsCard';
import { forumResults, resultsOf, type ForumResults } from './forumResults';
import { RESULTS_JOB } from './resultsJob';
import { runFromPress } from '../../jobs/press';
import { roundsCard } from './roundsCard';

const RoundRef = z.object({ roundId: z.string().regex(/^[a-z0-9-]{1,40}$/), forum: z.string().max(40).optional() });

type Checked = ({ ok: true; channel: GroupChannel } & ForumResults) | { ok: false; result: ActionResult };

/** On-agenda reports of meetings whose vote has closed: undecided, waiting for a follow-up (and the first such meeting). */
async function undecidedOf(services: Services, forum: string): Promise<{ ids: Set<string>; meetingId?: string }> {
  const closed = (await services.meetings.list(forum)).filter((m) => phaseOf(m) === 'closed');
  return { ids: new Set(closed.flatMap((m) => m.order)), ...(closed.length ? { meetingId: closed[closed.length - 1].id } : {}) };
}

/** Where each kind of waiting report is taken care of. */
function stepAction(turn: Turn, round: Round, step: NextStep, followUpMeeting?: string): CardAction {
  const { t } = turn;
  if (step === 'check' || step === 'returned') return action(t('results.wait.goCheck'), 'overview.show', { roundId: round.id });
  if (step === 'decision') return action(t('results.wait.goDecision'), 'decision.pending', { roundId: round.id });
  if (step === 'followUp' && followUpMeeting) return action(t('forum.undecided.followUp'), 'undecided.list', { meetingId: followUpMeeting });
  return action(t('results.wait.goAgenda'), 'meeting.list', {});
}

/** The refusal while reports wait: grouped by what each needs next, with a button to that place. */
function waitingCard(turn: Turn, f: ForumResults, groups: readonly Waiting[], waiting: number, followUpMeeting?: string): ActionResult {
  const { t, locale } = turn;
  const shown = 12;
  const refs = (r: readonly string[]) =>
    r.length > shown ? `${r.slice(0, shown).join(', ')} ${t('forum.recommendation.more', { count: r.length - shown })}` : r.join(', ');
  const forumName = forumNameOf(turn, f.forum, locale);
  const keys: Record<NextStep, MessageKey> = {
    check: 'results.wait.check',
    returned: 'results.wait.returned',
    agenda: 'results.wait.agenda',
    meeting: 'results.wait.meeting',
    forum: 'results.wait.forum',
    followUp: 'results.wait.followUp',
    decision: 'results.wait.decision',
  };
  const seen = new Set<string>();
  const actions = groups.map((g) => stepAction(turn, f.round, g.step, followUpMeeting)).filter((a) => (seen.has(a.title) ? false : (seen.add(a.title), true)));
  return {
    card: renderCard('message', {
      title: t('results.title', { year: f.round.year }),
      color: 'Attention',
      text: [
        t('results.wait.intro', { forum: forumName, count: waiting }),
        ...groups.map((g) => t(keys[g.step], { count: g.references.length, refs: refs(g.references) })),
      ].join('\n\n'),
      actions: [...actions, action(t('rounds.title'), 'round.list', {})],
    }),
  };
}

const forumNameOf = (turn: Turn, forum: string, locale: Turn['locale']) => {
  const f = findForum(turn.services.regions, forum);
  return f ? localised(f.name, locale) : forum;
};

/** Several forums and none chosen: one button per forum. */
function forumChoice(turn: Turn, round: Round): ActionResult {
  const { t, locale } = turn;
  return {
    card: renderCard('message', {
      title: t('results.title', { year: round.year }),
      color: 'Default',
      text: t('results.intro', { schoolYear: formatSchoolYear(round.year) }),
      actions: forumsOf(turn.services.regions).map((f) =>
        action(t('results.publishForum', { forum: localised(f.name, locale) }), 'results.publish', { roundId: round.id, forum: f.id }),
      ),
    }),
  };
}

const refused = async (turn: Turn, error: string): Promise<{ ok: false; result: ActionResult }> => ({
  ok: false,
  result: { card: await roundsCard(turn, { error }) },
});

/** The round's results once published: what was sent, said again; nothing is sent twice. */
async function alreadyPublished(turn: Turn, f: ForumResults): Promise<ActionResult | undefined> {
  const { services, t, locale } = turn;
  const { round } = f;
  const publication = await services.results.publication(f.key);
  if (!publication?.done) return undefined;
  return {
    card: resultsCard({ t, locale, regions: services.regions }, round, resultsOf(services, f), {
      notice: t('results.already', { year: round.year, date: formatDate(publication.at, locale) }),
      actions: [action(t('rounds.title'), 'round.list', {})],
    }),
  };
}

/** Everything publishing needs: a closed round, every report of the forum treated to a decision, the forum's channel. */
async function check(turn: Turn, data: Record<string, unknown>): Promise<Checked> {
  const { services, t } = turn;
  const ref = RoundRef.safeParse(data);
  const round = ref.success ? await services.rounds.get(ref.data.roundId) : undefined;
  if (!round) return refused(turn, t('round.error.notFound'));
  const forums = forumsOf(services.regions);
  const forum = ref.success && ref.data.forum && findForum(services.regions, ref.data.forum) ? ref.data.forum : forums.length === 1 ? forums[0].id : undefined;
  if (!forum) return { ok: false, result: forumChoice(turn, round) };
  const f = await forumResults(services, round, forum);
  const done = await alreadyPublished(turn, f);
  if (done) return { ok: false, result: done };
  if (round.status === 'open') return refused(turn, t('results.error.open', { year: round.year }));
  const undecided = await undecidedOf(services, forum);
  const ready = readiness(f.rows.map((r) => ({ ...r, undecided: r.status === 'on_agenda' && undecided.ids.has(r.id ?? '') })));
  if (!ready.ready) {
    if (ready.reason === 'waiting') return { ok: false, result: waitingCard(turn, f, ready.groups, ready.waiting, undecided.meetingId) };
    return refused(turn, t('results.error.none', { year: round.year }));
  }
  const channel = await services.groups.channelOf(forum, FORUM_GROUP);
  if (!channel) return refused(turn, t('results.error.noChannel'));
  // Without the app in the forum's team nothing could be posted; say so now rather than fail quietly later.
  const installed =
    (await services.references.get('channel', '', channel.channelId, channel.teamId)) ??
    (channel.channelId === channel.teamId ? await services.references.get('team', '', channel.teamId, channel.teamId) : undefined);
  if (!installed) return refused(turn, t('results.error.notInstalled'));
  return { ok: true, channel, ...f };
}

/** `results.publish`: the results as they will be posted, and a confirmation; refused while decisions are missing. */
export const resultsPublish: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const c = await check(turn, data);
  if (!c.ok) return c.result;
  const { t, services, locale } = turn;
  return {
    card: resultsCard({ t, locale, regions: services.regions }, c.round, resultsOf(services, c), {
      notice: `${t('results.confirm.title', { year: c.round.year })} ${t('results.confirm.text', { count: resultOwners(c.rows).length })}`,
      actions: [
        action(t('results.confirm.yes'), 'results.publishConfirm', { roundId: c.round.id, forum: c.forum }, { style: 'positive' }),
        action(t('secretariat.cancel'), 'round.list', {}),
      ],
    }),
  };
};

/**
 * `results.publishConfirm`: posts the forum's results once. The publication is claimed first
 * (create if absent) and marked done by the job after every message is queued; each message has
 * its own key (results:<key>:channel, results:<key>:<tenant>:<aad>). A second press after that
 * answers "already published"; one while the job runs joins it; a crash midway is taken over by
 * the job runner (on any instance), which queues what is missing and nothing twice.
 */
export const resultsPublishConfirm: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const c = await check(turn, data);
  if (!c.ok) return c.result;
  const { services } = turn;
  const actor = officerActor(turn);
  await services.results.claim({ roundId: c.key, by: actor.id!, at: services.now().toISOString(), done: false, channel: false, owners: 0 });
  // The channel's post and every owner's message, run as a job: a few hundred owners answer here at
  // once; thousands get a card that counts up as they are told (resultsJob.ts).
  return runFromPress(turn, RESULTS_JOB, {
    id: `results:${c.key}`,
    input: { roundId: c.round.id, year: c.round.year, forum: c.forum },
    total: resultOwners(c.rows).length,
  });
};
