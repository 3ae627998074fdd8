import { z } from 'zod';
import { formatDate, pickLocale, translator } from '../../../domain/i18n';
import { FORUM_GROUP } from '../../../domain/roles';
import {
  computeResults,
  publicationKey,
  readiness,
  resultOwners,
  resultsChannelKey,
  resultsPersonKey,
  type NextStep,
  type ResultRow,
  type Waiting,
} from '../../../domain/results';
import { budgetOf, budgetScopeOf, SCHEME_CODES, type Round } from '../../../domain/round';
import { findForum, forumsOf, localised } from '../../../domain/regions';
import { forumOfRow } from '../../../domain/money/ledger';
import { phaseOf } from '../../../domain/forum';
import { formatSchoolYear } from '../../../domain/report';
import type { MessageKey } from '../../../domain/i18n';
import { renderCard } from '../../cards/render';
import type { GroupChannel } from '../../../storage/groups';
import { personKey, type PersonKey } from '../../../storage/keys';
import type { ActionHandler, ActionResult } from '../../actions/types';
import { action, type CardAction } from '../../cards/action';
import { cardMessage } from '../../cards/attach';
import { officerActor } from '../../casework/load';
import { channelLocale } from '../../forum/view';
import type { Services } from '../../services';
import type { Turn } from '../../turn';
import { requireOfficer } from '../requireOfficer';
import { resultsCard } from './resultsCard';
import { roundsCard } from './roundsCard';

const RoundRef = z.object({ roundId: z.string().regex(/^[a-z0-9-]{1,40}$/), forum: z.string().max(40).optional() });
// Owners' messages are queued a few at a time: polite to storage, quick enough for a click.
const PARALLEL = 8;

/** A round's results for one forum: its reports, its budgets, and the key its publication is kept under. */
interface ForumResults {
  round: Round;
  forum: string;
  key: string;
  rows: ResultRow[];
  budgets: Record<string, number>;
}

type Checked = ({ ok: true; channel: GroupChannel } & ForumResults) | { ok: false; result: ActionResult };

/** The forum's reports of the round (by their working group) and the budget per scheme of its scope. */
async function forumResults(services: Services, round: Round, forum: string): Promise<ForumResults> {
  const rows = (await services.results.rows(round.id)).filter((r) => forumOfRow(services.regions, { workingGroup: r.workingGroup ?? '' }) === forum);
  const scope = budgetScopeOf(round, forum);
  return {
    round,
    forum,
    key: publicationKey(round.id, forum, services.regions.id),
    rows,
    budgets: Object.fromEntries(SCHEME_CODES.map((s) => [s, budgetOf(round, scope, s)])),
  };
}

const resultsOf = (services: Services, f: ForumResults) => computeResults(f.rows, f.budgets, services.regions, f.round.year);

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

/** The card in the forum's channel (a new thread), in the channel's language. */
async function postInChannel(services: Services, f: ForumResults, channel: GroupChannel): Promise<void> {
  const { round } = f;
  const locale = await channelLocale(services, channel.teamId, channel.channelId);
  const t = translator(locale);
  const card = resultsCard({ t, locale, regions: services.regions }, round, resultsOf(services, f));
  await services.deliver({
    kind: 'thread',
    key: resultsChannelKey(f.key),
    teamId: channel.teamId,
    channelId: channel.channelId,
    activity: { ...cardMessage(card), summary: t('results.title', { year: round.year }) },
  });
}

/** The owners' people (filers and current colleagues, not removed ones), each once however many owners or reports they have. */
async function ownersPeople(services: Services, rows: ResultRow[]): Promise<Array<{ person: PersonKey; orgnrs: string[] }>> {
  const people = new Map<string, { person: PersonKey; orgnrs: string[] }>();
  for (const owner of resultOwners(rows)) {
    const audience = new Map<string, PersonKey>();
    for (const filer of owner.filers) for (const p of await services.ownerPeople.audience(owner.orgnr, filer)) audience.set(personKey(p), p);
    for (const [key, person] of audience) {
      const seen = people.get(key) ?? { person, orgnrs: [] };
      seen.orgnrs.push(owner.orgnr);
      people.set(key, seen);
    }
  }
  return [...people.values()];
}

/**
 * One personal message to each of the owners' people (with the app in personal chat), in their
 * language. Returns how many owners had someone told.
 */
async function tellOwners(services: Services, f: ForumResults): Promise<number> {
  const people = await ownersPeople(services, f.rows);
  const told = new Set<string>();
  const tellOne = async ({ person, orgnrs }: { person: PersonKey; orgnrs: string[] }) => {
    const chat = await services.references.personal(person.tenantId, person.aadObjectId);
    if (!chat || chat.stale) return;
    orgnrs.forEach((o) => told.add(o));
    const locale = pickLocale(chat.locale ?? chat.ref.locale);
    const t = translator(locale);
    const card = resultsCard({ t, locale, regions: services.regions }, f.round, resultsOf(services, f), {
      note: t('results.ownerNote'),
      actions: [action(t('receipt.myReports'), 'report.mine', {})],
    });
    await services.deliver({ kind: 'personal', key: resultsPersonKey(f.key, person), ...person, activity: cardMessage(card) });
  };
  for (let i = 0; i < people.length; i += PARALLEL) await Promise.all(people.slice(i, i + PARALLEL).map(tellOne));
  return told.size;
}

/**
 * `results.publishConfirm`: posts the results once. The publication is claimed first (create if
 * absent) and marked done after every message is queued; each message has its own key
 * (results:<round>:channel, results:<round>:<tenant>:<aad>). A second press after that answers
 * "already published"; a press after a crash midway queues what is missing and nothing twice.
 */
export const resultsPublishConfirm: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const c = await check(turn, data);
  if (!c.ok) return c.result;
  const { t, services, locale } = turn;
  const actor = officerActor(turn);
  await services.results.claim({ roundId: c.key, by: actor.id!, at: services.now().toISOString(), done: false, channel: false, owners: 0 });
  await postInChannel(services, c, c.channel);
  const owners = await tellOwners(services, c);
  await services.results.finish(c.key, (p) => ({ ...p, done: true, channel: true, owners }));
  services.logger.info('round results published', { roundId: c.round.id, forum: c.forum, owners });
  return {
    card: resultsCard({ t, locale, regions: services.regions }, c.round, resultsOf(services, c), {
      notice: t('results.published', { year: c.round.year, count: owners }),
      actions: [action(t('rounds.title'), 'round.list', {})],
    }),
  };
};
