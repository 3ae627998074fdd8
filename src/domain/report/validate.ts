import type { MessageKey, Params } from '../i18n';
import type { Locale } from '../i18n/locale';
import { DEFAULT_REGIONS, type RegionConfig } from '../regions';
import { coerceYears, problemOfIssue } from './fields';
import { LIMITS, MAX_YEARS } from './limits';
import { parseLineList } from './line-list';
import { NETWORK_RULE, REPORT_FIELDS, UNITS_RULE, reportShape, type NeedsReport, type ReportDraft, type ReportField, type ReportShape } from './needs-report';
import { formatsFor, type Formats } from './problems';
import { crossFieldProblems, normaliseReport, type FieldProblem } from './rules';
import { startYearRange } from './school-year';
import { CARD_INPUTS, INPUT_STEPS, STEP_FIELDS, amountInputId, inputIdOf, stepOfInput, type InputStep, type StepField } from './steps';
import { ownValue } from '../ownKeys';
import type { AreaId } from '../forum/plan';

/**
 * What the wizard calls. `validateStep` checks one card's raw input against the draft so far;
 * `validateReport` checks a whole draft before submission and says which step to go back to.
 */

export interface ValidationContext {
  /** The round's year (the year of its deadline); bounds the first school year. */
  roundYear?: number;
  regions?: RegionConfig;
  /** Formats numbers inside messages (amounts, limits) for this language. Default nb. */
  locale?: Locale;
  /** The priority areas of the report's forum, when it has any (forum/plan.ts). */
  areaIds?: readonly AreaId[];
}

export interface FieldError {
  /** The card input id the message belongs next to. */
  field: string;
  key: MessageKey;
  params?: Params;
}

export interface ReportFieldError extends FieldError {
  step: InputStep;
}

export type StepValue<S extends InputStep> = Pick<NeedsReport, StepField<S>>;

export type StepResult<S extends InputStep> =
  { ok: true; value: StepValue<S>; draft: ReportDraft } | { ok: false; errors: FieldError[]; raw: Record<string, string> };

export type ReportResult = { ok: true; report: NeedsReport } | { ok: false; errors: ReportFieldError[]; firstStep: InputStep };

/** A long list of bad lines would swell the card; past this many per input, one summary. */
export const MAX_ERRORS_PER_INPUT = 20;

export function validateStep<S extends InputStep>(step: S, rawInput: unknown, draftSoFar: ReportDraft = {}, context: ValidationContext = {}): StepResult<S> {
  const raw = isRecord(rawInput) ? rawInput : {};
  const f = formatsFor(context.locale);
  const fields: readonly ReportField[] = STEP_FIELDS[step];
  const adapted = step === 'money' ? moneyInput(raw, draftSoFar, f) : { input: raw, problems: [] as FieldProblem[] };
  const shape = shapeFor(context);
  const parsed = parseFields(fields, adapted.input, shape);
  const problems = [...parsed.problems, ...adapted.problems];
  const draft = fitAmountsToPeriod(normaliseReport({ ...withoutFields(draftSoFar, fields), ...parsed.values } as ReportDraft));
  // Rules see the rest of the draft only as far as it is valid: a stored draft can be stale
  // (configuration changed) or tampered with, and must not make this step crash.
  const stored: Record<string, unknown> = isRecord(draftSoFar) ? draftSoFar : {};
  const others = parseFields(
    REPORT_FIELDS.filter((k) => !fields.includes(k) && stored[k] !== undefined),
    stored,
    shape,
  ).values;
  const view = { ...others, ...parsed.values, ...readableLists(fields, adapted.input, parsed.values, f) } as ReportDraft;
  for (const p of crossFieldProblems(view, f)) {
    if (fields.includes(p.field)) problems.push(withTypedLine(p, adapted.input, f));
  }
  if (problems.length > 0) {
    return { ok: false, errors: orderAndCap(problems.map(toFieldError), step), raw: echoRaw(step, raw) };
  }
  const value = Object.fromEntries(fields.filter((k) => draft[k] !== undefined).map((k) => [k, draft[k]])) as StepValue<S>;
  return { ok: true, value, draft };
}

