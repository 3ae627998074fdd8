import { osloDate } from '../../domain/osloTime';
import { SENT_CARD_RETENTION_DAYS } from '../../domain/retention';
import type { JobContext } from './types';

type State = { day: string };

/**
 * Once per Oslo calendar day, the outbox forgets the cards it sent more than
 * SENT_CARD_RETENTION_DAYS ago (docs/security.md, "Data protection"). The watermark moves under
 * its ETag first, so of several instances ticking at once one does the sweep.
 */
export async function forgetSentCards(ctx: JobContext): Promise<void> {
  const { services, jobs, now } = ctx;
  const day = osloDate(now);
  if ((await jobs.get<State>('sentCards', 'all'))?.day === day) return;
  let mine = false;
  await jobs.update<State>('sentCards', 'all', (cur) => {
    // Called again after a lost ETag race: only the last call's answer counts.
    mine = cur?.day !== day;
    return mine ? { day } : undefined;
  });
  if (!mine) return;
  const before = new Date(now.getTime() - SENT_CARD_RETENTION_DAYS * 24 * 3600 * 1000);
  const cleared = await services.outbox.forgetSentCards(before);
  if (cleared) services.logger.info('outbox forgot sent cards', { cleared, before: before.toISOString() });
}
