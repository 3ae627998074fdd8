import fs from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../../src/domain/i18n';

/** Every catalog of every area, by file, read from the compiled catalogs so a new area counts. */
export function allCatalogs(): Array<{ name: string; catalog: Catalog<string> }> {
  const dir = path.join(__dirname, '../../src/domain/i18n/messages');
  const out: Array<{ name: string; catalog: Catalog<string> }> = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- every compiled catalog, found at run time
    for (const [name, c] of Object.entries(require(path.join(dir, f)) as Record<string, unknown>)) {
      if (c && typeof c === 'object' && 'nb' in c && 'nn' in c && 'en' in c)
        out.push({ name: `${f.replace(/\.js$/, '')}: ${name}`, catalog: c as Catalog<string> });
    }
  }
  return out;
}
