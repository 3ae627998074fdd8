import { z } from 'zod';
import { Id } from '../../domain/forum';
import { isOfficer, votesIn } from '../../domain/roles';
import { stepTitleKey, type InputStep, type NeedsReport } from '../../domain/report';
import type { ActionHandler } from '../actions/types';
import { personOf } from '../caller';
import { action } from '../cards/action';
import { factsSection } from '../cards/factsSection';
import { renderCard } from '../cards/render';
import { moneyFacts, stepFacts } from '../cards/reportFacts';
import { Refusal } from '../refusals';
import { loadItem, loadMeeting } from './ballot';
import { forumView, groupName } from './view';

const NeedRef = z.object({ verb: z.string().optional(), meetingId: Id, reportId: Id, v: z.string().max(80).optional() }).strict();

/**
 * The parts of the report voters read: owner and scheme, the measure (need and goal whole: at most
 * 4 000 characters), target groups and units, the UH partner, period and money. Not the contact
 * step: the contact person's phone and e-mail are not the electors' business.
 */
const READ: readonly InputStep[] = ['owner', 'measure', 'targets', 'partner', 'period', 'money'];

/**
 * `vote.need`: the whole needs report behind an agenda item, read-only, for the meeting's electors
 * (members and chair of its group) and the secretariat; anyone else, members of other groups and
 * invited guests included, is refused before the report is read.
 */
export const voteNeed: ActionHandler = async (turn, data) => {
  const parsed = NeedRef.safeParse(data);
  if (!parsed.success) throw new Refusal('forum.vote.forged');
  const { services, t, locale } = turn;
  const meeting = await loadMeeting(services, parsed.data.meetingId);
  const grants = await services.roles.of(personOf(turn));
  const allowed = votesIn(grants, meeting.forum, meeting.group) || isOfficer(grants, meeting.forum) || isOfficer(grants, services.regions.id);
  if (!allowed) throw new Refusal('need.refused', { group: groupName(forumView(services, locale), meeting.group) });
  const stored = await loadItem(services, meeting, parsed.data.reportId);
  const report = await services.reports.get<NeedsReport>(meeting.roundId, stored.item.reportId);
  if (!report) throw new Refusal('forum.vote.notOnAgenda');

  const ctx = { t, locale, regions: services.regions, areas: (await services.plans.get(meeting.forum))?.areas };
  const sections = READ.map((step) =>
    factsSection(
      t(stepTitleKey(step)),
      step === 'money'
        ? [...stepFacts(ctx, report.data, step), ...moneyFacts(ctx, report.data)]
        : stepFacts(ctx, report.data, step, step === 'measure' ? undefined : 'more'),
    ),
  );
  const { v } = parsed.data;
  return {
    card: renderCard('summary', {
      progress: '',
      errorSummary: '',
      intro: t('need.intro'),
      notice: '',
      title: t('need.title', { reference: report.reference, title: report.summary.title }),
      sections,
      actions: v ? [action(t('need.back'), 'vote.refresh', { meetingId: meeting.id, reportId: stored.item.reportId, v })] : [],
    }),
  };
};
