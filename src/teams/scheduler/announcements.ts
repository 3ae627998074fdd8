import { announcementKey, countiesOfRegions, isAnnouncedTo } from '../../domain/announcement';
import { pickLocale, translator } from '../../domain/i18n';
import type { ForumPlan } from '../../domain/forum/plan';
import { forumsOf } from '../../domain/regions';
import type { PersonKey } from '../../storage/keys';
import { cardMessage } from '../cards/attach';
import type { WizardData } from '../drafts';
import { announcementCard } from '../secretariat/rounds/announcementCard';
import type { Services } from '../services';
import type { JobContext } from './types';
import { moneyOfRow } from '../../domain/secretariat/overview';
import type { Round } from '../../domain/round';

/** Per scheme, the continuations already bound against the round's budget (this school year's money, not withdrawn). */
async function boundByContinuations(services: Services, round: Round): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of await services.summaries.ofRound(round.id)) {
    if (!r.continues || r.status === 'withdrawn') continue;
    out[r.scheme] = (out[r.scheme] ?? 0) + moneyOfRow(r, round.year).thisYear;
  }
  return out;
}

/** People per page, and pages per round per tick: about 500 people a tick, each a few reads. */
export const ANNOUNCE_PAGE = 50;
const PAGES_PER_TICK = 10;
const PARALLEL = 10;

/** The regions of everything a person filed (or may see for an owner they act for) and drafted. */
async function historyRegions(services: Services, person: PersonKey): Promise<string[]> {
  const [drafts, visible] = await Promise.all([services.drafts.list<WizardData>(person), services.reports.visibleTo(person)]);
  const drafted = drafts.map((d) => d.data?.report?.region).filter((r): r is string => typeof r === 'string' && r !== '');
  return [...drafted, ...(await services.announcements.reportRegions(visible))];
}

/**
 * Announces each opened round to the people it concerns (domain/announcement.ts), one page of
 * personal chats at a time. The officer's click only wrote the job; here it is walked, in any
 * number of instances at once: each message has the key announce:<round>:<tenant>:<aad>, so a page
 * walked twice (a crash before the job moved, two instances) queues nobody twice.
 */
export async function roundAnnouncements(ctx: JobContext): Promise<void> {
  const { services } = ctx;
  for (const round of ctx.rounds.filter((r) => r.status === 'open')) {
    let shown: { bound: Record<string, number>; plans: ForumPlan[] } | undefined;
    for (let i = 0; i < PAGES_PER_TICK; i++) {
      const job = await services.announcements.get(round.id);
      if (!job || job.done) break;
      // Read once a round and tick, only while there is someone to tell: the round's summary columns and the forums' plans.
      shown ??= {
        bound: await boundByContinuations(services, round),
        plans: (await Promise.all(forumsOf(services.regions).map((f) => services.plans.get(f.id)))).filter((p) => p !== undefined),
      };
      const { bound: boundNow, plans } = shown;
      const page = await services.announcements.personalPage(job.token, ANNOUNCE_PAGE);
      let queued = 0;
      const tell = async ({ person, locale: tag }: (typeof page.people)[number]) => {
        const counties = countiesOfRegions(services.regions, await historyRegions(services, person));
        if (!isAnnouncedTo(round, counties)) return;
        const locale = pickLocale(tag);
        const card = announcementCard({ t: translator(locale), locale, regions: services.regions }, round, boundNow, plans);
        const key = announcementKey(round.id, person);
        const receipt = await services.deliver({
          kind: 'personal',
          key,
          tenantId: person.tenantId,
          aadObjectId: person.aadObjectId,
          activity: cardMessage(card),
        });
        if (receipt.created) {
          queued++;
          ctx.done.announcements.push(key);
        }
      };
      // A few people at a time: each is a handful of small reads and one outbox write.
      for (let p = 0; p < page.people.length; p += PARALLEL) await Promise.all(page.people.slice(p, p + PARALLEL).map(tell));
      const moved = await services.announcements.advance(job, page.next, queued);
      if (moved?.done) services.logger.info('round announced', { roundId: round.id, queued: moved.queued, pages: moved.pages });
    }
  }
}
