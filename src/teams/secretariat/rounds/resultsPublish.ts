import { z } from 'zod';
import { formatDate } from '../../../domain/i18n';
import { FORUM_GROUP } from '../../../domain/roles';
import { computeResults, readiness, resultOwners, type ResultRow } from '../../../domain/results';
import type { Round } from '../../../domain/round';
import type { GroupChannel } from '../../../storage/groups';
import type { ActionHandler, ActionResult } from '../../actions/types';
import { action } from '../../cards/action';
import { officerActor } from '../../casework/load';
import type { Turn } from '../../turn';
import { requireOfficer } from '../../requireOfficer';
import { resultsCard } from './resultsCard';
import { RESULTS_JOB } from './resultsJob';
import { runFromPress } from '../../jobs/press';
import { roundsCard } from './roundsCard';

const RoundRef = z.object({ roundId: z.string().regex(/^[a-z0-9-]{1,40}$/) });

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

/**
 * `results.publishConfirm`: posts the results once. The publication is claimed first (create if
 * absent) and marked done by the job after every message is queued; each message has its own key
 * (results:<round>:channel, results:<round>:<tenant>:<aad>). A second press after that answers
 * "already published"; one while the job runs joins it; a crash midway is taken over by the job
 * runner (on any instance), which queues what is missing and nothing twice.
 */
export const resultsPublishConfirm: ActionHandler = async (turn, data) => {
  await requireOfficer(turn);
  const c = await check(turn, data);
  if (!c.ok) return c.result;
  const { services } = turn;
  const actor = officerActor(turn);
  await services.results.claim({ roundId: c.round.id, by: actor.id!, at: services.now().toISOString(), done: false, channel: false, owners: 0 });
  // The channel's post and every owner's message, run as a job: a few hundred owners answer here at
  // once; thousands get a card that counts up as they are told (resultsJob.ts).
  return runFromPress(turn, RESULTS_JOB, {
    id: `results:${c.round.id}`,
    input: { roundId: c.round.id, year: c.round.year },
    total: resultOwners(c.rows).length,
  });
};
