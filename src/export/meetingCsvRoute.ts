import type { ServerResponse } from 'node:http';
import type { Logger } from '../app/logger';
import type { MessageKey } from '../domain/i18n';
import type { ExportClaims } from './links';
import { EXPORT_CONTENT_TYPES } from './roundExport';

/** A meeting's recommendation as a file, or why the holder of the link may not have it. */
export type MeetingCsv = { ok: true; fileName: string; csv: string; rows: number } | { ok: false; status: 403 | 404 };

/**
 * Reads the file for a link (the forum feature's `meetingCsvFile`, handed in by the start-up so
 * this layer names no feature): the holder must still be an officer, the meeting closed.
 */
export type MeetingCsvSource = (claims: ExportClaims & { meeting: string }) => Promise<MeetingCsv>;

/** The download behind a recommendation's CSV link (`meeting.csv`): made when the link is opened. */
export async function meetingCsvDownload(
  deps: { meetingCsv?: MeetingCsvSource; logger: Logger },
  claims: ExportClaims & { meeting: string },
  res: ServerResponse,
  refuse: (status: number, key: MessageKey) => void,
): Promise<void> {
  if (!deps.meetingCsv) return refuse(404, 'export.notFound');
  let file: MeetingCsv;
  try {
    file = await deps.meetingCsv(claims);
  } catch (err) {
    deps.logger.warn('recommendation csv refused: storage unavailable', { error: err as Error });
    return refuse(503, 'export.unavailable');
  }
  if (!file.ok) return refuse(file.status, file.status === 403 ? 'export.forbidden' : 'export.notFound');
  res.writeHead(200, {
    'content-type': EXPORT_CONTENT_TYPES.csv,
    'content-disposition': `attachment; filename="${file.fileName}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(file.csv);
  deps.logger.info('recommendation csv downloaded', { meetingId: claims.meeting, rows: file.rows });
}
