import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  body: any;
}

/**
 * A local stand-in for Teams' Bot Connector: the bot's proactive sends and API calls arrive here
 * (as `serviceUrl`), are recorded, and get Teams-shaped answers.
 */
export class FakeConnector {
  readonly received: Received[] = [];
  channels = new Map<string, Array<{ id: string; name?: string }>>();
  /** Team members by team id, as TeamsInfo.getPagedMembers reads them. */
  members = new Map<string, Array<{ id: string; name: string; aadObjectId: string; tenantId?: string }>>();
  private server?: http.Server;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        const body = raw ? JSON.parse(raw) : undefined;
        const path = (req.url ?? '').replace(/\?.*$/, '');
        this.received.push({ method: req.method ?? '', path, body });
        res.setHeader('content-type', 'application/json');
        const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(path);
        if (req.method === 'GET' && paged) {
          res.end(JSON.stringify({ members: this.members.get(decodeURIComponent(paged[1])) ?? [] }));
          return;
        }
        const team = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(path);
        if (req.method === 'GET' && team) {
          const id = decodeURIComponent(team[1]);
          res.end(JSON.stringify({ conversations: this.channels.get(id) ?? [{ id, name: null }] }));
          return;
        }
        const id = `activity-${this.received.length}`;
        // A new channel thread: Teams answers with the thread's conversation id and the post's id.
        if (req.method === 'POST' && path === '/v3/conversations') {
          res.end(JSON.stringify({ id: `${body?.channelData?.channel?.id ?? ''};messageid=${id}`, activityId: id }));
          return;
        }
        res.end(JSON.stringify({ id }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  /** New messages: sends and replies, and new channel threads (whose message is `body.activity`). */
  sent(): Received[] {
    return this.received.filter((r) => r.method === 'POST' && (/\/activities/.test(r.path) || r.path === '/v3/conversations'));
  }

  /** Cards replaced in place (PUT …/activities/<id>). */
  updated(): Received[] {
    return this.received.filter((r) => r.method === 'PUT' && /\/activities\//.test(r.path));
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
