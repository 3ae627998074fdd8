import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import type restify from 'restify';
import { callCounts } from '../storage/callCounter';

/*
 * Local mode only (never with an app id): what the benchmark reads from the bot process. Storage
 * calls per kind of turn and the CPU time used, and a CPU profile of just the load window.
 */
export function benchRoutes(server: restify.Server): void {
  server.get('/bench/counters', async (_req, res) => res.send(200, { ...callCounts(), cpu: process.cpuUsage() }));
  let session: Session | undefined;
  server.post('/bench/profile/start', async (_req, res) => {
    session ??= new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    res.send(200, { started: true });
  });
  // ?file=<absolute path ending in .cpuprofile>: where the profile goes (the benchmark's own temp directory).
  server.post('/bench/profile/stop', async (req, res) => {
    const file = new URL(req.url ?? '', 'http://localhost').searchParams.get('file') ?? '';
    if (!session || !path.isAbsolute(file) || !file.endsWith('.cpuprofile'))
      return res.send(400, { error: 'no profile running, or no absolute .cpuprofile file' });
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    session = undefined;
    fs.writeFileSync(file, JSON.stringify(profile));
    res.send(200, { file });
  });
}
