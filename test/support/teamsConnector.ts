import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { WindowLimit } from '../../src/domain/rateLimit';

/**
 * What the connector does with one request instead of posting it normally:
 * - status: answers with that status (and Retry-After when given); nothing is posted.
 * - slowMs: answers that late. `posted: 'if-caller-waits'` posts only if the caller is still
 *   connected by then (Teams dropping the work of a caller who hung up); `posted: 'at-once'`
 *   posts on receipt and only the answer is late, so a caller that gave up cannot know.
 * - drop: closes the connection without an answer, `before` or `after` posting.
 */
export type Fault = { status: number; retryAfter?: string } | { slowMs: number; posted: 'if-caller-waits' | 'at-once' } | { drop: 'before' | 'after' };

export interface Arrival {
  /** The message's tag (its text), as the test wrote it. */
  tag: string;
  kind: 'send' | 'thread' | 'update';
  /** Base conversation (a personal chat's id, or the channel id for threads and replies). */
  conversation: string;
  /** The full conversation id the request went to (with ;messageid= for replies). */
  conversationId: string;
  activityId: string;
  at: number;
  /** What was posted (a card's text is read from it). */
  activity?: any;
}

export interface Request {
  kind: Arrival['kind'];
  tag: string;
  conversation: string;
  attempt: number;
}

const baseConversation = (id: string) => id.replace(/;messageid=.*$/, '');

/**
 * A stand-in for Teams' Bot Connector for proactive sends: records each posted message (never
 * deduplicating: a message posted twice is recorded twice), can fail on purpose, and can enforce
 * Teams' sliding-window rate limits by answering 429 past them.
 */
export class TeamsConnector {
  readonly arrivals: Arrival[] = [];
  /** Requests received, whatever became of them. */
  requests = 0;
  /** 429s answered because a rate limit was exceeded (not counting scripted faults). */
  throttled = 0;
  fault?: (req: Request) => Fault | undefined;
  onArrival?: (a: Arrival) => void;
  /** Sliding windows at receipt, per conversation and for the whole app. */
  limits?: { conversation: readonly WindowLimit[]; app?: readonly WindowLimit[] };
  url = '';
  private server?: http.Server;
  private nextId = 0;
  private readonly attempts = new Map<string, number>();
  private readonly posted = new Map<string, number[]>();
  private readonly postedByApp: number[] = [];
  private readonly sockets = new Set<Socket>();
  /** Slow answers still to come: a late post would land when they fire. */
  private readonly pendingAnswers = new Set<NodeJS.Timeout>();

