import fc from 'fast-check';
import { GOOD_INPUT } from './reportInput';

// Generators of what an attacker (or a broken client) can put in a card's data or a typed message.

const LONE_SURROGATES = ['\uD800', '\uDFFF', 'a\uDC00b', '\uD83D', '\uDE00\uD83D'];
const BIDI = ['\u202E', '\u202Egnp.exe', '\u2066x\u2069', '\u200F', 'abc\u202Dd'];
const ZERO_WIDTH = ['\u200B', '\u200C\u200D', '\uFEFF', '\u2060', '\u00AD', 'B\u200BM-2027-0001'];
const OTHER_UNICODE = ['\u0000', '\u0007', '\r\n\r\n', 'Å\u030A', 'ﬃ', '𝕏', '👨‍👩‍👧‍👦', '\u{10FFFF}', 'İ', 'ß'.repeat(50)];
/** Names Object.prototype holds (or is reached through): a key from a request must never index a plain object with them. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const;

const TEMPLATES = [
  '${title}',
  '${$root}',
  '${$root.secret}',
  '${join(body, ",")}',
  '${if(true, "a", "b")}',
  '${string(1/0)}',
  '@{title}',
  '@{concat("a","b")}',
  '{{title}}',
  '{title}',
  '{0}',
  '#{7*7}',
  '<%= 7*7 %>',
  '$(whoami)',
  '`id`',
  '<at>Kompetansebot</at>',
  '<script>alert(1)</script>',
  '"><img src=x onerror=1>',
  "=cmd|' /C calc'!A0",
  '+SUM(A1)',
  "' or '1'='1",
  "PartitionKey eq 'x' or true",
  '../../etc/passwd',
  '%00',
  '\\',
  "'",
  '"',
  ...PROTO_KEYS,
];
const HUGE = [`${'x'.repeat(100_000)}`, `${'æ'.repeat(50_000)}`, `${'${a}'.repeat(20_000)}`, '\uD800'.repeat(10_000)];
const NUMBERS_AS_TEXT = ['0', '-1', '1e309', 'NaN', 'Infinity', '9'.repeat(40), '1 000 000 000 000', '974760673', '0x10', ' 12 ', '1,5'];

/** Every key a handler reads from card data (from the source) and every wizard input id. */
export const KNOWN_KEYS = [
  'verb',
  'reportId',
  'report',
  'reference',
  'roundId',
  'meetingId',
  'which',
  'region',
  'action',
  'page',
  'group',
  'workingGroup',
  'raw',
  'comment',
  'closeTime',
  'closeDate',
  'channel',
  'to',
  'step',
  'role',
  'returnTo',
  'reason',
  'outcome',
  'draftId',
  'addReportId',
  'itemId',
  'voteId',
  'mark',
  'person',
  'tenantId',
  'aadObjectId',
  'year',
  'confirm',
  'deadline',
  'budget',
  'organisations',
  'memberTenantId',
  'memberAadObjectId',
  ...new Set(Object.values(GOOD_INPUT).flatMap((step) => Object.keys(step))),
];

export function hostileString(ids: readonly string[]): fc.Arbitrary<string> {
  const weirdChars = fc.constantFrom(...LONE_SURROGATES, ...BIDI, ...ZERO_WIDTH, ...OTHER_UNICODE, ...TEMPLATES);
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.fullUnicodeString({ maxLength: 40 }) },
    { weight: 3, arbitrary: weirdChars },
    { weight: 2, arbitrary: fc.array(weirdChars, { minLength: 2, maxLength: 6 }).map((parts) => parts.join('')) },
    { weight: 3, arbitrary: ids.length ? fc.constantFrom(...ids) : fc.uuid() },
    { weight: 1, arbitrary: ids.length ? fc.tuple(fc.constantFrom(...ids), weirdChars).map(([id, w]) => id + w) : fc.uuid() },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...NUMBERS_AS_TEXT) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  );
}

/** Any JSON value, hostile strings at the leaves, objects with known and unknown keys. */
export function hostileValue(ids: readonly string[]): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { weight: 5, arbitrary: hostileString(ids) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, 1e-300) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const key = fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.constantFrom(...PROTO_KEYS, '', ' ', '$root'), fc.string({ maxLength: 12 }));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  }));
  return value;
}

