import { isOfficer, type Grant } from '../../domain/roles';
import type { Turn } from '../turn';
import { Refusal, personOf } from '../wizard/session';

/**
 * The one gate for everything the secretariat does: the caller's officer grant in this forum
 * (stored, or bootstrapped from BOOTSTRAP_SECRETARIAT). Anyone else gets
 * Refusal('secretariat.only') before anything is read or written on their behalf.
 */
export async function requireOfficer(turn: Turn): Promise<Grant> {
  const forum = turn.services.regions.id;
  const person = personOf(turn);
  const grants = await turn.services.roles.of(person);
  const grant = grants.find((g) => g.forum === forum && g.role === 'secretariat');
  if (!grant || !isOfficer(grants, forum)) throw new Refusal('secretariat.only');
  return grant;
}
