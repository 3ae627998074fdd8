import { performance } from 'node:perf_hooks';
import { isValidOrgnr } from '../src/domain/orgnr';
import { validateStep, type InputStep } from '../src/domain/report';
import { coerceText } from '../src/domain/report/card-input';
import { parseLineList } from '../src/domain/report/line-list';
import { formatsFor } from '../src/domain/report/problems';
import { CONTEXT, draftBefore, GOOD_INPUT, MEGABYTE } from '../test/support/reportInput';
import { benchRow, type BenchRow } from './common';

// How fast pasted megabytes are refused. The unit tests check that they are refused and what is
// echoed back; how long it takes is measured here, where a slow shared machine does not fail a test.
const nb = formatsFor('nb');
const STEPS: InputStep[] = ['owner', 'measure', 'targets', 'partner', 'money'];

function slowest(runs: number, work: () => unknown): number {
  let most = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    most = Math.max(most, performance.now() - started);
  }
  return Math.round(most * 10) / 10;
}

export async function benchInput(opts: { quick: boolean }): Promise<BenchRow[]> {
  const runs = opts.quick ? 3 : 10;
  // The baseline is the limit the unit tests used to assert: a number we set, not a measurement.
  const row = (name: string, value: number, limitMs: number, note: string): BenchRow =>
    benchRow({ name, value, unit: 'ms', baseline: limitMs, baselineKind: 'computed', n: runs, aim: { of: 'value', atMost: limitMs, strict: true }, note });
  const members = { orgnrRequired: true, maxLines: 5, maxChars: 1000, maxNameLength: 30 };
  const steps = STEPS.map((step) => {
    const before = draftBefore(step);
    return Object.keys(GOOD_INPUT[step]).map((field) => () => validateStep(step, { ...GOOD_INPUT[step], [field]: MEGABYTE }, before, CONTEXT));
  }).flat();
  return [
    row(
      'input.text.1mb',
      slowest(runs, () => coerceText(' \u0000'.repeat(512 * 1024), { max: 4000, multiline: true }, nb)),
      100,
      'a megabyte in a text field, refused as too long',
    ),
    row(
      'input.orgnr.1mb',
      slowest(runs, () => isValidOrgnr('9'.repeat(1024 * 1024))),
      200,
      'a megabyte of digits as an organisation number',
    ),
    row(
      'input.lineList.80k',
      slowest(runs, () => parseLineList('a; 974760673\n'.repeat(80_000), members, nb)),
      200,
      '80 000 lines in a list of organisations',
    ),
    row('input.step.1mb', Math.max(...steps.map((s) => slowest(runs, s))), 300, `a megabyte in any of ${steps.length} wizard fields, the slowest`),
  ];
}
