import { DEFAULT_REGIONS } from '../src/domain/regions';
import type { NeedsReport } from '../src/domain/report';
import { SCHEMES } from '../src/domain/schemes';
import { OWNER_TYPES } from '../src/domain/ownerTypes';
import type { ReportSummary, Reports } from '../src/storage/reports';
import { summaryOf } from '../src/teams/wizard/summaryOf';
import { pool } from './common';
import { REPORT, TENANT } from './fixtures';

/**
 * The reports the overview and export benchmarks store, and what they must find again. Schemes,
 * owner types, working groups, amounts and the measure's length vary by index, so a sum counted
 * twice, dropped or put in the wrong group or year shows in the check, not only a wrong count.
 */

export interface BenchReport {
  draftId: string;
  reference: string;
  by: { tenantId: string; aadObjectId: string };
  summary: ReportSummary;
  data: NeedsReport;
}

/** The grant (owner + UH partner) of each year of the measure, as the bench made it. */
export const grantsOf = (r: BenchReport): number[] => r.data.amounts.slice(0, r.data.years).map((a) => a.owner + a.uh);

/** `n` reports starting in the school year `startYear` (the round's year). */
export function benchReports(n: number, startYear: number): BenchReport[] {
  const groups = DEFAULT_REGIONS.workingGroups.map((g) => g.id);
  return Array.from({ length: n }, (_, i) => {
    const years = i % 4 === 0 ? 1 : 2;
    const data: NeedsReport = {
      ...REPORT,
      scheme: SCHEMES[i % SCHEMES.length],
      ownerType: OWNER_TYPES[i % OWNER_TYPES.length],
      ownerName: `${REPORT.ownerName} ${i % 300}`,
      title: `${REPORT.title} ${i + 1}`,
      startYear,
      years,
      amounts: [
        { owner: 1_000_000 + (i % 97) * 1_000, uh: 250_000 + (i % 13) * 500, ownContribution: 400_000 },
        { owner: 800_000 + (i % 89) * 1_000, uh: 200_000, ownContribution: 320_000 },
      ].slice(0, years),
    } as NeedsReport;
    return {
      draftId: `bench-${String(i).padStart(6, '0')}`,
      reference: `BM-${startYear}-${String(i + 1).padStart(5, '0')}`,
      by: { tenantId: TENANT, aadObjectId: `00000000-0000-4000-8000-${String(i % 500).padStart(12, '0')}` },
      // As the wizard stores it (per-year columns included), spread over every working group.
      summary: { ...summaryOf(data, DEFAULT_REGIONS), workingGroup: groups[i % groups.length] },
      data,
    };
  });
}

/** Stores the reports (transactions of 100, a few at a time: setup, not measured); returns seconds. */
export async function storeReports(reports: Reports, roundId: string, inputs: BenchReport[]): Promise<number> {
  const started = performance.now();
  const chunks = Array.from({ length: Math.ceil(inputs.length / 1000) }, (_, c) => inputs.slice(c * 1000, (c + 1) * 1000));
  await pool(chunks.length, 4, (c) => reports.importSubmitted(roundId, chunks[c]));
  return (performance.now() - started) / 1000;
}
