import type { JobRun } from '../../storage/jobRuns';
import type { ActionResult } from '../actions/types';
import { personOf } from '../caller';
import { channelConversation, personalConversation } from '../delivery/deliver';
import type { Turn } from '../turn';
import { jobCardKey, sendJobCard } from './runner';
import type { JobKind } from './types';

/**
 * Runs long work from a press: the job is stored and started on this instance, and the press
 * answers within a second. A job done within JOB_PRESS_WAIT_MS answers with its figures; any
 * other with its progress card, which the runner then replaces in place until the final figures
 * (the pressed message is adopted into the outbox so updates can find it). A second press while
 * the job runs joins it; only the first press's card is updated.
 */
export async function runFromPress(
  turn: Turn,
  kind: JobKind,
  job: { id: string; input: Record<string, unknown>; total: number; figures?: Record<string, number> },
  opts: { again?: boolean } = {},
): Promise<ActionResult> {
  const { services } = turn;
  // The job's own clock (its card's keys, updatedAt) is real time, whatever clock handlers see in tests.
  const at = new Date().toISOString();
  const person = personOf(turn);
  const run: JobRun = {
    id: job.id,
    kind: kind.kind,
    input: job.input,
    status: 'running',
    done: 0,
    total: job.total,
    figures: job.figures ?? {},
    by: `${person.tenantId}:${person.aadObjectId}`,
    locale: turn.locale,
    createdAt: at,
    updatedAt: at,
    failures: 0,
  };
  const started = await services.jobs.begin(run, opts);
  const now = (await services.jobs.wait(started.run.id, services.jobs.pressWaitMs)) ?? started.run;
  const view = { t: turn.t, locale: turn.locale, services };
  if (now.status === 'done') return { card: await kind.doneCard(view, now) };
  if (await adoptPressedCard(turn, now)) {
    // The job may have finished between the wait and the adoption, before it could see the card.
    const after = await services.jobs.get(now.id);
    if (after?.status === 'done') await sendJobCard(services, kind, after, 'done');
  }
  return { card: kind.progressCard(view, now) };
}

/**
 * Records the message holding the pressed card (Teams replaces it with the answer) in the outbox,
 * so the runner can update it. Only where the bot can send: a personal chat or a channel.
 */
async function adoptPressedCard(turn: Turn, run: JobRun): Promise<boolean> {
  const a = turn.context.activity;
  const activityId = a.replyToId;
  const conversationId = a.conversation?.id;
  if (!activityId || !conversationId) return false;
  const type = a.conversation.conversationType;
  const channelData = a.channelData as { channel?: { id?: string }; team?: { id?: string } } | undefined;
  const person = personOf(turn);
  if (type === 'personal') {
    await turn.services.outbox.adopt({
      key: jobCardKey(run),
      target: { kind: 'personal', tenantId: person.tenantId, aadObjectId: person.aadObjectId },
      conversation: personalConversation(person.tenantId, person.aadObjectId),
      activityId,
      conversationId,
    });
    return true;
  }
  const channelId = channelData?.channel?.id;
  const teamId = channelData?.team?.id;
  if (type !== 'channel' || !channelId || !teamId) return false;
  await turn.services.outbox.adopt({
    key: jobCardKey(run),
    target: { kind: 'channel', teamId, channelId },
    conversation: channelConversation(channelId),
    activityId,
    conversationId,
  });
  return true;
}
