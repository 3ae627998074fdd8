import { z } from 'zod';

const optionalText = z.string().trim().optional().transform((v) => (v ? v : undefined));
const flag = (fallback: boolean) =>
  z.string().trim().toLowerCase().optional()
    .refine((v) => v === undefined || v === '' || ['1', '0', 'true', 'false', 'yes', 'no'].includes(v), 'must be 1/0, true/false or yes/no')
    .transform((v) => (v === undefined || v === '' ? fallback : ['1', 'true', 'yes'].includes(v)));
const port = (fallback: number) =>
  z.string().trim().optional()
    .transform((v) => (v === undefined || v === '' ? fallback : Number(v)))
    .pipe(z.number({ invalid_type_error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535'));
const whole = (fallback: number, min: number, max: number) =>
  z.string().trim().optional()
    .transform((v) => (v === undefined || v === '' ? fallback : Number(v)))
    .pipe(z.number({ invalid_type_error: 'must be a whole number' }).int('must be a whole number').min(min, `must be ${min}–${max}`).max(max, `must be ${min}–${max}`));
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guidList = z.string().trim().optional().transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
  .refine((ids) => ids.every((id) => guid.test(id)), 'must be a comma-separated list of GUIDs');

/** Every setting the bot reads, documented in .env.example. Read once at start. */
export const ConfigSchema = z.object({
  PORT: port(3978),
  MicrosoftAppId: optionalText.refine((v) => v === undefined || guid.test(v), 'must be a GUID (the bot\'s Microsoft App ID) or empty for local anonymous mode'),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()
    .or(z.literal('').transform(() => undefined)),
  MicrosoftAppTenantId: optionalText.refine((v) => v === undefined || guid.test(v), 'must be a GUID'),
  TABLES_CONNECTION_STRING: optionalText,
  // Table Storage through a managed identity instead: the account's table endpoint, no secret.
  TABLES_ACCOUNT_URL: optionalText.refine((v) => v === undefined || /^https:\/\/[^\s/?#]+\/?$/i.test(v), 'must be the storage account\'s table endpoint, such as https://<account>.table.core.windows.net'),
  TABLE_PREFIX: z.string().trim().optional().transform((v) => v || 'kb')
    .pipe(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'must be letters and digits, starting with a letter, at most 21 characters')),
  DATA_DIR: z.string().trim().optional().transform((v) => v || '.data'),
  AZURITE_PORT: port(10002),
  PLAYGROUND: flag(true),
  PLAYGROUND_PORT: port(56150),
  DEMO_ROUND: flag(true),
  BOOTSTRAP_SECRETARIAT: guidList,
  ALLOWED_TENANTS: guidList,
  // Proactive delivery (the outbox worker). Defaults suit production; tests shorten them.
  DELIVERY_POLL_MS: whole(1000, 10, 60_000),
  DELIVERY_APP_RATE: whole(30, 1, 1000),
  DELIVERY_LEASE_MS: whole(60_000, 500, 3_600_000),
  DELIVERY_TIMEOUT_MS: whole(15_000, 50, 120_000),
  DELIVERY_MAX_ATTEMPTS: whole(8, 1, 100),
  DELIVERY_BACKOFF_MS: whole(1000, 1, 600_000),
  // Export downloads: links in Teams point at PUBLIC_URL/exports/<token>, signed and short-lived.
  PUBLIC_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(v), 'must be an http(s) address such as https://bot.example.no'),
  EXPORT_LINK_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
  EXPORT_LINK_MINUTES: whole(15, 1, 1440),
  // Timed work: how often the scheduler looks (0 = only when called), intake digest batching, daily summary hour (Oslo).
  SCHEDULER_TICK_MS: whole(30_000, 0, 3_600_000),
  DIGEST_MINUTES: whole(5, 1, 1440),
  SUMMARY_HOUR: whole(7, 0, 23),
  // Personal data: rounds whose deadline is more than this many years ago may be purged by the secretariat.
  ROUND_RETENTION_YEARS: whole(10, 1, 100),
  // Per-person limit on messages and card presses (token bucket per tenant + AAD id, per instance).
  RATE_LIMIT_BURST: whole(40, 0, 100_000),
  RATE_LIMIT_PER_SECOND: whole(10, 1, 100_000),
  RATE_LIMIT_MAX_USERS: whole(50_000, 10, 10_000_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional()
    .or(z.literal('').transform(() => undefined)).transform((v) => v ?? 'info'),
}).superRefine((c, ctx) => {
  if (c.MicrosoftAppId && c.MicrosoftAppType !== 'UserAssignedMSI' && !c.MicrosoftAppPassword) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
  }
  if (c.DELIVERY_TIMEOUT_MS * 2 > c.DELIVERY_LEASE_MS) {
    // A send must end well inside its lease, or another instance could take the message over mid-send.
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['DELIVERY_LEASE_MS'], message: 'must be at least twice DELIVERY_TIMEOUT_MS' });
  }
  if (c.TABLES_ACCOUNT_URL && c.TABLES_CONNECTION_STRING) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['TABLES_ACCOUNT_URL'], message: 'and TABLES_CONNECTION_STRING are both set: set one (the account URL uses the managed identity)' });
  }
  if (c.MicrosoftAppType === 'SingleTenant' && !c.MicrosoftAppTenantId) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType is SingleTenant' });
  }
});

export type Config = z.infer<typeof ConfigSchema> & { anonymous: boolean };

export class ConfigError extends Error {}

/** Validates the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Configuration error: ${issue.path.join('.') || 'environment'} ${issue.message}`);
  }
  return { ...parsed.data, anonymous: !parsed.data.MicrosoftAppId };
}
