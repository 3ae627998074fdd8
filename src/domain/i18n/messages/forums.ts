import { defineMessages } from '../catalog';

// Texts of several forums under one County Governor: which forum a meeting, member or report
// belongs to, and the round's budgets per forum.
export const forumsMessages = defineMessages({
  nb: {
    'forums.new.forum': 'Samarbeidsforum',
    'forums.new.inForum': 'Nytt møte: {forum}',
    'forums.new.error.forum': 'Velg et av samarbeidsforumene i listen.',
    'forums.new.error.chooseForum': 'Velg hvilket samarbeidsforum som skal møtes.',
    'forums.new.error.groupElsewhere': '{group} hører til {groupForum}, ikke {forum}. Velg en gruppe i {forum}, eller velg {groupForum}.',
  },
  nn: {
    'forums.new.forum': 'Samarbeidsforum',
    'forums.new.inForum': 'Nytt møte: {forum}',
    'forums.new.error.forum': 'Vel eitt av samarbeidsforuma i lista.',
    'forums.new.error.chooseForum': 'Vel kva samarbeidsforum som skal møtast.',
    'forums.new.error.groupElsewhere': '{group} høyrer til {groupForum}, ikkje {forum}. Vel ei gruppe i {forum}, eller vel {groupForum}.',
  },
  en: {
    'forums.new.forum': 'Cooperation forum',
    'forums.new.inForum': 'New meeting: {forum}',
    'forums.new.error.forum': 'Choose one of the cooperation forums in the list.',
    'forums.new.error.chooseForum': 'Choose which cooperation forum meets.',
    'forums.new.error.groupElsewhere': '{group} belongs to {groupForum}, not {forum}. Choose a group in {forum}, or choose {groupForum}.',
  },
});
