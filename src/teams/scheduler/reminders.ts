import { osloDate, osloInstant } from '../../domain/oslo-time';
import type { Round } from '../../domain/round';
import { cardMessage } from '../cards/attach';
import { deadlineText, messageCard } from '../secretariat/cards';
import { action } from '../wizard/view';
import { recipient } from './officers';
import type { JobContext } from './scheduler';

/** Reminders go out in the morning, Oslo time: 7 days and 1 day before the deadline's day. */
export const REMINDER_HOUR = 9;
export const REMINDER_STAGES = [{ label: '7d', days: 7 }, { label: '1d', days: 1 }] as const;
type Label = (typeof REMINDER_STAGES)[number]['label'];

function dayBefore(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** When each reminder of a round is due: 09:00 Oslo time, N calendar days before the deadline's day. */
export function reminderTimes(round: Pick<Round, 'deadline'>): Array<{ label: Label; at: Date }> {
  const deadlineDay = osloDate(new Date(round.deadline));
  return REMINDER_STAGES.map((s) => ({ label: s.label, at: osloInstant(dayBefore(deadlineDay, s.days), REMINDER_HOUR, 0) }));
}

type State = { done: Label[] };

/**
 * Reminds owners who still hold unsent drafts in an open round. Only the latest stage due is
 * sent (a bot that was down for the 7-day one does not send both at once); each owner's message
 * has the key reminder:<round>:<tenant>:<aad>:<stage>, so instances and restarts send it once.
 */
export async function deadlineReminders(ctx: JobContext): Promise<void> {
  const { services, jobs, now } = ctx;
  for (const round of ctx.rounds) {
    if (round.status !== 'open' || now.getTime() >= Date.parse(round.deadline)) continue;
    const due = reminderTimes(round).filter((s) => now.getTime() >= s.at.getTime());
    if (due.length === 0) continue;
    const latest = due[due.length - 1].label;
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
    const labels = due.map((s) => s.label);
    await jobs.update<State>('reminders', round.id, (cur) => ({ done: [...new Set([...(cur?.done ?? []), ...labels])] }));
  }
}
