import { z } from 'zod';
import { formatDate, pickLocale, translator } from '../../../domain/i18n';
import { FORUM_GROUP } from '../../../domain/roles';
import { computeResults, readiness, resultOwners, resultsChannelKey, resultsPersonKey, type ResultRow } from '../../../domain/results';
import type { Round } from '../../../domain/round';
import type { GroupChannel } from '../../../storage/groups';
import { personKey, type PersonKey } from '../../../storage/keys';
import type { ActionHandler, ActionResult } from '../../actions/types';
import { action } from '../../cards/action';
import { cardMessage } from '../../cards/attach';
import { officerActor } from '../../casework/load';
import { channelLocale } from '../../forum/view';
import type { Services } from '../../services';
import type { Turn } from '../../turn';
import { requireOfficer } from '../../requireOfficer';
import { resultsCard } from './resultsCard';
import { roundsCard } from './roundsCard';

const RoundRef = z.object({ roundId: z.string().regex(/^[a-z0-9-]{1,40}$/) });
// Owners' messages are queued a few at a time: polite to storage, quick enough for a click.
const PARALLEL = 8;

type Checked = { ok: true; round: Round; rows: ResultRow[]; channel: GroupChannel } | { ok: false; result: ActionResult };

const refused = async (turn: Turn, error: string): Promise<{ ok: false; result: ActionResult }> => ({
  ok: false,
  result: { card: await roundsCard(turn, { error }) },
});

/** The round's results once published: what was sent, said again; nothing is sent twice. */
async function alreadyPublished(turn: Turn, round: Round): Promise<ActionResult | undefined> {
  const { services, t, locale } = turn;
  const publication = await services.results.publication(round.id);
  if (!publication?.done) return undefined;
  const results = computeResults(await services.results.rows(round.id), round.budgets, services.regions, round.year);
  return {
    card: resultsCard({ t, locale, regions: services.regions }, round, results, {
      notice: t('results.already', { year: round.year, date: formatDate(publication.at, locale) }),
      actions: [action(t('rounds.title'), 'round.list', {})],
    }),
  };
}

/** Everything publishing needs: a closed round, every decision on the recommendation made, the forum's channel. */
async function check(turn: Turn, data: Record<string, unknown>): Promise<Checked> {
  const { services, t } = turn;
  const ref = RoundRef.safeParse(data);
  const round = ref.success ? await services.rounds.get(ref.data.roundId) : undefined;
  if (!round) return refused(turn, t('round.error.notFound'));
  const done = await alreadyPublished(turn, round);
  if (done) return { ok: false, result: done };
  if (round.status === 'open') return refused(turn, t('results.error.open', { year: round.year }));
  const rows = await services.results.rows(round.id);
  const ready = readiness(rows);
  if (!ready.ready) {
    return refused(
      turn,
      ready.reason === 'waiting' ? t('results.error.waiting', { year: round.year, count: ready.waiting }) : t('results.error.none', { year: round.year }),
    );
  }
  const channel = await services.groups.channelOf(services.regions.id, FORUM_GROUP);
  if (!channel) return refused(turn, t('results.error.noChannel'));
  // Without the app in the forum's team nothing could be posted; say so now rather than fail quietly later.
  const installed =
    (await services.references.get('channel', '', channel.channelId, channel.teamId)) ??
    (channel.channelId === channel.teamId ? await services.references.get('team', '', channel.teamId, channel.teamId) : undefined);
  if (!installed) return refused(turn, t('results.error.notInstalled'));
  return { ok: true, round, rows, channel };
}

/** `results.publish`: the results as they will be posted, and a confirmation; refused while decisions are missing. */
export const resultsPublish: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const c = await check(turn, data);
  if (!c.ok) return c.result;
  const { t, services, locale } = turn;
  const results = computeResults(c.rows, c.round.budgets, services.regions, c.round.year);
  return {
    card: resultsCard({ t, locale, regions: services.regions }, c.round, results, {
      notice: `${t('results.confirm.title', { year: c.round.year })} ${t('results.confirm.text', { count: resultOwners(c.rows).length })}`,
      actions: [
        action(t('results.confirm.yes'), 'results.publishConfirm', { roundId: c.round.id }, { style: 'positive' }),
        action(t('secretariat.cancel'), 'round.list', {}),
      ],
    }),
  };
};

/** The card in the forum's channel (a new thread), in the channel's language. */
async function postInChannel(services: Services, round: Round, rows: ResultRow[], channel: GroupChannel): Promise<void> {
  const locale = await channelLocale(services, channel.teamId, channel.channelId);
  const t = translator(locale);
  const card = resultsCard({ t, locale, regions: services.regions }, round, computeResults(rows, round.budgets, services.regions, round.year));
  await services.deliver({
    kind: 'thread',
    key: resultsChannelKey(round.id),
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
async function tellOwners(services: Services, round: Round, rows: ResultRow[]): Promise<number> {
  const people = await ownersPeople(services, rows);
  const told = new Set<string>();
  const tellOne = async ({ person, orgnrs }: { person: PersonKey; orgnrs: string[] }) => {
    const chat = await services.references.personal(person.tenantId, person.aadObjectId);
    if (!chat || chat.stale) return;
    orgnrs.forEach((o) => told.add(o));
    const locale = pickLocale(chat.locale ?? chat.ref.locale);
    const t = translator(locale);
    const card = resultsCard({ t, locale, regions: services.regions }, round, computeResults(rows, round.budgets, services.regions, round.year), {
      note: t('results.ownerNote'),
      actions: [action(t('receipt.myReports'), 'report.mine', {})],
    });
    await services.deliver({ kind: 'personal', key: resultsPersonKey(round.id, person), ...person, activity: cardMessage(card) });
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
  await services.results.claim({ roundId: c.round.id, by: actor.id!, at: services.now().toISOString(), done: false, channel: false, owners: 0 });
  await postInChannel(services, c.round, c.rows, c.channel);
  const owners = await tellOwners(services, c.round, c.rows);
  await services.results.finish(c.round.id, (p) => ({ ...p, done: true, channel: true, owners }));
  services.logger.info('round results published', { roundId: c.round.id, owners });
  const results = computeResults(c.rows, c.round.budgets, services.regions, c.round.year);
  return {
    card: resultsCard({ t, locale, regions: services.regions }, c.round, results, {
      notice: t('results.published', { year: c.round.year, count: owners }),
      actions: [action(t('rounds.title'), 'round.list', {})],
    }),
  };
};
