/**
 * Object.prototype as it stands: its own property names and each value's identity. A request key
 * written through a plain object (`obj['__proto__'].x = …`, `obj[label] ??= …`) shows up here.
 */
export function prototypeSnapshot(): Array<[string, unknown]> {
  const proto = Object.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .sort()
    .map((name) => [name, Object.getOwnPropertyDescriptor(proto, name)?.value ?? Object.getOwnPropertyDescriptor(proto, name)?.get]);
}
