import { strict as assert } from 'node:assert';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// Runs from dist/test/unit; the source tree is read, so a new file with the other convention fails here.
const ROOT = resolve(__dirname, '../../..');
const FOLDERS = ['src', 'test', 'bench', 'scripts', 'cards'];

/** The name without its endings: `report-wizard.test.ts` → `report-wizard`, `voteCard.ts` → `voteCard`. */
const stem = (file: string) => file.replace(/(\.(e2e|test|d))*\.(ts|json|mjs)$/, '');

function folders(dir: string): string[] {
  return [
    dir,
    ...readdirSync(dir)
      .map((n) => join(dir, n))
      .filter((p) => statSync(p).isDirectory())
      .flatMap(folders),
  ];
}

function conventionOf(name: string): 'kebab' | 'camel' | 'either' | 'neither' {
  if (/^[a-z][a-z0-9]*$/.test(name)) return 'either';
  if (/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(name)) return 'kebab';
  if (/^[a-z][a-zA-Z0-9]*$/.test(name)) return 'camel';
  return 'neither';
}

describe('file names', () => {
  it('keep one convention per folder (kebab-case or camelCase, never both)', () => {
    const problems: string[] = [];
    for (const dir of FOLDERS.flatMap((f) => folders(join(ROOT, f)))) {
      const files = readdirSync(dir).filter((n) => /\.(ts|json|mjs)$/.test(n) && statSync(join(dir, n)).isFile());
      const seen = new Map<string, string[]>();
      for (const file of files) {
        const kind = conventionOf(stem(file));
        if (kind === 'neither') problems.push(`${relative(ROOT, join(dir, file))}: neither kebab-case nor camelCase`);
        if (kind === 'kebab' || kind === 'camel') seen.set(kind, [...(seen.get(kind) ?? []), file]);
      }
      if (seen.size > 1)
        problems.push(`${relative(ROOT, dir)} mixes kebab-case (${seen.get('kebab')!.join(', ')}) and camelCase (${seen.get('camel')!.join(', ')})`);
    }
    assert.deepEqual(problems, []);
  });
});
