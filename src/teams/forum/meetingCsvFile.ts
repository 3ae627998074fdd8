import { phaseOf } from '../../domain/forum';
import { pickLocale } from '../../domain/i18n';
import { isOfficer } from '../../domain/roles';
import type { MeetingCsv, MeetingCsvSource } from '../../export/meetingCsvRoute';
import type { Services } from '../services';
import { recommendationCsv } from './recommendationCard';
import { forumView } from './view';

const csvRows = (csv: string) => csv.split('\r\n').filter((l) => l !== '').length - 1;

/**
 * The file behind a recommendation's CSV link (`meeting.csv`), for whoever may see the
 * recommendation when the link is opened: an officer of the forum, as for `meeting.recommendation`.
 * The meeting is read by its key; a link of another round, or of a vote not closed, finds nothing.
 */
export function meetingCsvFile(services: Services): MeetingCsvSource {
  return async (claims): Promise<MeetingCsv> => {
    const grants = await services.roles.of({ tenantId: claims.tenantId, aadObjectId: claims.aadObjectId });
    if (!isOfficer(grants, services.regions.id)) return { ok: false, status: 403 };
    const meeting = await services.meetings.get(services.regions.id, claims.meeting);
    if (!meeting || meeting.roundId !== claims.roundId || phaseOf(meeting) !== 'closed') return { ok: false, status: 404 };
    const round = await services.rounds.get(meeting.roundId);
    if (!round) return { ok: false, status: 404 };
    const items = await services.meetings.items(meeting);
    const csv = recommendationCsv(forumView(services, pickLocale(claims.locale)), meeting, round, items);
    // ASCII only in the header: the group's id and the meeting's date name the file.
    const name = `anbefaling-${meeting.group}-${meeting.date}`.replace(/[^A-Za-z0-9-]/g, '');
    return { ok: true, fileName: `${name}.csv`, csv, rows: csvRows(csv) };
  };
}
