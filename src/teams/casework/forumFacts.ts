import { findForum, findRegion, forumOfReport, hasForums, localised } from '../../domain/regions';
import type { NeedsReport } from '../../domain/report';
import type { ReportRecord } from '../../storage/reports';
import type { Turn } from '../turn';

/**
 * With several forums, the forum a report goes to (that of its working group). A network may
 * span counties; it goes by the filer's region, so the case says whose county decided.
 */
export function forumFacts(turn: Turn, report: Pick<ReportRecord<NeedsReport>, 'summary' | 'data'>): Array<{ title: string; value: string }> {
  const { t, locale, services } = turn;
  if (!hasForums(services.regions)) return [];
  const forum = findForum(services.regions, forumOfReport(services.regions, report.summary));
  const name = forum ? localised(forum.name, locale) : report.summary.workingGroup;
  const region = findRegion(services.regions, report.data.region);
  // Region names are "Akershus – Romerike"; the county is the part before the dash.
  const county = region && localised(region.name, locale).split(' – ')[0];
  const network = (report.data.network?.length ?? 0) > 0;
  return [{ title: t('forums.case.forum'), value: network && county ? t('forums.case.byFiler', { forum: name, county }) : name }];
}
