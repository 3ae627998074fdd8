import { z } from 'zod';
import { reportShape, type ReportShape, type ShapeContext } from './report-fields';
import { STEP_FIELDS, type InputStep, type StepField } from './steps';

/**
 * One zod schema per wizard step: the step's fields of the report shape, keyed by report field.
 * It checks each field alone; `validateStep` adds what a card needs around it (the money card's
 * flat year1…year3 inputs, rules that span fields, errors keyed by input id).
 */
export function stepSchema<S extends InputStep>(step: S, context: ShapeContext = {}) {
  const shape = reportShape(context);
  const picked = Object.fromEntries(STEP_FIELDS[step].map((k) => [k, shape[k]])) as Pick<ReportShape, StepField<S>>;
  return z.object(picked);
}

export type OwnerStep = z.output<ReturnType<typeof stepSchema<'owner'>>>;
export type MeasureStep = z.output<ReturnType<typeof stepSchema<'measure'>>>;
export type TargetsStep = z.output<ReturnType<typeof stepSchema<'targets'>>>;
export type PartnerStep = z.output<ReturnType<typeof stepSchema<'partner'>>>;
export type MoneyStep = z.output<ReturnType<typeof stepSchema<'money'>>>;
