import type { ServerResponse } from 'node:http';
import type { Translate, Locale } from '../domain/i18n';
import type { MessageKey } from '../domain/i18n';
import type { ExportClaims } from './links';
import type { Logger } from '../app/logger';
import type { RegionConfig } from '../domain/regions';
import type { Aggregates } from '../storage/aggregates';
import type { Roles } from '../storage/roles';
import type { Rounds } from '../storage/rounds';

/** What an analysis download needs (the export route's dependencies have it). */
export interface AnalysisRouteDeps {
  roles: Roles;
  rounds: Rounds;
  regions: RegionConfig;
  logger: Logger;
  now: () => Date;
  aggregates?: Aggregates;
}
import { analysisFileName, claimedChoice, writeAnalysisCsv, writeAnalysisXlsx } from './analysisExport';
import { EXPORT_CONTENT_TYPES } from './roundExport';

/**
 * The download behind an analysis link (`analysis.export`): the figures are read when the link is
 * opened, for a holder still allowed them (officers any forum, members their own forum only).
 */
export async function analysisDownload(
  deps: AnalysisRouteDeps,
  claims: ExportClaims & { analysis: string },
  view: { t: Translate; locale: Locale },
  res: ServerResponse,
  refuse: (status: number, key: MessageKey) => void,
): Promise<void> {
  if (!deps.aggregates) return refuse(404, 'export.notFound');
  let asked: ReturnType<typeof claimedChoice>;
  let rounds: Awaited<ReturnType<Rounds['list']>>;
  try {
    const grants = await deps.roles.of({ tenantId: claims.tenantId, aadObjectId: claims.aadObjectId });
    rounds = await deps.rounds.list();
    asked = claimedChoice(claims.analysis, grants, { ...view, regions: deps.regions }, rounds);
  } catch (err) {
    deps.logger.warn('analysis export refused: storage unavailable', { error: err as Error });
    return refuse(503, 'export.unavailable');
  }
  if (!asked) return refuse(403, 'export.forbidden');
  const { analysis } = await deps.aggregates.analysis(rounds, asked.choice);
  const l = { ...view, regions: deps.regions };
  const format = claims.format;
  res.writeHead(200, {
    'content-type': EXPORT_CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="${analysisFileName(asked.choice, asked.view, deps.now(), format)}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  try {
    if (format === 'xlsx') await writeAnalysisXlsx(res, l, analysis);
    else await writeAnalysisCsv(res, l, analysis, asked.view ?? 'money');
    deps.logger.info('analysis downloaded', { format, forum: asked.choice.forum });
  } catch (err) {
    deps.logger.warn('analysis export failed', { format, error: err as Error });
    res.destroy();
  }
}
