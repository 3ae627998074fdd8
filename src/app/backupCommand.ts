import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TokenCredential } from '@azure/identity';
import { ConfigError, ConfigSchema } from './config';
import { ROOT } from './paths';
import { Tables, type TablesTarget } from '../storage/tables';
import { writeBackup } from '../storage/backup';
import { restoreBackup } from '../storage/restore';
import { BackupError } from '../storage/backupFormat';
import { uploadToContainer } from './backupUpload';

/**
 * `npm run backup` and `npm run restore`: the bot's own storage settings (the same schema, so a
 * setting means the same here as in the bot), and nothing else of its configuration.
 */
const StorageSettings = ConfigSchema.innerType().pick({
  TABLES_CONNECTION_STRING: true,
  TABLES_ACCOUNT_URL: true,
  TABLE_PREFIX: true,
  MicrosoftAppType: true,
  MicrosoftAppId: true,
});

export async function openStorage(
  env: Record<string, string | undefined>,
): Promise<{ tables: Tables; prefix: string; where: string; credential: () => Promise<TokenCredential> }> {
  const parsed = StorageSettings.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Configuration error: ${issue.path.join('.')} ${issue.message}`);
  }
  const c = parsed.data;
  if (c.TABLES_ACCOUNT_URL && c.TABLES_CONNECTION_STRING) {
    throw new ConfigError(
      'Configuration error: TABLES_ACCOUNT_URL and TABLES_CONNECTION_STRING are both set: set one (the account URL uses the managed identity)',
    );
  }
  if (!c.TABLES_ACCOUNT_URL && !c.TABLES_CONNECTION_STRING) {
    throw new ConfigError(
      'Configuration error: set TABLES_CONNECTION_STRING or TABLES_ACCOUNT_URL (the same settings as the bot); the local Azurite of `npm start` is not backed up',
    );
  }
  // Unlike the bot, a person runs these too (a restore from their machine, signed in with az login):
  // DefaultAzureCredential tries that after the managed identity the nightly job runs as.
  let identity: TokenCredential | undefined;
  const credential = async () => {
    if (!identity) {
      const { DefaultAzureCredential } = await import('@azure/identity');
      const managedIdentityClientId = c.MicrosoftAppType === 'UserAssignedMSI' ? c.MicrosoftAppId : undefined;
      identity = new DefaultAzureCredential(managedIdentityClientId ? { managedIdentityClientId } : {});
    }
    return identity;
  };
  const target: TablesTarget = c.TABLES_ACCOUNT_URL ? { accountUrl: c.TABLES_ACCOUNT_URL, credential: await credential() } : c.TABLES_CONNECTION_STRING!;
  const where = c.TABLES_ACCOUNT_URL ?? (/AccountName=([^;]+)/i.exec(c.TABLES_CONNECTION_STRING ?? '')?.[1] || 'the connection string');
  return { tables: new Tables(target, c.TABLE_PREFIX), prefix: c.TABLE_PREFIX, where, credential };
}

function appVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

const size = (bytes: number) => (bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 2 ** 20).toFixed(2)} MB`);

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/**
 * `backup [--out <folder>] [--upload <container URL>]`. The folder defaults to BACKUP_DIR, else
 * `backups/` in the app's folder. With a container (or BACKUP_CONTAINER_URL) the files are put
 * there, and unless a folder was named they are written to a temporary one and removed after the
 * upload, so no copy outlives the container's retention.
 */
export async function backupCommand(args: string[], env: Record<string, string | undefined>, print: (line: string) => void): Promise<void> {
  const container = option(args, '--upload') ?? env.BACKUP_CONTAINER_URL;
  const named = option(args, '--out') ?? env.BACKUP_DIR;
  const dir = named || !container ? path.resolve(ROOT, named ?? 'backups') : fs.mkdtempSync(path.join(os.tmpdir(), 'kompetansebot-backup-'));
  const { tables, prefix, where, credential } = await openStorage(env);
  print(`Backing up the tables with prefix ${prefix} of ${where} to ${dir}`);
  try {
    const r = await writeBackup(tables, { dir, prefix, appVersion: appVersion() });
    for (const t of r.manifest.tables) print(`  ${t.name.padEnd(14)} ${t.rows}`);
    print(
      `Wrote ${r.dataFile} (${r.manifest.rows} rows, ${size(r.manifest.bytes.compressed)}, ${size(r.manifest.bytes.raw)} uncompressed, ` +
        `sha256 ${r.manifest.sha256}) and ${path.basename(r.manifestFile)} in ${r.seconds.toFixed(1)} s`,
    );
    if (container) {
      for (const blob of await uploadToContainer(container, [r.dataFile, r.manifestFile], credential)) print(`Uploaded ${blob}`);
    }
  } finally {
    if (!named && container) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `restore <file> [--force]`: into the deployment the settings name. */
export async function restoreCommand(args: string[], env: Record<string, string | undefined>, print: (line: string) => void): Promise<void> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new BackupError('Name the backup to restore: npm run restore -- backups/<name>.jsonl.gz [--force]');
  const force = args.includes('--force');
  const { tables, prefix, where } = await openStorage(env);
  print(`Restoring ${file} into the tables with prefix ${prefix} of ${where}${force ? ' (--force: over what is there)' : ''}`);
  try {
    const r = await restoreBackup(tables, path.resolve(file), { force, prefix });
    print(`Checksum and row counts match the manifest (${r.manifest.createdAt}, app ${r.manifest.appVersion}, prefix ${r.manifest.tablePrefix}).`);
    print(`Restored ${r.rows} rows in ${r.batches} transactions in ${r.seconds.toFixed(1)} s.`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(
      `The restore stopped part-way (${(err as Error).message.split('\n')[0]}). The target now holds part of the backup: ` +
        'run it again with --force, or empty the tables (or choose a new TABLE_PREFIX) and run it again.',
      { cause: err },
    );
  }
}

/** Runs a command as a script: errors as one line on stderr and exit code 1. */
export function runCommand(command: typeof backupCommand): void {
  command(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).catch((err: Error) => {
    process.stderr.write(`${err instanceof BackupError || err instanceof ConfigError ? err.message : (err.stack ?? err.message)}\n`);
    process.exit(1);
  });
}
