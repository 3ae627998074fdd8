import { RoundSchema, type Round } from '../domain/round';
import { createIfAbsent, deleteIfPresent, getOrUndefined, mutateEntity, propertiesOf, type Tables } from './tables';
import { packJson, unpackJson } from './json';
import { uncounted } from './callCounter';

// Few rounds ever exist (one a year), so they share one partition; listing them is one small query.
const PK = 'round';

export class Rounds {
  /**
   * Every wizard step needs its round, and rounds change a few times a year, so one instance
   * keeps the list for `cacheMs`. Its own writes refresh it at once; another instance's change is
   * seen within `cacheMs`, so a refusal must not rest on the cache alone: callers about to refuse
   * an owner (no open round, the round closed) ask `fresh` first, and a write's own check reads fresh.
   */
  constructor(
    private readonly tables: Tables,
    private readonly cacheMs = 1000,
  ) {}
  private get table() {
    return this.tables.client('Rounds');
  }
  private cached?: { at: number; rounds: Promise<Round[]> };

  /** Creates the round unless one with that id exists; returns whether it was created. */
  async create(round: Round): Promise<boolean> {
    const created = await createIfAbsent(this.table, { partitionKey: PK, rowKey: round.id, ...packJson(RoundSchema.parse(round)) });
    this.cached = undefined;
    return created;
  }

  /** Deletes the round's own row (the last step of purging an old round). */
  async remove(id: string): Promise<void> {
    await deleteIfPresent(this.table, PK, id);
    this.cached = undefined;
  }

  async get(id: string): Promise<Round | undefined> {
    const cached = (await this.list()).find((r) => r.id === id);
    if (cached) return cached;
    // Created by another instance since the list was read.
    return this.readOne(id);
  }

  /**
   * The round as stored now (one point read, counted in the turn that asks), for a decision that
   * must not rest on another instance's change not yet seen. The cached list learns it too.
   */
  async fresh(id: string): Promise<Round | undefined> {
    const round = await this.readOne(id);
    const cached = this.cached;
    if (cached) {
      const rounds = cached.rounds.then((list) => [...list.filter((r) => r.id !== id), ...(round ? [round] : [])].sort((a, b) => b.year - a.year));
      rounds.catch(() => undefined);
      if (this.cached === cached) this.cached = { at: cached.at, rounds };
    }
    return round;
  }

  /** All rounds as stored now (counted in the turn that asks), replacing the cached list. */
  async listFresh(): Promise<Round[]> {
    return this.cache(this.read());
  }

  /** All rounds, newest year first (cached briefly, see the constructor). */
  async list(): Promise<Round[]> {
    if (!this.cached || Date.now() - this.cached.at > this.cacheMs) {
      // A shared refresh, not the work of the turn that happens to ask first: counted in the total only.
      return this.cache(uncounted(() => this.read()));
    }
    return this.cached.rounds;
  }

  /** Keeps a read of the list as the cache, dropped again if the read fails. */
  private cache(rounds: Promise<Round[]>): Promise<Round[]> {
    this.cached = { at: Date.now(), rounds };
    rounds.catch(() => {
      if (this.cached?.rounds === rounds) this.cached = undefined;
    });
    return rounds;
  }

  private async readOne(id: string): Promise<Round | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.table, PK, id);
    return row ? RoundSchema.parse(unpackJson(propertiesOf(row))) : undefined;
  }

  private async read(): Promise<Round[]> {
    const out: Round[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq '${PK}'` } })) {
      out.push(RoundSchema.parse(unpackJson(propertiesOf(row))));
    }
    return out.sort((a, b) => b.year - a.year);
  }

  async update(id: string, change: (round: Round) => Round): Promise<Round | undefined> {
    let result: Round | undefined;
    await mutateEntity<Record<string, unknown>>(this.table, PK, id, (cur) => {
      if (!cur) return undefined;
      result = RoundSchema.parse(change(RoundSchema.parse(unpackJson(cur))));
      return packJson(result);
    });
    this.cached = undefined;
    return result;
  }
}
