import { announcementKey, countiesOfRegions, isAnnouncedTo } from '../../../domain/announcement';
import { pickLocale, translator, type Locale } from '../../../domain/i18n';
import type { ForumPlan } from '../../../domain/forum/plan';
import { forumsOf } from '../../../domain/regions';
import type { Round } from '../../../domain/round';
import { moneyOfRow } from '../../../domain/secretariat/overview';
import type { PersonKey } from '../../../storage/keys';
import { cardMessage } from '../../cards/attach';
import type { AdaptiveCard } from '../../cards/render';
import type { WizardData } from '../../drafts';
import type { StepContext, StepResult } from '../../jobs/types';
import type { Services } from '../../services';
import { announcementCard } from './announcementCard';

/** People per step: each a few reads and one outbox write. */
export const ANNOUNCE_PAGE = 50;
/** Personal chats counted per page (one column each), and pages counted per step. */
const COUNT_PAGE = 1000;
const COUNT_PAGES_PER_STEP = 5;
const PARALLEL = 10;

/**
 * Where the announcement stands, in the round-open job's checkpoint: first the people with the
 * app are counted (the card's "av 6 000"), then walked a page at a time from `token`.
 */
export type AnnounceCursor = { phase: 'count'; token?: string; counted: number } | { phase: 'announce'; token?: string; walked: number };

/** Per scheme, the continuations already bound against the round's budget (this school year's money, not withdrawn). */
async function boundByContinuations(services: Services, round: Round): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of await services.summaries.ofRound(round.id)) {
    if (!r.continues || r.status === 'withdrawn') continue;
    out[r.scheme] = (out[r.scheme] ?? 0) + moneyOfRow(r, round.year).thisYear;
  }
  return out;
}

/** The regions of everything a person filed (or may see for an owner they act for) and drafted. */
async function historyRegions(services: Services, person: PersonKey): Promise<string[]> {
  const [drafts, visible] = await Promise.all([services.drafts.list<WizardData>(person), services.reports.visibleTo(person)]);
  const drafted = drafts.map((d) => d.data?.report?.region).filter((r): r is string => typeof r === 'string' && r !== '');
  return [...drafted, ...(await services.announcements.reportRegions(visible))];
}

/** The owners' card in one language, made once per instance running the job (the plans and bound money read once). */
async function cardIn(ctx: StepContext, round: Round, locale: Locale): Promise<AdaptiveCard> {
  const { services, memo } = ctx;
  let shown = memo.get('announce:shown') as { bound: Record<string, number>; plans: ForumPlan[] } | undefined;
  if (!shown) {
    shown = {
      bound: await boundByContinuations(services, round),
      plans: (await Promise.all(forumsOf(services.regions).map((f) => services.plans.get(f.id)))).filter((p) => p !== undefined),
    };
    memo.set('announce:shown', shown);
  }
  const key = `announce:card:${locale}`;
  const hit = memo.get(key) as AdaptiveCard | undefined;
  if (hit) return hit;
  const card = announcementCard({ t: translator(locale), locale, regions: services.regions }, round, shown.bound, shown.plans);
  memo.set(key, card);
  return card;
}

/**
 * One step of announcing an opened round (domain/announcement.ts) to everyone with the app in
 * personal chat whom it concerns. A step repeated after a crash or a takeover queues nobody twice
 * (the key announce:<round>:<tenant>:<aad>) and counts the same people again only once (the
 * counts are the checkpoint's plus this page's). The round's announcement row is marked done after
 * the last page, so the round is announced once, whoever opens it again later.
 */
export async function announceStep(ctx: StepContext, round: Round, cursor: AnnounceCursor): Promise<StepResult> {
  const { services, run } = ctx;
  const figures = run.figures;
  if (cursor.phase === 'count') {
    let { token, counted } = cursor;
    for (let i = 0; i < COUNT_PAGES_PER_STEP; i++) {
      const page = await services.announcements.personalPage(token, COUNT_PAGE);
      counted += page.people.length;
      token = page.next;
      if (!token) return { cursor: { phase: 'announce', walked: 0 } satisfies AnnounceCursor, done: 0, total: counted, figures, finished: false };
    }
    return { cursor: { phase: 'count', token, counted } satisfies AnnounceCursor, done: 0, total: 0, figures, finished: false };
  }
  const page = await services.announcements.personalPage(cursor.token, ANNOUNCE_PAGE);
  let told = 0;
  const tell = async ({ person, locale: tag }: (typeof page.people)[number]) => {
    const counties = countiesOfRegions(services.regions, await historyRegions(services, person));
    if (!isAnnouncedTo(round, counties)) return;
    told++;
    const card = await cardIn(ctx, round, pickLocale(tag));
    await services.deliver({
      kind: 'personal',
      key: announcementKey(round.id, person),
      tenantId: person.tenantId,
      aadObjectId: person.aadObjectId,
      activity: cardMessage(card),
    });
  };
  // A few people at a time: each is a handful of small reads and one outbox write.
  for (let p = 0; p < page.people.length; p += PARALLEL) await Promise.all(page.people.slice(p, p + PARALLEL).map(tell));
  const walked = cursor.walked + page.people.length;
  const next = { ...figures, announced: (figures.announced ?? 0) + told };
  // People who installed the app during the walk are counted as they come.
  const total = Math.max(run.total, walked);
  if (page.next)
    return { cursor: { phase: 'announce', token: page.next, walked } satisfies AnnounceCursor, done: walked, total, figures: next, finished: false };
  await services.announcements.finish(round.id, next.announced);
  services.logger.info('round announced', { roundId: round.id, announced: next.announced, walked });
  return { cursor: { phase: 'announce', walked }, done: walked, total, figures: next, finished: true };
}
