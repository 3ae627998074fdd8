import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import sinon from 'sinon';
import { ROOT } from '../../src/app/paths';
import { CARD_INPUTS, INPUT_STEPS, type FieldError } from '../../src/domain/report';
import * as formModule from '../../src/teams/cards/formCard';
import { renderForm, type FormCardData } from '../../src/teams/cards/formCard';
import { literalCard } from '../../src/teams/cards/literal';
import { formCard } from '../../src/teams/secretariat/cards';
import { stepCard, type StepCardArgs } from '../../src/teams/wizard/stepCard';
import type { WizardView } from '../../src/teams/wizard/view';
import { GOOD_VALUES, wizardView } from '../support/wizardView';

// cards/form.json as it was, with ten `$when`s per field: the new path must render exactly what it did.
const OLD = new Template(JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'form-with-when.json'), 'utf8')));
const oldRender = (data: FormCardData) => literalCard(OLD.expand({ $root: data }) as object);

const views = (['nb', 'nn', 'en'] as const).map(wizardView);
const EDITING: WizardView = { ...views[0], editing: { reference: 'KB-2027-0001' } } as WizardView;
const goodValues = GOOD_VALUES;

// What a person can type that looks like markup or a template expression: it must come out the same on both paths.
const tricky = Object.fromEntries(INPUT_STEPS.flatMap((s) => CARD_INPUTS[s]).map((id) => [id, `1. ${id} *[x](y)* \${title} {{DATE(2027-01-01)}}\n# two`]));

function sameAsOld(render: () => unknown, what: string): number {
  const spy = sinon.spy(formModule, 'renderForm');
  try {
    render();
    for (const call of spy.getCalls()) assert.deepEqual(call.returnValue, oldRender(call.args[0]), what);
    return spy.callCount;
  } finally {
    spy.restore();
  }
}

describe('the form card without a `$when` per field', () => {
  it('renders every wizard step exactly as the template with a `$when` per field did', () => {
    let renders = 0;
    for (const view of [...views, EDITING])
      for (const step of INPUT_STEPS)
        for (const values of [{}, goodValues, tricky])
          for (const scheme of [undefined, 'REKOM', 'DEKOM'] as const) {
            const errors: FieldError[] = CARD_INPUTS[step].slice(0, 2).map((field) => ({ field, key: 'report.error.chooseOne' }));
            const variants: StepCardArgs[] = [
              { draftId: 'd1', step, values, scheme },
              { draftId: 'd1', step, values, scheme, notice: 'Lagret 1. desember', returnToReview: true, period: { startYear: 2028, years: 2 } },
              { draftId: 'd1', step, values, scheme, errors: [...errors, { field: 'year3Uh', key: 'report.error.chooseOne' } as const], period: { years: 1 } },
            ];
            for (const args of variants) renders += sameAsOld(() => stepCard(view, args), `${view.locale} ${step} ${scheme}`);
          }
    assert.ok(renders >= INPUT_STEPS.length * 4 * 3 * 3 * 3, `${renders} renders compared`);
  });

  it('renders the secretariat forms and every field kind, block and missing value exactly as before', () => {
    const kinds = ['heading', 'info', 'text', 'textarea', 'choice', 'multichoice', 'date', 'toggle'];
    const choices = [
      { title: 'Én', value: '1' },
      { title: '# To', value: '2' },
    ];
    const count = sameAsOld(
      () =>
        formCard({
          title: 'Ny runde',
          intro: '1. februar',
          notice: 'Lagret',
          errorSummary: 'Rett opp',
          fields: [
            { id: 'a', kind: 'text', label: 'A', hint: 'h', error: 'e' },
            { id: 'b', kind: 'choice', label: 'B', choices, value: '2', required: true },
            { id: 'c', kind: 'multichoice', label: 'C', choices },
            { id: 'd', kind: 'date', label: 'D', value: '2027-02-01' },
            { id: '', kind: 'heading', label: 'Overskrift' },
            { id: '', kind: 'info', label: '', value: 'Info' },
          ],
          actions: [],
        }),
      'secretariat',
    );
    assert.equal(count, 1);
    const field = { id: 'x', label: 'X *', value: 'v', placeholder: 'p', maxLength: 40, required: true, style: 'email', hint: '', error: '', choices };
    for (const kind of kinds)
      for (const extra of [{}, { regex: '^\\d+$', errorMessage: 'Bare tall' }, { hint: '- hint', error: 'feil\nto' }, { choices: [] }]) {
        for (const blocks of [
          { progress: '', intro: '', notice: '', errorSummary: '' },
          { progress: 'Steg 1 av 8', intro: 'Intro', notice: 'Notis', errorSummary: 'Feil', errorFooter: 'Rett opp' },
          { progress: '', intro: '', notice: '', errorSummary: '', errorFooter: '' },
        ]) {
          const data: FormCardData = {
            ...blocks,
            title: 'Tittel',
            fields: [{ ...field, kind, ...extra }],
            actions: [{ title: 'Neste', verb: 'report.next', data: { verb: 'report.next' }, inputs: 'auto', style: 'positive' }],
          };
          assert.deepEqual(renderForm(data), oldRender(data), `${kind} ${JSON.stringify(extra)} ${JSON.stringify(blocks)}`);
        }
      }
  });

  it('refuses a field kind it has no template for, rather than show nothing', () => {
    assert.throws(() => renderForm({ progress: '', title: 'T', intro: '', notice: '', errorSummary: '', fields: [{ kind: 'slider' }], actions: [] }), /slider/);
  });
});
