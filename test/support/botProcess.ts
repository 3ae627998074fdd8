import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../src/app/paths';

const ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');

/** The built bot as its own process (to kill it midway), with only `env` and no .env file; its output kept. */
export function startBot(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: os.tmpdir(), // no .env from the repo
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => {
    out += c;
  });
  child.stderr!.on('data', (c) => {
    out += c;
  });
  return { child, exited: new Promise((r) => child.once('exit', (code) => r(code))), output: () => out };
}
