import { startAzurite, type Azurite } from '../../src/app/azurite';
import { freePort } from '../../src/app/childProcess';

// One real Azurite for the whole run (in memory, on a free port). Each test file isolates itself
// with its own table prefix.
let azurite: Azurite | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  azurite = await startAzurite({ port: await freePort() });
  process.env.TEST_TABLES_CONNECTION_STRING = azurite.connectionString;
  process.env.TEST_AZURITE_PORT = String(azurite.port);
}

export async function mochaGlobalTeardown(): Promise<void> {
  await azurite?.stop();
}
