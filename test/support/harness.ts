import { randomUUID } from 'node:crypto';
import { startApp, type RunningApp } from '../../src/app/start';
import { createLogger } from '../../src/app/logger';
import { FakeConnector } from './fakeConnector';
import { shownText } from './markdown';
import { TENANT, type Persona } from './personas';

let prefixCounter = 0;

/** A table prefix of its own, so test files never see each other's rows. */
export function uniquePrefix(): string {
  return `t${process.pid}x${++prefixCounter}x${Math.floor(Math.random() * 1e6)}`;
}

export interface Harness {
  app: RunningApp;
  connector: FakeConnector;
  logLines: string[];
  send(who: Persona, text: string, extra?: Record<string, unknown>): Promise<any[]>;
  invoke(who: Persona, verb: string, data?: Record<string, unknown>, extra?: Record<string, unknown>): Promise<{ status: number; body: any; bytes: number }>;
  /** `bytes`: the size of the JSON sent (the door refuses more than 256 KB with 413). */
  post(activity: Record<string, unknown>): Promise<{ status: number; body: any; bytes: number }>;
  personalActivity(who: Persona, extra?: Record<string, unknown>): Record<string, unknown>;
  stop(): Promise<void>;
}

export const BOT_ID = '28:kompetansebot';

/**
 * The settings a test starts the bot with: anonymous LOCAL_MODE unless it names an app id, and then
 * what production requires besides (an https PUBLIC_URL, an export link secret). Officers given as
 * a bare AAD id (`BOOTSTRAP_SECRETARIAT: OFFICER.aadObjectId`) are officers in the test tenant.
 */
export function harnessEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const local = !env.MicrosoftAppId;
  const bootstrap = env.BOOTSTRAP_SECRETARIAT?.split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => (e.includes(':') ? e : `${TENANT}:${e}`))
    .join(',');
  return {
    LOCAL_MODE: local ? '1' : undefined,
    ...(local ? {} : { PUBLIC_URL: 'https://bot.test.invalid', EXPORT_LINK_SECRET: randomUUID() + randomUUID() }),
    ...env,
    ...(bootstrap === undefined ? {} : { BOOTSTRAP_SECRETARIAT: bootstrap }),
  };
}

/** Starts the real bot on an ephemeral port against the run's Azurite, as Teams would reach it. */
export async function startHarness(env: Record<string, string | undefined> = {}, opts: { now?: () => Date } = {}): Promise<Harness> {
  const connector = new FakeConnector();
  await connector.start();
  const logLines: string[] = [];
  const app = await startApp(
    {
      PORT: '0',
      TABLES_CONNECTION_STRING: process.env.TEST_TABLES_CONNECTION_STRING,
      TABLE_PREFIX: uniquePrefix(),
      // Timed jobs run only when a test calls app.scheduler.tick(), so they never surprise a test.
      PLAYGROUND: '0',
      LOG_LEVEL: 'debug',
      SCHEDULER_TICK_MS: '0',
      // Tests press faster than any person; the per-person limit is tested on its own (flooding.test.ts).
      RATE_LIMIT_BURST: '0',
      // A press waits for its whole job (results, bulk grant), so a test reads the figures from the answer;
      // the progress card is tested on its own (job-crash.test.ts, jobs.test.ts).
      JOB_PRESS_WAIT_MS: '30000',
      ...harnessEnv(env),
    },
    { logger: createLogger('debug', (l) => logLines.push(l)), now: opts.now },
  );

  const post = async (activity: Record<string, unknown>) => {
    const json = JSON.stringify(activity);
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, bytes: Buffer.byteLength(json) };
  };
  const personalActivity = (who: Persona, extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    from: { id: `29:${who.aadObjectId}`, aadObjectId: who.aadObjectId, name: who.name },
    recipient: { id: BOT_ID, name: 'Kompetansebot' },
    conversation: { id: `a:personal-${who.aadObjectId}`, conversationType: 'personal', tenantId: who.tenantId },
    channelData: { tenant: { id: who.tenantId } },
    locale: who.locale ?? 'nb-NO',
    ...extra,
  });
  return {
    app,
    connector,
    logLines,
    post,
    personalActivity,
    async send(who, text, extra = {}) {
      const res = await post({ ...personalActivity(who), type: 'message', text, deliveryMode: 'expectReplies', ...extra });
      if (res.status !== 200) throw new Error(`bot answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body?.activities ?? [];
    },
    async invoke(who, verb, data = {}, extra = {}) {
      return post({
        ...personalActivity(who),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
        ...extra,
      });
    },
    async stop() {
      await app.stop();
      await connector.stop();
    },
  };
}

/** The Adaptive Card in a reply (or undefined). */
export function cardOf(activity: any): any {
  return activity?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/**
 * Every text a person would read on a card: TextBlocks, FactSets, labels, action titles. Markdown
 * (TextBlocks, facts) as the client shows it, escapes undone.
 */
export function cardText(card: any): string {
  const out: string[] = [];
  const walk = (node: any, markdown = false) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n, markdown));
    const md = markdown || node.type === 'TextBlock';
    for (const k of ['text', 'title', 'label', 'value', 'placeholder', 'errorMessage']) {
      if (typeof node[k] === 'string') out.push(md && k !== 'label' ? shownText(node[k]) : node[k]);
    }
    for (const [k, v] of Object.entries(node)) walk(v, node.type === 'FactSet' && k === 'facts');
  };
  walk(card);
  // Amounts use non-breaking spaces, as Norwegian typography wants; a person reads plain spaces.
  return out.join('\n').replace(/[\u00a0\u202f]/g, ' ');
}
