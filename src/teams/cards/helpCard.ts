import type { Translate } from '../../domain/i18n';
import type { Verb } from '../actions/verbs';
import { renderCard } from './render';

export function helpCard(t: Translate, opts: { welcome?: boolean; personal?: boolean; officer?: boolean } = {}) {
  const personal = opts.personal ?? true;
  return renderCard('help', {
    greeting: opts.welcome ? t('help.welcome') : '',
    title: t('help.title'),
    intro: t('help.intro'),
    owner: t('help.owner'),
    forum: t('help.forum'),
    // In a channel the bot hears only what @mentions it, and reports are filed in the personal chat.
    commands: !personal ? t('help.commandsChannel') : opts.officer ? `${t('help.secretariat')} ${t('help.commands')}` : t('help.commands'),
    // Reports are filed in the personal chat only, so a channel's help card offers no report buttons.
    actions: personal
      ? [
          // An officer's own work comes first.
          ...(opts.officer ? [{ title: t('help.secretariatButton'), verb: 'secretariat.menu' satisfies Verb }] : []),
          { title: t('help.newReport'), verb: 'report.new' satisfies Verb },
          { title: t('help.continue'), verb: 'report.continue' satisfies Verb },
          { title: t('help.myReports'), verb: 'report.mine' satisfies Verb },
        ]
      : [],
  });
}

export function errorCard(t: Translate, kind: 'storage' | 'generic') {
  return renderCard('message', {
    title: t('error.storage.title'),
    text: kind === 'storage' ? t('error.storage.text') : t('error.generic'),
    color: 'Attention',
    actions: [],
  });
}
