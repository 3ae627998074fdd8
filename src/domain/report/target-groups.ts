import { SCHEME_RULES, type Scheme } from '../schemes';

export const TARGET_GROUPS = ['ledere', 'laerere', 'assistenter', 'ppt', 'andre-tjenester'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Only Kompetanseløftet reaches beyond kindergartens and schools to PPT and other services. */
export const WIDER_TARGET_GROUPS: readonly TargetGroup[] = ['ppt', 'andre-tjenester'];

export function targetGroupsFor(scheme: Scheme | undefined): readonly TargetGroup[] {
  if (scheme && SCHEME_RULES[scheme].widerTargetGroups) return TARGET_GROUPS;
  return TARGET_GROUPS.filter((g) => !WIDER_TARGET_GROUPS.includes(g));
}

export function targetGroupLabelKey(group: TargetGroup) {
  return `report.targetGroup.${group}` as const;
}
