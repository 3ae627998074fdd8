import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Compiled scripts run from dist/scripts, sources from scripts/: find the root the same way from both.
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
