import type { NeedsReport } from '../../domain/report';
import type { ReportRecord } from '../../storage/reports';
import type { UsageKey } from '../../storage/usageReports';
import type { Services } from '../services';

/**
 * Unused money the secretariat carried over from earlier school years of a measure, not yet carried
 * into a payment: it goes into the next payment of the measure (a continuation's), shown there and
 * added to what that year's usage report accounts for. Point reads, one per earlier year.
 */
export async function carryOverFor(services: Services, report: ReportRecord<NeedsReport>): Promise<Array<{ key: UsageKey; amount: number }>> {
  const out: Array<{ key: UsageKey; amount: number }> = [];
  for (const e of report.continuation?.earlier ?? []) {
    const at = await services.reports.findByReference(e.reference);
    if (!at) continue;
    const key = { roundId: at.roundId, reportId: at.reportId, schoolYear: e.schoolYear };
    const d = (await services.usage.get(key))?.unusedDecision;
    if (d?.plan === 'carryOver' && !d.carriedInto) out.push({ key, amount: d.amount });
  }
  return out;
}

/** Marks the carried-over money as carried into the payment of `reference`, so no later payment counts it again. */
export async function markCarried(services: Services, items: ReadonlyArray<{ key: UsageKey }>, reference: string): Promise<void> {
  for (const { key } of items) {
    await services.usage.change(key, (cur) =>
      cur?.unusedDecision && !cur.unusedDecision.carriedInto ? { ...cur, unusedDecision: { ...cur.unusedDecision, carriedInto: reference } } : undefined,
    );
  }
}
