import { defineMessages } from '../catalog';

// What a person sending faster than the per-user limit is told instead of an answer.
export const limitMessages = defineMessages({
  nb: {
    'rateLimit.slowDown': 'Du sender veldig mange forespørsler nå. Vent noen sekunder og prøv igjen.',
  },
  nn: {
    'rateLimit.slowDown': 'Du sender svært mange førespurnader no. Vent nokre sekund og prøv igjen.',
  },
  en: {
    'rateLimit.slowDown': 'You are sending a lot of requests right now. Wait a few seconds and try again.',
  },
});
