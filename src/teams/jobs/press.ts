import type { JobRun } from '../../storage/jobRuns';
import type { ActionResult } from '../actions/types';
import { cardMessage } from '../cards/attach';
import { personOf } from '../caller';
import { channelConversation, personalConversation } from '../delivery/deliver';
import type { Turn } from '../turn';
import { jobCardKey, sendJobCard } from './runner';
import { newJobRun } from './starter';
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
  const now = await beginFor(turn, kind, job, opts);
  const view = { t: turn.t, locale: turn.locale, services: turn.services };
  if (now.status === 'done') return { card: await kind.doneCard(view, now) };
  await adoptWhenRunning(turn, kind, now, turn.context.activity.replyToId);
  return { card: kind.progressCard(view, now) };
}

/**
 * Runs long work from a typed command: the answer is the figures when the job is done within
 * JOB_PRESS_WAIT_MS, otherwise its progress card, which the runner then replaces in place when
 * Teams gave the sent message's id (a kind started this way tells the person when done where no
 * card was adopted: see jobCardAdopted).
 */
export async function runFromCommand(
  turn: Turn,
  kind: JobKind,
  job: { id: string; input: Record<string, unknown>; total: number; figures?: Record<string, number> },
  opts: { again?: boolean } = {},
): Promise<void> {
  const now = await beginFor(turn, kind, job, opts);
  const view = { t: turn.t, locale: turn.locale, services: turn.services };
  if (now.status === 'done') {
    await turn.context.sendActivity(cardMessage(await kind.doneCard(view, now)));
    return;
  }
  const sent = await turn.context.sendActivity(cardMessage(kind.progressCard(view, now)));
  await adoptWhenRunning(turn, kind, now, sent?.id);
}

/** Stores the job (or joins the one running) and waits for it a moment. */
async function beginFor(
  turn: Turn,
  kind: JobKind,
  job: { id: string; input: Record<string, unknown>; total: number; figures?: Record<string, number> },
  opts: { again?: boolean },
): Promise<JobRun> {
  const { services } = turn;
  const person = personOf(turn);
  const run = newJobRun(kind, job, `${person.tenantId}:${person.aadObjectId}`, turn.locale);
  const started = await services.jobs.begin(run, opts);
  return (await services.jobs.wait(started.run.id, services.jobs.pressWaitMs)) ?? started.run;
}

/** Hands the card's message to the runner to update; a job finished meanwhile gets its final card at once. */
async function adoptWhenRunning(turn: Turn, kind: JobKind, run: JobRun, activityId: string | undefined): Promise<void> {
  if (!(await adoptPressedCard(turn, run, activityId))) return;
  // The job may have finished between the wait and the adoption, before it could see the card.
  const after = await turn.services.jobs.get(run.id);
  if (after?.status === 'done') await sendJobCard(turn.services, kind, after, 'done');
}

/**
 * Records the message holding the pressed card (Teams replaces it with the answer) in the outbox,
 * so the runner can update it. Only where the bot can send: a personal chat or a channel.
 */
async function adoptPressedCard(turn: Turn, run: JobRun, activityId: string | undefined): Promise<boolean> {
  const a = turn.context.activity;
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

/** Whether the runner updates a card for this job (one was adopted); otherwise its final figures need a message of their own. */
export async function jobCardAdopted(services: Turn['services'], run: Pick<JobRun, 'id' | 'createdAt'>): Promise<boolean> {
  return (await services.outbox.get(jobCardKey(run))) !== undefined;
}
