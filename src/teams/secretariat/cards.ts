import { formatDate, type Locale, type Translate } from '../../domain/i18n';
import { osloClockTime } from '../../domain/osloTime';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { renderForm } from '../cards/formCard';
import { action, type CardAction } from '../cards/action';

/** The secretariat's cards are the generic templates; these fill in what each leaves empty. */

export interface Section {
  title: string;
  facts: Array<{ title: string; value: string }>;
  text?: string;
  button?: CardAction;
}

export function summaryCard(args: {
  title: string;
  intro?: string;
  notice?: string;
  error?: string;
  sections: Section[];
  actions: CardAction[];
  /** Shown behind one toggle button (with its title), after the sections. */
  details?: { title: string; sections: Section[] };
}): AdaptiveCard {
  const section = (s: Section) => ({
    title: s.title,
    facts: s.facts,
    text: s.text ?? '',
    errors: [],
    editVerb: s.button?.verb ?? '',
    editTitle: s.button?.title ?? '',
    editData: s.button?.data ?? {},
  });
  return renderCard('summary', {
    progress: '',
    title: args.title,
    intro: args.intro ?? '',
    notice: args.notice ?? '',
    errorSummary: args.error ?? '',
    sections: args.sections.map(section),
    details: (args.details?.sections ?? []).map(section),
    detailsTitle: args.details?.title ?? '',
    actions: args.actions,
  });
}

export function messageCard(args: { title: string; text: string; color?: 'Default' | 'Good' | 'Attention' | 'Warning'; actions?: CardAction[] }): AdaptiveCard {
  return renderCard('message', { title: args.title, text: args.text, color: args.color ?? 'Default', actions: args.actions ?? [] });
}

export interface FormField {
  id: string;
  kind: 'text' | 'textarea' | 'choice' | 'multichoice' | 'date' | 'info' | 'heading' | 'fold';
  label: string;
  value?: string;
  placeholder?: string;
  required?: boolean;
  maxLength?: number;
  hint?: string;
  error?: string;
  choices?: Array<{ title: string; value: string }>;
  /** A fold's own fields, behind a button titled `label`; `open` shows them at once (an error among them). */
  fields?: FormField[];
  open?: boolean;
}

/** A field with every property its template reads: an unset property would leave its ${...} standing in the card. */
const filled = (f: FormField): object => ({
  style: 'text',
  maxLength: 200,
  required: false,
  placeholder: '',
  hint: '',
  error: '',
  choices: [],
  value: '',
  ...Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)),
  ...(f.fields ? { fields: f.fields.map(filled) } : {}),
});

export function formCard(args: {
  title: string;
  intro?: string;
  notice?: string;
  errorSummary?: string;
  fields: FormField[];
  actions: CardAction[];
  required?: string;
}): AdaptiveCard {
  return renderForm({
    required: args.required,
    progress: '',
    title: args.title,
    intro: args.intro ?? '',
    notice: args.notice ?? '',
    errorSummary: args.errorSummary ?? '',
    fields: args.fields.map(filled),
    actions: args.actions,
  });
}

/** "1. februar 2027 kl. 23:59", in Oslo time. */
export function deadlineText(t: Translate, locale: Locale, deadline: string): string {
  return t('rounds.deadline', { date: formatDate(deadline, locale), time: osloClockTime(deadline) });
}

export const menuAction = (t: Translate) => action(t('secretariat.menu.back'), 'secretariat.menu', {});
