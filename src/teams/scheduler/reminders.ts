import { remindersDue, type ReminderStage } from '../../domain/secretariat/reminders';
import { cardMessage } from '../cards/attach';
import { deadlineText, messageCard } from '../secretariat/cards';
import { action } from '../cards/action';
import { recipient } from './officers';
import type { JobContext } from './types';

type State = { done: ReminderStage[] };

/**
 * Reminds owners who still hold unsent drafts in an open round. Only the latest stage due is
 * sent (a bot that was down for the 7-day one does not send both at once); each owner's message
 * has the key reminder:<round>:<tenant>:<aad>:<stage>, so instances and restarts send it once.
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
    for (const { owner, drafts } of await services.drafts.ownersWithDrafts(round.id)) {
      const to = await recipient(services, owner);
      if (!to) continue;
      const { t, locale } = to;
      const deadline = deadlineText(t, locale, round.deadline);
      const card = messageCard({
        title: t('reminder.title', { deadline }),
        text: t(latest === '7d' ? 'reminder.days7' : 'reminder.days1', { count: drafts, year: round.year, deadline }),
        actions: [action(t('reminder.continue'), 'report.continue', {})],
      });
      const key = `reminder:${round.id}:${owner.tenantId}:${owner.aadObjectId}:${latest}`;
      const receipt = await services.deliver({ kind: 'personal', key, tenantId: owner.tenantId, aadObjectId: owner.aadObjectId, activity: cardMessage(card) });
      if (receipt.created) ctx.done.reminders.push(key);
    }
    await jobs.update<State>('reminders', round.id, (cur) => ({ done: [...new Set([...(cur?.done ?? []), ...due])] }));
  }
}
