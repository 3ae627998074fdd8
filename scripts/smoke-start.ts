import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { startAzurite } from '../src/app/azurite';
import { freePort, waitForPort } from '../src/app/childProcess';
import { ROOT } from '../src/app/paths';

// `node dist/scripts/smoke-start.js`: starts the built bot the way App Service does (production
// settings, storage by connection string, here a throw-away Azurite), waits for /healthz 200, stops
// it with SIGTERM, and fails when the start wrote anything to stderr or logged a warning.
// CI runs it on the other supported Node major (.ci/run); the version it ran on is printed first.

const FAKE_GUID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const indent = (text: string, label: string) =>
  text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => `  ${label}: ${line}\n`)
    .join('');

async function main(): Promise<void> {
  console.log(`smoke start on Node ${process.version}`);
  const azurite = await startAzurite({ port: await freePort() });
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
    cwd: os.tmpdir(), // no .env from the repo is read
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      MicrosoftAppId: FAKE_GUID(1),
      MicrosoftAppPassword: 'smoke-test-not-a-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: FAKE_GUID(2),
      TABLES_CONNECTION_STRING: azurite.connectionString,
      TABLE_PREFIX: 'smoke',
      PUBLIC_URL: 'https://kompetansebot.smoke.test',
      EXPORT_LINK_SECRET: 'x'.repeat(40),
      BOOTSTRAP_SECRETARIAT: `${FAKE_GUID(2)}:${FAKE_GUID(3)}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let code: number | null | undefined;
  let alive = true;
  void exited.then(() => (alive = false));
  try {
    await waitForPort(port, '127.0.0.1', 30_000, () => alive);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const body = await health.text();
    console.log(`GET /healthz: ${health.status} ${body}`);
    if (health.status !== 200) throw new Error('/healthz did not answer 200');
  } finally {
    child.kill('SIGTERM');
    code = await exited;
    await azurite.stop();
    process.stdout.write(indent(stdout, 'bot stdout'));
    process.stderr.write(indent(stderr, 'bot stderr'));
  }
  if (code !== 0) throw new Error(`the bot exited with ${code} on SIGTERM`);
  if (stderr.trim()) throw new Error('the start wrote to stderr (a warning or an error): see above');
  const warnings = stdout.split('\n').filter((line) => /"level":"(warn|error)"/.test(line));
  if (warnings.length) throw new Error(`the start logged ${warnings.length} warning(s): see above`);
  console.log(`smoke start on Node ${process.version}: /healthz 200, nothing on stderr, no warning logged`);
}

main().catch((err: Error) => {
  console.error(`smoke start failed: ${err.message}`);
  process.exit(1);
});
