import { renderCard, template, type AdaptiveCard } from './render';

/**
 * One field of a form card: `kind` picks its template in cards/fields/; the rest is that template's data.
 * A `fold` holds `fields` of its own behind a button (`label`), shown at once when `open`.
 */
export interface FormCardField {
  kind: string;
  hint?: string;
  error?: string;
  fields?: FormCardField[];
  [key: string]: unknown;
}

export interface FormCardData {
  progress: string;
  title: string;
  intro: string;
  notice: string;
  errorSummary: string;
  errorFooter?: string;
  fields: readonly object[];
  actions: readonly object[];
  /** What a required field without a message of its own says when left empty (the renderer and screen readers need one). */
  required?: string;
}

const KINDS = new Set(['heading', 'info', 'text', 'textarea', 'choice', 'multichoice', 'date', 'toggle', 'fold']);

// A block the card shows only when there is text: one element or none, so cards/form.json needs no `$when`.
const present = (text: string | undefined) => (text ? [{ text }] : []);

/**
 * Each field is expanded with its own kind's small template (cards/fields/<kind>.json) and handed to
 * cards/form.json whole, so no template evaluates a branch per field: the ten `$when`s per field that
 * one shared template needed cost more than the rest of a wizard step's card together.
 */
function fieldItems(field: FormCardField, required: string | undefined): object[] {
  if (!KINDS.has(field.kind)) throw new Error(`no card template for field kind ${field.kind}`);
  const data =
    field.kind === 'fold'
      ? { ...field, open: field.open === true, items: (field.fields ?? []).flatMap((f) => fieldItems(f, required)) }
      : field.required && !field.errorMessage && required
        ? { ...field, errorMessage: required }
        : field;
  return [
    template(`fields/${field.kind}`).expand({ $root: data }) as object,
    ...present(field.hint).map((hint) => template('fields/hint').expand({ $root: hint }) as object),
    ...present(field.error).map((error) => template('fields/error').expand({ $root: error }) as object),
  ];
}

/** The form card every wizard step and every other form uses; rendered (and made literal) by renderCard. */
export function renderForm(data: FormCardData): AdaptiveCard {
  return renderCard('form', {
    progress: present(data.progress),
    title: data.title,
    intro: present(data.intro),
    notice: present(data.notice),
    errorSummary: present(data.errorSummary),
    errorFooter: present(data.errorFooter),
    fields: (data.fields as FormCardField[]).map((field) => ({
      items: fieldItems(field, data.required),
    })),
    actions: data.actions,
  });
}
