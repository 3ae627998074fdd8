import { z } from 'zod';

/*
 * Keys that come from outside (verbs, field names, ids, labels) never read or write through
 * Object.prototype: tables keyed by them answer only what they hold themselves.
 */

/** `table[key]` when the table holds `key` itself; never an inherited `constructor` or `toString`. */
export function ownValue<V>(table: Readonly<Partial<Record<string, V>>> | undefined, key: string): V | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** An object's own enumerable properties, without `__proto__`, on an object with no prototype. */
function ownCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) if (key !== '__proto__') out[key] = (value as Record<string, unknown>)[key];
  return out;
}

/**
 * `z.record` over the value's own properties only. zod reads a record with `for…in`, which also
 * walks Object.prototype: one property added there (by any code) made every record parse fail.
 */
export function ownRecord<K extends z.ZodType<string, z.ZodTypeDef, string>, V extends z.ZodTypeAny>(key: K, value: V) {
  return z.preprocess(ownCopy, z.record(key, value));
}
