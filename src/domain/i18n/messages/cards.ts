import { defineMessages } from '../catalog';

// Words every card shares (issue 26): the toggle that shows a card's details, a required field's message.
export const cardMessages = defineMessages({
  nb: {
    'card.details': 'Vis/skjul alle opplysninger',
    'form.required': 'Fyll ut dette feltet.',
    'help.commandsChannel': 'I en kanal skriver du @Kompetansebot foran ordet, for eksempel «@Kompetansebot hjelp». Behov meldes i chatten med meg.',
  },
  nn: {
    'card.details': 'Vis/skjul alle opplysningar',
    'form.required': 'Fyll ut dette feltet.',
    'help.commandsChannel': 'I ein kanal skriv du @Kompetansebot framfor ordet, til dømes «@Kompetansebot hjelp». Behov meldar du i chatten med meg.',
  },
  en: {
    'card.details': 'Show/hide all details',
    'form.required': 'Fill in this field.',
    'help.commandsChannel':
      'In a channel, type @Kompetansebot before the word, for example "@Kompetansebot help". Needs reports are filed in the chat with me.',
  },
});
