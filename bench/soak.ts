import { benchRow, round2, rssMb, startBotProcess, type BenchRow } from './common';
import { wizardLoad } from './submit';

/**
 * Mixed load for ten minutes (owners filing reports, asking for help and their lists) against
 * one bot process: resident memory after ten minutes against after one. A leak shows as growth.
 */
export async function benchSoak(opts: { connectionString: string; quick: boolean }): Promise<BenchRow[]> {
  if (opts.quick) return [];
  const minutes = Number(process.env.SOAK_MINUTES ?? 10);
  const bot = await startBotProcess({ TABLES_CONNECTION_STRING: opts.connectionString, TABLE_PREFIX: `soak${Date.now() % 1e9}` });
  const started = Date.now();
  let atOne = NaN;
  let reports = 0;
  let errors = 0;
  let user = 0;
  try {
    while (Date.now() - started < minutes * 60_000) {
      const load = await wizardLoad(bot.url, 10, 1, user);
      user += 10;
      reports += load.references.size;
      errors += load.errors;
      if (Number.isNaN(atOne) && Date.now() - started >= 60_000) atOne = rssMb(bot.pid);
    }
    const atEnd = rssMb(bot.pid);
    return [
      benchRow({
        name: 'soak.rss',
        value: round2(atEnd),
        unit: 'MB',
        baseline: round2(atOne),
        baselineKind: 'measured',
        n: reports,
        aim: { of: 'ratio', atMost: 1.1 },
        note: `${reports} reports in ${minutes} min, ${errors} errors, RSS ${round2(atOne)} MB after 1 min, ${round2(atEnd)} MB at the end`,
        error: errors > 0 ? `${errors} requests failed` : undefined,
      }),
    ];
  } finally {
    await bot.stop();
  }
}
