/**
 * The size budget of everything the bot sends or returns to Teams. Teams counts a message as
 * UTF-16 (two bytes per code unit of its JSON) and refuses one over about 100 KB; it recommends
 * 80 KB. Proactive messages (delivery), card presses' answers and replies in a turn are all held
 * to this one number, so a card that grows with data is paged or cut before it gets here.
 */
export const MAX_ACTIVITY_BYTES = 80 * 1024;

/** The size Teams counts of JSON text: its UTF-16 code units, two bytes each. */
export const jsonBytes = (json: string): number => json.length * 2;

/** The size Teams counts of an activity, an invoke response or a card. */
export function activityBytes(value: unknown): number {
  return jsonBytes(JSON.stringify(value ?? null));
}

export function fitsTeams(value: unknown): boolean {
  return activityBytes(value) <= MAX_ACTIVITY_BYTES;
}

/**
 * What a form shows again of a typed value. Teams sends at most an input's `maxLength`; anything
 * longer came from elsewhere and is cut at twice that, so the answer to a hand-made press stays
 * within the card size budget instead of echoing a megabyte.
 */
const echoed = (value: string, maxLength: number): string => (value.length > maxLength * 2 ? value.slice(0, maxLength * 2) : value);

// Dates, times, numbers and toggles hold a few characters whatever was sent.
const SHORT_INPUT = 50;

/**
 * Cuts an expanded input's value to what Teams could have sent for it (see `echoed`), in place:
 * its `maxLength`; for a choice set, every static choice's value joined (a multi-select's longest
 * answer), or SHORT_INPUT for one whose choices Teams fetches. Called for every input of every
 * card rendered (cards/literal.ts walks them), so no form builder has to remember it.
 */
export function capInputValue(input: Record<string, unknown>): void {
  if (typeof input.value !== 'string') return;
  let limit: number | undefined;
  if (typeof input.maxLength === 'number' && input.maxLength > 0) limit = input.maxLength;
  else if (input.type === 'Input.ChoiceSet') {
    const values = Array.isArray(input.choices) ? (input.choices as Array<{ value?: unknown }>).map((c) => String(c?.value ?? '')) : [];
    limit = Math.max(
      SHORT_INPUT,
      values.reduce((n, v) => n + v.length + 1, 0),
    );
  } else if (input.type !== 'Input.Text') limit = SHORT_INPUT;
  if (limit !== undefined) input.value = echoed(input.value, limit);
}
