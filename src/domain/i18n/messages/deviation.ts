import { defineMessages } from '../catalog';

// A decision against the forum's recommendation: the reason it needs, and how the owner sees it.
export const deviationMessages = defineMessages({
  nb: {
    'decision.error.reasonDeviation': 'Vedtaket avviker fra forumets innstilling ({recommended}). Skriv en begrunnelse; eieren får den sammen med vedtaket.',
    'decision.deviation.formHint': 'Forumets innstilling: {recommended}. Et vedtak som avviker fra innstillingen, må begrunnes, og eieren ser begrunnelsen.',
    'decision.deviation.fact': 'Avvik fra innstillingen',
    'decision.deviation.value': 'Samarbeidsforumet innstilte «{recommended}». Vedtaket avviker, se begrunnelsen.',
  },
  nn: {
    'decision.error.reasonDeviation': 'Vedtaket avvik frå innstillinga til forumet ({recommended}). Skriv ei grunngiving; eigaren får ho saman med vedtaket.',
    'decision.deviation.formHint':
      'Innstillinga til forumet: {recommended}. Eit vedtak som avvik frå innstillinga, må grunngivast, og eigaren ser grunngivinga.',
    'decision.deviation.fact': 'Avvik frå innstillinga',
    'decision.deviation.value': 'Samarbeidsforumet innstilte «{recommended}». Vedtaket avvik, sjå grunngivinga.',
  },
  en: {
    'decision.error.reasonDeviation':
      "The decision departs from the forum's recommendation ({recommended}). Write a reason; the owner gets it with the decision.",
    'decision.deviation.formHint': "The forum's recommendation: {recommended}. A decision that departs from it needs a reason, which the owner sees.",
    'decision.deviation.fact': 'Departure from the recommendation',
    'decision.deviation.value': 'The cooperation forum recommended "{recommended}". The decision departs from it; see the reason.',
  },
});
