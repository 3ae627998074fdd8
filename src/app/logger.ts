import pino from 'pino';

// One JSON line per event on stdout, written by pino. Callers pass ids and counts, never message
// bodies, names, e-mails or phone numbers; `redact` is the last line of defence for fields that
// must never be written, however deep they sit in what was passed.
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `bindings` to every line (e.g. the activity and conversation of a turn). */
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * Every field that holds personal data, a secret or a bearer link: people's names and contact
 * details, what owners typed (titles, needs, comments, reasons), tokens, passwords and headers.
 */
export const PERSONAL_FIELDS = [
  // people
  'name',
  'displayName',
  'givenName',
  'surname',
  'userPrincipalName',
  'email',
  'mail',
  'phone',
  'contactName',
  'contactEmail',
  'contactPhone',
  'uhContact',
  'members',
  // what was typed (reports, comments, decisions, messages)
  'text',
  'body',
  'title',
  'needAndGoal',
  'themeOther',
  'comment',
  'reason',
  'note',
  'value',
  'activity',
  'card',
  'data',
  // secrets and bearer links (an export link works for whoever holds it)
  'token',
  'accessToken',
  'password',
  'secret',
  'authorization',
  'cookie',
  'headers',
  'link',
  'downloadUrl',
  'exportUrl',
  'MicrosoftAppPassword',
  'EXPORT_LINK_SECRET',
  'TABLES_CONNECTION_STRING',
  'connectionString',
] as const;

// pino's redact takes paths, not patterns: each field at the top and two levels down.
const REDACT_PATHS = PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** Errors as type (name), message and codes only: their own fields may hold requests with headers or bodies. */
function errorFields(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  return { type: e.name, message: e.message, code: e.code, statusCode: e.statusCode };
}

/** An export link's path carries its token: keep the route, drop the token. */
const pathWithoutToken = (path: unknown) => (typeof path === 'string' ? path.replace(/^\/exports\/.+/, '/exports/[redacted]') : path);

/**
 * `of()` gives the pino logger, made when a line at an enabled level is first written: pino
 * redacts and serialises a child's bindings when it makes the child, which cost every turn (each
 * makes one, turn.ts) more than its own card, even when the turn wrote no line.
 */
function wrap(root: pino.Logger, of: () => pino.Logger): Logger {
  let made: pino.Logger | undefined;
  const p = () => (made ??= of());
  const at =
    (level: Exclude<Level, 'silent'>) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (root.isLevelEnabled(level)) p()[level](fields, msg);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (bindings) => {
      const own = { ...bindings }; // as they are now, whatever the caller does with its object later
      return wrap(root, () => p().child(own));
    },
  };
}

/** `write` gets each line without its newline (tests collect them); by default lines go to stdout. */
export function createLogger(level: Level = 'info', write?: (line: string) => void): Logger {
  const destination = write ? { write: (line: string) => write(line.replace(/\n$/, '')) } : pino.destination({ dest: 1, sync: true });
  const root = pino(
    {
      level,
      base: undefined, // no pid or hostname: the platform adds its own
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: errorFields, err: errorFields, path: pathWithoutToken },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
  return wrap(root, () => root);
}
