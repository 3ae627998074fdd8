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
    'history.earlier.one': '1 tidligere endring vises ikke her.',
    'history.earlier.other': '{count} tidligere endringer vises ikke her.',
    'text.cutReview': '… (forkortet: {shown} av {total} tegn; trykk «Endre» for hele teksten)',
    'colleagues.error.full':
      'Eieren har allerede {max} personer registrert, som er det meste. Fjern en som ikke lenger trenger tilgang, og legg til personen etterpå. Ingen er lagt til.',
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
    'history.earlier.one': '1 tidlegare endring er ikkje vist her.',
    'history.earlier.other': '{count} tidlegare endringar er ikkje viste her.',
    'text.cutReview': '… (forkorta: {shown} av {total} teikn; trykk «Endre» for heile teksten)',
    'colleagues.error.full':
      'Eigaren har alt {max} personar registrerte, som er det meste. Fjern ein som ikkje lenger treng tilgang, og legg til personen etterpå. Ingen er lagd til.',
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
    'history.earlier.one': '1 earlier change is not shown here.',
    'history.earlier.other': '{count} earlier changes are not shown here.',
    'text.cutReview': '… (shortened: {shown} of {total} characters; press "Change" for the whole text)',
    'colleagues.error.full':
      'The owner already has {max} people registered, which is the most allowed. Remove someone who no longer needs access, then add the person. Nobody was added.',
    'card.tooLarge':
      'The answer was too large for Teams to show. Nothing was changed by this. Try again, or ask the County Governor for help if it happens again.',
  },
});
