import { translator } from '../src/domain/i18n';
import { DEFAULT_REGIONS } from '../src/domain/regions';
import { reportTotals } from '../src/domain/report';
import type { Round } from '../src/domain/round';
import { SCHEMES } from '../src/domain/schemes';
import { OWNER_TYPES } from '../src/domain/ownerTypes';
import { odataString } from '../src/storage/keys';
import { ReportSummaries } from '../src/storage/reportSummaries';
import { Reports, reportPk } from '../src/storage/reports';
import { Tables } from '../src/storage/tables';
import { loadOverview, overviewCard } from '../src/teams/secretariat/overview/overviewCard';
import { pool, round2, standalone, type BenchRow } from './common';
import { REPORT, TENANT } from './fixtures';

/**
 * The secretariat's overview over a round of N reports (10 000, or 1 000 with --quick) on
 * Azurite: N realistic reports are stored through the Reports repository, then the overview
 * (one partition query selecting the summary columns, the tallies and the card) is timed
 * against a raw listEntities of the same partition with every column, the floor a query that
 * reads whole reports cannot beat. Best of three runs each.
 *
 *   node dist/bench/overview.js [--quick] [--n=N]
 */

const AIM_MS = 2000;
const RUNS = 3;

/** Stores n reports spread over schemes, working groups and owner types; returns the seconds it took. */
export async function seedRound(reports: Reports, roundId: string, n: number): Promise<number> {
  const started = performance.now();
  const groups = DEFAULT_REGIONS.workingGroups.map((g) => g.id);
  const inputs = Array.from({ length: n }, (_, i) => {
    const scheme = SCHEMES[i % SCHEMES.length];
    const ownerType = OWNER_TYPES[i % OWNER_TYPES.length];
    const data = { ...REPORT, scheme, ownerType, title: `${REPORT.title} ${i + 1}` };
    return {
      draftId: `bench-${String(i).padStart(6, '0')}`,
      reference: `BM-2027-${String(i + 1).padStart(5, '0')}`,
      by: { tenantId: TENANT, aadObjectId: `00000000-0000-4000-8000-${String(i % 500).padStart(12, '0')}` },
      summary: {
        ownerName: `${REPORT.ownerName} ${i % 300}`,
        ownerOrgnr: REPORT.ownerOrgnr,
        ownerType,
        scheme,
        region: REPORT.region,
        workingGroup: groups[i % groups.length],
        title: data.title,
        totalRequested: reportTotals(data).grant,
      },
      data,
    };
  });
  // Transactions of 100 rows, a few at a time: seeding is setup, not what is measured.
  const chunks = Array.from({ length: Math.ceil(n / 1000) }, (_, c) => inputs.slice(c * 1000, (c + 1) * 1000));
  await pool(chunks.length, 4, (c) => reports.importSubmitted(roundId, chunks[c]));
  return (performance.now() - started) / 1000;
}

async function best<T>(runs: number, f: () => Promise<T>): Promise<{ ms: number; all: number[]; result: T }> {
  const all: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await f();
    all.push(Math.round(performance.now() - t));
  }
  return { ms: Math.min(...all), all, result };
}

export async function benchOverview(opts: { connectionString: string; quick: boolean; n?: number; log?: (line: string) => void }): Promise<BenchRow[]> {
  const n = opts.n ?? (opts.quick ? 1_000 : 10_000);
  const log = opts.log ?? (() => undefined);
  const tables = new Tables(opts.connectionString, `bo${Date.now().toString(36)}`);
  await tables.ensure();
  try {
    const reports = new Reports(tables, () => new Date('2027-01-15T10:00:00Z'));
    const round: Round = {
      id: 'bench-2027',
      year: 2027,
      counties: ['oslo', 'akershus', 'ostfold', 'buskerud'],
      deadline: '2027-02-01T22:59:00.000Z',
      status: 'open',
      budgets: { REKOM: 40_000_000, DEKOM: 90_000_000, KOMPLOFT: 30_000_000 },
      createdAt: '2026-11-01T00:00:00.000Z',
    };
    log(`seeding ${n} reports…`);
    const seedSeconds = await seedRound(reports, round.id, n);
    log(`seeded in ${round2(seedSeconds)} s`);

    const summaries = new ReportSummaries(tables);
    const t = translator('nb');
    const overview = await best(RUNS, async () => {
      const o = await loadOverview(summaries, DEFAULT_REGIONS, round);
      const card = overviewCard({ t, locale: 'nb', regions: DEFAULT_REGIONS }, round, o);
      return { count: o.count, bytes: JSON.stringify(card).length };
    });
    const raw = await best(RUNS, async () => {
      let rows = 0;
      const pages = tables
        .client('Reports')
        .listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(reportPk(round.id))}` } })
        .byPage({ maxPageSize: 1000 });
      for await (const page of pages) rows += page.length;
      return rows;
    });
    const right = overview.result.count === n && raw.result === n;
    const note = `${n} reports; overview runs ${overview.all.join('/')} ms (card ${round2(overview.result.bytes / 1024)} KB), raw listEntities of the partition ${raw.all.join('/')} ms; seeding ${round2(seedSeconds)} s`;
    log(note);
    return [
      {
        name: 'overview of a round',
        value: overview.ms,
        unit: 'ms',
        baseline: AIM_MS,
        ratio: round2(overview.ms / AIM_MS),
        n,
        ok: right && overview.ms < AIM_MS,
        note,
      },
      { name: 'overview vs raw partition read', value: overview.ms, unit: 'ms', baseline: raw.ms, ratio: round2(overview.ms / raw.ms), n, ok: right },
    ];
  } finally {
    await tables.dropAll();
  }
}

standalone(module, benchOverview);
