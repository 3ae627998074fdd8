import { defineMessages } from '../catalog';

// Texts of the secretariat's work: roles, rounds, intake digests, overview.
export const secretariatMessages = defineMessages({
  nb: {
    'secretariat.only': 'Dette er bare for sekretariatet hos Statsforvalteren. Ingenting er endret. Spør sekretariatet om du mener du skal ha tilgang.',
  },
  nn: {
    'secretariat.only': 'Dette er berre for sekretariatet hos Statsforvaltaren. Ingenting er endra. Spør sekretariatet om du meiner du skal ha tilgang.',
  },
  en: {
    'secretariat.only': "This is for the County Governor's secretariat only. Nothing was changed. Ask the secretariat if you think you should have access.",
  },
});
