import assert from 'node:assert/strict';
import { openStorage } from '../../src/app/backupCommand';

// `npm run backup` / `restore` read the bot's storage settings with the bot's own schema, and
// say in one line what is missing or wrong.
describe('the storage settings of npm run backup and restore', () => {
  const conn = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;';

  it('refuses to run without storage settings, naming both', async () => {
    await assert.rejects(openStorage({}), /^Error: Configuration error: set TABLES_CONNECTION_STRING or TABLES_ACCOUNT_URL \(the same settings as the bot\)/);
  });

  it('refuses both at once, as the bot does', async () => {
    await assert.rejects(
      openStorage({ TABLES_CONNECTION_STRING: conn, TABLES_ACCOUNT_URL: 'https://acct.table.core.windows.net' }),
      /TABLES_ACCOUNT_URL and TABLES_CONNECTION_STRING are both set/,
    );
  });

  it("reports a bad setting with the schema's message", async () => {
    await assert.rejects(
      openStorage({ TABLES_CONNECTION_STRING: conn, TABLE_PREFIX: 'kb-prod' }),
      /Configuration error: TABLE_PREFIX must be letters and digits/,
    );
  });

  it('takes the prefix (default kb) and names the account, never the key', async () => {
    const s = await openStorage({ TABLES_CONNECTION_STRING: conn });
    assert.equal(s.prefix, 'kb');
    assert.equal(s.where, 'devstoreaccount1');
    const url = await openStorage({ TABLES_ACCOUNT_URL: 'https://acct.table.core.windows.net', TABLE_PREFIX: 'kb2' });
    assert.equal(url.prefix, 'kb2');
    assert.equal(url.where, 'https://acct.table.core.windows.net');
  });
});