/** Nested a thousand levels deep: recursion in a handler or template would overflow here. */
function deeplyNested(depth: number, asArray: boolean): unknown {
  let v: unknown = 'bunn';
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { raw: v };
  return v;
}

/** A card's data: known keys with wrong or hostile values, missing keys, extra keys. */
export function hostileData(ids: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const value = hostileValue(ids);
  const known = fc.dictionary(fc.constantFrom(...KNOWN_KEYS), value, { maxKeys: 8 });
  const extra = fc.dictionary(fc.string({ maxLength: 20 }), value, { maxKeys: 3 });
  const deep = fc.tuple(fc.constantFrom(...KNOWN_KEYS), fc.constantFrom(200, 1000), fc.boolean()).map(([k, depth, arr]) => ({ [k]: deeplyNested(depth, arr) }));
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a })) },
    { weight: 2, arbitrary: known },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: deep },
  );
}

/** A typed message: a command word with hostile arguments, or hostile text alone. */
export function hostileText(words: readonly string[], ids: readonly string[]): fc.Arbitrary<string> {
  const s = hostileString(ids);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...words), s).map(([w, a]) => `${w} ${a}`) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...words), s).map(([w, a]) => `<at>Kompetansebot</at> ${w.toUpperCase()} ${a}`) },
    { weight: 2, arbitrary: s },
    { weight: 1, arbitrary: fc.tuple(s, fc.constantFrom(...words)).map(([a, w]) => `${a}${w}`) },
  );
}

/** What one mutation did to a valid payload: which field, and how. */
export interface Mutation {
  field: string;
  kind: string;
  data: Record<string, unknown>;
}

const UNICODE_EDGES = [...LONE_SURROGATES, ...BIDI, ...ZERO_WIDTH, ...OTHER_UNICODE];

/**
 * A valid payload with one field changed: dropped, of the wrong type, huge, another person's id,
 * unicode edge cases around or instead of the value, template text, empty, padded, or one extra
 * unknown key. Most such payloads still pass a handler's first checks, so the handler's own rules
 * meet them.
 */
export function mutated(base: Record<string, unknown>, foreignIds: readonly string[]): fc.Arbitrary<Mutation> {
  const fields = Object.keys(base);
  const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  const change = (field: string): fc.Arbitrary<Omit<Mutation, 'field'>> => {
    const v = base[field];
    const set = (kind: string) => (value: unknown) => ({ kind, data: { ...base, [field]: value } });
    return fc.oneof(
      fc.constant({ kind: 'drop', data: Object.fromEntries(Object.entries(base).filter(([k]) => k !== field)) }),
      fc.constantFrom<unknown>(0, -1, 1e308, true, false, null, [], {}, [v], { value: v }).map(set('wrong type')),
      fc.constantFrom(...HUGE).map(set('huge')),
      (foreignIds.length ? fc.constantFrom(...foreignIds) : fc.uuid()).map(set('foreign id')),
      fc
        .tuple(fc.constantFrom(...UNICODE_EDGES), fc.constantFrom('before', 'after', 'instead'))
        .map(([u, where]) => set('unicode')(where === 'before' ? u + text(v) : where === 'after' ? text(v) + u : u)),
      fc.constantFrom(...TEMPLATES).map(set('template')),
      fc.constantFrom('', ' ', '\n').map(set('empty')),
      fc.constant(set('padded')(`  ${text(v)}\t`)),
      fc.constant(set('upper case')(text(v).toUpperCase())),
      fc.constantFrom(...NUMBERS_AS_TEXT).map(set('number as text')),
    );
  };
  const oneField = fc.constantFrom(...(fields.length ? fields : ['verb'])).chain((field) => change(field).map((m) => ({ field, ...m })));
  const extraKey = fc
    .tuple(fc.constantFrom(...KNOWN_KEYS, ...PROTO_KEYS, '$root', 'x'), hostileString(foreignIds))
    .filter(([k]) => !Object.hasOwn(base, k))
    .map(([k, value]) => ({ field: k, kind: 'extra key', data: { ...base, [k]: value } }));
  return fc.oneof({ weight: 9, arbitrary: oneField }, { weight: 1, arbitrary: extraKey });
}
