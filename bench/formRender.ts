import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { ROOT } from '../src/app/paths';
import { INPUT_STEPS, stepNumber } from '../src/domain/report';
import * as formModule from '../src/teams/cards/formCard';
import { literalCard } from '../src/teams/cards/literal';
import { stepCard } from '../src/teams/wizard/stepCard';
import { GOOD_VALUES, wizardView } from '../test/support/wizardView';

// CPU per render of each wizard step's card: the form template with a `$when` per field (the test
// fixture it was) against the per-kind templates. Run: node dist/bench/formRender.js [renders]
const RENDERS = Number(process.argv[2] ?? 2000);
const OLD = new Template(JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'form-with-when.json'), 'utf8')));
const VIEW = wizardView('nb');
const values = GOOD_VALUES;

function cpuMsPer(work: () => unknown): number {
  for (let i = 0; i < 200; i++) work();
  const start = process.cpuUsage();
  for (let i = 0; i < RENDERS; i++) work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / RENDERS;
}

// The data stepCard hands the form card, caught once per step.
const form = formModule as { renderForm: typeof formModule.renderForm };
const real = form.renderForm;
let caught: formModule.FormCardData | undefined;
form.renderForm = (data) => ((caught = data), real(data));

console.log(`step                 fields  old ms  new ms  stepCard ms (new, incl. its data)  [${RENDERS} renders each]`);
for (const step of INPUT_STEPS) {
  const build = () => stepCard(VIEW, { draftId: 'd1', step, values, scheme: 'DEKOM', period: { startYear: 2027, years: 3 } });
  build();
  const data = caught!;
  const oldMs = cpuMsPer(() => literalCard(OLD.expand({ $root: data }) as object));
  const newMs = cpuMsPer(() => real(data));
  const whole = cpuMsPer(build);
  const label = `${stepNumber(step)} ${step}`.padEnd(20);
  console.log(
    `${label} ${String(data.fields.length).padStart(6)} ${oldMs.toFixed(3).padStart(7)} ${newMs.toFixed(3).padStart(7)} ${whole.toFixed(3).padStart(12)}`,
  );
}
