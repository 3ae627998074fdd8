import { UsageReports } from '../storage/usageReports';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { createServer } from './server';
import { openTables } from './storage';
import { ConversationReferences } from '../storage/conversationReferences';
import type { TeamsEndpoint } from '../teams/endpoint';
import { userRateLimitOf } from '../teams/userRateLimit';
import type { Services } from '../teams/services';
import { createDelivery } from '../teams/delivery';
import { Drafts } from '../storage/drafts';
import { Aggregates } from '../storage/aggregates';
import { Reports } from '../storage/reports';
import { Rounds } from '../storage/rounds';
import { RoundPurge } from '../storage/roundPurge';
import { Roles } from '../storage/roles';
import { Groups } from '../storage/groups';
import { ForumRulesStore } from '../storage/forumRules';
import { ForumPlanStore } from '../storage/forumPlans';
import { Meetings } from '../storage/meetings';
import { Votes } from '../storage/votes';
import { followGrants } from '../teams/forum/electorRows';
import { SECRETARIAT_GROUP } from '../domain/roles';
import { demoRound } from '../domain/round';
import { withDemoForumBudgets } from '../domain/demoBudgets';
import { ReportSummaries } from '../storage/reportSummaries';
import { JobState } from '../storage/jobState';
import { Announcements } from '../storage/announcements';
import { RoundResults } from '../storage/roundResults';
import { Scheduler } from '../teams/scheduler/scheduler';
import { ExportLinks } from '../export/links';
import { exportDownload } from '../export/route';
import type { MeetingCsvSource } from '../export/meetingCsvRoute';
import { benchRoutes } from './benchRoutes';
import type { JobKind } from '../teams/jobs/types';
import type { Registry } from '../teams/registryTypes';
import { JobRuns } from '../storage/jobRuns';
import { JobRunner } from '../teams/jobs/runner';
import { randomUUID } from 'node:crypto';
import os from 'node:os';

export interface RunningApp {
  port: number;
  url: string;
  config: Config;
  services: Services;
  /** Timed jobs; tests call `scheduler.tick()` on a fake clock. */
  scheduler: Scheduler;
  /** The per-person request limit of this instance (tests look at how many people it tracks). */
  rateLimit: TeamsEndpoint['rateLimit'];
  stop(): Promise<void>;
}

/** How long after listening the endpoint and the features load when no activity came first. */
const WARM_AFTER_MS = 5000;

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
}

/** Logged at a production start when nobody can act as the secretariat; docs/deploy.md quotes it. */
export const NO_OFFICER =
  'no secretariat officer: BOOTSTRAP_SECRETARIAT is empty and no officer is stored, so nobody can open a round or add people. Set BOOTSTRAP_SECRETARIAT to tenantId:aadObjectId of the first officer (Microsoft Entra ID: the tenant ID on Overview, the Object ID on Users → the person) and restart';

/** Officers by configuration, or stored ones (granted in Teams earlier): one partition read. */
async function hasOfficer(config: Config, services: Services): Promise<boolean> {
  if (config.BOOTSTRAP_SECRETARIAT.length > 0) return true;
  const grants = await services.roles.inGroup(services.regions.id, SECRETARIAT_GROUP);
  return grants.some((g) => g.role === 'secretariat');
}

