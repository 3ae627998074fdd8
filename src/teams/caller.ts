import type { PersonKey } from '../storage/keys';
import { Refusal } from './refusals';
import type { Turn } from './turn';

/** The caller as a person key (tenant + AAD object id); refused when Teams sent no object id. */
export function personOf(turn: Turn): PersonKey {
  if (!turn.caller.aadObjectId) throw new Refusal('identity.missing');
  return { tenantId: turn.caller.tenantId, aadObjectId: turn.caller.aadObjectId };
}

/** Reports are filed in the personal chat; a channel gets a pointer there instead. */
export function requirePersonal(turn: Turn): void {
  const type = turn.context.activity.conversation?.conversationType;
  if (type && type !== 'personal') throw new Refusal('personalOnly');
}
