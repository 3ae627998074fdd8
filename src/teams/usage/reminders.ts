import { formatDate } from '../../domain/i18n';
import { osloDate, osloInstant } from '../../domain/osloTime';
import { formatSchoolYear, type NeedsReport } from '../../domain/report';
import { usageDueOf } from '../../domain/round';
import { REMINDER_HOUR } from '../../domain/secretariat/reminders';
import { paidYearOf, reminderDue, usageDeadline, usageDueDay, type UsageStatus } from '../../domain/usage';
import type { ReportRecord } from '../../storage/reports';
import { action } from '../cards/action';
import { cardMessage } from '../cards/attach';
import { progressCard } from '../jobs/progressCard';
import { startFromTick } from '../jobs/tick';
import type { JobKind, StepContext } from '../jobs/types';
import { messageCard } from '../secretariat/cards';
import { recipient } from '../scheduler/officers';
import { usageKeyOf } from './load';
import type { JobContext } from '../scheduler/types';

// Paid reports per step: each an audience read and, per person, a chat read and an outbox write.
const REPORTS_PER_STEP = 20;

/**
 * One sweep a round and day (Oslo), in one job row per round that each day's sweep replaces (the
 * Jobs partition stays small): every reminder falls due at 09:00 Oslo time, so a sweep from then on
 * finds the day's.
 */
export const usageRemindersJobId = (roundId: string) => `usage-reminders:${roundId}`;

type Paid = { reports: Array<ReportRecord<NeedsReport>>; usage: Map<string, UsageStatus> };

/** The round's paid reports (in report id order) and its usage reports, read once per instance running the job. */
async function paid(ctx: StepContext, roundId: string): Promise<Paid> {
  const hit = ctx.memo.get('paid') as Paid | undefined;
  if (hit) return hit;
  const reports: Array<ReportRecord<NeedsReport>> = [];
  for await (const r of ctx.services.reports.listRound<NeedsReport>(roundId, ['paid'])) reports.push(r);
  reports.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Read only for rounds with something paid: one partition query.
  const usage = reports.length
    ? new Map((await ctx.services.usage.listRound(roundId)).map((u) => [usageKeyOf(u.reportId, u.schoolYear), u.status]))
    : new Map();
  const out = { reports, usage };
  ctx.memo.set('paid', out);
  return out;
}

/**
 * Reminds the owner's people (whoever filed a paid measure and the owner's current colleagues, not
 * removed ones) to send its usage report: 30 and 7 days before the due day and the day after a
 * missed one (09:00 Oslo time), only the latest due. The cursor is the last report done (by id),
 * so a takeover skips none; the outbox key usage:<report>:<school year>:<stage>:<tenant>:<aad>
 * makes each reminder go once per person, report and year, however often a step or the sweep is
 * run. A report sent (or accepted) stops them.
 */
export const USAGE_REMINDERS_JOB: JobKind = {
  kind: 'reminders.usage',
  async step(ctx) {
    const { services } = ctx;
    const roundId = String(ctx.run.input.roundId);
    const round = await services.rounds.get(roundId);
    if (!round) return { cursor: ctx.run.cursor, done: ctx.run.done, figures: ctx.run.figures, finished: true };
    const { reports, usage } = await paid(ctx, roundId);
    const after = (ctx.run.cursor as { after?: string } | undefined)?.after;
    const todo = reports.filter((r) => after === undefined || r.id > after);
    const page = todo.slice(0, REPORTS_PER_STEP);
    const now = services.now();
    let reminded = ctx.run.figures.reminded ?? 0;
    for (const report of page) {
      const schoolYear = paidYearOf(report, round.year);
      const dueDay = usageDueDay(schoolYear, usageDueOf(round));
      const stage = reminderDue(usage.get(usageKeyOf(report.id, schoolYear)), dueDay, now);
      if (!stage) continue;
      const base = `usage:${report.id}:${schoolYear}:${stage}`;
      for (const person of await services.ownerPeople.audience(report.summary.ownerOrgnr, report.createdBy)) {
        const to = await recipient(services, person);
        if (!to) continue;
        reminded++;
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
        await services.deliver({ kind: 'personal', key, ...person, activity: cardMessage(card) });
      }
    }
    return {
      cursor: { after: page.at(-1)?.id ?? after },
      done: reports.length - todo.length + page.length,
      total: reports.length,
      figures: { reminded },
      finished: page.length === todo.length,
    };
  },
  progressCard(view, run) {
    return progressCard(view, run, view.t('job.usageReminders.title'), 'reports');
  },
  async doneCard(view, run) {
    return messageCard({ title: view.t('job.usageReminders.title'), text: view.t('job.sent', { count: run.figures.reminded ?? 0 }) });
  },
};

/**
 * Starts each round's usage-report reminders once a day from 09:00 Oslo time (when they fall due),
 * in rounds past planning; the day's sweep, once started, is the job's (resumed after a crash).
 */
export async function usageReminders(ctx: JobContext): Promise<void> {
  const { services, now } = ctx;
  const day = osloDate(now);
  if (now.getTime() < osloInstant(day, REMINDER_HOUR, 0).getTime()) return;
  for (const round of ctx.rounds) {
    if (round.status === 'planned') continue;
    const id = usageRemindersJobId(round.id);
    const last = await services.jobs.get(id);
    if (last && (last.status === 'running' || last.input.day === day)) continue;
    await startFromTick(services, USAGE_REMINDERS_JOB, { id, input: { roundId: round.id, day }, by: 'scheduler' }, { again: true });
    ctx.done.reminders.push(id);
  }
}
