import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildAppPackage, fillPlaceholders, packageVersion, PLACEHOLDER_DEVELOPER, readAppId, type TeamsManifest } from '../../scripts/app-package';
import { renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons';
import { validateLocalizationFile, validateTeamsManifest } from '../../scripts/manifest-schema';
import { ROOT } from '../../src/app/paths';
import { decodeRgbaPng, readPngHeader } from '../support/pngReader';
import { readZip } from '../support/zipReader';

const MANIFEST_DIR = join(ROOT, 'manifest');
const SAMPLE_APP_ID = '3f2b8c1e-7d4a-4e9b-9c2f-1a6d5e8b0c47';
const VERSION = packageVersion(ROOT);

function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(join(MANIFEST_DIR, file), 'utf8')) as T;
}

/** The manifest exactly as `npm run package` puts it in the zip. */
function filledManifest(): TeamsManifest {
  return buildAppPackage({ appId: SAMPLE_APP_ID, version: VERSION }, MANIFEST_DIR).manifest;
}

function languageFiles(manifest: TeamsManifest): { languageTag: string; file: string }[] {
  return manifest.localizationInfo?.additionalLanguages ?? [];
}

describe('Teams app package: manifest', () => {
  it('passes the Teams manifest schema once the app id is filled in', async () => {
    assert.deepEqual(await validateTeamsManifest(filledManifest()), []);
  });

  it('is rejected by the schema while the app id placeholder is still in it', async () => {
    const errors = await validateTeamsManifest(readJson('manifest.json'));
    assert.ok(
      errors.some((error) => error.startsWith('/id ')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((error) => error.startsWith('/bots/0/botId ')),
      errors.join('\n'),
    );
  });

  it('is rejected by the schema when the app id is not a GUID', async () => {
    const text = fillPlaceholders(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'), {
      MICROSOFT_APP_ID: 'kompetansebot',
      APP_VERSION: VERSION,
      ...PLACEHOLDER_DEVELOPER,
    });
    assert.notDeepEqual(await validateTeamsManifest(JSON.parse(text)), []);
  });

  it('is rejected by the schema when the short description is longer than Teams shows', async () => {
    const manifest = filledManifest() as TeamsManifest & { description: { short: string } };
    manifest.description.short = 'x'.repeat(81);
    const errors = await validateTeamsManifest(manifest);
    assert.ok(
      errors.some((error) => error.startsWith('/description/short ')),
      errors.join('\n'),
    );
  });

  it('uses the newest stable manifest schema that @microsoft/app-manifest ships', () => {
    const schemas = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams');
    const stable = readdirSync(schemas)
      .filter((name) => /^v\d+\.\d+$/.test(name))
      .map((name) => name.slice(1))
      .sort((a, b) => {
        const [aMajor, aMinor] = a.split('.').map(Number) as [number, number];
        const [bMajor, bMinor] = b.split('.').map(Number) as [number, number];
        return aMajor - bMajor || aMinor - bMinor;
      });
    const newest = stable[stable.length - 1];
    const manifest = readJson<{ manifestVersion: string; $schema: string }>('manifest.json');
    assert.equal(manifest.manifestVersion, newest);
    assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`);
  });

  it('offers the bot in personal chat and in teams, with commands for both, and Norwegian Bokmål as default', () => {
    const manifest = filledManifest() as TeamsManifest & { bots: { scopes: string[]; supportsFiles: boolean }[] };
    const bot = manifest.bots[0]!;
    assert.equal(manifest.id, SAMPLE_APP_ID);
    assert.equal(bot.botId, SAMPLE_APP_ID);
    assert.deepEqual([...bot.scopes].sort(), ['personal', 'team']);
    assert.equal(bot.supportsFiles, false);
    assert.equal(manifest.localizationInfo?.defaultLanguageTag, 'nb');
    const titles = (scope: string) => bot.commandLists?.find((list) => list.scopes.includes(scope))?.commands.map((command) => command.title);
    assert.deepEqual(titles('personal'), ['hjelp', 'meld behov', 'fortsett', 'mine meldinger', 'mine data', 'oversikt', 'leveringsstatus']);
    assert.deepEqual(titles('team'), ['hjelp']);
  });
});

describe('Teams app package: language files', () => {
  const manifest = filledManifest();

  it('has an English and a nynorsk file', () => {
    assert.deepEqual(
      languageFiles(manifest)
        .map((language) => language.languageTag)
        .sort(),
      ['en', 'nn'],
    );
  });

  for (const { languageTag, file } of languageFiles(manifest)) {
    it(`${file} (${languageTag}) passes the Teams localization schema`, () => {
      assert.deepEqual(validateLocalizationFile(readJson(file), manifest.manifestVersion), []);
    });

    it(`${file} (${languageTag}) translates the title and description of every bot command`, () => {
      const strings = readJson<Record<string, string>>(file);
      const missing: string[] = [];
      manifest.bots?.[0]?.commandLists?.forEach((list, i) =>
        list.commands.forEach((command, j) => {
          for (const field of ['title', 'description'] as const) {
            const key = `bots[0].commandLists[${i}].commands[${j}].${field}`;
            if (command[field] !== undefined && !strings[key]?.trim()) missing.push(key);
          }
        }),
      );
      assert.deepEqual(missing, []);
    });

    it(`${file} (${languageTag}) names only bot commands that the manifest has`, () => {
      const strings = readJson<Record<string, string>>(file);
      const stray = Object.keys(strings).filter((key) => {
        const match = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/.exec(key);
        if (!match) return key.startsWith('bots');
        const command = manifest.bots?.[0]?.commandLists?.[Number(match[1])]?.commands[Number(match[2])];
        return command?.[match[3] as 'title' | 'description'] === undefined;
      });
      assert.deepEqual(stray, []);
    });
  }

  it('a language file with a key Teams does not know is rejected by the schema', () => {
    const strings = { ...readJson('en.json'), 'bots[0].commandLists[0].commands[0].label': 'help' };
    assert.notDeepEqual(validateLocalizationFile(strings, manifest.manifestVersion), []);
  });
});

describe('Teams app package: icons', () => {
  const colorPng = readFileSync(join(MANIFEST_DIR, 'color.png'));
  const outlinePng = readFileSync(join(MANIFEST_DIR, 'outline.png'));

  it('the colour icon is a 192×192 PNG, mostly opaque', () => {
    const header = readPngHeader(colorPng);
    assert.deepEqual([header.width, header.height], [192, 192]);
    const { pixels } = decodeRgbaPng(colorPng);
    let opaque = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] === 255) opaque++;
    assert.ok(opaque / (192 * 192) > 0.9, `only ${opaque} of ${192 * 192} pixels are opaque`);
  });

  it('the outline icon is a 32×32 PNG drawn only in white on transparent', () => {
    const header = readPngHeader(outlinePng);
    assert.deepEqual([header.width, header.height], [32, 32]);
    const { pixels } = decodeRgbaPng(outlinePng);
    let drawn = 0;
    const offending: number[] = [];
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) continue;
      drawn++;
      if (pixels[i] !== 255 || pixels[i + 1] !== 255 || pixels[i + 2] !== 255) offending.push(i / 4);
    }
    assert.deepEqual(offending, [], 'pixels that are neither white nor fully transparent');
    assert.ok(drawn > 100, `the outline icon is nearly empty (${drawn} visible pixels)`);
  });

  it('the committed icons are the ones scripts/make-icons.ts draws', () => {
    assert.deepEqual(decodeRgbaPng(colorPng).pixels, renderColorIcon().pixels);
    assert.deepEqual(decodeRgbaPng(outlinePng).pixels, renderOutlineIcon().pixels);
  });
});

describe('Teams app package: zip', () => {
  it('holds the filled manifest, the language files and the icons at the zip root', () => {
    const entries = readZip(buildAppPackage({ appId: SAMPLE_APP_ID, version: VERSION }, MANIFEST_DIR).zip);
    assert.deepEqual(entries.map((entry) => entry.name).sort(), ['color.png', 'en.json', 'manifest.json', 'nn.json', 'outline.png']);
    const byName = new Map(entries.map((entry) => [entry.name, entry.data]));
    const manifest = JSON.parse(byName.get('manifest.json')!.toString('utf8')) as TeamsManifest;
    assert.equal(manifest.id, SAMPLE_APP_ID);
    assert.equal(manifest.bots?.[0]?.botId, SAMPLE_APP_ID);
    assert.equal(manifest.version, VERSION);
    for (const [name, data] of byName) {
      if (name.endsWith('.json')) assert.doesNotMatch(data.toString('utf8'), /\{\{/, `${name} has an unfilled placeholder`);
      else assert.ok(data.equals(readFileSync(join(MANIFEST_DIR, name))), `${name} differs from manifest/${name}`);
    }
  });

  it('is byte-identical when built twice from the same files', () => {
    const build = () => buildAppPackage({ appId: SAMPLE_APP_ID, version: VERSION }, MANIFEST_DIR).zip;
    assert.ok(build().equals(build()));
  });

  it('refuses to fill a placeholder it has no value for', () => {
    assert.throws(() => fillPlaceholders('{"id": "{{TEAMS_APP_ID}}"}', {}), /\{\{TEAMS_APP_ID\}\} has no value/);
  });
});

describe('Teams app package: npm run package', () => {
  const script = resolve(__dirname, '..', '..', 'scripts', 'package.js');
  let out: string;

  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'kompetansebot-package-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  const COUNTY = {
    TEAMS_DEVELOPER_NAME: 'Statsforvalteren i Vestland',
    TEAMS_WEBSITE_URL: 'https://www.statsforvalteren.no/vestland/kompetansebot',
    TEAMS_PRIVACY_URL: 'https://www.statsforvalteren.no/vestland/personvern',
    TEAMS_TERMS_URL: 'https://www.statsforvalteren.no/vestland/vilkar',
  };
  const NO_DEVELOPER = { LOCAL_MODE: '', TEAMS_DEVELOPER_NAME: '', TEAMS_WEBSITE_URL: '', TEAMS_PRIVACY_URL: '', TEAMS_TERMS_URL: '' };

  function runPackage(appId: string, env: Record<string, string> = COUNTY) {
    const zip = join(out, 'app.zip');
    const run = spawnSync(process.execPath, [script, zip], {
      cwd: ROOT,
      env: { ...process.env, ...NO_DEVELOPER, MicrosoftAppId: appId, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { ...run, zip };
  }

  it('writes the zip with the app id from MicrosoftAppId', () => {
    const run = runPackage(SAMPLE_APP_ID);
    assert.equal(run.status, 0, run.stderr);
    const manifest = readZip(readFileSync(run.zip)).find((entry) => entry.name === 'manifest.json');
    assert.equal((JSON.parse(manifest!.data.toString('utf8')) as TeamsManifest).id, SAMPLE_APP_ID);
  });

  it("puts the county's developer name and links from the settings in the manifest", () => {
    const run = runPackage(SAMPLE_APP_ID);
    assert.equal(run.status, 0, run.stderr);
    const manifest = readZip(readFileSync(run.zip)).find((entry) => entry.name === 'manifest.json');
    assert.deepEqual((JSON.parse(manifest!.data.toString('utf8')) as { developer: unknown }).developer, {
      name: 'Statsforvalteren i Vestland',
      websiteUrl: 'https://www.statsforvalteren.no/vestland/kompetansebot',
      privacyUrl: 'https://www.statsforvalteren.no/vestland/personvern',
      termsOfUseUrl: 'https://www.statsforvalteren.no/vestland/vilkar',
    });
  });

  it('refuses the example.org placeholders outside LOCAL_MODE with one line naming the setting, and writes nothing', () => {
    const run = runPackage(SAMPLE_APP_ID, { ...COUNTY, TEAMS_PRIVACY_URL: '' });
    assert.equal(run.status, 1);
    assert.match(
      run.stderr.trim(),
      /^TEAMS_PRIVACY_URL is https:\/\/kompetansebot\.example\.org\/personvern, a placeholder: set it to [^\n]*privacy statement[^\n]*LOCAL_MODE=1 for a test package$/,
    );
    assert.equal(existsSync(run.zip), false);
  });

  it('keeps the placeholders in a LOCAL_MODE test package', () => {
    const run = runPackage(SAMPLE_APP_ID, { LOCAL_MODE: '1' });
    assert.equal(run.status, 0, run.stderr);
    const manifest = readZip(readFileSync(run.zip)).find((entry) => entry.name === 'manifest.json');
    assert.match(manifest!.data.toString('utf8'), /"privacyUrl": "https:\/\/kompetansebot\.example\.org\/personvern"/);
  });

  it('stops with one line naming MicrosoftAppId when it is not a GUID, and writes nothing', () => {
    const run = runPackage('my-bot');
    assert.equal(run.status, 1);
    assert.match(run.stderr.trim(), /^MicrosoftAppId is not a GUID[^\n]*"my-bot"[^\n]*$/);
    assert.equal(existsSync(run.zip), false);
  });

  it('explains that MicrosoftAppId is missing', () => {
    assert.throws(() => readAppId({}), /MicrosoftAppId is not set/);
    assert.throws(() => readAppId({ MicrosoftAppId: '  ' }), /MicrosoftAppId is not set/);
    assert.equal(readAppId({ MicrosoftAppId: ` ${SAMPLE_APP_ID}\n` }), SAMPLE_APP_ID);
  });
});
