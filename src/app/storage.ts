import path from 'node:path';
import type { Config } from './config';
import type { Logger } from './logger';
import { ROOT } from './paths';
import { startAzurite, type Azurite } from './azurite';
import { Tables, type TablesTarget } from '../storage/tables';

/**
 * Where Table Storage is, from the configuration: the account URL with a managed identity
 * (`TABLES_ACCOUNT_URL`), a connection string, or undefined (start a local Azurite).
 * `@azure/identity` is loaded only when it is used.
 */
export async function tablesTarget(
  config: Pick<Config, 'TABLES_ACCOUNT_URL' | 'TABLES_CONNECTION_STRING' | 'MicrosoftAppType' | 'MicrosoftAppId' | 'LOCAL_MODE'>,
): Promise<TablesTarget | undefined> {
  if (config.TABLES_ACCOUNT_URL) {
    const { DefaultAzureCredential, ManagedIdentityCredential } = await import('@azure/identity');
    // A bot running as a user-assigned managed identity reaches storage as that same identity;
    // otherwise the host's own (system-assigned) identity.
    const clientId = config.MicrosoftAppType === 'UserAssignedMSI' ? config.MicrosoftAppId : undefined;
    // Production: the managed identity only, so no developer login or stray AZURE_* variable on
    // the host is ever tried first. Local mode: whatever the developer is signed in with (az login).
    const credential = config.LOCAL_MODE
      ? new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {})
      : new ManagedIdentityCredential(clientId ? { clientId } : {});
    return { accountUrl: config.TABLES_ACCOUNT_URL, credential };
  }
  return config.TABLES_CONNECTION_STRING;
}

/** Opens Table Storage and creates the tables; starts Azurite (only then loaded) when nothing is configured (local mode only: the configuration refuses that elsewhere). */
export async function openTables(config: Config, logger: Logger): Promise<{ tables: Tables; azurite?: Azurite }> {
  let target = await tablesTarget(config);
  let azurite: Azurite | undefined;
  if (!target) {
    azurite = await startAzurite({ port: config.AZURITE_PORT, location: path.resolve(ROOT, config.DATA_DIR, 'azurite') });
    target = azurite.connectionString;
    logger.info('local Table Storage (Azurite) started', { port: azurite.port, dataDir: path.join(config.DATA_DIR, 'azurite') });
  }
  const tables = new Tables(target, config.TABLE_PREFIX);
  try {
    await tables.ensure();
  } catch (err) {
    await azurite?.stop();
    const check = config.TABLES_ACCOUNT_URL ? "TABLES_ACCOUNT_URL and the identity's role (Storage Table Data Contributor)" : 'TABLES_CONNECTION_STRING';
    throw new Error(`Table Storage does not answer (${(err as Error).message.split('\n')[0]}); check ${check}`, { cause: err });
  }
  return { tables, azurite };
}
