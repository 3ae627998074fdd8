import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

// Runs from dist/test/unit; the sources are read, not the compiled output, so `import type` counts too.
const ROOT = resolve(__dirname, '../../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A relative specifier as the file it names (`./x` → x.ts or x/index.ts); packages stay as written. */
function resolveSpecifier(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate);
  }
  if (spec.endsWith('.json')) return relative(ROOT, base);
  throw new Error(`${relative(ROOT, from)}: cannot resolve ${spec}`);
}

/** Every module a file names: imports (type-only too), re-exports, `import()` types and augmentations. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return [...info.importedFiles, ...(info.ambientExternalModules ?? []).map((fileName) => ({ fileName }))].map((i) => resolveSpecifier(file, i.fileName));
}

/** Folders of src/teams every feature may use; every other folder there is a feature. */
const SHARED_DIRS = ['cards', 'actions', 'commands', 'delivery', 'jobs'];

const graph = new Map(sourceFiles(SRC).map((f) => [relative(ROOT, f), importsOf(f)]));

function findCycle(): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The files under `prefix` that import a module matched by `target`, except those allowed. */
function importersOf(prefix: string, target: (module: string) => boolean, allowed: readonly string[] = []): string[] {
  return [...graph].filter(([file, deps]) => file.startsWith(prefix) && !allowed.includes(file) && deps.some(target)).map(([file]) => file);
}

describe('the import graph of src/', () => {
  it('reads every source file and resolves every relative import', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files found under ${SRC}`);
    assert.ok(graph.get('src/teams/bot.ts')?.includes('botbuilder'));
  });

  it('has no cycles, type-only imports included', () => {
    const cycle = findCycle();
    assert.equal(cycle, undefined, `import cycle: ${cycle?.join(' → ')}`);
  });

  it('keeps botbuilder inside src/teams', () => {
    assert.deepEqual(
      importersOf('src/', (m) => m === 'botbuilder' || m.startsWith('botbuilder-') || m.startsWith('botframework-')).filter((f) => !f.startsWith('src/teams/')),
      [],
    );
  });

  it('keeps Table Storage and the web server out of src/domain', () => {
    assert.deepEqual(
      importersOf(
        'src/domain/',
        (m) => m.startsWith('@azure/') || m === 'restify' || m.startsWith('src/storage/') || m.startsWith('src/teams/') || m.startsWith('src/app/'),
      ),
      [],
    );
  });

  it('lets only the merged action and command tables reach into the wizard', () => {
    const outside = importersOf('src/', (m) => m.startsWith('src/teams/wizard/'), ['src/app/registry.ts']).filter((f) => !f.startsWith('src/teams/wizard/'));
    assert.deepEqual(outside, []);
  });

  // src/teams points downwards only: features (every other folder) use the shared modules, never the
  // other way round; the composition root (src/app/registry.ts) is what assembles the features.
  it('keeps the shared modules of src/teams (its own files, cards/, actions/, commands/, delivery/, jobs/) below the features', () => {
    const shared = (file: string) => /^src\/teams\/[^/]+\.ts$/.test(file) || SHARED_DIRS.some((d) => file.startsWith(`src/teams/${d}/`));
    const isFeature = (file: string) => file.startsWith('src/teams/') && !shared(file);
    const features = new Set([...graph.keys()].filter(isFeature).map((f) => f.split('/')[2]));
    assert.ok(features.has('casework') && features.has('wizard'), `features found: ${[...features].join(', ')}`);
    const upwards = [...graph].flatMap(([file, deps]) => (shared(file) ? deps.filter(isFeature).map((d) => `${file} → ${d}`) : []));
    assert.deepEqual(upwards, []);
  });

  it('lets only the start-up import the composition root', () => {
    assert.deepEqual(
      importersOf('src/', (m) => m === 'src/app/registry.ts'),
      ['src/app/start.ts'],
    );
  });
});
