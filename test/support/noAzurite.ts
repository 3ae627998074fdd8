// Loaded with `node --require`: the process behaves as a production install (`npm ci --omit=dev`),
// where the azurite package is absent. Any attempt to resolve it is written to stderr and fails as
// a missing module does.
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const modules = Module as unknown as { _resolveFilename: Resolve };
const resolve = modules._resolveFilename;
modules._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  if (request === 'azurite' || request.startsWith('azurite/')) {
    process.stderr.write(`azurite was asked for: ${request}\n`);
    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
  }
  return resolve.call(this, request, ...rest);
};
