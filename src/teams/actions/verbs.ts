/**
 * Every verb the bot answers, as a type. Empty here: the composition root (`src/app/registry.ts`)
 * fills it in from the merged action table (a module augmentation), so `Verb` is derived from the
 * table while card builders import only this leaf file and nothing in src/teams imports the handlers.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VerbTable {}

/** A verb of the action table; a misspelled one on a card is a compile error. */
export type Verb = keyof VerbTable & string;
