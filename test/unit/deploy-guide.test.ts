import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PLACEHOLDER_DEVELOPER } from '../../scripts/app-package';
import { ConfigSchema } from '../../src/app/config';
import { ROOT } from '../../src/app/paths';
import { NO_OFFICER } from '../../src/app/start';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const guide = read('docs/deploy.md');

/** Settings the guide names in its settings tables: rows starting with | `NAME` |. */
function guideSettings(): string[] {
  return [...guide.matchAll(/^\| `([A-Za-z][A-Za-z0-9_]*)` \|/gm)].map((m) => m[1]);
}

/** The backtick-quoted first cell of each row in the guide's "Messages at start" section. */
function quotedMessages(): string[] {
  const section = guide.split(/^## Messages at start$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

/** The text of the sources that print at start: configuration, wiring, storage and Azurite. */
const startSources = ['src/app/config.ts', 'src/app/start.ts', 'src/app/storage.ts', 'src/app/azurite.ts', 'src/index.ts'].map(read).join('\n');

/**
 * Whether the code can print `quote`: each literal piece between <placeholders> is in the sources,
 * or, for `Configuration error: NAME rule`, NAME is a schema key and the rule is that key's message.
 */
function printable(quote: string, schema: string[]): boolean {
  const pieces = (text: string) =>
    text
      .split(/<[^>]+>/)
      .map((p) => p.trim())
      .filter(Boolean);
  if (pieces(quote).every((p) => startSources.includes(p))) return true;
  const issue = /^Configuration error: ([A-Za-z_]+) (.+)$/.exec(quote);
  return !!issue && schema.includes(issue[1]) && pieces(issue[2]).every((p) => startSources.includes(p));
}

describe('the deployment guide (docs/deploy.md)', () => {
  const named = guideSettings();
  const schema = Object.keys((ConfigSchema as unknown as { innerType(): { shape: Record<string, unknown> } }).innerType().shape);
  const packaging = Object.keys(PLACEHOLDER_DEVELOPER);
  const example = new Set([...read('.env.example').matchAll(/^([A-Za-z][A-Za-z0-9_]*)=/gm)].map((m) => m[1]));

  it('names the settings of every resource: storage, App Service, the bot and the app package', () => {
    for (const s of [
      'TABLES_ACCOUNT_URL',
      'TABLES_CONNECTION_STRING',
      'PUBLIC_URL',
      'EXPORT_LINK_SECRET',
      'BOOTSTRAP_SECRETARIAT',
      'MicrosoftAppId',
      'MicrosoftAppType',
      'MicrosoftAppTenantId',
      'TEAMS_PRIVACY_URL',
    ]) {
      assert.ok(named.includes(s), `the guide's tables name ${s}`);
    }
  });

  it('names only settings that the configuration schema or the packager reads', () => {
    assert.deepEqual(
      named.filter((s) => !schema.includes(s) && !packaging.includes(s)),
      [],
    );
  });

  it('names every setting the configuration schema and the packager read, once', () => {
    assert.deepEqual(
      [...schema, ...packaging].filter((s) => !named.includes(s)),
      [],
      'each is in one of the settings tables',
    );
    assert.deepEqual(
      named.filter((s, i) => named.indexOf(s) !== i),
      [],
    );
  });

  it('names only settings that .env.example documents', () => {
    assert.deepEqual(
      named.filter((s) => !example.has(s)),
      [],
    );
  });

  it('documents BOOTSTRAP_SECRETARIAT as the configuration parses it: tenantId:aadObjectId pairs', () => {
    const row = guide.split('\n').find((l) => l.startsWith('| `BOOTSTRAP_SECRETARIAT` |'));
    assert.match(row ?? '', /`tenantId:aadObjectId`, comma-separated/);
    assert.doesNotMatch(guide, /AAD object ids of the first/);
  });

  it('quotes only messages the start can print', () => {
    const quotes = quotedMessages();
    assert.ok(quotes.length >= 8, `the section quotes the messages (found ${quotes.length})`);
    assert.deepEqual(
      quotes.filter((q) => !printable(q, schema)),
      [],
    );
    // The check itself can fail: a message nobody prints is caught.
    assert.equal(printable('PUBLIC_URL is not set, export links point at localhost', schema), false);
  });

  it('quotes every warning and every storage error the start prints', () => {
    const quotes = quotedMessages().join('\n');
    const printed = [
      NO_OFFICER,
      ...[...read('src/app/start.ts').matchAll(/logger\.warn\('([^']+)'/g)].map((m) => m[1]),
      ...[...(read('src/app/storage.ts') + read('src/app/azurite.ts')).matchAll(/throw new Error\(\s*[`'"]([^`'"$]+)/g)].map((m) => m[1]),
    ];
    assert.ok(printed.length >= 4, `found the messages in the sources (${printed.length})`);
    // Up to the first full stop or colon: the guide may shorten what follows.
    const heads = printed.map((m) => m.split(/[.:](?:\s|$)/)[0]);
    assert.deepEqual(
      heads.filter((h) => !quotes.includes(h)),
      [],
    );
  });

  it('says which Node to pick (24 LTS, or 22 until its end of life) and builds the app on Node 24', () => {
    assert.match(guide, /\*\*Node 24 LTS\*\* \(App Service stack `NODE\|24-lts`\)/);
    assert.match(guide, /\*\*Node 22 LTS\*\* also works.*\n?.*end of life is \*\*April 2027\*\*/);
    assert.match(guide, /--runtime "NODE\|24-lts"/);
    assert.doesNotMatch(guide, /Node 20 (LTS|or)/);
    assert.equal((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node, '>=22');
  });
});