/** Starts storage (Azurite when none is configured), the bot and the HTTP server. */
export async function startApp(env: Record<string, string | undefined>, opts: StartOptions = {}): Promise<RunningApp> {
  const config = loadConfig(env);
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const { tables, azurite } = await openTables(config, logger);

  const now = opts.now ?? (() => new Date());
  if (config.anonymous && config.DEMO_ROUND) {
    // Local mode: a round is open at once, so a newcomer can file a report without setup.
    // Every forum's counties, and with several forums a budget of each forum's own.
    const round = demoRound(now(), [...new Set(config.REGIONS.regions.map((r) => r.county))]);
    await new Rounds(tables).create(withDemoForumBudgets(round, config.REGIONS));
  }
  // Proactive messages: the outbox and its worker run on real time, whatever clock handlers see.
  const delivery = createDelivery({ config, tables, references: new ConversationReferences(tables, now), logger });
  // Links need the address people reach the bot at; locally that is only known after listening.
  let publicUrl = config.PUBLIC_URL ?? '';
  const exportLinks = new ExportLinks({ secret: config.EXPORT_LINK_SECRET, ttlMinutes: config.EXPORT_LINK_MINUTES, now, baseUrl: () => publicUrl });
  const reports = new Reports(tables, now);
  // Owner links stored before the claim rule are marked before anyone is served (once; a no-op after).
  const migrated = await reports.migrateOwnerLinks();
  if (migrated) logger.info('owner links marked under the claim rule', { migrated });
  // Every feature (verbs, commands, kinds of job) is assembled in ./registry, loaded when first needed:
  // with the first activity or the first job, not at start (docs/benchmarks.md, `startup`).
  let features: Promise<{ REGISTRY: Registry; JOBS: readonly JobKind[]; meetingCsvFile: (s: Services) => MeetingCsvSource }> | undefined;
  const loadFeatures = () => (features ??= import('./registry'));
  // Long work off the press; handlers reach it as `services.jobs`, so it sees them through a function.
  const jobs = new JobRunner(
    () => services,
    new JobRuns(tables),
    async (): Promise<readonly JobKind[]> => (await loadFeatures()).JOBS,
    {
      instanceId: `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
      pollMs: config.JOB_POLL_MS,
      leaseMs: config.JOB_LEASE_MS,
      cardEveryMs: 2000,
      pressWaitMs: config.JOB_PRESS_WAIT_MS,
    },
  );
  const services: Services = {
    jobs,
    tables,
    logger,
    now,
    exportLinks,
    references: new ConversationReferences(tables, now),
    deliver: delivery.deliver,
    outbox: delivery.outbox,
    bootstrapSecretariat: config.BOOTSTRAP_SECRETARIAT,
    roundRetentionYears: config.ROUND_RETENTION_YEARS,
    summaries: new ReportSummaries(tables),
    usage: new UsageReports(tables),
    drafts: new Drafts(tables, now),
    reports,
    ownerPeople: reports.people,
    rounds: new Rounds(tables),
    roundPurge: new RoundPurge(tables, config.REGIONS.id),
    announcements: new Announcements(tables, config.ALLOWED_TENANTS),
    results: new RoundResults(tables),
    groups: new Groups(tables),
    meetings: new Meetings(tables, config.REGIONS.id),
    votes: new Votes(tables),
    roles: new Roles(tables, config.REGIONS.id, config.BOOTSTRAP_SECRETARIAT),
    regions: config.REGIONS,
    forumRules: config.FORUM_RULES,
    rulesStore: new ForumRulesStore(tables),
    aggregates: new Aggregates(
      tables,
      () => services.regions,
      (error, at) => logger.warn('aggregates not updated', { ...at, error }),
    ),
    plans: new ForumPlanStore(tables),
  };
  // The analytics' aggregates follow every stored change of a report or usage report (in the background).
  services.reports.onChange = services.usage.onChange = services.aggregates.track;
  // An open vote's elector rows follow the grants: a member added gets rows, one removed loses them.
  services.roles.afterChange = (person, forum, group) => followGrants(services, person, forum, group);
  // Timed work (deadlines, reminders, digests, daily summaries) on the handlers' clock.
  const scheduler = new Scheduler(services, new JobState(tables), {
    tickMs: config.SCHEDULER_TICK_MS,
    digestMinutes: config.DIGEST_MINUTES,
    summaryHour: config.SUMMARY_HOUR,
  });
  // The endpoint (botbuilder, about half the modules of a start) loads with the first activity, or
  // a moment after listening, whichever comes first: /healthz answers without it (docs/benchmarks.md).
  const rateLimit = userRateLimitOf(config);
  let endpoint: Promise<TeamsEndpoint> | undefined;
  const loadEndpoint = () =>
    (endpoint ??= import('../teams/endpoint').then(
      (m) => m.createTeamsEndpoint(config, services, async () => (await loadFeatures()).REGISTRY, rateLimit),
      (err: unknown) => {
        endpoint = undefined; // tried again by the next activity
        throw err;
      },
    ));
  const server = createServer({
    logger,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    // A wildcard, since a signed token is longer than the router allows a :param to be.
    routes: (s) => {
      s.get(
        '/exports/*',
        exportDownload({
          ...services,
          links: exportLinks,
          // A recommendation's CSV is the forum feature's to make: loaded with the features, on first use.
          meetingCsv: async (claims) => (await loadFeatures()).meetingCsvFile(services)(claims),
        }),
      );
      if (config.anonymous) benchRoutes(s);
    },
    messages: async (req, res) => (await loadEndpoint()).process(req, res),
    health: async () => {
      const storage = await tables.ping();
      return { ok: storage, body: { status: storage ? 'ok' : 'unavailable', storage, anonymous: config.anonymous } };
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Anonymous local mode answers this machine only.
    server.listen(config.PORT, config.anonymous ? '127.0.0.1' : '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  publicUrl ||= `http://localhost:${port}`;
  if (config.anonymous) logger.warn('LOCAL_MODE: the bot accepts unauthenticated requests, on 127.0.0.1 only');
  else if (!(await hasOfficer(config, services))) logger.warn(NO_OFFICER);
  logger.info('bot listening', { url: `http://127.0.0.1:${port}/api/messages` });
  delivery.start();
  scheduler.start();
  jobs.start();
  const warm = setTimeout(() => {
    loadEndpoint().catch((err: unknown) => logger.error('the Teams endpoint did not load', { error: err as Error }));
    loadFeatures().catch((err: unknown) => logger.error('the features did not load', { error: err as Error }));
  }, WARM_AFTER_MS);
  warm.unref();

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    config,
    services,
    scheduler,
    rateLimit,
    stop: async () => {
      clearTimeout(warm);
      await scheduler.stop(); // a tick in progress finishes its writes first
      await jobs.stop(); // steps under way finish and are checkpointed; their jobs are let go
      await delivery.stop(); // sends in flight finish and are recorded first
      // Analytics refreshes in flight finish (bounded: a lost one is mended by the next change or a rebuild).
      await Promise.race([services.aggregates.settled(), new Promise((r) => setTimeout(r, 5000).unref())]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await azurite?.stop();
    },
  };
}
