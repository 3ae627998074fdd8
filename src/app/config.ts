import { z } from 'zod';
import { parseForumRules } from '../domain/forum/rules';
import { DEFAULT_REGIONS, parseRegionConfig } from '../domain/regions';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const flag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine((v) => v === undefined || v === '' || ['1', '0', 'true', 'false', 'yes', 'no'].includes(v), 'must be 1/0, true/false or yes/no')
    .transform((v) => (v === undefined || v === '' ? fallback : ['1', 'true', 'yes'].includes(v)));
const port = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : Number(v)))
    .pipe(z.number({ invalid_type_error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535'));
const whole = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : Number(v)))
    .pipe(
      z
        .number({ invalid_type_error: 'must be a whole number' })
        .int('must be a whole number')
        .min(min, `must be ${min}–${max}`)
        .max(max, `must be ${min}–${max}`),
    );
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
const guidList = z
  .string()
  .trim()
  .optional()
  .transform(list)
  .refine((ids) => ids.every((id) => guid.test(id)), 'must be a comma-separated list of GUIDs');
// An AAD object id alone names nobody: the same id could be claimed in another tenant.
const personList = z
  .string()
  .trim()
  .optional()
  .transform(list)
  .refine(
    (entries) => entries.every((e) => e.split(':').length === 2 && e.split(':').every((id) => guid.test(id))),
    'must be a comma-separated list of tenantId:aadObjectId (two GUIDs each)',
  )
  .transform((entries) =>
    entries.map((e) => {
      const [tenantId, aadObjectId] = e.toLowerCase().split(':');
      return { tenantId, aadObjectId };
    }),
  );
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
/** Names the Microsoft 365 Agents Toolkit writes; this bot reads the Bot Framework names instead. */
const TOOLKIT_NAMES = ['BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID', 'BOT_TYPE'] as const;

/** Every setting the bot reads, documented in .env.example. Read once at start. */
export const ConfigSchema = z
  .object({
    PORT: port(3978),
    // Anonymous mode (no Bot Framework authentication, bound to 127.0.0.1) only when asked for.
    LOCAL_MODE: flag(false),
    MicrosoftAppId: optionalText.refine(
      (v) => v === undefined || guid.test(v),
      "must be a GUID (the bot's Microsoft App ID) or empty for local anonymous mode",
    ),
    MicrosoftAppPassword: optionalText,
    // Any case, as botbuilder reads it (which would quietly take an unknown value as MultiTenant).
    MicrosoftAppType: optionalText.transform((v, ctx) => {
      if (v === undefined) return undefined;
      const type = APP_TYPES.find((t) => t.toLowerCase() === v.toLowerCase());
      if (!type) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be SingleTenant, MultiTenant or UserAssignedMSI (any case), not ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      return type;
    }),
    MicrosoftAppTenantId: optionalText.refine((v) => v === undefined || guid.test(v), 'must be a GUID'),
    TABLES_CONNECTION_STRING: optionalText,
    // Table Storage through a managed identity instead: the account's table endpoint, no secret.
    TABLES_ACCOUNT_URL: optionalText.refine(
      (v) => v === undefined || /^https:\/\/[^\s/?#]+\/?$/i.test(v),
      "must be the storage account's table endpoint, such as https://<account>.table.core.windows.net",
    ),
    TABLE_PREFIX: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || 'kb')
      .pipe(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'must be letters and digits, starting with a letter, at most 21 characters')),
    DATA_DIR: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || '.data'),
    AZURITE_PORT: port(10002),
    PLAYGROUND: flag(true),
    PLAYGROUND_PORT: port(56150),
    DEMO_ROUND: flag(true),
    BOOTSTRAP_SECRETARIAT: personList,
    ALLOWED_TENANTS: guidList,
    // Proactive delivery (the outbox worker). Defaults suit production; tests shorten them.
    DELIVERY_POLL_MS: whole(1000, 10, 60_000),
    DELIVERY_APP_RATE: whole(30, 1, 1000),
    DELIVERY_LEASE_MS: whole(60_000, 500, 3_600_000),
    DELIVERY_TIMEOUT_MS: whole(15_000, 50, 120_000),
    DELIVERY_MAX_ATTEMPTS: whole(8, 1, 100),
    DELIVERY_BACKOFF_MS: whole(1000, 1, 600_000),
    // Long work started by a press (results, bulk grant): how often unfinished jobs are looked for, and
    // the lease after which another instance takes over a dead one's job.
    JOB_POLL_MS: whole(5000, 0, 600_000),
    JOB_LEASE_MS: whole(30_000, 500, 3_600_000),
    // How long a press waits for its job before answering with a progress card (small jobs answer with their figures).
    JOB_PRESS_WAIT_MS: whole(500, 0, 60_000),
    // Export downloads: links in Teams point at PUBLIC_URL/exports/<token>, signed and short-lived.
    PUBLIC_URL: optionalText.refine(
      (v) => v === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(v),
      'must be an http(s) address such as https://bot.example.no',
    ),
    EXPORT_LINK_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
    EXPORT_LINK_MINUTES: whole(15, 1, 1440),
    // Slow clients: headers and the whole request must have arrived within this many ms (then 408 and the socket is closed).
    HTTP_REQUEST_TIMEOUT_MS: whole(30_000, 100, 600_000),
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
    // The forum's voting rules as JSON, e.g. {"steps":"one","quorumPercent":50}; see docs/forum-rules.md.
    FORUM_RULES: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        try {
          return parseForumRules(v ? JSON.parse(v) : {});
        } catch (err) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: (err as Error).message });
          return z.NEVER;
        }
      }),
    LOG_LEVEL: z
      .enum(['debug', 'info', 'warn', 'error', 'silent'])
      .optional()
      .or(z.literal('').transform(() => undefined))
      .transform((v) => v ?? 'info'),
    // Counties, regions, working groups and forums as JSON (README: "Forums, counties and budgets"); absent = the Oslo og Viken default.
    REGIONS: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        try {
          // A copy of the default: each app gets its own object, so nothing done to one app's configuration leaks into another's.
          return v ? parseRegionConfig(JSON.parse(v)) : structuredClone(DEFAULT_REGIONS);
        } catch (err) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: (err as Error).message });
          return z.NEVER;
        }
      }),
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (!c.MicrosoftAppId) {
      if (c.MicrosoftAppPassword) issue('MicrosoftAppPassword', 'is set but MicrosoftAppId is not');
      if (c.MicrosoftAppTenantId) issue('MicrosoftAppTenantId', 'is set but MicrosoftAppId is not');
    }
    // Local mode is anonymous; an app id means production, so the two together are a mistake either way.
    if (c.LOCAL_MODE && c.MicrosoftAppId) issue('LOCAL_MODE', 'must not be set together with MicrosoftAppId (local mode is anonymous; unset one of them)');
    if (c.MicrosoftAppId && c.MicrosoftAppType !== 'UserAssignedMSI' && !c.MicrosoftAppPassword) {
      issue('MicrosoftAppPassword', 'is required when MicrosoftAppId is set');
    }
    if (c.DELIVERY_TIMEOUT_MS * 2 > c.DELIVERY_LEASE_MS) {
      // A send must end well inside its lease, or another instance could take the message over mid-send.
      issue('DELIVERY_LEASE_MS', 'must be at least twice DELIVERY_TIMEOUT_MS');
    }
    if (c.TABLES_ACCOUNT_URL && c.TABLES_CONNECTION_STRING) {
      issue('TABLES_ACCOUNT_URL', 'and TABLES_CONNECTION_STRING are both set: set one (the account URL uses the managed identity)');
    }
    const appType = c.MicrosoftAppType ?? 'SingleTenant';
    if (c.MicrosoftAppId && appType !== 'MultiTenant' && !c.MicrosoftAppTenantId) {
      issue('MicrosoftAppTenantId', `is required when MicrosoftAppType is ${appType}${c.MicrosoftAppType ? '' : ' (the default)'}`);
    }
    if (!c.LOCAL_MODE) {
      // Only local mode may fall back to Azurite: a production start without storage would keep its data on the instance's disk.
      if (c.MicrosoftAppId && !c.TABLES_ACCOUNT_URL && !c.TABLES_CONNECTION_STRING) {
        issue(
          'TABLES_ACCOUNT_URL',
          "or TABLES_CONNECTION_STRING is required outside LOCAL_MODE: set TABLES_ACCOUNT_URL to the storage account's table endpoint (https://<account>.table.core.windows.net, managed identity) or TABLES_CONNECTION_STRING to its connection string",
        );
      }
      if (c.PUBLIC_URL && !/^https:/i.test(c.PUBLIC_URL)) issue('PUBLIC_URL', 'must be an https address outside LOCAL_MODE');
      if (c.MicrosoftAppId && !c.PUBLIC_URL) issue('PUBLIC_URL', 'is required outside LOCAL_MODE (export links point at it), e.g. https://bot.example.no');
      if (c.MicrosoftAppId && !c.EXPORT_LINK_SECRET)
        issue('EXPORT_LINK_SECRET', 'is required outside LOCAL_MODE (at least 32 characters, the same on every instance)');
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
  const c = parsed.data;
  if (!c.LOCAL_MODE && !c.MicrosoftAppId) {
    // Never open by accident: without an app id the bot would accept anyone, so that needs LOCAL_MODE=1.
    const toolkit = TOOLKIT_NAMES.filter((name) => env[name]?.trim());
    const unread = toolkit.length
      ? ` (${toolkit.join(' and ')} ${toolkit.length > 1 ? 'are' : 'is'} not read: use MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId, MicrosoftAppType)`
      : '';
    throw new ConfigError(`Configuration error: MicrosoftAppId is required, or LOCAL_MODE=1 for anonymous local use${unread}`);
  }
  return { ...c, anonymous: c.LOCAL_MODE };
}
