import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startAzurite, type Azurite } from './azurite';
import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { ROOT } from './paths';
import { createServer } from './server';
import { Tables } from '../storage/tables';
import { ConversationReferences } from '../storage/conversationReferences';
import { createTeamsEndpoint } from '../teams/endpoint';
import type { Services } from '../teams/services';

export interface RunningApp {
  port: number;
  url: string;
  config: Config;
  services: Services;
  stop(): Promise<void>;
}

export interface StartOptions { logger?: Logger; now?: () => Date }

/** Starts storage (Azurite when no connection string is set), the bot and the HTTP server. */
export async function startApp(env: Record<string, string | undefined>, opts: StartOptions = {}): Promise<RunningApp> {
  const config = loadConfig(env);
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  let azurite: Azurite | undefined;
  let connectionString = config.TABLES_CONNECTION_STRING;
  if (!connectionString) {
    azurite = await startAzurite({ port: config.AZURITE_PORT, location: path.resolve(ROOT, config.DATA_DIR, 'azurite') });
    connectionString = azurite.connectionString;
    logger.info('local Table Storage (Azurite) started', { port: azurite.port, data: path.join(config.DATA_DIR, 'azurite') });
  }
  const tables = new Tables(connectionString, config.TABLE_PREFIX);
  try {
    await tables.ensure();
  } catch (err) {
    await azurite?.stop();
    throw new Error(`Table Storage does not answer (${(err as Error).message.split('\n')[0]}); check TABLES_CONNECTION_STRING`);
  }

  const services: Services = {
    tables, logger, now: opts.now ?? (() => new Date()),
    references: new ConversationReferences(tables, opts.now),
  };
  const endpoint = createTeamsEndpoint(config, services);
  const server = createServer({
    logger,
    messages: (req, res) => endpoint.process(req, res),
    health: async () => {
      const storage = await tables.ping();
      return { ok: storage, body: { status: storage ? 'ok' : 'unavailable', storage, anonymous: config.anonymous } };
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (config.anonymous) logger.warn('no MicrosoftAppId set: the bot accepts unauthenticated requests (local use only)');
  logger.info('bot listening', { url: `http://127.0.0.1:${port}/api/messages` });

  return {
    port, url: `http://127.0.0.1:${port}`, config, services,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await azurite?.stop();
    },
  };
}
