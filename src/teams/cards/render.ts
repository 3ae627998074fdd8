import fs from 'node:fs';
import path from 'node:path';
import type * as Templating from 'adaptivecards-templating';
import type { Template } from 'adaptivecards-templating';
import { ROOT } from '../../app/paths';
import { literalCard } from './literal';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

const templates = new Map<string, Template>();

// The templating engine (with adaptive-expressions and its parser) takes a third of a second or
// more to load; it is loaded with the first card, not at start (/healthz renders none). Rendering
// is synchronous, hence require rather than import().
let engine: typeof Templating | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const templating = (): typeof Templating => (engine ??= require('adaptivecards-templating') as typeof Templating);

/** cards/<name>.json as a Template, parsed once per process; `fields/text` names a file in a subfolder. */
export function template(name: string): Template {
  let t = templates.get(name);
  if (!t) {
    if (!/^([a-z]+\/)?[a-z][a-zA-Z0-9.-]*$/.test(name)) throw new Error(`bad card name ${name}`);
    t = new (templating().Template)(JSON.parse(fs.readFileSync(path.join(ROOT, 'cards', `${name}.json`), 'utf8')));
    templates.set(name, t);
  }
  return t;
}

/**
 * Expands cards/<name>.json with `data`. User text only ever enters as data: the templating engine
 * evaluates expressions in the template, never in data values (a test keeps that true). Then every
 * text Teams would read as Markdown is made literal, so a card shows exactly what was typed or built.
 */
export function renderCard(name: string, data: object): AdaptiveCard {
  return literalCard(template(name).expand({ $root: data }) as AdaptiveCard);
}
