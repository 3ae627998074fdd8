import 'dotenv/config';
import { startApp } from './app/start';

// Wiring only: start the app, the local Teams emulator when anonymous, and stop both on a signal.
async function main(): Promise<void> {
  const app = await startApp(process.env);
  // The emulator's launcher is loaded only when it runs: a deployed bot never starts it.
  const playground =
    app.config.anonymous && app.config.PLAYGROUND
      ? await (await import('./app/playground')).startPlayground({ botEndpoint: `${app.url}/api/messages`, port: app.config.PLAYGROUND_PORT })
      : undefined;
  if (playground) app.services.logger.info(`Open Microsoft 365 Agents Playground: ${playground.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.services.logger.info('stopping', { signal });
    await playground?.stop();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
