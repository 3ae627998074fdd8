/** Kindergarten/school owners: a municipality, a county municipality, or a private owner. */
export const OWNER_TYPES = ['kommune', 'fylkeskommune', 'privat'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

export function ownerTypeLabelKey(type: OwnerType) {
  return `report.ownerType.${type}` as const;
}
