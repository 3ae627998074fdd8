import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths';

// Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground), the local Teams emulator,
// run as a child process. Facts this file relies on, read from the package (0.2.x):
// - `-p 0` picks a free port; a busy `-p N` silently falls back to a random one, so the real port
//   is read from the "Listening on N" line it prints when stdout is not a terminal.
// - When stdout is not a terminal, its log goes only to M365_AGENTS_PLAYGROUND_LOGFILE (default
//   ./devTools/m365agentsplayground.log in the working directory), so we point that at a temp file.
// - TEAMSAPPTESTER_BROWSER=none stops it opening a browser; --disable-telemetry and
//   APPLICATION_INSIGHTS_NO_STATSBEAT stop it phoning Microsoft (there is no network here anyway).
// - A config file that fails validation makes it exit(1) after it started listening, so readiness
//   is "/_debug/ping answers pong" (that router is mounted only after the config loaded).
// - Every activity it sends says locale "en-US" (hard-coded), so a small proxy in front of the bot
//   can present another Teams client locale; see `locale` below.

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** UI port; 0 or absent picks a free one. A busy port makes the playground pick another. */
  port?: number;
  log?: (line: string) => void;
  /** Mock Teams context; defaults to .m365agentsplayground.yml at the repository root. */
  configPath?: string;
  /**
   * The Teams client locale the bot sees. The playground always says en-US, which would make the
   * bot answer in English; the default presents a Norwegian bokmål client. null: pass through.
   */
  locale?: string | null;
}

export interface RunningPlayground {
  /** Open this in a browser. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

export async function startPlayground(opts: PlaygroundOptions): Promise<RunningPlayground> {
  const log = opts.log ?? (() => undefined);
  const configPath = path.resolve(opts.configPath ?? path.join(ROOT, '.m365agentsplayground.yml'));
  if (!fs.existsSync(configPath)) throw new Error(`Agents Playground config not found: ${configPath}`);
  let cli: string;
  try {
    cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  } catch {
    throw new Error('@microsoft/m365agentsplayground is not installed: run `npm install` (it is a devDependency)');
  }

  const locale = opts.locale === undefined ? 'nb-NO' : opts.locale;
  const proxy = locale ? await startLocaleProxy(opts.botEndpoint, locale) : undefined;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agents-playground-'));
  const logFile = path.join(workDir, 'playground.log');

  // Through withParent.js, as Azurite runs: it ends (with its process group and working directory)
  // when this process is gone, even killed outright, which no exit handler here would see.
  const child = spawn(
    process.execPath,
    [
      path.join(__dirname, 'withParent.js'),
      cli,
      '-e',
      proxy?.endpoint ?? opts.botEndpoint,
      '-c',
      'msteams',
      '--disable-telemetry',
      '-p',
      String(opts.port ?? 0),
    ],
    {
      // Its own working directory, so nothing it writes relative to cwd lands in the repository.
      cwd: workDir,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        WITH_PARENT_REMOVE: workDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A process group of its own, so stop() also ends anything it spawned.
      detached: true,
    },
  );
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const tail = tailFile(logFile, log);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    }
    tail.stop();
    await proxy?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  };

  try {
    const port = await readListeningPort(child, log);
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(
      async () => (await httpGet(`${url}/_debug/ping`)) === 'pong' && (await httpGet(`${url}/`)) !== undefined,
      () => exited,
      START_TIMEOUT_MS,
    );
    if (opts.port && port !== opts.port) log(`port ${opts.port} is busy; Agents Playground uses ${port}`);
    return { url, port, stop };
  } catch (err) {
    tail.flush();
    const detail = lastErrors(logFile);
    await stop();
    throw new Error(`Agents Playground did not start: ${(err as Error).message}${detail ? `\n${detail}` : ''}`, { cause: err });
  }
}

/** The playground's own error lines (a bad config file says why there), else its last lines. */
function lastErrors(logFile: string): string {
  if (!fs.existsSync(logFile)) return '';
  const lines = fs.readFileSync(logFile, 'utf8').trim().split(/\r?\n/);
  const errors = lines.filter((l) => l.startsWith('error '));
  return (errors.length ? errors : lines.slice(-10)).join('\n');
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

function readListeningPort(child: ChildProcess, log: (line: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => done(new Error(`no "Listening on" within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split(/\r?\n/);
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim()) log(line);
        const m = /^Listening on (\d+)/.exec(line.trim());
        if (m) done(undefined, Number(m[1]));
      }
    };
    const onExit = (code: number | null) => done(new Error(`it exited with code ${code}`));
    const done = (err?: Error, port?: number) => {
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      if (err) reject(err);
      else resolve(port as number);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const l of chunk.toString('utf8').split(/\r?\n/)) if (l.trim()) log(l);
    });
    child.once('exit', onExit);
  });
}

/** Forwards new lines of the playground's log file, which is where its console output goes. */
function tailFile(file: string, log: (line: string) => void): { flush(): void; stop(): void } {
  let offset = 0;
  let partial = '';
  const flush = () => {
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size < offset) offset = 0;
    if (size === offset) return;
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(size - offset);
      fs.readSync(fd, buf, 0, buf.length, offset);
      offset = size;
      const lines = (partial + buf.toString('utf8')).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) log(line);
    } finally {
      fs.closeSync(fd);
    }
  };
  const timer = setInterval(flush, 500);
  timer.unref();
  return {
    flush,
    stop: () => {
      clearInterval(timer);
      flush();
    },
  };
}

function httpGet(url: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve(res.statusCode === 200 ? body : undefined));
    });
    req.on('error', () => resolve(undefined));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(undefined);
    });
  });
}

async function waitUntil(ready: () => Promise<boolean>, gone: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone()) throw new Error('it exited (see its log below)');
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`it did not answer within ${timeoutMs} ms`);
}

/**
 * An HTTP pass-through to the bot that rewrites the client locale on incoming activities, as a
 * Teams client set to that language would send it. Everything else is forwarded untouched.
 */
async function startLocaleProxy(botEndpoint: string, locale: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const target = new URL(botEndpoint);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Buffer = Buffer.concat(chunks);
      if (body.length && /json/i.test(req.headers['content-type'] ?? '')) body = withLocale(body, locale);
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const upstream = http.request(
        {
          hostname: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`bot not reachable: ${err.message}`);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${target.pathname}${target.search}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function withLocale(body: Buffer, locale: string): Buffer {
  let activity: { locale?: unknown; entities?: unknown };
  try {
    activity = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (!activity || typeof activity !== 'object') return body;
  if ('locale' in activity) activity.locale = locale;
  if (Array.isArray(activity.entities)) {
    for (const e of activity.entities as Array<{ type?: string; locale?: string }>) {
      if (e && e.type === 'clientInfo') e.locale = locale;
    }
  }
  return Buffer.from(JSON.stringify(activity), 'utf8');
}
