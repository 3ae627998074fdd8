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
export const echoed = (value: string, maxLength: number): string => (value.length > maxLength * 2 ? value.slice(0, maxLength * 2) : value);
