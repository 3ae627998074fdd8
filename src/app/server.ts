import restify from 'restify';
import { MAX_BODY_BYTES, readJsonBody } from './jsonBody';
import type { Logger } from './logger';

export interface ServerDeps {
  messages: (req: restify.Request, res: restify.Response) => Promise<void>;
  health: () => Promise<{ ok: boolean; body: Record<string, unknown> }>;
  logger: Logger;
  /** Further routes (e.g. export downloads), added after the bot's own. */
  routes?: (server: restify.Server) => void;
  /** Headers and the whole request must have arrived within this (slow clients hold no socket longer). */
  requestTimeoutMs: number;
}

/** An export link's token is a bearer credential: logs name the route, never the token. */
const loggedPath = (path: string) => (path.startsWith('/exports/') ? '/exports/…' : path);

/** HTTP only: routes, body limits, timeouts, errors. Bot logic lives behind `messages`. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'kompetansebot', handleUncaughtExceptions: false });
  // No body parser plugin: it inflates gzip past its limit and writes multipart uploads to disk.
  // The one route with a body reads it itself (readJsonBody); other routes never read one.
  const http = server.server;
  http.requestTimeout = deps.requestTimeoutMs;
  http.headersTimeout = deps.requestTimeoutMs;
  http.keepAliveTimeout = 5_000;
  // Node checks the two timeouts above on this interval (30 s by default); read when listening starts.
  (http as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = Math.max(50, Math.min(1_000, Math.floor(deps.requestTimeoutMs / 4)));

  server.post('/api/messages', async (req, res) => {
    const read = await readJsonBody(req);
    if (!read.ok) {
      deps.logger.warn('request refused', { path: '/api/messages', statusCode: read.status });
      // Node discards the rest of the body (never buffered, bounded by the request timeout), so the
      // client reads the answer; a body declared far past the cap is not worth waiting for.
      if (Number(req.headers['content-length']) > 16 * MAX_BODY_BYTES) res.setHeader('connection', 'close');
      res.send(read.status, { error: read.error });
      return;
    }
    (req as { body?: unknown }).body = read.body;
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
    (statusCode === 404 || statusCode === 405 ? deps.logger.debug : deps.logger.warn)('request refused', {
      path: loggedPath(req.path()),
      statusCode,
      errorName: err.name,
    });
    return next();
  });
  return server;
}
