import { REMINDER_STAGES, remindersDue, type ReminderStage } from '../../domain/secretariat/reminders';
import { JobState } from '../../storage/jobState';
import type { PersonKey } from '../../storage/keys';
import { cardMessage } from '../cards/attach';
import { progressCard } from '../jobs/progressCard';
import { startFromTick } from '../jobs/tick';
import type { JobKind, StepContext } from '../jobs/types';
import { deadlineText, messageCard } from '../secretariat/cards';
import { action } from '../cards/action';
import { recipient } from './officers';
import type { JobContext } from './types';

type State = { done: ReminderStage[] };
type Owner = { owner: PersonKey; drafts: number; key: string };

// Owners per step: each a chat read and an outbox write.
const OWNERS_PER_STEP = 40;

/** The reminders of one round and stage: one job each, run once (a round opened again asks again only for stages not yet marked). */
export const deadlineRemindersJobId = (roundId: string, stage: ReminderStage) => `reminders:${roundId}:${stage}`;

/** The owners with unsent drafts, in a fixed order (by person), read once per instance running the job. */
async function owners(ctx: StepContext, roundId: string): Promise<Owner[]> {
  const hit = ctx.memo.get('owners') as Owner[] | undefined;
  if (hit) return hit;
  const list = (await ctx.services.drafts.ownersWithDrafts(roundId))
    .map((o) => ({ ...o, key: `${o.owner.tenantId}:${o.owner.aadObjectId}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  ctx.memo.set('owners', list);
  return list;
}

/**
 * Reminds owners who still hold unsent drafts in an open round, for one stage (7 days or 1 day
 * before the deadline's day). The cursor is the last owner done, by person, so a takeover that
 * reads the drafts again skips nobody; each message has the key
 * reminder:<round>:<tenant>:<aad>:<stage>, so a step repeated after a crash sends it once. The last
 * step marks the stage (and those before it) done for the round.
 */
export const DEADLINE_REMINDERS_JOB: JobKind = {
  kind: 'reminders.deadline',
  async step(ctx) {
    const { services } = ctx;
    const roundId = String(ctx.run.input.roundId);
    const stage = ctx.run.input.stage as ReminderStage;
    const round = await services.rounds.get(roundId);
    // A round closed meanwhile (or past its deadline) is reminded of nothing more.
    if (!round || round.status !== 'open' || !remindersDue(round, services.now()).includes(stage))
      return { cursor: ctx.run.cursor, done: ctx.run.done, figures: ctx.run.figures, finished: true };
    const all = await owners(ctx, roundId);
    const after = (ctx.run.cursor as { after?: string } | undefined)?.after;
    const todo = all.filter((o) => after === undefined || o.key > after);
    const page = todo.slice(0, OWNERS_PER_STEP);
    let reminded = ctx.run.figures.reminded ?? 0;
    for (const { owner, drafts } of page) {
      const to = await recipient(services, owner);
      if (!to) continue;
      reminded++;
      const { t, locale } = to;
      const deadline = deadlineText(t, locale, round.deadline);
      const card = messageCard({
        title: t('reminder.title', { deadline }),
        text: t(stage === '7d' ? 'reminder.days7' : 'reminder.days1', { count: drafts, year: round.year, deadline }),
        actions: [action(t('reminder.continue'), 'report.continue', {})],
      });
      const key = `reminder:${round.id}:${owner.tenantId}:${owner.aadObjectId}:${stage}`;
      await services.deliver({ kind: 'personal', key, tenantId: owner.tenantId, aadObjectId: owner.aadObjectId, activity: cardMessage(card) });
    }
    const done = all.length - todo.length + page.length;
    const cursor = { after: page.at(-1)?.key ?? after };
    const finished = page.length === todo.length;
    if (finished) {
      const upTo = REMINDER_STAGES.slice(0, REMINDER_STAGES.findIndex((s) => s.label === stage) + 1).map((s) => s.label);
      await new JobState(services.tables).update<State>('reminders', roundId, (cur) => ({ done: [...new Set([...(cur?.done ?? []), ...upTo])] }));
    }
    return { cursor, done, total: all.length, figures: { reminded }, finished };
  },
  progressCard(view, run) {
    return progressCard(view, run, view.t('job.reminders.title'), 'people');
  },
  async doneCard(view, run) {
    return messageCard({ title: view.t('job.reminders.title'), text: view.t('job.sent', { count: run.figures.reminded ?? 0 }) });
  },
};

/**
 * Starts the reminders of the latest stage due in each open round (a bot that was down for the
 * 7-day one does not send both at once), once per round and stage: a stage marked done is left,
 * and a job under way is left to its runner (another instance takes a dead one's over).
 */
export async function deadlineReminders(ctx: JobContext): Promise<void> {
  const { services, jobs, now } = ctx;
  for (const round of ctx.rounds) {
    if (round.status !== 'open') continue;
    const due = remindersDue(round, now);
    if (due.length === 0) continue;
    const latest = due[due.length - 1];
    const state = await jobs.get<State>('reminders', round.id);
    if (state?.done.includes(latest)) continue;
    const id = deadlineRemindersJobId(round.id, latest);
    if ((await services.jobs.get(id))?.status === 'running') continue;
    await startFromTick(services, DEADLINE_REMINDERS_JOB, { id, input: { roundId: round.id, stage: latest }, by: 'scheduler' }, { again: true });
    ctx.done.reminders.push(id);
  }
}
