import { AsyncLocalStorage } from 'node:async_hooks';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Config } from '../app/config';

/** The SDK's adapter, with the request's authentication as a step of its own (see teams/endpoint.ts). */
export class Adapter extends CloudAdapter {
  /**
   * Runs `logic` for an activity once its request is authenticated (no token needed in anonymous
   * local mode). Any failure to authenticate is the caller's: a forged, expired or missing token,
   * or keys that cannot be fetched to check it. The SDK's own console output while checking (stack
   * traces, not JSON) is dropped; the endpoint logs one line instead.
   */
  async serve(
    activity: Activity,
    authHeader: string,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<{ ok: true; response?: InvokeResponse } | { ok: false; error: Error }> {
    let authenticated;
    try {
      authenticated = await quietly(() => this.botFrameworkAuthentication.authenticateRequest(activity, authHeader));
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
    }
    return { ok: true, response: await this.processActivity(authenticated, activity, logic) };
  }
}

// The SDK prints to the console while it checks a token (botframework-connector's JwtTokenExtractor);
// inside `quietly` those lines are dropped, everywhere else the console is untouched.
const quiet = new AsyncLocalStorage<true>();
let consoleWrapped = false;
function quietly<T>(work: () => Promise<T>): Promise<T> {
  if (!consoleWrapped) {
    consoleWrapped = true;
    for (const level of ['error', 'warn', 'log', 'info'] as const) {
      const original = console[level].bind(console);
      console[level] = (...args: unknown[]) => {
        if (!quiet.getStore()) original(...args);
      };
    }
  }
  return quiet.run(true, work);
}

type Factory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type Connector = Awaited<ReturnType<Factory['create']>>;
type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type UserTokens = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** Few service URLs and one app id: the cache stays small; the bound is a guard only. */
const MAX_CLIENTS = 100;

/**
 * Bot Framework authentication whose outbound clients are made once and reused. CloudAdapter asks
 * for a ConnectorClient and a UserTokenClient on every turn, even one answered inline; each holds
 * only the bot's own credentials (which renew their tokens themselves) and a service URL, so one
 * per app id and service URL serves every turn, as BotFrameworkAdapter kept them.
 */
class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<Connector>>();
  private readonly userTokens = new Map<string, Promise<UserTokens>>();

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>) {
    const result = await super.authenticateRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override createConnectorFactory(claims: Claims): Factory {
    return this.reusing(super.createConnectorFactory(claims), claims);
  }

  override createUserTokenClient(claims: Claims): Promise<UserTokens> {
    return remembered(this.userTokens, appIdOf(claims), () => super.createUserTokenClient(claims));
  }

  private reusing(factory: Factory, claims: Claims): Factory {
    const create = (serviceUrl: string, audience?: string) =>
      remembered(this.connectors, `${appIdOf(claims)}|${serviceUrl}|${audience ?? ''}`, () => factory.create(serviceUrl, audience));
    return { create } as Factory;
  }
}

const appIdOf = (claims: Claims) => claims.getClaimValue('appid') ?? claims.getClaimValue('azp') ?? '';

function remembered<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size >= MAX_CLIENTS) cache.clear();
    hit = make();
    cache.set(key, hit);
    hit.catch(() => cache.get(key) === hit && cache.delete(key));
  }
  return hit;
}

/**
 * The one place that knows Bot Framework authentication. Empty app id = anonymous, which the
 * configuration allows only with LOCAL_MODE. SingleTenant is the default app type: new
 * multi-tenant Azure Bots can no longer be created.
 */
export function createAdapter(config: Config, onError: (context: TurnContext, err: unknown) => Promise<void>): Adapter {
  const auth = new ReusingAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType ?? (config.MicrosoftAppId ? 'SingleTenant' : ''),
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new Adapter(auth);
  adapter.onTurnError = onError;
  return adapter;
}
