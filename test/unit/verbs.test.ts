import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ACTIONS } from '../../src/app/registry';

// The README's table of what people can do names the verb each button sends; it must match ACTIONS.
const README = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');

function readmeVerbs(): string[] {
  const table = README.slice(README.indexOf('| who | where | what they type or press | verb each button sends |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return rows.flatMap((row) => [...(row.split('|').at(-2) ?? '').matchAll(/`([a-zA-Z]+\.[a-zA-Z*]+)`/g)].map((m) => m[1]));
}

const matches = (pattern: string, verb: string) => (pattern.endsWith('*') ? verb.startsWith(pattern.slice(0, -1)) : verb === pattern);

describe('the verbs in the README', () => {
  const verbs = Object.keys(ACTIONS);
  const named = readmeVerbs();

  it('reads the verb column', () => {
    assert.ok(named.length > 20, `only ${named.length} verbs read from the README`);
  });

  it('names only verbs the bot answers', () => {
    assert.deepEqual(
      named.filter((p) => !verbs.some((v) => matches(p, v))),
      [],
    );
  });

  it('names every verb the bot answers', () => {
    assert.deepEqual(
      verbs.filter((v) => !named.some((p) => matches(p, v))),
      [],
    );
  });
});
