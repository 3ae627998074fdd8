import { formatDate, formatNok } from '../../domain/i18n';
import { osloClockTime } from '../../domain/osloTime';
import type { Round } from '../../domain/round';
import { schemeName } from '../../domain/schemes';
import type { OverviewRow } from '../../domain/secretariat/overview';
import { cardMessage } from '../cards/attach';
import { summaryCard } from '../secretariat/cards';
import { action } from '../cards/action';
import { officerRecipients } from './officers';
import type { JobContext } from './types';

/** Events are stamped by the instance that wrote them; a window is read only once it is this old. */
export const SETTLE_MS = 30_000;
/** A digest lists at most this many events (Teams' message size); the rest are counted. */
export const DIGEST_SHOWN = 30;
/** Rounds whose deadline is older than this get no more digests. */
const DIGEST_AFTER_DEADLINE_MS = 365 * 86_400_000;

const INTAKE = new Set(['submitted', 'edited', 'withdrawn']);

type State = { upTo: string; pending?: string };

/**
 * One digest card per window of DIGEST_MINUTES to each officer, listing the reports submitted,
 * edited or withdrawn in it. Windows are claimed on a watermark row under its ETag: the claim
 * names the window's end, the digest's outbox key names its start, and the watermark moves on
 * only after the cards are queued. Two instances, a crash or a restart never send a window twice
 * or skip one.
 */
export async function intakeDigests(ctx: JobContext): Promise<void> {
  const { jobs, now, opts } = ctx;
  const period = opts.digestMinutes * 60_000;
  const windowEnd = new Date(Math.floor((now.getTime() - SETTLE_MS) / period) * period).toISOString();
  for (const round of ctx.rounds) {
    if (now.getTime() - Date.parse(round.deadline) > DIGEST_AFTER_DEADLINE_MS) continue;
    let state = await jobs.get<State>('digest', round.id);
    if (!state?.pending) {
      const from = state?.upTo ?? round.createdAt;
      if (windowEnd <= from) continue;
      state = await jobs.update<State>('digest', round.id, (cur) => {
        if (cur?.pending) return undefined; // another instance claimed a window: finish that one
        const start = cur?.upTo ?? round.createdAt;
        return windowEnd > start ? { upTo: start, pending: windowEnd } : undefined;
      });
      if (!state?.pending) continue;
    }
    await sendDigest(ctx, round, state.upTo, state.pending);
    const { upTo, pending } = state;
    await jobs.update<State>('digest', round.id, (cur) => (cur?.upTo === upTo && cur.pending === pending ? { upTo: pending } : undefined));
  }
}

async function sendDigest(ctx: JobContext, round: Round, from: string, to: string): Promise<void> {
  const { services } = ctx;
  const events = (await services.reports.eventsOf(round.id, { from, to })).filter((e) => INTAKE.has(e.type));
  if (events.length === 0) return;
  const officers = await officerRecipients(services);
  if (officers.length === 0) return;
  const shown = events.slice(0, DIGEST_SHOWN);
  const summaries = new Map<string, OverviewRow | undefined>();
  for (const e of shown) if (!summaries.has(e.reportId)) summaries.set(e.reportId, await services.summaries.one(round.id, e.reportId));
  for (const o of officers) {
    const { t, locale } = o;
    const sections = shown.map((e) => {
      const s = summaries.get(e.reportId);
      return {
        title: t('digest.section', { reference: e.reference, event: t(`digest.event.${e.type as 'submitted' | 'edited' | 'withdrawn'}`) }),
        facts: s
          ? [
              { title: t('digest.fact.owner'), value: s.ownerName },
              { title: t('digest.fact.measure'), value: s.title },
              { title: t('digest.fact.scheme'), value: schemeName(t, s.scheme) },
              { title: t('digest.fact.amount'), value: formatNok(s.totalRequested, locale) },
              { title: t('digest.fact.at'), value: `${formatDate(e.at, locale)} ${osloClockTime(e.at)}` },
            ]
          : [{ title: t('digest.fact.at'), value: `${formatDate(e.at, locale)} ${osloClockTime(e.at)}` }],
      };
    });
    const card = summaryCard({
      title: t('digest.title', { year: round.year }),
      intro:
        t('digest.intro', { from: `${formatDate(from, locale)} ${osloClockTime(from)}`, count: events.length }) +
        (events.length > shown.length ? ` ${t('digest.more', { count: events.length - shown.length })}` : ''),
      sections,
      actions: [action(t('secretariat.menu.overview'), 'overview.show', { roundId: round.id })],
    });
    const key = `digest:${round.id}:${Date.parse(from)}:${o.person.tenantId}:${o.person.aadObjectId}`;
    const receipt = await services.deliver({
      kind: 'personal',
      key,
      tenantId: o.person.tenantId,
      aadObjectId: o.person.aadObjectId,
      activity: cardMessage(card),
    });
    if (receipt.created) ctx.done.digests.push(key);
  }
}