export function validateReport(draft: unknown, context: ValidationContext = {}): ReportResult {
  const input = isRecord(draft) ? draft : {};
  const f = formatsFor(context.locale);
  const parsed = parseFields(REPORT_FIELDS, input, shapeFor(context));
  const report = normaliseReport(parsed.values as ReportDraft);
  const problems = [...parsed.problems, ...crossFieldProblems({ ...report, ...readableLists(REPORT_FIELDS, input, parsed.values, f) }, f)];
  if (problems.length === 0) return { ok: true, report: report as NeedsReport };
  const errors: ReportFieldError[] = [];
  for (const step of INPUT_STEPS) {
    const inStep = problems.map(toFieldError).filter((e) => stepOfInput(e.field) === step);
    for (const e of orderAndCap(inStep, step)) errors.push({ ...e, step });
  }
  return { ok: false, errors, firstStep: errors[0].step };
}

/**
 * Replaces a step's fields in the draft by the step's new values (other keys of `value` are
 * ignored); the step's fields missing from `value` are removed.
 */
export function mergeStep(draft: ReportDraft, step: InputStep, value: Partial<NeedsReport>): ReportDraft {
  const fields: readonly ReportField[] = STEP_FIELDS[step];
  const own = Object.fromEntries(fields.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));
  return normaliseReport({ ...withoutFields(draft, fields), ...own } as ReportDraft);
}

// Building the schemas costs more than using them, and a context recurs on every step of every
// report in a round, so each is built once (per region config, language and round year).
const shapes = new WeakMap<RegionConfig, Map<string, ReportShape>>();

function shapeFor(context: ValidationContext): ReportShape {
  const regions = context.regions ?? DEFAULT_REGIONS;
  let byKey = shapes.get(regions);
  if (!byKey) shapes.set(regions, (byKey = new Map()));
  const key = `${context.locale ?? 'nb'}|${context.roundYear ?? ''}|${context.areaIds?.join(',') ?? ''}`;
  let shape = byKey.get(key);
  if (!shape) {
    shape = reportShape({
      locale: context.locale,
      regionIds: regions.regions.map((r) => r.id),
      startYear: startYearRange(context.roundYear),
      ...(context.areaIds?.length ? { areaIds: context.areaIds } : {}),
    });
    byKey.set(key, shape);
  }
  return shape;
}

function parseFields(fields: readonly ReportField[], input: Record<string, unknown>, shape: ReportShape) {
  const values: Partial<Record<ReportField, unknown>> = {};
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    const result = shape[field].safeParse(input[field]);
    if (result.success) {
      if (result.data !== undefined) values[field] = result.data;
    } else {
      for (const issue of result.error.issues) {
        const { path, ...p } = problemOfIssue(issue);
        problems.push({ field, ...p, path });
      }
    }
  }
  return { values, problems };
}

/**
 * The money card has rows year1…year3 for the number of years chosen on the step before (a card
 * from before that step existed sends its own). Rows up to that number are the amounts; a filled
 * row past it is a mistake worth pointing out, not something to drop quietly.
 */
function moneyInput(raw: Record<string, unknown>, draftSoFar: ReportDraft, f: Formats): { input: Record<string, unknown>; problems: FieldProblem[] } {
  const stored = isRecord(draftSoFar) ? coerceYears(draftSoFar.years, f) : undefined;
  const years = stored?.ok ? stored : coerceYears(raw.years, f);
  const chosen = years.ok ? years.value : 0;
  const filled = (year: number) => (['owner', 'uh', 'ownContribution'] as const).find((part) => !isBlank(raw[amountInputId(year, part)]));
  const problems: FieldProblem[] = [];
  let lastFilled = 0;
  for (let year = 1; year <= MAX_YEARS; year++) {
    const part = filled(year);
    if (!part) continue;
    lastFilled = year;
    if (chosen > 0 && year > chosen) {
      problems.push({ field: 'amounts', key: 'report.error.amount.beyondPeriod', params: { year, count: chosen }, path: [year - 1, part] });
    }
  }
  const rows: Array<Record<string, unknown>> = [];
  const rowCount = chosen > 0 ? chosen : lastFilled;
  for (let year = 1; year <= rowCount; year++) {
    rows.push({
      owner: raw[amountInputId(year, 'owner')],
      uh: raw[amountInputId(year, 'uh')],
      ownContribution: raw[amountInputId(year, 'ownContribution')],
    });
  }
  return { input: { amounts: rows }, problems };
}

