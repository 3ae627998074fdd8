import { defineMessages } from '../catalog';

// An appeal as steps of the case's story, and a decision changed on appeal with what it was and
// what it is now ("Endret fra 200 000 kr til 150 000 kr").
export const appealStoryMessages = defineMessages({
  nb: {
    'story.appeal.received': 'Klage mottatt {date} · {who}',
    'story.appeal.receivedLate': 'Klage mottatt {date}, etter klagefristen · {who}',
    'story.appeal.upheld': 'Klagen avgjort: vedtaket opprettholdes · {who}',
    'story.appeal.late': 'Klagen avvist fordi den kom for sent · {who}',
    'story.appeal.changed': 'Klagen avgjort: nytt vedtak. Endret fra {from} til {to} · {who}',
    'story.appeal.briefOutcome': '{amount} ({outcome})',
    'appeal.change.hint': 'Bare når vedtaket endres: det nye vedtaket, med beløpet for hvert skoleår.',
    'appeal.newOutcome': 'Nytt vedtak',
    'appeal.error.sameDecision': 'Det nye vedtaket er det samme som det gamle. Velg «Vedtaket opprettholdes», eller endre utfallet eller beløpene.',
    'appeal.notify.changedFrom': 'Endret fra {from} til {to}.',
  },
  nn: {
    'story.appeal.received': 'Klage motteken {date} · {who}',
    'story.appeal.receivedLate': 'Klage motteken {date}, etter klagefristen · {who}',
    'story.appeal.upheld': 'Klaga avgjord: vedtaket blir ståande · {who}',
    'story.appeal.late': 'Klaga avvist fordi ho kom for seint · {who}',
    'story.appeal.changed': 'Klaga avgjord: nytt vedtak. Endra frå {from} til {to} · {who}',
    'story.appeal.briefOutcome': '{amount} ({outcome})',
    'appeal.change.hint': 'Berre når vedtaket blir endra: det nye vedtaket, med beløpet for kvart skuleår.',
    'appeal.newOutcome': 'Nytt vedtak',
    'appeal.error.sameDecision': 'Det nye vedtaket er det same som det gamle. Vel «Vedtaket blir ståande», eller endra utfallet eller beløpa.',
    'appeal.notify.changedFrom': 'Endra frå {from} til {to}.',
  },
  en: {
    'story.appeal.received': 'Appeal received {date} · {who}',
    'story.appeal.receivedLate': 'Appeal received {date}, after the deadline · {who}',
    'story.appeal.upheld': 'Appeal decided: the decision is upheld · {who}',
    'story.appeal.late': 'Appeal rejected as late · {who}',
    'story.appeal.changed': 'Appeal decided: new decision. Changed from {from} to {to} · {who}',
    'story.appeal.briefOutcome': '{amount} ({outcome})',
    'appeal.change.hint': 'Only when the decision is changed: the new decision, with the amount for each school year.',
    'appeal.newOutcome': 'New decision',
    'appeal.error.sameDecision': 'The new decision is the same as the old one. Choose «The decision is upheld», or change the outcome or the amounts.',
    'appeal.notify.changedFrom': 'Changed from {from} to {to}.',
  },
});
