import fs from 'node:fs';
import path from 'node:path';
import { spawnNode, waitForPort, type RunningChild } from './childProcess';

// Azurite's fixed development account; it is public, documented by Microsoft, and only valid
// against the emulator.
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(port: number, host = '127.0.0.1'): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};TableEndpoint=http://${host}:${port}/${ACCOUNT};`;
}

export interface Azurite extends RunningChild {
  connectionString: string;
  port: number;
}

/**
 * Starts Azurite's Table service on loopback, telemetry off. `location` undefined keeps data in
 * memory (tests); otherwise data persists there, so a restart keeps drafts.
 */
export async function startAzurite(opts: { port: number; location?: string; log?: (line: string) => void }): Promise<Azurite> {
  // azurite is a devDependency: resolved only here, when no storage is configured.
  let script: string;
  try {
    script = require.resolve('azurite/dist/src/table/main.js');
  } catch {
    throw new Error(
      'No Table Storage is configured and the azurite package is not installed: set TABLES_CONNECTION_STRING or TABLES_ACCOUNT_URL, or run `npm install` for local use',
    );
  }
  const args = ['--tableHost', '127.0.0.1', '--tablePort', String(opts.port), '--disableTelemetry', '--skipApiVersionCheck', '--loose', '--silent'];
  if (opts.location) {
    fs.mkdirSync(opts.location, { recursive: true });
    args.push('--location', path.resolve(opts.location));
  } else {
    args.push('--inMemoryPersistence');
  }
  // Azurite writes its data to disk on SIGINT (otherwise only every few seconds), so a stop
  // keeps every write.
  const child = spawnNode(path.join(__dirname, 'withParent.js'), [script, ...args], { onLine: opts.log, stopSignal: 'SIGINT' });
  let alive = true;
  child.process.once('exit', () => {
    alive = false;
  });
  try {
    await waitForPort(opts.port, '127.0.0.1', 30_000, () => alive);
  } catch (err) {
    await child.stop();
    throw new Error(`Azurite did not start on port ${opts.port}: ${(err as Error).message}`, { cause: err });
  }
  return { ...child, port: opts.port, connectionString: azuriteConnectionString(opts.port) };
}
