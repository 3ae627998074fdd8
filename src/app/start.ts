import { UsageReports } from '../storage/usageReports';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { createServer } from './server';
import { openTables } from './storage';
import { ConversationReferences } from '../storage/conversationReferences';
import { createTeamsEndpoint, type TeamsEndpoint } from '../teams/endpoint';
import type { Services } from '../teams/services';
import { createDelivery } from '../teams/delivery';
import { Drafts } from '../storage/drafts';
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
import { DEFAULT_REGIONS } from '../domain/regions';
import { SECRETARIAT_GROUP } from '../domain/roles';
import { demoRound } from '../domain/round';
import { ReportSummaries } from '../storage/reportSummaries';
import { JobState } from '../storage/jobState';
import { Announcements } from '../storage/announcements';
import { RoundResults } from '../storage/roundResults';
import { Scheduler } from '../teams/scheduler/scheduler';
import { ExportLinks } from '../export/links';
import { exportDownload } from '../export/route';
import { benchRoutes } from './benchRoutes';

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
    await new Rounds(tables).create(demoRound(now(), [...new Set(DEFAULT_REGIONS.regions.map((r) => r.county))]));
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
  const services: Services = {
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
    roundPurge: new RoundPurge(tables, DEFAULT_REGIONS.id),
    announcements: new Announcements(tables, config.ALLOWED_TENANTS),
    results: new RoundResults(tables),
    groups: new Groups(tables),
    meetings: new Meetings(tables),
    votes: new Votes(tables),
    roles: new Roles(tables, DEFAULT_REGIONS.id, config.BOOTSTRAP_SECRETARIAT),
    regions: DEFAULT_REGIONS,
    forumRules: config.FORUM_RULES,
    rulesStore: new ForumRulesStore(tables),
    plans: new ForumPlanStore(tables),
  };
  // An open vote's elector rows follow the grants: a member added gets rows, one removed loses them.
  services.roles.afterChange = (person, forum, group) => followGrants(services, person, forum, group);
  // Timed work (deadlines, reminders, digests, daily summaries) on the handlers' clock.
  const scheduler = new Scheduler(services, new JobState(tables), {
    tickMs: config.SCHEDULER_TICK_MS,
    digestMinutes: config.DIGEST_MINUTES,
    summaryHour: config.SUMMARY_HOUR,
  });
  const endpoint = createTeamsEndpoint(config, services);
  const server = createServer({
    logger,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    // A wildcard, since a signed token is longer than the router allows a :param to be.
    routes: (s) => {
      s.get('/exports/*', exportDownload({ ...services, links: exportLinks }));
      if (config.anonymous) benchRoutes(s);
    },
    messages: (req, res) => endpoint.process(req, res),
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

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    config,
    services,
    scheduler,
    rateLimit: endpoint.rateLimit,
    stop: async () => {
      await scheduler.stop(); // a tick in progress finishes its writes first
      await delivery.stop(); // sends in flight finish and are recorded first
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await azurite?.stop();
    },
  };
}
