import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../app/config';

export type Adapter = CloudAdapter;

/**
 * The one place that knows Bot Framework authentication. Empty app id = anonymous, which the
 * configuration allows only with LOCAL_MODE. SingleTenant is the default app type: new
 * multi-tenant Azure Bots can no longer be created.
 */
export function createAdapter(config: Config, onError: (context: TurnContext, err: unknown) => Promise<void>): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType ?? (config.MicrosoftAppId ? 'SingleTenant' : ''),
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = onError;
  return adapter;
}
