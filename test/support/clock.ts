import sinon, { type SinonFakeTimers } from 'sinon';

type InstallOptions = Parameters<typeof sinon.useFakeTimers>[0];

/**
 * sinon's fake clock for the time the bot's handlers and scheduler see (pass `nowOf(clock)` as the
 * app's `now`), moved by the test with `setSystemTime` and `tick`. It fakes only Date, and only on a
 * private object (sinon's `global` option, which its types do not name): HTTP, Azurite and the
 * delivery worker keep real time, so sends, retries and leases behave as in production.
 */
export function fakeClock(start: string | Date): SinonFakeTimers {
  return sinon.useFakeTimers({ now: new Date(start), toFake: ['Date'], global: { Date } } as InstallOptions);
}

/** The app's `now` option, read from a fake clock. */
export const nowOf = (clock: SinonFakeTimers) => (): Date => new clock.Date();
