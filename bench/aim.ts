/**
 * A benchmark row's aim and how `ok` follows from it. Pure, so a unit test can show that a value
 * missing its aim gives ok=false. Correctness (lost, wrong or duplicated work) is not an aim: it
 * goes in the row's `error`, whatever `ok` says.
 */

/** A bound on the row's ratio to its baseline, or on its value itself (in the row's unit). */
export interface Aim {
  of: 'ratio' | 'value';
  atMost?: number;
  atLeast?: number;
  /** `atMost` as a strict bound (value < limit). */
  strict?: boolean;
}

/**
 * `measured`: taken in the same run (a floor process, a bare server, idle memory);
 * `computed`: a number we set or derived (call counts, the least time Teams' limits allow, limits).
 */
export type BaselineKind = 'measured' | 'computed';

/** Whether `value` (and its `ratio` to the baseline) meets `aim`; a missing or NaN figure never does. */
export function meetsAim(aim: Aim, value: number, ratio: number | null): boolean {
  const x = aim.of === 'ratio' ? ratio : value;
  if (x === null || !Number.isFinite(x)) return false;
  if (aim.atMost !== undefined && (aim.strict ? x >= aim.atMost : x > aim.atMost)) return false;
  if (aim.atLeast !== undefined && x < aim.atLeast) return false;
  return true;
}

/** The aim as the table and results.json show it: "ratio ≤ 3", "value < 200 ms". */
export function describeAim(aim: Aim, unit: string): string {
  const suffix = aim.of === 'value' && unit ? ` ${unit}` : '';
  const parts = [
    ...(aim.atLeast !== undefined ? [`≥ ${aim.atLeast}${suffix}`] : []),
    ...(aim.atMost !== undefined ? [`${aim.strict ? '<' : '≤'} ${aim.atMost}${suffix}`] : []),
  ];
  if (aim.atLeast !== undefined && aim.atLeast === aim.atMost) return `${aim.of} = ${aim.atLeast}${suffix}`;
  return `${aim.of} ${parts.join(' and ')}`;
}
