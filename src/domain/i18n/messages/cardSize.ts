import { defineMessages } from '../catalog';

// Cards that grow with data: paging, long texts cut short, and what is said when a card would still not fit in Teams.
export const cardSizeMessages = defineMessages({
  nb: {
    'page.of': 'Side {page} av {pages}',
    'page.next': 'Neste side',
    'page.previous': 'Forrige side',
    'text.cut': '… (forkortet: {shown} av {total} tegn)',
    'text.showAll': 'Vis hele teksten: {field}',
    'text.fullTitle': '{field} – {title}',
    'text.part': 'Del {page} av {pages}',
    'text.back': 'Tilbake',
    'text.cutReview': '… (forkortet: {shown} av {total} tegn; trykk «Endre» for hele teksten)',
    'card.tooLarge':
      'Svaret ble for stort til å vises i Teams. Ingenting er endret av dette. Prøv igjen, eller be Statsforvalteren om hjelp hvis det skjer igjen.',
  },
  nn: {
    'page.of': 'Side {page} av {pages}',
    'page.next': 'Neste side',
    'page.previous': 'Førre side',
    'text.cut': '… (forkorta: {shown} av {total} teikn)',
    'text.showAll': 'Vis heile teksten: {field}',
    'text.fullTitle': '{field} – {title}',
    'text.part': 'Del {page} av {pages}',
    'text.back': 'Tilbake',
    'text.cutReview': '… (forkorta: {shown} av {total} teikn; trykk «Endre» for heile teksten)',
    'card.tooLarge':
      'Svaret vart for stort til å visast i Teams. Ingenting er endra av dette. Prøv igjen, eller be Statsforvaltaren om hjelp om det skjer igjen.',
  },
  en: {
    'page.of': 'Page {page} of {pages}',
    'page.next': 'Next page',
    'page.previous': 'Previous page',
    'text.cut': '… (shortened: {shown} of {total} characters)',
    'text.showAll': 'Show the whole text: {field}',
    'text.fullTitle': '{field} – {title}',
    'text.part': 'Part {page} of {pages}',
    'text.back': 'Back',
    'text.cutReview': '… (shortened: {shown} of {total} characters; press "Change" for the whole text)',
    'card.tooLarge':
      'The answer was too large for Teams to show. Nothing was changed by this. Try again, or ask the County Governor for help if it happens again.',
  },
});
