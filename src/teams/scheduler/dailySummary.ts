import { formatDate } from '../../domain/i18n';
import { osloDate, osloWallClock } from '../../domain/osloTime';
import { cardMessage } from '../cards/attach';
import { loadOverviewAndLedger, overviewCard } from '../secretariat/overview/overviewCard';
import { action } from '../cards/action';
import { officerRecipients } from './officers';
import type { JobContext } from './types';

type State = { day: string };

/**
 * Each officer's morning card for each open round: the overview with the ledger, once per Oslo calendar day
 * (outbox key summary:<round>:<day>:<tenant>:<aad>). The watermark only spares the next ticks
 * from building it again; the keys are what keep it to once.
 */
export async function dailySummary(ctx: JobContext): Promise<void> {
  const { services, jobs, now, opts } = ctx;
  if (osloWallClock(now).hour < opts.summaryHour) return;
  const day = osloDate(now);
  for (const round of ctx.rounds.filter((r) => r.status === 'open')) {
    if ((await jobs.get<State>('summary', round.id))?.day === day) continue;
    const officers = await officerRecipients(services);
    if (officers.length) {
      // The ledger's figures (per forum when budgets are per forum), as `oversikt` shows them.
      const { overview, ledger, plans } = await loadOverviewAndLedger(services, round);
      for (const o of officers) {
        const { t, locale } = o;
        const card = overviewCard({ t, locale, regions: services.regions }, round, overview, {
          title: t('overview.summaryTitle', { date: formatDate(now, locale), year: round.year }),
          actions: [action(t('overview.refresh'), 'overview.show', { roundId: round.id })],
          ledger,
          plans,
        });
        const key = `summary:${round.id}:${day}:${o.person.tenantId}:${o.person.aadObjectId}`;
        const receipt = await services.deliver({
          kind: 'personal',
          key,
          tenantId: o.person.tenantId,
          aadObjectId: o.person.aadObjectId,
          activity: cardMessage(card),
        });
        if (receipt.created) ctx.done.summaries.push(key);
      }
    }
    await jobs.update<State>('summary', round.id, () => ({ day }));
  }
}
