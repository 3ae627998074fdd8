import type { MessageKey, Translate } from '../i18n';
import { OWNER_TYPES, ownerTypeLabelKey } from '../ownerTypes';
import { SCHEMES, schemeLabelKey, type Scheme } from '../schemes';
import { targetGroupLabelKey, targetGroupsFor } from './target-groups';
import { THEMES, themeLabelKey } from './themes';

/** Choices for an Input.ChoiceSet: the stable code as value, the translated label as title. */
export type Choice = { title: string; value: string };

export function labelledChoices<T extends string>(values: readonly T[], labelKey: (v: T) => MessageKey, t: Translate): Choice[] {
  return values.map((value) => ({ title: t(labelKey(value)), value }));
}

export const schemeChoices = (t: Translate) => labelledChoices(SCHEMES, schemeLabelKey, t);
export const ownerTypeChoices = (t: Translate) => labelledChoices(OWNER_TYPES, ownerTypeLabelKey, t);
export const themeChoices = (t: Translate) => labelledChoices(THEMES, themeLabelKey, t);
/** Only the groups the chosen scheme allows (PPT and other services only for KOMPLOFT). */
export const targetGroupChoices = (t: Translate, scheme: Scheme | undefined) => labelledChoices(targetGroupsFor(scheme), targetGroupLabelKey, t);
