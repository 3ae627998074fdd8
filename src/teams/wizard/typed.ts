import { CARD_INPUTS, type InputStep } from '../../domain/report';

/**
 * What was typed on steps left unfinished, kept per step. Drafts saved before a step was split
 * hold an input under the step that showed it then (the contact person under "owner", the years
 * under "money"), so inputs are looked up by id across every step's bucket, not by bucket.
 */
export type TypedInputs = Partial<Record<InputStep, Record<string, string>>>;

/** The typed text of this step's inputs, wherever the draft kept it. */
export function typedFor(raw: TypedInputs, step: InputStep): Record<string, string> {
  const ids = new Set(CARD_INPUTS[step]);
  const out: Record<string, string> = {};
  for (const bucket of Object.values(raw)) {
    for (const [id, v] of Object.entries(bucket ?? {})) if (ids.has(id)) out[id] = v;
  }
  return out;
}

/** The typed text without this step's inputs (they were saved clean, or typed again). */
export function withoutStep(raw: TypedInputs, step: InputStep): TypedInputs {
  const ids = new Set(CARD_INPUTS[step]);
  const out: TypedInputs = {};
  for (const [s, bucket] of Object.entries(raw) as Array<[InputStep, Record<string, string> | undefined]>) {
    const kept = Object.fromEntries(Object.entries(bucket ?? {}).filter(([id]) => !ids.has(id)));
    if (Object.keys(kept).length > 0) out[s] = kept;
  }
  return out;
}

/** Whether a press sent this step's inputs at all: Back and Save and close send none. */
export function sentInputsOf(inputs: Record<string, unknown>, step: InputStep): boolean {
  return CARD_INPUTS[step].some((id) => Object.hasOwn(inputs, id));
}