/** A shorter period drops the years past it: the money card then asks exactly the years chosen. */
function fitAmountsToPeriod(draft: ReportDraft): ReportDraft {
  if (typeof draft.years !== 'number' || !Array.isArray(draft.amounts) || draft.amounts.length <= draft.years) return draft;
  return { ...draft, amounts: draft.amounts.slice(0, draft.years) };
}

/**
 * A list with one bad line still has good lines worth checking against other fields (the
 * reporting owner listed in its own network), so all its problems show at once.
 */
function readableLists(fields: readonly ReportField[], input: Record<string, unknown>, values: Partial<Record<ReportField, unknown>>, f: Formats): ReportDraft {
  const out: Record<string, unknown> = {};
  for (const field of ['network', 'units'] as const) {
    if (fields.includes(field) && values[field] === undefined) {
      out[field] = parseLineList(input[field], field === 'network' ? NETWORK_RULE : UNITS_RULE, f).entries;
    }
  }
  return out as ReportDraft;
}

/** Rules count list entries; the person counts lines, blank ones included. */
function withTypedLine(p: FieldProblem, input: Record<string, unknown>, f: Formats): FieldProblem {
  if (p.entry === undefined || (p.field !== 'network' && p.field !== 'units')) return p;
  const typed = input[p.field];
  if (typeof typed !== 'string') return p;
  const lines = parseLineList(typed, p.field === 'network' ? NETWORK_RULE : UNITS_RULE, f).lines;
  const line = lines[p.entry - 1];
  return line === undefined ? p : { ...p, params: { ...p.params, line } };
}

function toFieldError(p: FieldProblem): FieldError {
  return { field: inputIdOf(p.field, p.path), key: p.key, ...(p.params ? { params: p.params } : {}) };
}

function orderAndCap(errors: FieldError[], step: InputStep): FieldError[] {
  const order = CARD_INPUTS[step];
  const sorted = errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => order.indexOf(a.e.field) - order.indexOf(b.e.field) || lineOf(a.e) - lineOf(b.e) || a.i - b.i)
    .map(({ e }) => e);
  const out: FieldError[] = [];
  const perInput = new Map<string, number>();
  for (const e of sorted) {
    const n = (perInput.get(e.field) ?? 0) + 1;
    perInput.set(e.field, n);
    if (n <= MAX_ERRORS_PER_INPUT) out.push(e);
  }
  for (const [field, n] of perInput) {
    if (n > MAX_ERRORS_PER_INPUT) {
      const at = out.map((e) => e.field).lastIndexOf(field) + 1;
      out.splice(at, 0, { field, key: 'report.error.moreProblems', params: { count: n - MAX_ERRORS_PER_INPUT } });
    }
  }
  return out;
}

function lineOf(e: FieldError): number {
  return typeof e.params?.line === 'number' ? e.params.line : 0;
}

const ECHO_LIMITS: Partial<Record<string, number>> = {
  ownerName: LIMITS.ownerName,
  contactName: LIMITS.contactName,
  title: LIMITS.title,
  needAndGoal: LIMITS.needAndGoal,
  themeOther: LIMITS.themeOther,
  uhName: LIMITS.uhName,
  uhContact: LIMITS.uhContact,
  network: LIMITS.network.maxChars,
  units: LIMITS.units.maxChars,
};

/**
 * What the person typed, as strings the card can put back in its inputs. Cut a little past each
 * limit: enough that "too long" still shows, never so much that the card passes Teams's 100 KB.
 */
export function echoRaw(step: InputStep, raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of CARD_INPUTS[step]) {
    const cap = (ownValue(ECHO_LIMITS, id) ?? 100) + 200;
    const v = raw[id];
    let s = '';
    if (typeof v === 'string') s = v;
    else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
    else if (Array.isArray(v)) s = v.filter((x) => typeof x === 'string' || typeof x === 'number').join(',');
    out[id] = s.length > cap ? s.slice(0, cap) : s;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function withoutFields(draft: ReportDraft, fields: readonly ReportField[]): ReportDraft {
  const copy: Record<string, unknown> = { ...(isRecord(draft) ? draft : {}) };
  for (const k of fields) delete copy[k];
  return copy as ReportDraft;
}
