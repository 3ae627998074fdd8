import restify from 'restify';
import type { Logger } from './logger';

export interface ServerDeps {
  messages: (req: restify.Request, res: restify.Response) => Promise<void>;
  health: () => Promise<{ ok: boolean; body: Record<string, unknown> }>;
  logger: Logger;
  /** Further routes (e.g. export downloads), added after the bot's own. */
  routes?: (server: restify.Server) => void;
}

/** HTTP only: routes, body limits, errors. Bot logic lives behind `messages`. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'kompetansebot', handleUncaughtExceptions: false });
  // A needs report is a few kB; 4 MB leaves room for hostile oversize input to get a clear answer.
  server.use(restify.plugins.bodyParser({ maxBodySize: 4 * 1024 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    try {
      await deps.messages(req, res);
    } catch (err) {
      deps.logger.error('request failed', { error: err as Error });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    const { ok, body } = await deps.health();
    res.send(ok ? 200 : 503, body);
  });

  deps.routes?.(server);

  server.on('restifyError', (req, res, err, next) => {
    const statusCode = (err as { statusCode?: number }).statusCode;
    // The emulator probes GET /api/messages on every page load; wrong routes are not worth a warning.
    (statusCode === 404 || statusCode === 405 ? deps.logger.debug : deps.logger.warn)('request refused', { path: req.path(), statusCode, errorName: err.name });
    return next();
  });
  return server;
}
