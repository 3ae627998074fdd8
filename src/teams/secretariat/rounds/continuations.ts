import { CONTINUES_FROM, planContinuation, sourceRoundYears, type ContinuationSource } from '../../../domain/money/continuation';
import { findRegion } from '../../../domain/regions';
import { encodeYears } from '../../../domain/money/schoolYear';
import { grantForYear } from '../../../domain/report/money';
import type { Actor, AuditEntry, NeedsReport } from '../../../domain/report';
import type { Round } from '../../../domain/round';
import type { ReportRecord } from '../../../storage/reports';
import type { Services } from '../../services';
import { inBatches } from '../../forum/agenda';

/**
 * Brings granted multi-year measures with years left into `round` as continuations: run when a
 * round is created and again when it is opened. Reads only the partitions of the few rounds that
 * can hold a source (the three years before, sharing a county), filtered to paid or reported
 * reports; every write is create-if-absent, so running it twice adds nothing. Returns how many
 * continuations the round has from this run (new or found).
 */
export async function carryForward(services: Services, round: Round, actor: Actor): Promise<number> {
  const years = sourceRoundYears(round.year);
  const sources = (await services.rounds.list()).filter(
    (r) => r.id !== round.id && years.includes(r.year) && r.counties.some((c) => round.counties.includes(c)),
  );
  const found: Array<{ sourceRound: Round; source: ReportRecord<NeedsReport> }> = [];
  for (const sourceRound of sources) {
    for await (const source of services.reports.listRound<NeedsReport>(sourceRound.id, CONTINUES_FROM)) {
      const county = findRegion(services.regions, source.data.region)?.county;
      if (county && round.counties.includes(county)) found.push({ sourceRound, source });
    }
  }
  // A few at a time: each is a handful of storage round trips, and the officer is waiting.
  const made = await inBatches(found, 6, async ({ sourceRound, source }) => {
    const origin = source.continuation
      ? await services.reports.get<NeedsReport>(source.continuation.originRoundId, source.continuation.originReportId)
      : source;
    const plan = origin && planContinuation(origin as ContinuationSource, source as ContinuationSource, sourceRound.year, round.year);
    if (!origin || !plan) return false;
    await createOne(services, round, actor, origin, source, plan);
    return true;
  });
  const count = made.filter(Boolean).length;
  if (count > 0) services.logger.info('continuations carried forward', { roundId: round.id, count });
  return count;
}

async function createOne(
  services: Services,
  round: Round,
  actor: Actor,
  origin: ReportRecord<NeedsReport>,
  source: ReportRecord<NeedsReport>,
  plan: NonNullable<ReturnType<typeof planContinuation>>,
): Promise<void> {
  const at = services.now().toISOString();
  const grant = grantForYear(plan.data.amounts[0]);
  // Run again (a retry, or the round opened after it was created): the row keeps its number.
  const existing = await services.reports.get(round.id, plan.id);
  const reference = existing?.reference ?? (await services.reports.nextReference(round.id, round.year));
  const change = {
    field: 'continuation' as const,
    from: origin.reference,
    to: reference,
    schoolYear: round.year,
    year: plan.continuation.year,
    of: plan.continuation.of,
  };
  // Checked already: the measure was checked and granted; it goes straight to the agendas.
  const entry: AuditEntry = { from: source.status, to: 'formally_checked', at, actor, change };
  const originEntry: AuditEntry = { from: origin.status, to: origin.status, at, actor, change };
  await services.reports.createContinuation({
    roundId: round.id,
    id: plan.id,
    reference,
    createdBy: origin.createdBy,
    // The source's columns (owner, the working group officers last chose), with this year's money only.
    summary: { ...source.summary, totalRequested: grant, requestedPerYear: encodeYears([{ schoolYear: round.year, grant }]) },
    data: plan.data,
    continuation: plan.continuation,
    entry,
    originEntry,
    continuedIn: { roundId: round.id, reportId: plan.id, reference, schoolYear: round.year, year: plan.continuation.year },
  });
}
