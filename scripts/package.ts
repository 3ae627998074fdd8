import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import dotenv from 'dotenv';
import { buildAppPackage, PackageError, packageVersion, readAppId, readDeveloper, validateAppPackage } from './app-package';
import { ROOT } from '../src/app/paths';

// `npm run package [-- out.zip]`: writes the Teams app package, dist/kompetansebot.zip by default.

async function main(): Promise<void> {
  const root = ROOT;
  dotenv.config({ path: join(root, '.env'), quiet: true });
  const appPackage = buildAppPackage({ appId: readAppId(process.env), version: packageVersion(root), developer: readDeveloper(process.env) });

  const problems = await validateAppPackage(appPackage);
  if (problems.length > 0) {
    throw new PackageError(`the app package does not match the Teams schema:\n  ${problems.join('\n  ')}`);
  }

  const out = resolve(process.argv[2] ?? join(root, 'dist', 'kompetansebot.zip'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, appPackage.zip);
  const names = appPackage.entries.map((entry) => entry.name).join(', ');
  console.log(`wrote ${out} (${names}) for app ${appPackage.manifest.id}, version ${appPackage.manifest.version}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof PackageError ? error.message : error);
  process.exitCode = 1;
});
