import { AnnouncementJobSchema, type AnnouncementJob } from '../domain/announcement';
import { JobState } from './jobState';
import type { PersonKey } from './keys';
import { reportPk } from './reports';
import { safeKey, statusOf, type Tables } from './tables';

const JOB = 'announce';

// Personal chats are stored under `user_<tenant>` (conversationReferences.ts); teams and channels
// under `team_…`. Every personal chat of every tenant is the key range ['user_', 'user`'): '`'
// is the character after '_', so the range holds exactly those partitions and no team's rows.
const PERSONAL_RANGE = `PartitionKey ge 'user_' and PartitionKey lt 'user\`'`;

export interface AnnouncementPage {
  people: Array<{ person: PersonKey; locale?: string }>;
  /** Where the next page starts; undefined after the last. */
  next?: string;
}

/**
 * Round announcements: the row the officer's click writes (the round is to be announced, once), and
 * the pages the round-open job walks (secretariat/rounds/announceStep.ts).
 * Reading is by key ranges and partitions only: the personal chats' range, and for each person
 * their own index rows (report regions by point reads).
 */
export class Announcements {
  private readonly jobs: JobState;
  private readonly allowed: ReadonlySet<string>;

  constructor(
    private readonly tables: Tables,
    /** ALLOWED_TENANTS: only people of served tenants are told; empty = every tenant. */
    allowedTenants: readonly string[] = [],
  ) {
    this.jobs = new JobState(tables);
    this.allowed = new Set(allowedTenants.map((t) => t.toLowerCase()));
  }

  /** Records that the round is to be announced; a second request (or a retry) changes nothing. */
  /** `created`: this call wrote the job (false when one was there already). */
  async request(job: AnnouncementJob): Promise<{ job: AnnouncementJob; created: boolean }> {
    // A job already there is left as it is, unwritten: a repeated press (or one on a stale card) writes nothing.
    let created = false;
    const stored = await this.jobs.update<AnnouncementJob>(JOB, job.roundId, (cur) => {
      created = !cur; // called again after a lost race: the last call's answer counts
      return cur ? undefined : AnnouncementJobSchema.parse(job);
    });
    return { job: stored!, created };
  }

  async get(roundId: string): Promise<AnnouncementJob | undefined> {
    const job = await this.jobs.get<AnnouncementJob>(JOB, roundId);
    return job ? AnnouncementJobSchema.parse(job) : undefined;
  }

  /** Marks the round announced, with the people told: the round-open job's last page (a round opened again is not announced again). */
  async finish(roundId: string, queued: number): Promise<void> {
    await this.jobs.update<AnnouncementJob>(JOB, roundId, (cur) =>
      cur && !cur.done ? { ...AnnouncementJobSchema.parse(cur), token: undefined, queued, done: true } : undefined,
    );
  }

  /** One page of people with the app in personal chat (stale chats and unserved tenants left out). */
  async personalPage(token: string | undefined, size: number): Promise<AnnouncementPage> {
    const pages = this.tables
      .client('Conversations')
      .listEntities<{ kind?: string; tenantId?: string; id?: string; stale?: boolean; locale?: string }>({
        queryOptions: { filter: PERSONAL_RANGE, select: ['kind', 'tenantId', 'id', 'stale', 'locale'] },
      })
      .byPage({ maxPageSize: size, continuationToken: token });
    for await (const page of pages) {
      const people = page
        .filter((r) => r.kind === 'personal' && !r.stale && r.tenantId && r.id)
        .filter((r) => this.allowed.size === 0 || this.allowed.has(r.tenantId!.toLowerCase()))
        .map((r) => ({ person: { tenantId: r.tenantId!, aadObjectId: r.id! }, ...(r.locale ? { locale: r.locale } : {}) }));
      return { people, next: page.continuationToken || undefined };
    }
    return { people: [] };
  }

  /** The regions of these reports (one point read of one column each); reports gone are skipped. */
  async reportRegions(reports: ReadonlyArray<{ id: string; roundId: string }>): Promise<string[]> {
    const table = this.tables.client('Reports');
    const out: string[] = [];
    for (const r of reports) {
      try {
        const row = await table.getEntity<{ region?: string }>(reportPk(r.roundId), safeKey(r.id), { queryOptions: { select: ['region'] } });
        if (row.region) out.push(row.region);
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    }
    return out;
  }
}
