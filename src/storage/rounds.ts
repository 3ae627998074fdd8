import { RoundSchema, type Round } from '../domain/round';
import { createIfAbsent, getOrUndefined, mutateEntity, propertiesOf, type Tables } from './tables';
import { packJson, unpackJson } from './json';

// Few rounds ever exist (one a year), so they share one partition; listing them is one small query.
const PK = 'round';

export class Rounds {
  constructor(private readonly tables: Tables) {}
  private get table() { return this.tables.client('Rounds'); }

  /** Creates the round unless one with that id exists; returns whether it was created. */
  async create(round: Round): Promise<boolean> {
    return createIfAbsent(this.table, { partitionKey: PK, rowKey: round.id, ...packJson(RoundSchema.parse(round)) });
  }

  async get(id: string): Promise<Round | undefined> {
    const row = await getOrUndefined<Record<string, unknown>>(this.table, PK, id);
    return row ? RoundSchema.parse(unpackJson(propertiesOf(row))) : undefined;
  }

  async list(): Promise<Round[]> {
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
    return result;
  }
}
