import type { Continuation } from '../../domain/money/continuation';
import { transition, type Actor } from '../../domain/report';
import { RefusedError } from '../../storage/reports';
import type { Services } from '../services';

/**
 * A measure has ended (its last year closed, or the owner stopped it): the original report and the
 * earlier years' continuations, which stayed `reported` meanwhile, are closed too. A year not yet
 * reported on (still `paid`) closes with its own accepted usage report instead.
 */
export async function closeEarlierYears(services: Services, c: Continuation, actor: Actor, reason?: string): Promise<void> {
  const at = services.now();
  const earlier = [{ roundId: c.originRoundId, reportId: c.originReportId }];
  for (const e of c.earlier) {
    if (e.reference === c.originReference) continue;
    const found = await services.reports.findByReference(e.reference);
    if (found) earlier.push(found);
  }
  for (const r of earlier) {
    try {
      await services.reports.setStatus(r.roundId, r.reportId, (status) => {
        if (status !== 'reported') return { ok: false, reason: 'notAllowed', key: 'report.lifecycle.notAllowed' };
        const moved = transition({ status }, 'closed', { actor, at, deadline: at, ...(reason ? { reason } : {}) });
        return moved.ok ? moved.entry : moved;
      });
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
    }
  }
}
