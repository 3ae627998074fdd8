// A Table Storage string property holds at most 32 K UTF-16 characters, so larger JSON documents
// are split over numbered properties (d0, d1, …) of one entity (an entity holds up to 1 MB).
const CHUNK = 30_000;

export function packJson(value: unknown, prefix = 'd'): Record<string, string | number> {
  const text = JSON.stringify(value);
  const out: Record<string, string | number> = { [`${prefix}n`]: Math.max(1, Math.ceil(text.length / CHUNK)) };
  for (let i = 0; i * CHUNK < text.length || i === 0; i++) out[`${prefix}${i}`] = text.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

export function unpackJson<T = unknown>(entity: Record<string, unknown>, prefix = 'd'): T | undefined {
  const n = Number(entity[`${prefix}n`] ?? 0);
  if (!n) return undefined;
  let text = '';
  for (let i = 0; i < n; i++) text += String(entity[`${prefix}${i}`] ?? '');
  return JSON.parse(text) as T;
}

/** Drops the chunk properties of an earlier, longer document before writing a shorter one. */
export function withoutJson(entity: Record<string, unknown>, prefix = 'd'): Record<string, unknown> {
  const re = new RegExp(`^${prefix}(n|\\d+)$`);
  return Object.fromEntries(Object.entries(entity).filter(([k]) => !re.test(k)));
}
