import { z } from 'zod';

/**
 * A backup is two files side by side: `<name>.jsonl.gz` (gzip, one JSON line per entity) and
 * `<name>.manifest.json` (what is in it and its checksum). The manifest is written last, so a
 * manifest beside a data file means the data file was written to the end.
 */
export const BACKUP_FORMAT = 'kompetansebot-backup/1';
export const DATA_SUFFIX = '.jsonl.gz';
export const MANIFEST_SUFFIX = '.manifest.json';

export const EDM_TYPES = ['String', 'Boolean', 'Int32', 'Int64', 'Double', 'DateTime', 'Guid', 'Binary'] as const;
export type EdmType = (typeof EDM_TYPES)[number];

/**
 * A property with its Table Storage (EDM) type. Int64 is a decimal string, DateTime the service's
 * ISO text, Binary base64, Guid text; Double is a number, or 'NaN' / 'Infinity' / '-Infinity'.
 */
export const TypedValueSchema = z.object({ type: z.enum(EDM_TYPES), value: z.union([z.string(), z.number(), z.boolean()]) });
export type TypedValue = z.infer<typeof TypedValueSchema>;

/** One line of the data file: one entity, without the service's Timestamp and ETag (it sets new ones). */
export const BackupLineSchema = z.object({
  table: z.string().min(1),
  partitionKey: z.string(),
  rowKey: z.string(),
  properties: z.record(TypedValueSchema),
});
export type BackupLine = z.infer<typeof BackupLineSchema>;

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  appVersion: z.string(),
  tablePrefix: z.string(),
  /** The data file's name, in the manifest's folder. */
  file: z.string(),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().min(0) })),
  rows: z.number().int().min(0),
  bytes: z.object({ raw: z.number().int().min(0), compressed: z.number().int().min(0) }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** A backup that cannot be used as it is, or a target it must not be written to: the message says what to do. */
export class BackupError extends Error {}

/** The manifest's path for a backup named by either of its two files (or by its name without suffix). */
export function manifestPathOf(file: string): string {
  if (file.endsWith(MANIFEST_SUFFIX)) return file;
  return (file.endsWith(DATA_SUFFIX) ? file.slice(0, -DATA_SUFFIX.length) : file) + MANIFEST_SUFFIX;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * A property as the SDK returns it with `disableTypeConversion`, made exact. The service annotates
 * Int64, DateTime, Guid and Binary; numbers it leaves bare, and the SDK then guesses Int32 for any
 * whole number, which a number beyond Int32's range cannot be: the service stored it as Double.
 * Known limit: a Double holding a whole number within Int32's range, when the service sends it
 * bare (Azurite does), reads as Int32 and is restored as Int32 with the same value. The bot never
 * writes typed Doubles (its whole numbers are Int32 already), so its own rows round-trip exactly.
 */
export function typedFromSdk(raw: unknown): TypedValue {
  if (raw === null || typeof raw !== 'object') {
    // Only keys come back untyped; anything else would be a change in the SDK.
    throw new Error(`unexpected untyped property value (${typeof raw})`);
  }
  const { type, value } = raw as { type: string; value: unknown };
  switch (type) {
    case 'Boolean':
      return { type, value: value === true || value === 'true' };
    case 'Int32': {
      const n = Number(value);
      return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX ? { type, value: n } : { type: 'Double', value: n };
    }
    case 'Double': {
      const n = Number(value);
      return { type, value: Number.isFinite(n) ? n : String(value) };
    }
    case 'String':
    case 'Int64':
    case 'DateTime':
    case 'Guid':
    case 'Binary':
      return { type, value: String(value) };
    default:
      throw new Error(`unknown EDM type ${String(type)}`);
  }
}
