import { formatNok } from '../../domain/i18n';
import { dueForClosing } from '../../domain/secretariat/round-setup';
import type { Round } from '../../domain/round';
import { isPastDeadline } from '../../domain/deadline';
import { cardMessage } from '../cards/attach';
import { deadlineText, messageCard } from '../secretariat/cards';
import { loadOverview } from '../secretariat/overview/overviewCard';
import { action } from '../cards/action';
import { officerRecipients } from './officers';
import type { JobContext } from './types';

type State = { notified: boolean };

/**
 * Closes open rounds whose deadline (an instant: 23:59 Oslo time that day) has passed, and tells
 * the officers. A state row is written before the close and marked after the notices, so a crash
 * in between notifies on the next tick (same outbox keys: nobody is told twice).
 */
export async function autoClose(ctx: JobContext): Promise<void> {
  const { services, jobs, now } = ctx;
  for (const round of dueForClosing(ctx.rounds, now)) {
    await jobs.update<State>('autoClose', round.id, (cur) => cur ?? { notified: false });
    await services.rounds.update(round.id, (r) =>
      r.status === 'open' && isPastDeadline(now, r.deadline) ? { ...r, status: 'closed', closedAt: now.toISOString() } : r,
    );
    ctx.done.closed.push(round.id);
  }
  // Recovery of an interrupted close: a week is far longer than any outage worth waiting out.
  const recent = (r: Round) => isPastDeadline(now, r.deadline) && now.getTime() - Date.parse(r.deadline) < 7 * 86_400_000;
  for (const round of ctx.rounds.filter(recent)) {
    const state = await jobs.get<State>('autoClose', round.id);
    if (!state || state.notified) continue;
    await notifyClosed(ctx, { ...round, status: 'closed' });
    await jobs.update<State>('autoClose', round.id, () => ({ notified: true }));
  }
}

async function notifyClosed(ctx: JobContext, round: Round): Promise<void> {
  const { services } = ctx;
  const overview = await loadOverview(services.summaries, services.regions, round);
  for (const o of await officerRecipients(services)) {
    const { t, locale } = o;
    const card = messageCard({
      title: t('closedNotice.title', { year: round.year }),
      text: t('closedNotice.text', {
        deadline: deadlineText(t, locale, round.deadline),
        count: overview.count,
        requested: formatNok(overview.requested, locale),
      }),
      actions: [action(t('secretariat.menu.overview'), 'overview.show', { roundId: round.id })],
    });
    await services.deliver({
      kind: 'personal',
      key: `closed:${round.id}:${o.person.tenantId}:${o.person.aadObjectId}`,
      tenantId: o.person.tenantId,
      aadObjectId: o.person.aadObjectId,
      activity: cardMessage(card),
    });
  }
}
