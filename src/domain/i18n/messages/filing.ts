import { defineMessages } from '../catalog';

// Why an owner may not file, change or withdraw now (domain/filingWindow.ts). "round.closed" (the
// deadline passed) lives in wizard.ts. And a draft to delete that is not the caller's.
export const filingMessages = defineMessages({
  nb: {
    'receipt.editTextLocked':
      '{reference} er oppdatert (versjon {version}) og sendt til Statsforvalteren igjen. Innmeldingsrunden er stengt, så meldingen kan ikke endres eller trekkes mer.',
    'draft.deleteNotFound':
      'Fant ikke utkastet, så ingenting er slettet. Det er allerede slettet eller sendt inn, eller det er ikke ditt. Skriv «mine meldinger» for å se hva du har.',
    'filing.planned':
      'Innmeldingsrunde {year} er ikke åpnet ennå. Meldinger kan sendes inn, endres og trekkes når Statsforvalteren åpner innmeldingsrunden, fram til fristen {deadline}.',
    'filing.closedEarly':
      'Statsforvalteren stengte innmeldingsrunde {year} {closedAt} (fristen var {deadline}). Meldingen kan ikke sendes inn, endres eller trekkes nå. Ta kontakt med Statsforvalteren hvis noe må rettes.',
    'filing.closed':
      'Statsforvalteren har stengt innmeldingsrunde {year} (fristen var {deadline}). Meldingen kan ikke sendes inn, endres eller trekkes nå. Ta kontakt med Statsforvalteren hvis noe må rettes.',
  },
  nn: {
    'receipt.editTextLocked':
      '{reference} er oppdatert (versjon {version}) og sendt til Statsforvaltaren igjen. Innmeldingsrunden er stengd, så meldinga kan ikkje endrast eller trekkjast meir.',
    'draft.deleteNotFound':
      'Fann ikkje utkastet, så ingenting er sletta. Det er alt sletta eller sendt inn, eller det er ikkje ditt. Skriv «mine meldingar» for å sjå kva du har.',
    'filing.planned':
      'Innmeldingsrunde {year} er ikkje opna enno. Meldingar kan sendast inn, endrast og trekkjast når Statsforvaltaren opnar innmeldingsrunden, fram til fristen {deadline}.',
    'filing.closedEarly':
      'Statsforvaltaren stengde innmeldingsrunde {year} {closedAt} (fristen var {deadline}). Meldinga kan ikkje sendast inn, endrast eller trekkjast no. Ta kontakt med Statsforvaltaren om noko må rettast.',
    'filing.closed':
      'Statsforvaltaren har stengt innmeldingsrunde {year} (fristen var {deadline}). Meldinga kan ikkje sendast inn, endrast eller trekkjast no. Ta kontakt med Statsforvaltaren om noko må rettast.',
  },
  en: {
    'receipt.editTextLocked':
      '{reference} is updated (version {version}) and sent to the County Governor again. The filing round is closed, so the report can no longer be edited or withdrawn.',
    'draft.deleteNotFound':
      'Draft not found, so nothing was deleted. It has already been deleted or submitted, or it is not yours. Type "my reports" to see what you have.',
    'filing.planned':
      'Filing round {year} has not opened yet. Reports can be submitted, edited and withdrawn once the County Governor opens the filing round, until the deadline on {deadline}.',
    'filing.closedEarly':
      'The County Governor closed filing round {year} on {closedAt} (the deadline was {deadline}). The report can no longer be submitted, edited or withdrawn. Contact the County Governor if something must be corrected.',
    'filing.closed':
      'The County Governor has closed filing round {year} (the deadline was {deadline}). The report can no longer be submitted, edited or withdrawn. Contact the County Governor if something must be corrected.',
  },
});
