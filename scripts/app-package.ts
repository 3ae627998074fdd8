import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { validateLocalizationFile, validateTeamsManifest } from './manifest-schema';
import { ROOT } from '../src/app/paths';
import { writeZip, type ZipEntry } from './zip';

// Builds the Teams app package (the zip a Teams admin uploads) from manifest/: fills the
// placeholders the committed manifest keeps for per-deployment values, and zips the manifest,
// its language files and its icons at the zip root, where Teams looks for them.

export const APP_ID_VARIABLE = 'MicrosoftAppId';

// The same pattern the manifest schema uses for ids, so a value we accept Teams accepts too.
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** A mistake in the packager's input, reported as one line without a stack trace. */
export class PackageError extends Error {}

export interface PackageValues {
  /** The bot's Microsoft App ID; used as both the Teams app id and the bot id. */
  appId: string;
  /** Teams wants a higher version for every update of the app; package.json owns it. */
  version: string;
  /** Who publishes the app, as Teams shows it on the app's details page; PLACEHOLDER_DEVELOPER when left out. */
  developer?: Developer;
}

/** The manifest's developer block, one setting each (the names `.env.example` documents). */
export interface Developer {
  TEAMS_DEVELOPER_NAME: string;
  TEAMS_WEBSITE_URL: string;
  TEAMS_PRIVACY_URL: string;
  TEAMS_TERMS_URL: string;
}

/** What a package gets when a setting is empty: fine for a test upload, refused outside LOCAL_MODE. */
export const PLACEHOLDER_DEVELOPER: Developer = {
  TEAMS_DEVELOPER_NAME: 'Statsforvalteren',
  TEAMS_WEBSITE_URL: 'https://kompetansebot.example.org/',
  TEAMS_PRIVACY_URL: 'https://kompetansebot.example.org/personvern',
  TEAMS_TERMS_URL: 'https://kompetansebot.example.org/vilkar',
};

const URL_SETTINGS = ['TEAMS_WEBSITE_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL'] as const;
const isPlaceholderHost = (url: string) => /^(.+\.)?example\.(org|com|net)$/i.test(new URL(url).hostname);

/**
 * The developer block from an environment: empty settings take PLACEHOLDER_DEVELOPER, which only a
 * LOCAL_MODE package may keep (people see these links in Teams; Microsoft asks for real ones).
 */
export function readDeveloper(env: NodeJS.ProcessEnv): Developer {
  const local = ['1', 'true', 'yes'].includes((env.LOCAL_MODE ?? '').trim().toLowerCase());
  const developer = { ...PLACEHOLDER_DEVELOPER };
  for (const name of Object.keys(PLACEHOLDER_DEVELOPER) as (keyof Developer)[]) {
    const value = env[name]?.trim();
    if (value) developer[name] = value;
  }
  for (const name of URL_SETTINGS) {
    const url = developer[name];
    if (!/^https:\/\/[^\s/?#]+(\/[^\s]*)?$/i.test(url)) throw new PackageError(`${name} must be an https address, got ${JSON.stringify(url)}`);
    if (!local && isPlaceholderHost(url)) {
      throw new PackageError(
        `${name} is ${url}, a placeholder: set it to the County Governor's own page (${name === 'TEAMS_PRIVACY_URL' ? 'privacy statement' : name === 'TEAMS_TERMS_URL' ? 'terms of use' : 'web site'}) in the environment or .env, or LOCAL_MODE=1 for a test package`,
      );
    }
  }
  if (developer.TEAMS_DEVELOPER_NAME.length > 32) throw new PackageError('TEAMS_DEVELOPER_NAME must be at most 32 characters (the Teams manifest limit)');
  return developer;
}

export interface AppPackage {
  zip: Buffer;
  entries: ZipEntry[];
  manifest: TeamsManifest;
}

export interface TeamsManifest {
  manifestVersion: string;
  id: string;
  version: string;
  icons: { color: string; outline: string };
  localizationInfo?: {
    defaultLanguageTag: string;
    defaultLanguageFile?: string;
    additionalLanguages?: { languageTag: string; file: string }[];
  };
  bots?: {
    botId: string;
    commandLists?: { scopes: string[]; commands: { title: string; description?: string }[] }[];
  }[];
}

const NOT_SET = `is not set: put the bot's Microsoft App ID (the GUID of its Azure Bot registration) in the environment or in .env`;

const packageEnv = z.object({
  [APP_ID_VARIABLE]: z
    .string({ required_error: NOT_SET })
    .trim()
    .min(1, NOT_SET)
    .regex(GUID_PATTERN, 'is not a GUID: it must look like 00000000-0000-0000-0000-000000000000'),
});

/** The bot's app id from an environment; a bad value fails with one line that names the variable. */
export function readAppId(env: NodeJS.ProcessEnv): string {
  const parsed = packageEnv.safeParse(env);
  if (parsed.success) return parsed.data[APP_ID_VARIABLE];
  const issue = parsed.error.issues[0];
  const got = issue?.code === 'invalid_string' ? ` (got ${JSON.stringify(env[APP_ID_VARIABLE])})` : '';
  throw new PackageError(`${APP_ID_VARIABLE} ${issue?.message ?? 'is invalid'}${got}`);
}

export function packageVersion(root: string = ROOT): string {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return version;
}

/** Replaces every {{NAME}}; a placeholder without a value is an error, never left in the package. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new PackageError(`manifest placeholder {{${name}}} has no value`);
    // Values land inside JSON strings.
    return JSON.stringify(value).slice(1, -1);
  });
}

function placeholderValues(values: PackageValues): Record<string, string> {
  return { MICROSOFT_APP_ID: values.appId, APP_VERSION: values.version, ...(values.developer ?? PLACEHOLDER_DEVELOPER) };
}

function filesNamedBy(manifest: TeamsManifest): string[] {
  const info = manifest.localizationInfo;
  const files = [
    manifest.icons.color,
    manifest.icons.outline,
    ...(info?.defaultLanguageFile ? [info.defaultLanguageFile] : []),
    ...(info?.additionalLanguages ?? []).map((language) => language.file),
  ];
  for (const file of files) {
    // Teams only reads files at the root of the package.
    if (basename(file) !== file) throw new PackageError(`manifest refers to ${file}, which is not at the package root`);
  }
  return files;
}

export function buildAppPackage(values: PackageValues, manifestDir: string = join(ROOT, 'manifest')): AppPackage {
  const fill = placeholderValues(values);
  const manifestText = fillPlaceholders(readFileSync(join(manifestDir, 'manifest.json'), 'utf8'), fill);
  const manifest = JSON.parse(manifestText) as TeamsManifest;
  const entries: ZipEntry[] = [{ name: 'manifest.json', data: Buffer.from(manifestText, 'utf8') }];
  for (const file of filesNamedBy(manifest)) {
    const data = readFileSync(join(manifestDir, file));
    entries.push({
      name: file,
      data: file.endsWith('.json') ? Buffer.from(fillPlaceholders(data.toString('utf8'), fill), 'utf8') : data,
    });
  }
  return { zip: writeZip(entries), entries, manifest };
}

/** Schema errors in the package's manifest and language files, each prefixed with its file name. */
export async function validateAppPackage(appPackage: AppPackage): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of appPackage.entries) {
    if (!entry.name.endsWith('.json')) continue;
    const json: unknown = JSON.parse(entry.data.toString('utf8'));
    const errors = entry.name === 'manifest.json' ? await validateTeamsManifest(json) : validateLocalizationFile(json, appPackage.manifest.manifestVersion);
    problems.push(...errors.map((error) => `${entry.name}: ${error}`));
  }
  return problems;
}
