import { pickLocale, translator, type Locale } from '../../../domain/i18n';
import { FORUM_GROUP } from '../../../domain/roles';
import { resultOwners, resultsChannelKey, resultsPersonKey } from '../../../domain/results';
import type { GroupChannel } from '../../../storage/groups';
import { action } from '../../cards/action';
import { cardMessage } from '../../cards/attach';
import type { AdaptiveCard } from '../../cards/render';
import { channelLocale } from '../../forum/view';
import { progressCard } from '../../jobs/progressCard';
import type { JobKind, StepContext } from '../../jobs/types';
import type { Services } from '../../services';
import { resultsCard } from './resultsCard';
import { forumResults, resultsOf, type ForumResults } from './forumResults';

// Owners per step: each is an audience read and, per person, a chat read and an outbox write.
const OWNERS_PER_STEP = 40;
// Owners' messages are queued a few at a time: polite to storage.
const PARALLEL = 8;

/** Where the job stands: the channel's post first, then owners from `next` on (in resultOwners' order). */
type Cursor = { next: number };

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

/** The round and its forum's result rows. */
async function load(services: Services, input: Record<string, unknown>): Promise<ForumResults> {
  const roundId = String(input.roundId);
  const round = await services.rounds.get(roundId);
  if (!round) throw new Error(`round ${roundId} is gone`);
  // A job recorded before publishing went per forum is the County Governor's one forum.
  return forumResults(services, round, typeof input.forum === 'string' ? input.forum : services.regions.id);
}

/** Read once per instance running the job. */
async function loaded(ctx: StepContext): Promise<ForumResults> {
  const hit = ctx.memo.get('results') as ForumResults | undefined;
  if (hit) return hit;
  const f = await load(ctx.services, ctx.run.input);
  ctx.memo.set('results', f);
  return f;
}

/** The owners' card in one language (the same for everyone who reads it), made once per language. */
function ownerCard(ctx: StepContext, f: ForumResults, locale: Locale): AdaptiveCard {
  const key = `card:${locale}`;
  const hit = ctx.memo.get(key) as AdaptiveCard | undefined;
  if (hit) return hit;
  const t = translator(locale);
  const services = ctx.services;
  const card = resultsCard({ t, locale, regions: services.regions }, f.round, resultsOf(services, f), {
    note: t('results.ownerNote'),
    actions: [action(t('receipt.myReports'), 'report.mine', {})],
  });
  ctx.memo.set(key, card);
  return card;
}

/**
 * One personal message to each of an owner's people (filers and current colleagues, not removed
 * ones) with the app in personal chat, in their language. A person of several owners is told
 * once: the key is theirs, not the owner's. True when someone of the owner was told.
 */
async function tellOwner(ctx: StepContext, f: ForumResults, owner: ReturnType<typeof resultOwners>[number]): Promise<boolean> {
  const { services } = ctx;
  // One read of the owner's links for all its filers; the chats read and the messages queued side by side.
  const audience = await services.ownerPeople.audienceOf(owner.orgnr, owner.filers);
  const told = await Promise.all(
    audience.map(async (person) => {
      const chat = await services.references.personal(person.tenantId, person.aadObjectId);
      if (!chat || chat.stale) return false;
      const card = ownerCard(ctx, f, pickLocale(chat.locale ?? chat.ref.locale));
      await services.deliver({ kind: 'personal', key: resultsPersonKey(f.key, person), ...person, activity: cardMessage(card) });
      return true;
    }),
  );
  return told.includes(true);
}

/**
 * `results.publishConfirm`'s work: the forum channel's post, then the owners a page at a time. A
 * page repeated after a crash queues nothing twice (every message has its own key) and counts
 * its owners again only once (the count is the checkpoint's, plus this page's).
 */
export const RESULTS_JOB: JobKind = {
  kind: 'results.publish',
  async step(ctx) {
    const { services } = ctx;
    const f = await loaded(ctx);
    const owners = resultOwners(f.rows);
    const cursor = ctx.run.cursor as Cursor | undefined;
    if (!cursor) {
      const channel = await services.groups.channelOf(f.forum, FORUM_GROUP);
      if (channel) await postInChannel(services, f, channel);
      return {
        cursor: { next: 0 } satisfies Cursor,
        done: 0,
        total: owners.length,
        figures: { owners: 0 },
        finished: owners.length === 0 && (await finish(ctx, f, 0)),
      };
    }
    const page = owners.slice(cursor.next, cursor.next + OWNERS_PER_STEP);
    let told = 0;
    for (let i = 0; i < page.length; i += PARALLEL) {
      const results = await Promise.all(page.slice(i, i + PARALLEL).map((o) => tellOwner(ctx, f, o)));
      told += results.filter(Boolean).length;
    }
    const next = cursor.next + page.length;
    const figures = { owners: (ctx.run.figures.owners ?? 0) + told };
    const finished = next >= owners.length && (await finish(ctx, f, figures.owners));
    return { cursor: { next } satisfies Cursor, done: next, total: owners.length, figures, finished };
  },
  progressCard(view, run) {
    return progressCard(view, run, view.t('job.results.title', { year: Number(run.input.year ?? '') || '' }), 'people');
  },
  async doneCard(view, run) {
    const { t, locale, services } = view;
    const f = await load(services, run.input);
    return resultsCard({ t, locale, regions: services.regions }, f.round, resultsOf(services, f), {
      notice: t('results.published', { year: f.round.year, count: run.figures.owners ?? 0 }),
      actions: [action(t('rounds.title'), 'round.list', {})],
    });
  },
};

/** Marks the publication done (a second press then answers "already published"). */
async function finish(ctx: StepContext, f: ForumResults, owners: number): Promise<boolean> {
  await ctx.services.results.finish(f.key, (p) => ({ ...p, done: true, channel: true, owners }));
  ctx.services.logger.info('round results published', { roundId: f.round.id, forum: f.forum, owners });
  return true;
}
