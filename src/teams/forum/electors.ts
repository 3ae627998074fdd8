import { voterKey } from '../../storage/votes';
import type { Person } from '../../domain/roles';
import type { Services } from '../services';

/** One person entitled to vote in a group: their grants there merged (a chair may also be a member). */
export interface Elector {
  key: string;
  person: Person;
  chair: boolean;
  organisations: string[];
}

/** The members and chair of a group, one entry per person. */
export async function electorate(services: Services, forum: string, group: string): Promise<Elector[]> {
  const byKey = new Map<string, Elector>();
  for (const g of await services.roles.inGroup(forum, group)) {
    if (g.role !== 'member' && g.role !== 'chair') continue;
    const key = voterKey(g.person);
    const e = byKey.get(key) ?? { key, person: g.person, chair: false, organisations: [] };
    e.chair ||= g.role === 'chair';
    e.organisations = [...new Set([...e.organisations, ...g.organisations])];
    byKey.set(key, e);
  }
  return [...byKey.values()];
}
