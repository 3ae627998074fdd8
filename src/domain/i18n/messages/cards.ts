import { defineMessages } from '../catalog';

// Words every card shares (issue 26): the toggle that shows a card's details, a required field's message.
export const cardMessages = defineMessages({
  nb: {
    'card.details': 'Vis/skjul alle opplysninger',
    'form.required': 'Fyll ut dette feltet.',
  },
  nn: {
    'card.details': 'Vis/skjul alle opplysningar',
    'form.required': 'Fyll ut dette feltet.',
  },
  en: {
    'card.details': 'Show/hide all details',
    'form.required': 'Fill in this field.',
  },
});
