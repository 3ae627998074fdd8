// Stable identities used across tests. A person is tenant + AAD object id, never a name.
export const TENANT = '11111111-1111-4111-8111-111111111111';
export const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';

export interface Persona {
  name: string;
  aadObjectId: string;
  tenantId: string;
  locale?: string;
}

const person = (name: string, n: number, tenantId = TENANT): Persona => ({
  name,
  aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  tenantId,
});

export const OWNER = person('Kari Nordmann', 1);
export const COLLEAGUE = person('Ola Nordmann', 2);
export const OTHER_OWNER = person('Per Hansen', 3);
export const MEMBER = person('Ingrid Berg', 4);
export const OFFICER = person('Siri Statsforvalter', 5);
export const FOREIGN = person('Eve Utenfor', 6, OTHER_TENANT);
