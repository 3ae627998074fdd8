import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface RunningChild {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a Node script as a child, and stops it with SIGTERM (or `stopSignal`), then SIGKILL. */
export function spawnNode(
  script: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void; stopSignal?: NodeJS.Signals } = {},
): RunningChild {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) if (line.trim()) opts.onLine?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  let exited = child.exitCode !== null;
  child.once('exit', () => {
    exited = true;
  });
  return {
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill(opts.stopSignal ?? 'SIGTERM');
      }),
  };
}

export async function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 30_000, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process exited before port ${port} opened`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
