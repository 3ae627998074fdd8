import fs from 'node:fs';

// Runs a Node script in this process and ends when the parent is gone, so a parent killed with
// SIGKILL (or a test run cut short) leaves no Azurite or Agents Playground behind.
// Usage: node withParent.js <script> [args…]. Spawned detached (leading a process group of its
// own), it takes the whole group with it, so whatever the script started goes too.
// WITH_PARENT_REMOVE: a folder of the child's own (its temp working directory) to remove then.
const parent = process.ppid;
const leftovers = process.env.WITH_PARENT_REMOVE;
delete process.env.WITH_PARENT_REMOVE;

setInterval(() => {
  if (process.ppid === parent) return;
  if (leftovers) fs.rmSync(leftovers, { recursive: true, force: true });
  try {
    process.kill(-process.pid, 'SIGKILL'); // only when this process leads its group
  } catch {
    process.exit(0);
  }
}, 500).unref();

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the wrapped program, chosen at run time
require(script);
