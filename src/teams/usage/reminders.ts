import { formatDate } from '../../domain/i18n';
import { formatSchoolYear, type NeedsReport } from '../../domain/report';
import { usageDueOf } from '../../domain/round';
import { paidYearOf, reminderDue, usageDeadline, usageDueDay, type UsageStatus } from '../../domain/usage';
import { action } from '../cards/action';
import { cardMessage } from '../cards/attach';
import { messageCard } from '../secretariat/cards';
import { recipient } from '../scheduler/officers';
import { usageKeyOf } from './load';
import type { JobContext } from '../scheduler/types';

/**
 * Reminds the owner's people (whoever filed a paid measure and the owner's current colleagues, not
 * removed ones) to send its usage report: 30 and 7 days before the due day and the day after a
 * missed one (09:00 Oslo time), only the latest due. The outbox key
 * usage:<report>:<school year>:<stage>:<tenant>:<aad> makes each reminder go once per person, report
 * and year, whichever instance ticks and however often. A report sent (or accepted) stops them.
 */
export async function usageReminders(ctx: JobContext): Promise<void> {
  const { services, now } = ctx;
  for (const round of ctx.rounds) {
    if (round.status === 'planned') continue;
    let usage: Map<string, UsageStatus> | undefined;
    for await (const report of services.reports.listRound<NeedsReport>(round.id, ['paid'])) {
      // Read only for rounds with something paid: one partition query.
      usage ??= new Map((await services.usage.listRound(round.id)).map((u) => [usageKeyOf(u.reportId, u.schoolYear), u.status]));
      const schoolYear = paidYearOf(report, round.year);
      const dueDay = usageDueDay(schoolYear, usageDueOf(round));
      const stage = reminderDue(usage.get(usageKeyOf(report.id, schoolYear)), dueDay, now);
      if (!stage) continue;
      const base = `usage:${report.id}:${schoolYear}:${stage}`;
      for (const person of await services.ownerPeople.audience(report.summary.ownerOrgnr, report.createdBy)) {
        const to = await recipient(services, person);
        if (!to) continue;
        const { t, locale } = to;
        const params = {
          reference: report.reference,
          title: report.summary.title,
          schoolYear: formatSchoolYear(schoolYear),
          due: formatDate(usageDeadline(schoolYear, usageDueOf(round)), locale),
        };
        const card = messageCard({
          title: t(stage === 'late' ? 'usage.reminder.lateTitle' : 'usage.reminder.title', params),
          text: t(stage === 'late' ? 'usage.reminder.late' : stage === '7d' ? 'usage.reminder.7d' : 'usage.reminder.30d', params),
          actions: [action(t('usage.button'), 'usage.open', { roundId: round.id, reportId: report.id, schoolYear })],
        });
        const key = `${base}:${person.tenantId}:${person.aadObjectId}`;
        const receipt = await services.deliver({ kind: 'personal', key, ...person, activity: cardMessage(card) });
        if (receipt.created) ctx.done.reminders.push(key);
      }
    }
  }
}
