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
  return {
    async process(req, res) {
      if (!ActivityEnvelope.safeParse(req.body).success) {
        res.status(400);
        res.send({ error: 'The body is not a Bot Framework activity.' });
        res.end();
        return;
      }
      await adapter.process(req, res, (context) => bot.run(context));
    },
  };
}
