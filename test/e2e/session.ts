import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/app/childProcess';
import { startPlayground, type RunningPlayground } from '../../src/app/playground';
import { startApp, type RunningApp } from '../../src/app/start';
import { PlaygroundDriver, requireChromium } from './driver';

/** The whole chain a person uses locally: the real bot, Agents Playground, and its UI in Chromium. */
export interface E2ESession {
  app: RunningApp;
  playground: RunningPlayground;
  driver: PlaygroundDriver;
  /** The playground's own log, printed when a test fails. */
  log: string[];
  stop(): Promise<void>;
}

export interface E2EOptions {
  /** Table prefix stem; the run's Azurite is shared, so each test file keeps to its own tables. */
  name: string;
  env?: Record<string, string>;
  now?: () => Date;
  /** Writes a playground config for this session (e.g. another current user) into `dir`. */
  playgroundConfig?: (dir: string) => string;
}

export async function startE2E(opts: E2EOptions): Promise<E2ESession> {
  requireChromium();
  // The test run's Azurite when the global hook started one; else the app starts its own.
  const shared = process.env.TEST_TABLES_CONNECTION_STRING;
  const dataDir = shared ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-data-'));
  const configDir = opts.playgroundConfig ? fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-config-')) : undefined;
  const log: string[] = [];
  const cleanup: Array<() => Promise<void> | void> = [
    () => {
      for (const dir of [dataDir, configDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  ];
  const stop = async () => {
    // Newest first; each step runs even when an earlier one failed.
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
  };
  try {
    const app = await startApp(
      {
        PORT: '0',
        LOCAL_MODE: '1',
        MicrosoftAppId: '',
        TABLES_CONNECTION_STRING: shared ?? '',
        TABLE_PREFIX: `${opts.name}${process.pid}x${Date.now() % 1e6}`,
        DATA_DIR: dataDir,
        AZURITE_PORT: shared ? undefined : String(await freePort()),
        PLAYGROUND: '0',
        LOG_LEVEL: 'error',
        ...opts.env,
      },
      { now: opts.now },
    );
    cleanup.push(() => app.stop());
    const playground = await startPlayground({
      botEndpoint: `${app.url}/api/messages`,
      configPath: configDir && opts.playgroundConfig?.(configDir),
      log: (l) => log.push(l),
    });
    cleanup.push(() => playground.stop());
    const driver = await PlaygroundDriver.launch(playground.url);
    cleanup.push(() => driver.close());
    return { app, playground, driver, log, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** On a failed test: a screenshot and the playground's last log lines. */
export async function reportFailure(ctx: Mocha.Context, session: E2ESession | undefined): Promise<void> {
  await session?.driver.screenshotOnFailure(ctx);
  process.stderr.write(`    last lines of the playground's log:\n${(session?.log ?? []).slice(-20).join('\n')}\n`);
}

/**
 * Mocha hooks for a journey (tests that build on each other in one chat): the failure is reported
 * with a screenshot, and the rest of the journey stops with a failure naming the step that broke it
 * (not skipped: the run forbids pending tests, so nothing goes quietly untested), and the session
 * stops at the end.
 */
export function journeyHooks(session: () => E2ESession | undefined): void {
  let brokenAt: string | undefined;
  beforeEach(function () {
    if (brokenAt) throw new Error(`not run: the journey broke at "${brokenAt}"`);
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    brokenAt = this.currentTest.title;
    await reportFailure(this, session());
  });
  after(async function () {
    this.timeout(30_000);
    await session()?.stop();
  });
}
