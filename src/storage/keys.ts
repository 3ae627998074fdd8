import { safeKey } from './tables';

/** A person as a key part: tenant + AAD object id, never a name; in lower case, as Teams sends GUIDs. */
export interface PersonKey {
  tenantId: string;
  aadObjectId: string;
}

export const personKey = (p: PersonKey) => `${safeKey(p.tenantId.toLowerCase())}_${safeKey(p.aadObjectId.toLowerCase())}`;

/** OData string literal for a filter. */
export const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Row keys that sort newest first (Company Communicator's MaxTicks − now). */
export function newestFirst(at: Date): string {
  return String(8_640_000_000_000_000 - at.getTime()).padStart(16, '0');
}
