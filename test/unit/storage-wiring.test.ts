import assert from 'node:assert/strict';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { loadConfig } from '../../src/app/config';
import { tablesTarget } from '../../src/app/storage';
import { Tables } from '../../src/storage/tables';

const ACCOUNT_URL = 'https://kompetansebot.table.core.windows.net';
const APP_ID = '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b';
const LOCAL = { LOCAL_MODE: '1' };
const PRODUCTION = { PUBLIC_URL: 'https://bot.example.no', EXPORT_LINK_SECRET: 'x'.repeat(32) };

describe('Table Storage wiring', () => {
  it('reaches the account URL with a managed identity: every TableClient gets the URL and a TokenCredential', async () => {
    const target = await tablesTarget(loadConfig({ ...LOCAL, TABLES_ACCOUNT_URL: ACCOUNT_URL }));
    assert.ok(target && typeof target !== 'string');
    assert.ok(target.credential instanceof DefaultAzureCredential);
    assert.equal(typeof target.credential.getToken, 'function', 'a TokenCredential');
    const client = new Tables(target, 'kb').client('Reports');
    assert.deepEqual([client.url, client.tableName], [ACCOUNT_URL, 'kbReports']);
  });

  it('asks the credential for a storage token before any request leaves (no network needed)', async () => {
    const scopes: string[] = [];
    const credential = {
      getToken: async (scope: string | string[]) => {
        scopes.push(String(scope));
        throw new Error('no token in tests');
      },
    };
    const tables = new Tables({ accountUrl: ACCOUNT_URL, credential }, 'kb');
    await assert.rejects(tables.client('Reports').getEntity('p', 'r'), /no token in tests/);
    await assert.rejects(tables.ensure(['Rounds']), /no token in tests/);
    assert.deepEqual(scopes, ['https://storage.azure.com/.default', 'https://storage.azure.com/.default']);
  });

  // The credential's client id is private to @azure/identity; read here only to see which identity is asked.
  const clientIdOf = (credential: unknown) => (credential as { clientId?: string }).clientId;

  it("uses the bot's user-assigned managed identity for storage too, and only that in production", async () => {
    const target = await tablesTarget(
      loadConfig({ ...PRODUCTION, TABLES_ACCOUNT_URL: ACCOUNT_URL, MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: APP_ID }),
    );
    assert.ok(target && typeof target !== 'string' && target.credential instanceof ManagedIdentityCredential);
    assert.equal(clientIdOf(target.credential), APP_ID);
  });

  it("uses the App Service's system-assigned identity in production when the bot has a secret", async () => {
    const target = await tablesTarget(
      loadConfig({ ...PRODUCTION, TABLES_ACCOUNT_URL: ACCOUNT_URL, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: APP_ID }),
    );
    assert.ok(target && typeof target !== 'string' && target.credential instanceof ManagedIdentityCredential);
    assert.equal(clientIdOf(target.credential), undefined);
  });

  it('passes a connection string through, and leaves it to Azurite when neither is set', async () => {
    const connection = 'DefaultEndpointsProtocol=https;AccountName=kb;AccountKey=a2V5;EndpointSuffix=core.windows.net';
    assert.equal(await tablesTarget(loadConfig({ ...LOCAL, TABLES_CONNECTION_STRING: connection })), connection);
    assert.equal(await tablesTarget(loadConfig(LOCAL)), undefined);
  });

  it('refuses both at once, and an account URL that is not https', () => {
    assert.throws(() => loadConfig({ ...LOCAL, TABLES_ACCOUNT_URL: ACCOUNT_URL, TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true' }), {
      message: 'Configuration error: TABLES_ACCOUNT_URL and TABLES_CONNECTION_STRING are both set: set one (the account URL uses the managed identity)',
    });
    assert.throws(
      () => loadConfig({ ...LOCAL, TABLES_ACCOUNT_URL: 'http://kompetansebot.table.core.windows.net' }),
      /^Error: Configuration error: TABLES_ACCOUNT_URL must be the storage account's table endpoint/,
    );
  });
});
