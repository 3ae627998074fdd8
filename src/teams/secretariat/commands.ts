import { cardCommand } from '../commands/cardCommand';
import type { Command } from '../commands/types';
import { secretariatMenu } from './menu';
import { overviewShow } from './overview/overviewShow';
import { channelForm } from './roles/channelAssign';
import { rolesList } from './roles/rolesList';
import { roundNewForm } from './rounds/roundCreate';
import { roundList } from './rounds/roundList';

/** What officers type (nb, nn, en), spread into COMMANDS. Anyone else gets "secretariat only". */
export const SECRETARIAT_COMMANDS: readonly Command[] = [
  { words: ['sekretariat', 'sekretariatet', 'secretariat'], handler: cardCommand(secretariatMenu) },
  { words: ['oversikt', 'oversyn', 'overview'], handler: cardCommand(overviewShow) },
  { words: ['ny runde', 'new round', 'ny innmeldingsrunde', 'new filing round'], handler: cardCommand(roundNewForm) },
  { words: ['runder', 'rundar', 'rounds', 'innmeldingsrunder', 'innmeldingsrundar', 'filing rounds'], handler: cardCommand(roundList) },
  { words: ['roller', 'medlemmer', 'roles', 'members'], handler: cardCommand(rolesList) },
  { words: ['kanal', 'channel'], handler: cardCommand(channelForm) },
];
