import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import type restify from 'restify';
import { callCounts } from '../storage/callCounter';
import { ROOT } from './paths';

/** The one folder CPU profiles are written to; a request only names the file in it. */
export const PROFILE_DIR = path.join(ROOT, 'bench', 'profiles');
const PROFILE_NAME = /^[a-z0-9][a-z0-9.-]{0,60}$/;

const LOOPBACK: ReadonlySet<string> = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOCAL_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/**
 * Only the benchmark on this machine: a loopback peer that names a local host (no DNS rebinding),
 * and no browser page at all (a page of any origin sends `Origin`; none gets an answer, and no
 * CORS header is ever sent).
 */
function refusal(req: restify.Request): string | undefined {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return 'only from this machine';
  if (!LOCAL_HOST.test(String(req.headers.host ?? ''))) return 'only at a local address';
  if (req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined) return 'not from a browser';
  return undefined;
}

/*
 * Local mode only (never with an app id): what the benchmark reads from the bot process. Storage
 * calls per kind of turn and the CPU time used, and a CPU profile of just the load window.
 */
export function benchRoutes(server: restify.Server): void {
  const guarded =
    (handler: (req: restify.Request, res: restify.Response) => Promise<void>) =>
    async (req: restify.Request, res: restify.Response): Promise<void> => {
      const why = refusal(req);
      if (why) res.send(403, { error: `The bench routes answer ${why}.` });
      else await handler(req, res);
    };
  server.get(
    '/bench/counters',
    guarded(async (_req, res) => {
      res.send(200, { ...callCounts(), cpu: process.cpuUsage() });
    }),
  );
  let session: Session | undefined;
  server.post(
    '/bench/profile/start',
    guarded(async (_req, res) => {
      session ??= new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      res.send(200, { started: true });
    }),
  );
  // ?name=<letters, digits, dots, hyphens>: the file PROFILE_DIR/<name>.cpuprofile. No path is taken from a request.
  server.post(
    '/bench/profile/stop',
    guarded(async (req, res) => {
      const query = new URL(req.url ?? '', 'http://localhost').searchParams;
      const name = query.get('name') ?? '';
      if (query.has('file') || !PROFILE_NAME.test(name)) {
        res.send(400, { error: 'name the profile (?name=a-z0-9.-); it is written to the bench profile folder' });
        return;
      }
      if (!session) {
        res.send(400, { error: 'no profile running' });
        return;
      }
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      fs.mkdirSync(PROFILE_DIR, { recursive: true });
      const file = path.join(PROFILE_DIR, `${name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      res.send(200, { file });
    }),
  );
}