  async start(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  /** Resolves when no slow answer is pending any more, so every post this fake will record is recorded. */
  async idle(): Promise<void> {
    while (this.pendingAnswers.size) await new Promise((r) => setTimeout(r, 20));
  }

  async stop(): Promise<void> {
    for (const t of this.pendingAnswers) clearTimeout(t);
    this.pendingAnswers.clear();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** How many times each tag was posted. */
  counts(): Map<string, number> {
    const m = new Map<string, number>();
    for (const a of this.arrivals) m.set(a.tag, (m.get(a.tag) ?? 0) + 1);
    return m;
  }

  duplicates(): string[] {
    return [...this.counts()].filter(([, n]) => n > 1).map(([tag]) => tag);
  }

  missing(tags: Iterable<string>): string[] {
    const c = this.counts();
    return [...tags].filter((t) => !c.has(t));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      this.requests++;
      const path = decodeURIComponent((req.url ?? '').replace(/\?.*$/, ''));
      const body = raw ? JSON.parse(raw) : {};
      let kind: Arrival['kind'];
      let conversationId: string;
      let activity: any;
      const send = /^\/v3\/conversations\/(.+?)\/activities(?:\/([^/]+))?$/.exec(path);
      if (req.method === 'POST' && path === '/v3/conversations') {
        kind = 'thread';
        conversationId = body.channelData?.channel?.id ?? '';
        activity = body.activity ?? {};
      } else if (send && (req.method === 'POST' || req.method === 'PUT')) {
        kind = req.method === 'PUT' ? 'update' : 'send';
        conversationId = send[1];
        activity = body;
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NotFound', message: 'not a route of this fake' } }));
        return;
      }
      const tag = String(activity.text ?? activity.summary ?? '');
      const conversation = baseConversation(conversationId);
      const attemptKey = `${kind}|${tag}|${conversationId}`;
      const attempt = (this.attempts.get(attemptKey) ?? 0) + 1;
      this.attempts.set(attemptKey, attempt);

      const post = (): Arrival | undefined => {
        const now = Date.now();
        const wait = this.throttle(conversation, now);
        if (wait !== undefined) {
          this.throttled++;
          return undefined;
        }
        const activityId = kind === 'update' ? send![2] : `act-${++this.nextId}`;
        const arrival: Arrival = {
          tag,
          kind,
          conversation,
          conversationId: kind === 'thread' ? `${conversationId};messageid=${activityId}` : conversationId,
          activityId,
          at: now,
          activity,
        };
        this.arrivals.push(arrival);
        this.record(conversation, now);
        this.onArrival?.(arrival);
        return arrival;
      };
      const answer = (a: Arrival | undefined) => {
        if (res.destroyed || res.writableEnded) return;
        if (!a) {
          const retry = this.throttle(conversation, Date.now()) ?? 1000;
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.max(1, Math.ceil(retry / 1000))) });
          res.end(JSON.stringify({ error: { code: 'Throttled', message: 'Too many requests' } }));
          return;
        }
        res.writeHead(kind === 'thread' ? 201 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(kind === 'thread' ? { id: a.conversationId, activityId: a.activityId } : { id: a.activityId }));
      };

      const f = this.fault?.({ kind, tag, conversation, attempt });
      if (!f) return answer(post());
      if ('status' in f) {
        res.writeHead(f.status, { 'content-type': 'application/json', ...(f.retryAfter ? { 'retry-after': f.retryAfter } : {}) });
        res.end(JSON.stringify({ error: { code: `Fault${f.status}`, message: 'scripted fault' } }));
        return;
      }
      if ('drop' in f) {
        if (f.drop === 'after') post();
        req.socket.destroy();
        return;
      }
      let callerLeft = false;
      res.on('close', () => {
        if (!res.writableEnded) callerLeft = true;
      });
      const early = f.posted === 'at-once' ? post() : undefined;
      const timer = setTimeout(() => {
        this.pendingAnswers.delete(timer);
        if (f.posted === 'at-once') return answer(early);
        if (callerLeft) return; // the caller gave up; nothing was posted
        answer(post());
      }, f.slowMs);
      this.pendingAnswers.add(timer);
    });
  }

  /** undefined when a post is allowed now; else ms until it would be. */
  private throttle(conversation: string, now: number): number | undefined {
    if (!this.limits) return undefined;
    let wait = 0;
    const check = (times: number[], limits: readonly WindowLimit[]) => {
      for (const l of limits) {
        const inWindow = times.filter((t) => t > now - l.windowMs);
        if (inWindow.length >= l.max) wait = Math.max(wait, inWindow[inWindow.length - l.max] + l.windowMs - now);
      }
    };
    check(this.posted.get(conversation) ?? [], this.limits.conversation);
    if (this.limits.app) check(this.postedByApp, this.limits.app);
    return wait > 0 ? wait : undefined;
  }

  private record(conversation: string, now: number): void {
    if (!this.limits) return;
    const times = this.posted.get(conversation) ?? [];
    times.push(now);
    // Keep only what the longest window needs.
    const longest = Math.max(...this.limits.conversation.map((l) => l.windowMs));
    while (times.length && times[0] <= now - longest) times.shift();
    this.posted.set(conversation, times);
    this.postedByApp.push(now);
    while (this.postedByApp.length && this.postedByApp[0] <= now - 1000 * 60) this.postedByApp.shift();
  }
}
