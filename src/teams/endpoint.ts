import type { Request, Response } from 'botbuilder';
import { z } from 'zod';
import type { Config } from '../app/config';
import { createAdapter } from './adapter';
import { KompetanseBot, onTurnError } from './bot';
import type { Services } from './services';

// The envelope every Bot Framework activity has. The SDK checks authentication; this rejects bodies
// that are not activities at all before they reach it.
const ActivityEnvelope = z.object({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  serviceUrl: z.string().max(2048).optional(),
  conversation: z.object({ id: z.string().max(1024) }).passthrough().optional(),
  from: z.object({ id: z.string().max(1024) }).passthrough().optional(),
}).passthrough();

export interface TeamsEndpoint {
  /** Handles POST /api/messages. Writes the HTTP answer itself. */
  process(req: Request & { body?: unknown }, res: Response): Promise<void>;
}

export function createTeamsEndpoint(config: Config, services: Services): TeamsEndpoint {
  const bot = new KompetanseBot(services);
  const adapter = createAdapter(config, (context, err) => onTurnError(context, err, services));
  const allowedTenants = new Set(config.ALLOWED_TENANTS.map((t) => t.toLowerCase()));
  return {
    async process(req, res) {
      if (!ActivityEnvelope.safeParse(req.body).success) {
        res.status(400);
        res.send({ error: 'The body is not a Bot Framework activity.' });
        res.end();
        return;
      }
      // Only configured tenants are served: anyone else is refused before any handler runs.
      if (allowedTenants.size > 0 && !allowedTenants.has(tenantOfBody(req.body))) {
        services.logger.warn('activity from a tenant that is not served', { type: (req.body as { type?: string }).type });
        res.status(403);
        res.send({ error: 'This tenant is not served by this bot.' });
        res.end();
        return;
      }
      await adapter.process(req, res, (context) => bot.run(context));
    },
  };
}

function tenantOfBody(body: unknown): string {
  const a = body as { conversation?: { tenantId?: string }; channelData?: { tenant?: { id?: string } } };
  return (a.conversation?.tenantId ?? a.channelData?.tenant?.id ?? '').toLowerCase();
}
