import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigSchema } from '../../src/app/config';
import { ROOT } from '../../src/app/paths';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Settings the guide names in its settings tables: rows starting with | `NAME` |. */
function guideSettings(): string[] {
  return [...read('docs/deploy.md').matchAll(/^\| `([A-Za-z][A-Za-z0-9_]*)` \|/gm)].map((m) => m[1]);
}

describe('the deployment guide (docs/deploy.md)', () => {
  const named = guideSettings();
  const schema = Object.keys((ConfigSchema as unknown as { innerType(): { shape: Record<string, unknown> } }).innerType().shape);
  const example = new Set([...read('.env.example').matchAll(/^([A-Za-z][A-Za-z0-9_]*)=/gm)].map((m) => m[1]));

  it('names the settings of every resource: storage, App Service and the bot', () => {
    for (const s of [
      'TABLES_ACCOUNT_URL',
      'TABLES_CONNECTION_STRING',
      'PUBLIC_URL',
      'EXPORT_LINK_SECRET',
      'BOOTSTRAP_SECRETARIAT',
      'MicrosoftAppId',
      'MicrosoftAppType',
      'MicrosoftAppTenantId',
    ]) {
      assert.ok(named.includes(s), `the guide's tables name ${s}`);
    }
  });

  it('names only settings that the configuration schema reads', () => {
    assert.deepEqual(
      named.filter((s) => !schema.includes(s)),
      [],
    );
  });

  it('names only settings that .env.example documents', () => {
    assert.deepEqual(
      named.filter((s) => !example.has(s)),
      [],
    );
  });
});
