import { isOfficer, type Grant } from '../domain/roles';
import type { Turn } from './turn';
import { Refusal } from './refusals';
import { personOf } from './caller';

// Roles.of() stands a configuration officer in with this date until the grant is stored.
const NOT_STORED = '1970-01-01T00:00:00.000Z';

/**
 * The one gate for everything the secretariat does: the caller's officer grant in this forum
 * (stored, or bootstrapped from BOOTSTRAP_SECRETARIAT). Anyone else gets
 * Refusal('secretariat.only') before anything is read or written on their behalf.
 *
 * A configuration officer's first use stores their grant with their tenant, so digests and daily
 * summaries (which go to the stored officers) reach them too.
 */
export async function requireOfficer(turn: Turn): Promise<Grant> {
  const forum = turn.services.regions.id;
  const person = personOf(turn);
  const grants = await turn.services.roles.of(person);
  const grant = grants.find((g) => g.forum === forum && g.role === 'secretariat');
  if (!grant || !isOfficer(grants, forum)) throw new Refusal('secretariat.only');
  if (grant.grantedBy === 'configuration' && grant.grantedAt === NOT_STORED) {
    const stored: Grant = { ...grant, displayName: turn.context.activity.from?.name?.slice(0, 200) || undefined, grantedAt: turn.services.now().toISOString() };
    await turn.services.roles.grant(stored);
    return stored;
  }
  return grant;
}

/** "tenant:aad": how the audit trail and `grantedBy` name an officer. */
export const actorId = (g: Grant) => `${g.person.tenantId}:${g.person.aadObjectId}`;
