import type { ForumPlanStore } from '../storage/forumPlans';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../app/logger';
import { pickLocale, translator, type MessageKey } from '../domain/i18n';
import type { RegionConfig } from '../domain/regions';
import { isOfficer } from '../domain/roles';
import type { Reports } from '../storage/reports';
import type { UsageReports } from '../storage/usageReports';
import type { Roles } from '../storage/roles';
import type { Rounds } from '../storage/rounds';
import type { ExportLinks } from './links';
import type { Aggregates } from '../storage/aggregates';
import { analysisDownload } from './analysisRoute';
import { meetingCsvDownload, type MeetingCsvSource } from './meetingCsvRoute';
import { EXPORT_CONTENT_TYPES, exportFileName, writeRoundExport } from './roundExport';

export interface ExportRouteDeps {
  links: ExportLinks;
  reports: Reports;
  usage?: UsageReports;
  /** Forums' priority areas, to name those each report chose. */
  plans?: ForumPlanStore;
  rounds: Rounds;
  roles: Roles;
  regions: RegionConfig;
  logger: Logger;
  now: () => Date;
  /** The analytics' tallies, for analysis links (src/export/analysisRoute.ts). */
  aggregates?: Aggregates;
  /** A meeting's recommendation as CSV, for its links (src/export/meetingCsvRoute.ts). */
  meetingCsv?: MeetingCsvSource;
}

/**
 * `GET /exports/<token>`: the download behind an export card's link. The token must be signed by
 * this bot and unexpired, and the officer it was made for must still be an officer; otherwise a
 * short text in the browser's language says why (404, 410, 403; 503 while storage is away) and
 * nothing is read. The token is a bearer credential: it is never logged.
 */
export function exportDownload(deps: ExportRouteDeps) {
  return async (req: IncomingMessage & { params?: Record<string, string> }, res: ServerResponse): Promise<void> => {
    const locale = pickLocale(String(req.headers['accept-language'] ?? '').split(',')[0]);
    const t = translator(locale);
    const refuse = (status: number, key: MessageKey) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(t(key));
    };
    const verified = deps.links.verify(req.params?.['*'] ?? '');
    if (!verified.ok) return refuse(verified.status, verified.status === 410 ? 'export.expired' : 'export.notFound');
    const { claims } = verified;
    if (claims.analysis !== undefined) return analysisDownload(deps, { ...claims, analysis: claims.analysis }, { t, locale }, res, refuse);
    if (claims.meeting !== undefined) return meetingCsvDownload(deps, { ...claims, meeting: claims.meeting }, res, refuse);
    let grants: Awaited<ReturnType<Roles['of']>>;
    let round: Awaited<ReturnType<Rounds['get']>>;
    try {
      grants = await deps.roles.of({ tenantId: claims.tenantId, aadObjectId: claims.aadObjectId });
      round = await deps.rounds.get(claims.roundId);
    } catch (err) {
      // Storage is away: say "try again", never the storage's own error text.
      deps.logger.warn('export refused: storage unavailable', { roundId: claims.roundId, error: err as Error });
      return refuse(503, 'export.unavailable');
    }
    if (!isOfficer(grants, deps.regions.id)) return refuse(403, 'export.forbidden');
    if (!round) return refuse(404, 'export.notFound');

    res.writeHead(200, {
      'content-type': EXPORT_CONTENT_TYPES[claims.format],
      'content-disposition': `attachment; filename="${exportFileName(round, claims.format, deps.now())}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const started = Date.now();
    try {
      const rows = await writeRoundExport(claims.format, res, { reports: deps.reports, round, regions: deps.regions, usage: deps.usage, plans: deps.plans });
      deps.logger.info('export downloaded', { roundId: round.id, format: claims.format, rows, ms: Date.now() - started });
    } catch (err) {
      // Headers are gone already: all that is left is to cut the download, so it is not taken as whole.
      deps.logger.warn('export failed', { roundId: round.id, format: claims.format, error: err as Error });
      res.destroy();
    }
  };
}
