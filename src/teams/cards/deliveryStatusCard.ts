import { DELIVERY_STATUSES } from '../../domain/delivery';
import type { Translate } from '../../domain/i18n';
import type { StatusSummary } from '../../storage/outbox';
import { renderCard } from './render';

/** Counts by status and the latest failures (keys and reasons only, never message bodies). */
export function deliveryStatusCard(t: Translate, summary: StatusSummary, days: number) {
  const total = DELIVERY_STATUSES.reduce((n, s) => n + summary.counts[s], 0);
  const counts = DELIVERY_STATUSES.map((s) => ({ label: t(`delivery.status.${s}`), value: String(summary.counts[s]) }));
  if (summary.inDoubt) counts.push({ label: t('delivery.status.inDoubt'), value: String(summary.inDoubt) });
  return renderCard('deliveryStatus', {
    title: t('delivery.status.title'),
    period: t('delivery.status.period', { count: days }),
    empty: total ? '' : t('delivery.status.empty'),
    counts,
    failuresTitle: t('delivery.status.failures'),
    failures: summary.failures.map((f) => ({
      key: f.key,
      reason: f.reason ? t(`delivery.reason.${f.reason}`) : (f.lastError ?? ''),
    })),
  });
}
