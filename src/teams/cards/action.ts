import type { Verb } from '../actions/verbs';

export type CardAction = { title: string; verb: Verb; data: Record<string, unknown>; inputs?: 'auto' | 'none'; style?: 'default' | 'positive' | 'destructive' };

/** An Action.Execute button: the verb also goes into the data, where Teams hands it back. */
export function action(
  title: string,
  verb: Verb,
  data: Record<string, unknown>,
  opts: { inputs?: 'auto' | 'none'; style?: CardAction['style'] } = {},
): CardAction {
  return { title, verb, data: { verb, ...data }, inputs: opts.inputs ?? 'none', style: opts.style ?? 'default' };
}

/** The verb and data of a button a template builds itself (list rows, "change" links). */
export function verbData<V extends Verb>(verb: V, data: Record<string, unknown> = {}): { verb: V; data: { verb: V } & Record<string, unknown> } {
  return { verb, data: { verb, ...data } };
}
