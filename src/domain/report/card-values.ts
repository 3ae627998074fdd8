import { formatLineList } from './line-list';
import type { ReportDraft } from './report-fields';
import { CARD_INPUTS, amountInputId, type InputStep } from './steps';

/**
 * A draft as the strings a step's card shows in its inputs (to resume, go back, or edit a
 * submitted report). Every input id gets a value, '' when empty: a template binding to a
 * missing property would otherwise show the binding expression itself.
 *
 * Fed back to validateStep unchanged, these give the same draft.
 */
export function cardValues(step: InputStep, draft: ReportDraft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of CARD_INPUTS[step]) out[id] = '';
  const set = (id: string, v: string | undefined) => {
    if (v !== undefined && Object.hasOwn(out, id)) out[id] = v;
  };
  switch (step) {
    case 'owner':
      set('ownerName', draft.ownerName);
      set('ownerOrgnr', draft.ownerOrgnr);
      set('ownerType', draft.ownerType);
      set('region', draft.region);
      set('scheme', draft.scheme);
      break;
    case 'contact':
      set('network', draft.network && formatLineList(draft.network));
      set('contactName', draft.contactName);
      set('contactEmail', draft.contactEmail);
      set('contactPhone', draft.contactPhone);
      break;
    case 'measure':
      set('title', draft.title);
      set('needAndGoal', draft.needAndGoal);
      set('theme', draft.theme);
      set('themeOther', draft.themeOther);
      set('priorityAreas', draft.priorityAreas?.join(','));
      break;
    case 'targets':
      set('targetGroups', draft.targetGroups?.join(','));
      set('unitCount', numberText(draft.unitCount));
      set('units', draft.units && formatLineList(draft.units));
      set('participants', numberText(draft.participants));
      break;
    case 'partner':
      set('uhName', draft.uhName);
      set('uhOrgnr', draft.uhOrgnr);
      set('uhContact', draft.uhContact);
      set('uhDialogueConfirmed', draft.uhDialogueConfirmed ? 'true' : 'false');
      set('staffInvolved', draft.staffInvolved ? 'true' : 'false');
      break;
    case 'period':
      set('startYear', draft.startYear === undefined ? undefined : String(draft.startYear));
      set('years', draft.years === undefined ? undefined : String(draft.years));
      break;
    case 'money':
      (draft.amounts ?? []).forEach((row, i) => {
        set(amountInputId(i + 1, 'owner'), numberText(row.owner));
        set(amountInputId(i + 1, 'uh'), numberText(row.uh));
        set(amountInputId(i + 1, 'ownContribution'), numberText(row.ownContribution));
      });
      break;
  }
  return out;
}

/** 1250000 → "1 250 000": readable in an input, and read back the same by the schema. */
export function numberText(n: number | undefined): string | undefined {
  if (n === undefined) return undefined;
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ' ';
    out += digits[i];
  }
  return out;
}
