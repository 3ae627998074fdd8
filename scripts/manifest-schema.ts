import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import Ajv4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// Validates against the JSON schemas shipped inside @microsoft/app-manifest, never the network:
// packaging and tests must work offline and give the same answer every time.

type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
type AnyManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

const SCHEMA_ROOT = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

function loadSchema(manifestVersion: string, file: string): Schema {
  if (!/^\d+\.\d+$/.test(manifestVersion)) {
    throw new Error(`manifestVersion ${JSON.stringify(manifestVersion)} is not a released Teams schema`);
  }
  const raw = readFileSync(join(SCHEMA_ROOT, `v${manifestVersion}`, file), 'utf8');
  // The published schemas contain \a and \v escapes, which JSON.parse rejects; the package's own
  // loader rewrites them the same way.
  return JSON.parse(raw.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Schema;
}

/** Schema errors of a Teams app manifest, as "path message" lines; empty when valid. */
export function validateTeamsManifest(manifest: unknown): Promise<string[]> {
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  const schema = loadSchema(String(version), 'MicrosoftTeams.schema.json');
  return AppManifestUtils.validateAgainstSchema(manifest as AnyManifest, schema);
}

/** Schema errors of a localization file (en.json, nn.json) for the given manifest version. */
export function validateLocalizationFile(file: unknown, manifestVersion: string): string[] {
  // Not AppManifestUtils: it compiles patterns as Unicode regexps, and the localization schema's
  // key patterns (an unescaped "]") only compile without the u flag, as the schema's authors meant.
  const ajv = new Ajv4({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(loadSchema(manifestVersion, 'MicrosoftTeams.Localization.schema.json'));
  if (validate(file)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}. Details: ${JSON.stringify(error.params)}`);
}
