import { defineMessages } from '../catalog';

// Texts of the owner-claim rule: who acts for an owner is confirmed, not claimed by filing. The
// secretariat's list of claims (`krav`), the claim on the case card, what a claimant is told, and
// the lines the colleagues card adds (claims waiting, and the history of claims and decisions).
export const claimMessages = defineMessages({
  nb: {
    'claims.menu': 'Eierkrav',
    'claims.list.title': 'Krav om å handle for en eier',
    'claims.list.intro':
      'Den som sender inn for et organisasjonsnummer, ser bare meldingene sine egne til sekretariatet har bekreftet at personen handler for eieren. Bekreft dem som hører til eieren, og avvis resten.',
    'claims.list.none': 'Ingen krav venter på sekretariatet.',
    'claims.list.more': 'Viser de {shown} eldste av {count} krav. Behandle dem, så kommer resten.',
    'claims.section': '{person} for {owner}',
    'claims.fact.person': 'Bruker-id og tenant',
    'claims.fact.filed': 'Sendte inn',
    'claims.fact.status': 'Status',
    'claims.status.pending': 'Venter på sekretariatet',
    'claims.status.rejected': 'Avvist {date}',
    'claims.status.auto':
      'Venter på sekretariatet. Ingen andre har gjort krav på eieren: godkjennes meldingen (formelt kontrollert), blir personen bekreftet automatisk.',
    'claims.case.title': 'Krav om å handle for eieren',
    'claims.confirmButton': 'Bekreft',
    'claims.rejectSection': 'Hører ikke personen til eieren?',
    'claims.rejectButton': 'Avvis',
    'claims.rejectConfirm.title': 'Avvise kravet fra {person}?',
    'claims.rejectConfirm.text':
      '{person} blir ikke en av personene til {owner}. Personen ser fortsatt meldingene hen selv har sendt inn, men kan ikke endre eller trekke dem, og endringer hen har begynt på, blir slettet.',
    'claims.rejectConfirm.yes': 'Ja, avvis',
    'claims.back': 'Tilbake til kravene',
    'claims.confirmed': '{person} er bekreftet for {owner}, og ser nå alle eierens meldinger.',
    'claims.rejected': 'Kravet fra {person} på {owner} er avvist.',
    'claims.notOpen': 'Kravet fra {person} er allerede behandlet. Ingenting er endret.',
    'claims.usage': 'Kravet ble ikke funnet. Skriv «krav» for å se kravene som venter.',
    'claims.notConfirmed':
      'Du er ikke bekreftet for denne eieren ennå. Til sekretariatet har bekreftet deg, eller en som er bekreftet for eieren, har lagt deg til, ser du bare meldingene du selv har sendt inn.',
    'claims.readOnly':
      'Sekretariatet har avvist at du handler for denne eieren. Du kan se meldingene du sendte inn, men ikke endre, trekke eller rapportere på dem.',
    'claims.mine.pending': 'Du ser bare dine egne meldinger til sekretariatet har bekreftet deg for eieren.',
    'claims.notify.confirmedTitle': 'Du er bekreftet for {owner}',
    'claims.notify.confirmedText':
      'Sekretariatet har bekreftet at du handler for eieren. Du ser nå alle eierens behovsmeldinger i «mine meldinger», og kan legge til kolleger med «kolleger».',
    'claims.notify.rejectedTitle': 'Kravet ditt på {owner} er avvist',
    'claims.receipt.pending':
      'Du er ikke bekreftet for denne eieren ennå. Til sekretariatet har bekreftet deg, ser du bare meldingene du selv sender inn for eieren, ikke andres.',
    'claims.mine.rejected': 'Sekretariatet har avvist at du handler for eieren. Meldingene du sendte inn, kan du bare se.',
    'claims.people.title': 'Venter på sekretariatet ({count})',
    'claims.people.value': '{id} i {tenant}, sendte inn {date}',
    'claims.history.claimed': '{person} sendte inn {reference} og ba om å handle for eieren (venter på sekretariatet)',
    'claims.history.claimedBefore': '{person} var registrert fra før og venter nå på at sekretariatet bekrefter hen',
    'claims.history.confirmed': '{by} bekreftet {person}',
    'claims.history.rejected': '{by} avviste kravet fra {person}',
    'claims.history.autoConfirmed': '{person} ble bekreftet da {by} godkjente {reference}',
    'claims.history.migrated': '{person} ble bekreftet: sekretariatet hadde godkjent en melding hen sendte inn, eller hen var lagt til av en bekreftet',
  },
  nn: {
    'claims.menu': 'Eigarkrav',
    'claims.list.title': 'Krav om å handle for ein eigar',
    'claims.list.intro':
      'Den som sender inn for eit organisasjonsnummer, ser berre sine eigne meldingar til sekretariatet har stadfesta at personen handlar for eigaren. Stadfest dei som høyrer til eigaren, og avvis resten.',
    'claims.list.none': 'Ingen krav ventar på sekretariatet.',
    'claims.list.more': 'Viser dei {shown} eldste av {count} krav. Handsam dei, så kjem resten.',
    'claims.section': '{person} for {owner}',
    'claims.fact.person': 'Brukar-id og tenant',
    'claims.fact.filed': 'Sende inn',
    'claims.fact.status': 'Status',
    'claims.status.pending': 'Ventar på sekretariatet',
    'claims.status.rejected': 'Avvist {date}',
    'claims.status.auto':
      'Ventar på sekretariatet. Ingen andre har gjort krav på eigaren: blir meldinga godkjend (formelt kontrollert), blir personen stadfesta automatisk.',
    'claims.case.title': 'Krav om å handle for eigaren',
    'claims.confirmButton': 'Stadfest',
    'claims.rejectSection': 'Høyrer ikkje personen til eigaren?',
    'claims.rejectButton': 'Avvis',
    'claims.rejectConfirm.title': 'Avvise kravet frå {person}?',
    'claims.rejectConfirm.text':
      '{person} blir ikkje ein av personane til {owner}. Personen ser framleis meldingane hen sjølv har sendt inn, men kan ikkje endre eller trekkje dei, og endringar hen har byrja på, blir sletta.',
    'claims.rejectConfirm.yes': 'Ja, avvis',
    'claims.back': 'Tilbake til krava',
    'claims.confirmed': '{person} er stadfesta for {owner}, og ser no alle meldingane til eigaren.',
    'claims.rejected': 'Kravet frå {person} på {owner} er avvist.',
    'claims.notOpen': 'Kravet frå {person} er alt handsama. Ingenting er endra.',
    'claims.usage': 'Kravet blei ikkje funne. Skriv «krav» for å sjå krava som ventar.',
    'claims.notConfirmed':
      'Du er ikkje stadfesta for denne eigaren enno. Til sekretariatet har stadfesta deg, eller ein som er stadfesta for eigaren, har lagt deg til, ser du berre meldingane du sjølv har sendt inn.',
    'claims.readOnly':
      'Sekretariatet har avvist at du handlar for denne eigaren. Du kan sjå meldingane du sende inn, men ikkje endre, trekkje eller rapportere på dei.',
    'claims.mine.pending': 'Du ser berre dine eigne meldingar til sekretariatet har stadfesta deg for eigaren.',
    'claims.notify.confirmedTitle': 'Du er stadfesta for {owner}',
    'claims.notify.confirmedText':
      'Sekretariatet har stadfesta at du handlar for eigaren. Du ser no alle behovsmeldingane til eigaren i «mine meldingar», og kan leggje til kollegaer med «kollegaer».',
    'claims.notify.rejectedTitle': 'Kravet ditt på {owner} er avvist',
    'claims.receipt.pending':
      'Du er ikkje stadfesta for denne eigaren enno. Til sekretariatet har stadfesta deg, ser du berre meldingane du sjølv sender inn for eigaren, ikkje andre sine.',
    'claims.mine.rejected': 'Sekretariatet har avvist at du handlar for eigaren. Meldingane du sende inn, kan du berre sjå.',
    'claims.people.title': 'Ventar på sekretariatet ({count})',
    'claims.people.value': '{id} i {tenant}, sende inn {date}',
    'claims.history.claimed': '{person} sende inn {reference} og bad om å handle for eigaren (ventar på sekretariatet)',
    'claims.history.claimedBefore': '{person} var registrert frå før og ventar no på at sekretariatet stadfestar hen',
    'claims.history.confirmed': '{by} stadfesta {person}',
    'claims.history.rejected': '{by} avviste kravet frå {person}',
    'claims.history.autoConfirmed': '{person} blei stadfesta då {by} godkjende {reference}',
    'claims.history.migrated': '{person} blei stadfesta: sekretariatet hadde godkjent ei melding hen sende inn, eller hen var lagd til av ein stadfesta',
  },
  en: {
    'claims.menu': 'Owner claims',
    'claims.list.title': 'Claims to act for an owner',
    'claims.list.intro':
      'Whoever files for an organisation number sees only their own reports until the secretariat confirms that they act for the owner. Confirm those who belong to the owner and reject the rest.',
    'claims.list.none': 'No claims are waiting for the secretariat.',
    'claims.list.more': 'Showing the {shown} oldest of {count} claims. Handle them and the rest follow.',
    'claims.section': '{person} for {owner}',
    'claims.fact.person': 'User id and tenant',
    'claims.fact.filed': 'Filed',
    'claims.fact.status': 'Status',
    'claims.status.pending': 'Waiting for the secretariat',
    'claims.status.rejected': 'Rejected {date}',
    'claims.status.auto':
      'Waiting for the secretariat. Nobody else has claimed the owner: if the report is accepted (formally checked), the person is confirmed automatically.',
    'claims.case.title': 'Claim to act for the owner',
    'claims.confirmButton': 'Confirm',
    'claims.rejectSection': 'Not one of the owner’s people?',
    'claims.rejectButton': 'Reject',
    'claims.rejectConfirm.title': 'Reject the claim of {person}?',
    'claims.rejectConfirm.text':
      '{person} does not become one of the people of {owner}. They still see the reports they filed themselves, but cannot change or withdraw them, and changes they began are deleted.',
    'claims.rejectConfirm.yes': 'Yes, reject',
    'claims.back': 'Back to the claims',
    'claims.confirmed': '{person} is confirmed for {owner} and now sees all the owner’s reports.',
    'claims.rejected': 'The claim of {person} on {owner} is rejected.',
    'claims.notOpen': 'The claim of {person} has been handled already. Nothing was changed.',
    'claims.usage': 'The claim was not found. Type "claims" to see the claims waiting.',
    'claims.notConfirmed':
      'You are not confirmed for this owner yet. Until the secretariat confirms you, or someone confirmed for the owner adds you, you see only the reports you filed yourself.',
    'claims.readOnly':
      'The secretariat has rejected that you act for this owner. You can see the reports you filed, but not change, withdraw or report on them.',
    'claims.mine.pending': 'You see only your own reports until the secretariat confirms you for the owner.',
    'claims.notify.confirmedTitle': 'You are confirmed for {owner}',
    'claims.notify.confirmedText':
      'The secretariat has confirmed that you act for the owner. You now see all the owner’s needs reports in "my reports", and can add colleagues with "colleagues".',
    'claims.notify.rejectedTitle': 'Your claim on {owner} is rejected',
    'claims.receipt.pending':
      'You are not confirmed for this owner yet. Until the secretariat confirms you, you see only the reports you file for the owner yourself, not those of others.',
    'claims.mine.rejected': 'The secretariat has rejected that you act for the owner. You can only see the reports you filed.',
    'claims.people.title': 'Waiting for the secretariat ({count})',
    'claims.people.value': '{id} in {tenant}, filed {date}',
    'claims.history.claimed': '{person} filed {reference} and asked to act for the owner (waiting for the secretariat)',
    'claims.history.claimedBefore': '{person} was registered before and now waits for the secretariat to confirm them',
    'claims.history.confirmed': '{by} confirmed {person}',
    'claims.history.rejected': '{by} rejected the claim of {person}',
    'claims.history.autoConfirmed': '{person} was confirmed when {by} accepted {reference}',
    'claims.history.migrated': '{person} was confirmed: the secretariat had accepted a report they filed, or someone confirmed had added them',
  },
});
