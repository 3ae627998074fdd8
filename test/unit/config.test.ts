import assert from 'node:assert/strict';
import { loadConfig } from '../../src/app/config';

const APP_ID = '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b';
const TENANT_ID = '6893935a-4e95-432b-bd7a-bdba9c0741b1';
const SECRET = 'k'.repeat(32);
/** What production needs besides the app's credentials. */
const STORAGE = { TABLES_ACCOUNT_URL: 'https://kompetansebot.table.core.windows.net' };
const PROD = { PUBLIC_URL: 'https://bot.example.no', EXPORT_LINK_SECRET: SECRET, ...STORAGE };

describe('configuration', () => {
  it('runs locally with LOCAL_MODE=1 and nothing else: anonymous, local storage, port 3978', () => {
    const c = loadConfig({ LOCAL_MODE: '1' });
    assert.equal(c.PORT, 3978);
    assert.equal(c.anonymous, true);
    assert.equal(c.TABLES_CONNECTION_STRING, undefined);
    assert.equal(c.PLAYGROUND, true);
    assert.equal(c.TABLE_PREFIX, 'kb');
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{}, /^Configuration error: MicrosoftAppId is required, or LOCAL_MODE=1 for anonymous local use$/],
    [{ LOCAL_MODE: '0' }, /^Configuration error: MicrosoftAppId is required, or LOCAL_MODE=1/],
    // The names Microsoft 365 Agents Toolkit writes are not read, and the line says so.
    [
      { BOT_ID: APP_ID, BOT_PASSWORD: 'x' },
      /^Configuration error: MicrosoftAppId is required, or LOCAL_MODE=1 for anonymous local use \(BOT_ID and BOT_PASSWORD are not read: use MicrosoftAppId/,
    ],
    [{ BOT_ID: APP_ID }, /\(BOT_ID is not read: use MicrosoftAppId/],
    [{ LOCAL_MODE: '1', MicrosoftAppPassword: 'x' }, /^Configuration error: MicrosoftAppPassword is set but MicrosoftAppId is not$/],
    [{ MicrosoftAppPassword: 'x' }, /^Configuration error: MicrosoftAppPassword is set but MicrosoftAppId is not$/],
    [{ LOCAL_MODE: '1', MicrosoftAppTenantId: TENANT_ID }, /^Configuration error: MicrosoftAppTenantId is set but MicrosoftAppId is not$/],
    [
      { LOCAL_MODE: '1', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT_ID, ...PROD },
      /^Configuration error: LOCAL_MODE must not be set together with MicrosoftAppId/,
    ],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', ...PROD },
      /^Configuration error: MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant \(the default\)$/,
    ],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', ...PROD },
      /^Configuration error: MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI$/,
    ],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT_ID, EXPORT_LINK_SECRET: SECRET, ...STORAGE },
      /^Configuration error: PUBLIC_URL is required outside LOCAL_MODE/,
    ],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT_ID, ...PROD, PUBLIC_URL: 'http://bot.example.no' },
      /^Configuration error: PUBLIC_URL must be an https address outside LOCAL_MODE$/,
    ],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT_ID, PUBLIC_URL: 'https://bot.example.no', ...STORAGE },
      /^Configuration error: EXPORT_LINK_SECRET is required outside LOCAL_MODE/,
    ],
    [{ LOCAL_MODE: '1', BOOTSTRAP_SECRETARIAT: APP_ID }, /^Configuration error: BOOTSTRAP_SECRETARIAT must be a comma-separated list of tenantId:aadObjectId/],
    [{ LOCAL_MODE: '1', BOOTSTRAP_SECRETARIAT: `${TENANT_ID}:${APP_ID}:x` }, /BOOTSTRAP_SECRETARIAT must be a comma-separated list of tenantId:aadObjectId/],
    [{ LOCAL_MODE: '1', HTTP_REQUEST_TIMEOUT_MS: '10' }, /^Configuration error: HTTP_REQUEST_TIMEOUT_MS must be 100–600000$/],
    [{ PORT: '70000' }, /^Configuration error: PORT must be 0–65535$/],
    [{ PORT: '3.5' }, /^Configuration error: PORT must be a whole number$/],
    [{ MicrosoftAppId: 'my-bot' }, /^Configuration error: MicrosoftAppId must be a GUID/],
    [
      { MicrosoftAppType: 'Anything' },
      /^Configuration error: MicrosoftAppType must be SingleTenant, MultiTenant or UserAssignedMSI \(any case\), not "Anything"$/,
    ],
    // Only local mode falls back to Azurite; production without storage would keep data on the instance's disk.
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT_ID, ...PROD, TABLES_ACCOUNT_URL: '' },
      /^Configuration error: TABLES_ACCOUNT_URL or TABLES_CONNECTION_STRING is required outside LOCAL_MODE: set TABLES_ACCOUNT_URL to the storage account's table endpoint/,
    ],
    [
      { MicrosoftAppId: '4a5f2b8e-1c3d-4e6f-8a9b-0c1d2e3f4a5b', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant', ...PROD },
      /MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant$/,
    ],
    [{ PLAYGROUND: 'maybe' }, /^Configuration error: PLAYGROUND must be/],
    [{ TABLE_PREFIX: 'kb-test' }, /^Configuration error: TABLE_PREFIX must be letters and digits/],
    [{ LOCAL_MODE: '1', BOOTSTRAP_SECRETARIAT: 'siri@example.no' }, /BOOTSTRAP_SECRETARIAT must be a comma-separated list of tenantId:aadObjectId/],
    [{ LOCAL_MODE: '1', FORUM_RULES: '{"quorumPercent":150}' }, /^Configuration error: FORUM_RULES .*quorumPercent/],
    [{ LOCAL_MODE: '1', FORUM_RULES: 'steps=one' }, /^Configuration error: FORUM_RULES /],
  ];

  it("reads the forum's rules, with the defaults for what is left out", () => {
    assert.deepEqual(loadConfig({ LOCAL_MODE: '1' }).FORUM_RULES, { steps: 'two', quorumPercent: 50, consensus: 'unanimous', tieBreak: 'chair' });
    assert.deepEqual(loadConfig({ LOCAL_MODE: '1', FORUM_RULES: '{"steps":"one","tieBreak":"undecided"}' }).FORUM_RULES, {
      steps: 'one',
      quorumPercent: 50,
      consensus: 'unanimous',
      tieBreak: 'undecided',
    });
  });
  for (const [env, message] of bad) {
    it(`stops on ${JSON.stringify(env)} with one line naming the variable`, () => {
      assert.throws(
        () => loadConfig(env),
        (err: Error) => message.test(err.message) && !err.message.includes('\n'),
      );
    });
  }

  it('accepts a production configuration', () => {
    const c = loadConfig({
      MicrosoftAppId: '4A5F2B8E-1C3D-4E6F-8A9B-0C1D2E3F4A5B',
      MicrosoftAppPassword: 'x',
      MicrosoftAppType: 'MultiTenant',
      TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=b;EndpointSuffix=core.windows.net',
      PLAYGROUND: 'false',
      ...PROD,
      TABLES_ACCOUNT_URL: '',
    });
    assert.equal(c.anonymous, false);
    assert.equal(c.PLAYGROUND, false);
  });

  it('accepts a single-tenant bot (the default type) with its tenant id, and a managed identity without a password', () => {
    assert.equal(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT_ID, ...PROD }).anonymous, false);
    assert.equal(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID, ...PROD }).anonymous, false);
  });

  it('reads MicrosoftAppType in any case, as botbuilder does, and passes it on as botbuilder spells it', () => {
    const prod = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT_ID, ...PROD };
    assert.equal(loadConfig({ ...prod, MicrosoftAppType: 'singletenant' }).MicrosoftAppType, 'SingleTenant');
    assert.equal(loadConfig({ ...prod, MicrosoftAppType: ' MULTITENANT ' }).MicrosoftAppType, 'MultiTenant');
    assert.equal(loadConfig({ ...prod, MicrosoftAppType: 'userassignedmsi' }).MicrosoftAppType, 'UserAssignedMSI');
    assert.equal(loadConfig({ ...prod, MicrosoftAppType: '' }).MicrosoftAppType, undefined);
  });

  it('reads BOOTSTRAP_SECRETARIAT as tenant and AAD id pairs, in lower case', () => {
    const c = loadConfig({
      LOCAL_MODE: '1',
      BOOTSTRAP_SECRETARIAT: ` ${TENANT_ID.toUpperCase()}:${APP_ID} ,${TENANT_ID}:00000000-0000-4000-8000-000000000005`,
    });
    assert.deepEqual(c.BOOTSTRAP_SECRETARIAT, [
      { tenantId: TENANT_ID, aadObjectId: APP_ID },
      { tenantId: TENANT_ID, aadObjectId: '00000000-0000-4000-8000-000000000005' },
    ]);
  });

  it('allows http PUBLIC_URL in local mode only', () => {
    assert.equal(loadConfig({ LOCAL_MODE: '1', PUBLIC_URL: 'http://localhost:3978' }).PUBLIC_URL, 'http://localhost:3978');
  });
});
